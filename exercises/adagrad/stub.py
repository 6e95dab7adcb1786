"""Exercise adagrad (concept 0100): write AdaGrad, a learning rate per element.

h (zeros at first, kept between calls) adds up the squared gradients; elements that moved a lot get a
smaller step:
    h ← h + g ⊙ g
    W ← W − η · g / (√h + ε)          ε = 1e-7 keeps 0/0 away

params and grads are dicts of NumPy arrays with the same keys (e.g. "W1", "b1"). Change each
params[key] array IN PLACE (params[key] -= ...): the network's layers hold those very arrays.
Never change grads. Check your work with:  tutor check adagrad
"""

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        # TODO: h, the running sum of squared gradients of every parameter

    def update(self, params, grads):
        # TODO: update every params[key] in place
        raise NotImplementedError("AdaGrad.update")
