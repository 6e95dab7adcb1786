"""Adam without bias correction: the first steps are far too small (m and v start at zero)."""

VARIANT = {
    "concept": "0101",
    "en": "your Adam has no bias correction: m and v start at zero, so early on they are too small, and the first "
    "steps come out scaled by (1 − β1)/√(1 − β2). Multiply the rate by √(1 − β2ᵗ)/(1 − β1ᵗ) (or divide m by "
    "1 − β1ᵗ and v by 1 − β2ᵗ).",
    "ko": "Adam에 편향 보정이 없습니다. m과 v가 0에서 시작해서 초반에는 너무 작고, 첫 걸음들이 (1 − β1)/√(1 − β2)배로 "
    "작아집니다. 학습률에 √(1 − β2ᵗ)/(1 − β1ᵗ)를 곱하세요(또는 m을 1 − β1ᵗ로, v를 1 − β2ᵗ로 나누세요).",
}

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
