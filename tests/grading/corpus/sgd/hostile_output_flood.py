# expect: error
# message: printed more than 4 MiB
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for _ in range(1000):
            print("all checks passed " * 1000)
        for key in params:
            params[key] -= self.lr * grads[key]
