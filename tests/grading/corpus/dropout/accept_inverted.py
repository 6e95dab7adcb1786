# expect: pass
# Inverted dropout: scale the kept units by 1/(1 − p) while training, return x unchanged at test time.
import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.p = dropout_ratio
        self.keep = None

    def forward(self, x, train_flag=True):
        if not train_flag:
            return x
        self.keep = (np.random.rand(*x.shape) >= self.p) / (1.0 - self.p)
        return x * self.keep

    def backward(self, dout):
        return dout * self.keep
