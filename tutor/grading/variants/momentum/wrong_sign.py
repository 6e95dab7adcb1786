"""Momentum whose velocity adds the gradient: it accelerates uphill."""

VARIANT = {
    "concept": "0098",
    "en": "your Momentum pushes the velocity the wrong way: v ← αv + η·∂L/∂W makes the ball roll uphill. "
    "The gradient force points downhill: v ← αv − η·∂L/∂W, then W ← W + v.",
    "ko": "모멘텀의 속도가 반대로 밀립니다. v ← αv + η·∂L/∂W이면 공이 오르막으로 굴러갑니다. 기울기의 힘은 "
    "내리막 방향이어야 합니다: v ← αv − η·∂L/∂W, 그다음 W ← W + v.",
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
            self.v[key] = self.momentum * self.v[key] + self.lr * grads[key]
            params[key] += self.v[key]
