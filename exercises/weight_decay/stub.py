"""Exercise weight_decay (concept 0111): weight decay, the L2 penalty that keeps weights small.

params and grads are dicts of NumPy arrays, e.g. {"W1": ..., "b1": ..., "W2": ..., "b2": ...}. Only the
weight matrices — the keys starting with "W" — are decayed; biases are not.
    weight_decay_loss(params, lam)          = ½·λ·Σ over the W keys of Σ W²     (add it to the loss)
    weight_decay_grads(params, grads, lam)  → a NEW dict: grads[key] + λ·W for the W keys, a copy of
                                              the gradient for the others
The ½ makes the derivative of ½λW² exactly λW. Do not change params or grads.
Check your work with:  tutor check weight_decay
"""

import numpy as np


def weight_decay_loss(params, lam):
    # TODO
    raise NotImplementedError("weight_decay_loss")


def weight_decay_grads(params, grads, lam):
    # TODO
    raise NotImplementedError("weight_decay_grads")
