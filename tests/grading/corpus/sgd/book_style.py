# expect: pass
# Written the way the book writes its optimizers (a class per method, update(params, grads) over the keys).
import numpy as np


class SGD:
    """Stochastic gradient descent."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for name in params.keys():
            params[name] -= self.lr * grads[name]
