"""Nesterov written as plain Momentum: no look-ahead."""

VARIANT = {
    "concept": "0098",
    "en": "your Nesterov is plain Momentum (v ← αv − η·g, 그다음 W ← W + v): it never looks ahead. Nesterov moves W by "
    "α²·v − (1 + α)·η·g with the previous v, then updates v.",
    "ko": "네스테로프가 그냥 모멘텀입니다(v ← αv − η·g, 그다음 W ← W + v). 앞을 내다보지 않습니다. 네스테로프는 이전 v로 "
    "W를 α²·v − (1 + α)·η·g만큼 움직인 뒤 v를 갱신합니다.",
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
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
