"""Momentum that always uses friction 0.9, whatever it was given."""

VARIANT = {
    "concept": "0098",
    "en": "your Momentum ignores the momentum it is given and always uses 0.9: store it (self.momentum = momentum) "
    "and use self.momentum in update.",
    "ko": "모멘텀이 전달받은 momentum 값을 무시하고 항상 0.9를 씁니다. 저장(self.momentum = momentum)해서 update에서 "
    "self.momentum을 쓰세요.",
}

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = 0.9 * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
