# expect: error
# message: ran out of memory
import numpy as np


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        buffer = np.ones((100_000, 100_000))
        for key in params:
            params[key] -= self.lr * grads[key] * buffer[0, 0]
