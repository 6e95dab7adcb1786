"""Nesterov whose gradient term lacks the (1 + α) factor."""

VARIANT = {
    "concept": "0098",
    "en": "your Nesterov takes the gradient step only once: the look-ahead adds a second helping, so W moves by "
    "−(1 + α)·η·g, not −η·g (plus α²·v).",
    "ko": "네스테로프의 기울기 항에 (1 + α)가 빠졌습니다. 미리 내다본 만큼 기울기 걸음이 한 번 더 더해져서 W는 "
    "−η·g가 아니라 −(1 + α)·η·g만큼(α²·v와 함께) 움직입니다.",
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
            params[key] += self.momentum * self.momentum * self.v[key] - self.lr * grads[key]
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
