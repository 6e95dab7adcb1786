# expect: pass
import numpy as np


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.rho = decay_rate
        self.cache = {}

    def update(self, params, grads):
        for k, g in grads.items():
            self.cache[k] = self.rho * self.cache.get(k, np.zeros_like(g)) + (1 - self.rho) * g * g
            params[k] -= self.lr * g / (np.sqrt(self.cache[k]) + 1e-6)
