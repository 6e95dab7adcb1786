"""Exercise adam (concept 0101): write Adam, momentum plus a per-element step, bias-corrected.

m and v (zeros at first) are moving averages of the gradients and of their squares; t counts update
CALLS (1 on the first call). For every key:
    m ← β1·m + (1 − β1)·g
    v ← β2·v + (1 − β2)·g ⊙ g
    lr_t = η · √(1 − β2ᵗ) / (1 − β1ᵗ)     (the bias correction, folded into the step size)
    W ← W − lr_t · m / (√v + ε)          ε = 1e-7

params and grads are dicts of NumPy arrays with the same keys (e.g. "W1", "b1"). Change each
params[key] array IN PLACE (params[key] -= ...): the network's layers hold those very arrays.
Never change grads. Check your work with:  tutor check adam
"""

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        # TODO: the moving averages m and v of every parameter, and the number of update calls so far

    def update(self, params, grads):
        # TODO: update every params[key] in place
        raise NotImplementedError("Adam.update")
