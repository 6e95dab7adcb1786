"""Nesterov that starts from a zero velocity on every call: W only ever moves by −(1 + α)·η·g."""

VARIANT = {
    "concept": "0098",
    "en": "your Nesterov forgets its velocity between calls (v starts at zero in every update), so each step is just −(1 + α)·η·g: plain SGD with a larger rate. Create v once (when it is None), keep it on self, and update it after moving W.",
    "ko": "네스테로프가 호출 사이에 속도를 잊습니다(update마다 v가 0에서 시작). 그래서 매 걸음이 −(1 + α)·η·g뿐인, 학습률만 큰 SGD가 됩니다. v는 None일 때 한 번만 만들어 self에 두고, W를 움직인 뒤에 갱신하세요.",
}

import numpy as np


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            params[key] += self.momentum * self.momentum * v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
            v[key] = self.momentum * v[key] - self.lr * grads[key]
