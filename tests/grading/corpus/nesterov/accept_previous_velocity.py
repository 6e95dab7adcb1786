# expect: pass
import numpy as np


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = None

    def update(self, params, grads):
        if self.velocity is None:
            self.velocity = {k: np.zeros_like(v) for k, v in params.items()}
        for k in params:
            previous = self.velocity[k].copy()
            self.velocity[k] = self.momentum * previous - self.lr * grads[k]
            params[k] += -self.momentum * previous + (1 + self.momentum) * self.velocity[k]
