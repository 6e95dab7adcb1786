"""Weight-decay loss without the ½."""

VARIANT = {
    "concept": "0111",
    "en": 'your loss term is λ‖W‖², without the ½. The penalty is ½λ‖W‖², so that its derivative is exactly λW (the term added to the gradient).',
    "ko": '손실 항이 ½ 없이 λ‖W‖²입니다. 벌칙은 ½λ‖W‖²이고, 그래야 미분이 정확히 λW(기울기에 더하는 항)가 됩니다.',
}

import numpy as np


def weight_decay_loss(params, lam):
    """½λ Σ over the weight matrices (keys starting with "W") of the sum of their squared elements."""
    loss = 0.0
    for key, value in params.items():
        if key.startswith("W"):
            loss += lam * np.sum(value**2)
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
