"""Exercise rmsprop (concept 0100): write RMSprop, AdaGrad that forgets old gradients.

h (zeros at first, kept between calls) is an exponential moving average of the squared gradients,
with ρ = self.decay_rate:
    h ← ρ·h + (1 − ρ) · g ⊙ g
    W ← W − η · g / (√h + ε)          ε = 1e-7

params and grads are dicts of NumPy arrays with the same keys (e.g. "W1", "b1"). Change each
params[key] array IN PLACE (params[key] -= ...): the network's layers hold those very arrays.
Never change grads. Check your work with:  tutor check rmsprop
"""

import numpy as np


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        # TODO: h, the moving average of squared gradients of every parameter

    def update(self, params, grads):
        # TODO: update every params[key] in place
        raise NotImplementedError("RMSprop.update")
