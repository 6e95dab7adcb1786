# expect: pass
# ε = 1e-6 inside the square root: a textbook placement; with 1e-3 gradients it changes steps by 40 %.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for k in params:
            self.h[k] += grads[k] ** 2
            params[k] -= self.lr * grads[k] / np.sqrt(self.h[k] + 1e-6)
