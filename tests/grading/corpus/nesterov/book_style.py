# expect: pass
# The order of the book's original companion code since its January 2021 fix: move the parameters with the
# previous v first, then update v.
import numpy as np


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for name, value in params.items():
                self.v[name] = np.zeros_like(value)
        for name in params.keys():
            params[name] += self.momentum * self.momentum * self.v[name]
            params[name] -= (1 + self.momentum) * self.lr * grads[name]
            self.v[name] *= self.momentum
            self.v[name] -= self.lr * grads[name]
