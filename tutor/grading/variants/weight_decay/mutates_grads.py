"""Weight decay that adds λW into the given grads and returns them."""

VARIANT = {
    "concept": "0111",
    "match": "property",
    "en": "your weight_decay_grads adds λW into the grads it was given (grads[key] += ...) and returns that same dict. The values are right, but the caller's gradients change behind its back (call it twice and the decay is added twice). Build a new dict.",
    "ko": 'weight_decay_grads가 전달받은 grads에 λW를 더하고(grads[key] += ...) 같은 딕셔너리를 돌려줍니다. 값은 맞지만 호출한 쪽의 기울기가 몰래 바뀝니다(두 번 부르면 감소가 두 번 더해집니다). 새 딕셔너리를 만드세요.',
}

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
    for key in grads:
        if key.startswith("W"):
            grads[key] += lam * params[key]
    return grads
