# expect: pass
# In the book's style: v created lazily as a dict of zeros shaped like each parameter.
import numpy as np


class Momentum:
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
            self.v[name] = self.momentum * self.v[name] - self.lr * grads[name]
            params[name] += self.v[name]
