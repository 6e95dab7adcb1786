# expect: pass
# In the book's style: h decays in place, then gains the new squared gradient.
import numpy as np


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for name, value in params.items():
                self.h[name] = np.zeros_like(value)
        for name in params.keys():
            self.h[name] *= self.decay_rate
            self.h[name] += (1 - self.decay_rate) * grads[name] * grads[name]
            params[name] -= self.lr * grads[name] / (np.sqrt(self.h[name]) + 1e-7)
