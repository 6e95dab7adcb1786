"""AdaGrad that divides by h instead of √h."""

VARIANT = {
    "concept": "0100",
    "en": "your AdaGrad divides by h, not by √h. h adds up squared gradients, so its square root is on the "
    "gradient's scale: W ← W − η·g / (√h + ε).",
    "ko": "AdaGrad가 √h가 아니라 h로 나눕니다. h는 기울기의 제곱을 더한 값이므로 제곱근을 씌워야 기울기와 같은 "
    "크기가 됩니다: W ← W − η·g / (√h + ε).",
}

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + 1e-7)
