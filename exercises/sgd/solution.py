"""Reference solution: SGD as the book writes it."""

import numpy as np


class SGD:
    """Stochastic gradient descent: W ← W − η ∂L/∂W."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]
