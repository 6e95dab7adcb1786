# expect: pass
# Momentum kept as a running sum of gradients (v = μv + g, W -= lr·v): the same steps with a constant lr.
import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.mu = momentum
        self.buf = {}

    def update(self, params, grads):
        for key, g in grads.items():
            self.buf[key] = self.mu * self.buf.get(key, 0.0) + g
            params[key] -= self.lr * self.buf[key]
