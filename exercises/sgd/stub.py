"""Exercise sgd (concept 0097): write SGD, the simplest optimizer.

For every key of params, step against the gradient:
    W ← W − η · ∂L/∂W          (η = self.lr)

params and grads are dicts of NumPy arrays with the same keys (e.g. "W1", "b1"). Change each
params[key] array IN PLACE (params[key] -= ...): the network's layers hold those very arrays.
Never change grads. Check your work with:  tutor check sgd
"""

import numpy as np


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # TODO: update every params[key] in place
        raise NotImplementedError("SGD.update")
