"""Weight decay (L2 regularisation): penalise large weights to fight overfitting.

The loss gains ½λ‖W‖² for every weight matrix (keys starting with "W", as in the book's networks; biases
are not decayed), so each weight gradient gains λW. The ½ is there to make that derivative clean.
"""

import numpy as np


def _is_weight(key):
    return key.startswith("W")


def weight_decay_loss(params, lam):
    """½λ Σ over the "W" keys of the sum of squared elements."""
    return 0.5 * lam * sum(float(np.sum(value**2)) for key, value in params.items() if _is_weight(key))


def weight_decay_grads(params, grads, lam):
    """A new dict of gradients with λW added to each "W" key; ``params`` and ``grads`` are left as is."""
    return {
        key: grad + lam * params[key] if _is_weight(key) else np.array(grad, copy=True)
        for key, grad in grads.items()
    }
