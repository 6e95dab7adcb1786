"""Exercise nesterov (concept 0098, beyond the book's main text): write Nesterov's momentum.

Nesterov looks ahead along the velocity before taking the gradient. Rewritten so that update only needs
the gradient g at the stored W (Bengio et al., 2013), with α = self.momentum and v from the PREVIOUS call:
    W ← W + α²·v − (1 + α)·η·g
    v ← α·v − η·g

params and grads are dicts of NumPy arrays with the same keys (e.g. "W1", "b1"). Change each
params[key] array IN PLACE (+= or -=, never params[key] = ...): the network's layers hold those
very arrays.
Never change grads. Check your work with:  tutor check nesterov
"""

import numpy as np


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        # TODO: the velocity v of every parameter (created on the first update)

    def update(self, params, grads):
        # TODO: update every params[key] in place
        raise NotImplementedError("Nesterov.update")
