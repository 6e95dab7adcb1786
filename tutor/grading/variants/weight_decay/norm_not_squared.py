"""Weight-decay loss with the norm instead of the squared norm."""

VARIANT = {
    "concept": "0111",
    "en": 'your loss term uses ‖W‖ (the square root of the sum of squares); the L2 penalty uses the SQUARED norm: ½λ·Σ W², with no square root.',
    "ko": '손실 항에 ‖W‖(제곱합의 제곱근)를 썼습니다. L2 벌칙은 *제곱* 노름을 씁니다: 제곱근 없이 ½λ·Σ W².',
}

import numpy as np


def weight_decay_loss(params, lam):
    """½λ Σ over the weight matrices (keys starting with "W") of the sum of their squared elements."""
    loss = 0.0
    for key, value in params.items():
        if key.startswith("W"):
            loss += 0.5 * lam * np.sqrt(np.sum(value**2))
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
