# expect: fail
# variant: velocity_updated_first
# message: WegraLee/deep-learning-from-scratch
# The order of the Korean edition's companion code (v updated first, then used): not Nesterov's update.
import numpy as np


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for name, value in params.items():
                self.v[name] = np.zeros_like(value)
        for name in params.keys():
            self.v[name] *= self.momentum
            self.v[name] -= self.lr * grads[name]
            params[name] += self.momentum * self.momentum * self.v[name]
            params[name] -= (1 + self.momentum) * self.lr * grads[name]
