# expect: fail
# message: is a new array
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in list(params):
            params[key] = params[key] - self.lr * grads[key]
        return params
