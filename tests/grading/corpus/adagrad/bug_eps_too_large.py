# expect: fail
# message: expected 0.9, got 0.901961
# ε = 1e-2 is far outside what textbooks use (1e-10 to 1e-6): steps on small gradients shrink visibly.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for k in params:
            self.h[k] += grads[k] * grads[k]
            params[k] -= self.lr * grads[k] / (np.sqrt(self.h[k]) + 1e-2)
