# expect: fail
# message: usually comes from ε
# ε = 1e-4: a hair off on every step; the message names ε as the usual cause.
import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for name, value in params.items():
                self.m[name] = np.zeros_like(value)
                self.v[name] = np.zeros_like(value)
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for name in params.keys():
            self.m[name] += (1 - self.beta1) * (grads[name] - self.m[name])
            self.v[name] += (1 - self.beta2) * (grads[name] ** 2 - self.v[name])
            params[name] -= lr_t * self.m[name] / (np.sqrt(self.v[name]) + 1e-4)
