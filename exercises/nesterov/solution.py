"""Reference solution: Nesterov's accelerated gradient in Bengio et al.'s form (arXiv:1212.0901)."""

import numpy as np


class Nesterov:
    """W ← W + μ²v − (1 + μ)η ∂L/∂W, using the velocity from the previous step; then v ← μv − η ∂L/∂W."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)

        for key in params.keys():
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
