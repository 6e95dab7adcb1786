# expect: error
# message: syntax error on line 8
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params
            params[key] -= self.lr * grads[key]
