"""Exercise momentum (concept 0098): write Momentum SGD.

A velocity v per parameter (zeros at first, kept between calls) is pushed by the gradient and slowed by
friction α (self.momentum):
    v ← α·v − η · ∂L/∂W
    W ← W + v

params and grads are dicts of NumPy arrays with the same keys (e.g. "W1", "b1"). Change each
params[key] array IN PLACE (+= or -=, never params[key] = ...): the network's layers hold those
very arrays.
Never change grads. Check your work with:  tutor check momentum
"""

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        # TODO: the velocity v of every parameter (created on the first update)

    def update(self, params, grads):
        # TODO: update every params[key] in place
        raise NotImplementedError("Momentum.update")
