"""Weight decay applied to every parameter, biases included."""

VARIANT = {
    "concept": "0111",
    "en": 'your weight decay also decays the biases. Only the weight matrices (keys starting with "W") are penalised: biases only shift units and do not make the model overfit the way large weights do.',
    "ko": '가중치 감소를 편향에도 적용했습니다. 벌칙은 가중치 행렬("W"로 시작하는 키)에만 줍니다. 편향은 뉴런을 옮길 뿐, 큰 가중치처럼 오버피팅을 일으키지 않습니다.',
}

import numpy as np


def weight_decay_loss(params, lam):
    """½λ Σ over the weight matrices (keys starting with "W") of the sum of their squared elements."""
    loss = 0.0
    for key, value in params.items():
        if True:
            loss += 0.5 * lam * np.sum(value**2)
    return loss


def weight_decay_grads(params, grads, lam):
    """A new dict: grads with λW added to the weight keys; params and grads are left unchanged."""
    new = {}
    for key, grad in grads.items():
        if True:
            new[key] = grad + lam * params[key]
        else:
            new[key] = grad.copy()
    return new
