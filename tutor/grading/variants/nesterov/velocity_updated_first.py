"""Nesterov that updates v first and then uses the new v (the order in the Korean edition's companion code)."""

VARIANT = {
    "concept": "0098",
    "en": "your Nesterov updates v before moving W, so the α² term uses the NEW velocity. The formula uses the "
    "velocity from the previous step: W ← W + α²·v − (1 + α)·η·g first, then v ← αv − η·g. (The book's original "
    "companion code, oreilly-japan/deep-learning-from-scratch, was corrected to this order in January 2021; the "
    "Korean edition's repository, WegraLee/deep-learning-from-scratch, still updates v first.)",
    "ko": "네스테로프가 W를 움직이기 전에 v를 갱신해서 α² 항이 *새* 속도를 씁니다. 식은 이전 걸음의 속도를 씁니다: "
    "먼저 W ← W + α²·v − (1 + α)·η·g, 그다음 v ← αv − η·g. (책의 원서 예제 코드 oreilly-japan/deep-learning-from-scratch는 "
    "2021년 1월에 이 순서로 고쳐졌지만, 한국어판 저장소 WegraLee/deep-learning-from-scratch는 아직 v를 먼저 갱신합니다.)",
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
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
