# expect: fail
# message: after step 1
# The step counter is used before it is incremented: 1 − β1⁰ = 0, a division by zero on the first call.
import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter = 0
        self.m = self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(p) for k, p in params.items()}
            self.v = {k: np.zeros_like(p) for k, p in params.items()}
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        self.iter += 1
        for k in params:
            self.m[k] += (1 - self.beta1) * (grads[k] - self.m[k])
            self.v[k] += (1 - self.beta2) * (grads[k] ** 2 - self.v[k])
            params[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)
