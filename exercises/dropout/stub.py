"""Exercise dropout (concept 0112): dropout, randomly deleting units while training.

forward(x, train_flag=True):
    training: draw a fresh random mask shaped like x that keeps each unit with probability
              1 − dropout_ratio (np.random.rand(*x.shape) > dropout_ratio), remember it, return x·mask
    test:     keep every unit, scaled by (1 − dropout_ratio), so the output equals the training output's
              average
backward(dout): the gradient flows only through the units the last training forward kept: dout·mask
(Inverted dropout — dividing by 1 − dropout_ratio while training and returning x at test — is accepted too.)
Check your work with:  tutor check dropout
"""

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flag=True):
        # TODO
        raise NotImplementedError("Dropout.forward")

    def backward(self, dout):
        # TODO
        raise NotImplementedError("Dropout.backward")
