# expect: fail
# message: forward(x, train_flag=False)
import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flag=True):
        self.mask = np.random.rand(*x.shape) > self.dropout_ratio
        return x * self.mask

    def backward(self, dout):
        return dout * self.mask
