"""Reference solution: weight decay (L2 regularisation) of the loss and the gradients."""

import numpy as np


def weight_decay_loss(params, lam):
    """½λ Σ over the weight matrices (keys starting with "W") of the sum of their squared elements."""
    loss = 0.0
    for key, value in params.items():
        if key.startswith("W"):
            loss += 0.5 * lam * np.sum(value**2)
    return loss


def weight_decay_grads(params, grads, lam):
    """A new dict: grads with λW added to the weight keys; params and grads are left unchanged."""
    new = {}
    for key, grad in grads.items():
        if key.startswith("W"):
            new[key] = grad + lam * params[key]
        else:
            new[key] = grad.copy()
    return new
