"""Momentum that multiplies by the learning rate twice (in v and again when moving W)."""

VARIANT = {
    "concept": "0098",
    "en": "your Momentum applies the learning rate twice: v already contains −η·∂L/∂W, so W ← W + v, not "
    "W ← W + η·v.",
    "ko": "모멘텀이 학습률을 두 번 곱합니다. v에 이미 −η·∂L/∂W가 들어 있으므로 W ← W + η·v가 아니라 W ← W + v입니다.",
}

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.lr * self.v[key]
