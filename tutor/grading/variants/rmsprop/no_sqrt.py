"""RMSprop that divides by h instead of √h."""

VARIANT = {
    "concept": "0100",
    "en": "your RMSprop divides by h, not by √h. h averages squared gradients, so take its square root to get "
    "back to the gradient's scale: W ← W − η·g / (√h + ε).",
    "ko": "RMSprop이 √h가 아니라 h로 나눕니다. h는 기울기 제곱의 평균이므로 제곱근을 씌워야 기울기와 같은 크기가 "
    "됩니다: W ← W − η·g / (√h + ε).",
}

import numpy as np


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + 1e-7)
