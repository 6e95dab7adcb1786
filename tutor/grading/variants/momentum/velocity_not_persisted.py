"""Momentum that starts from a zero velocity on every call: it is plain SGD."""

VARIANT = {
    "concept": "0098",
    "en": "your Momentum forgets its velocity between calls (v starts at zero on every update), so it moves "
    "exactly like SGD. Create v once (when it is None) and keep it on self.",
    "ko": "모멘텀이 호출 사이에 속도를 잊습니다(update마다 v가 0에서 시작). 그래서 SGD와 똑같이 움직입니다. "
    "v는 None일 때 한 번만 만들고 self에 유지하세요.",
}

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            v[key] = self.momentum * v[key] - self.lr * grads[key]
            params[key] += v[key]
