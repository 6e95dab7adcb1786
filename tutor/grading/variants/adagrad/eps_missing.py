"""AdaGrad without ε: 0/0 for an element whose gradients have all been zero."""

VARIANT = {
    "concept": "0100",
    "en": "your AdaGrad has no ε: where every gradient so far was exactly 0, h is 0 and g/√h is 0/0 = NaN, "
    "which then spreads through the network. Add a small ε: g / (√h + 1e-7).",
    "ko": "AdaGrad에 ε이 없습니다. 지금까지 기울기가 모두 정확히 0이었던 원소는 h가 0이라 g/√h가 0/0 = NaN이 되고, "
    "이것이 신경망 전체로 퍼집니다. 작은 ε을 더하세요: g / (√h + 1e-7).",
}

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key])
