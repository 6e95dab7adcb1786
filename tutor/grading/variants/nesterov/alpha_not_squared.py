"""Nesterov that moves W by α·v instead of α²·v."""

VARIANT = {
    "concept": "0098",
    "en": 'your Nesterov moves W by α·v − (1 + α)·η·g: the velocity term needs α², not α. It comes from looking ahead: W ← W + α·v first, then the momentum step from there adds α·(α·v) = α²·v. So W ← W + α²·v − (1 + α)·η·g, with the previous v.',
    "ko": '네스테로프가 W를 α·v − (1 + α)·η·g만큼 움직입니다. 속도 항에는 α가 아니라 α²가 필요합니다. 앞을 내다보는 데서 나온 항입니다: 먼저 W ← W + α·v로 간 뒤 거기서 모멘텀 걸음이 α·(α·v) = α²·v를 더합니다. 그래서 이전 v로 W ← W + α²·v − (1 + α)·η·g입니다.',
}

import numpy as np


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            params[key] += self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
