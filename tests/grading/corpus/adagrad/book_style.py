# expect: pass
# In the book's style: h accumulates squared gradients; 1e-7 keeps the division finite.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for name, value in params.items():
                self.h[name] = np.zeros_like(value)
        for name in params.keys():
            self.h[name] += grads[name] * grads[name]
            params[name] -= self.lr * grads[name] / (np.sqrt(self.h[name]) + 1e-7)
