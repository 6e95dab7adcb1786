"""RMSprop with ρ and 1 − ρ swapped: the new gradient gets the big weight."""

VARIANT = {
    "concept": "0100",
    "en": "your RMSprop applies the decay to the wrong term: h ← ρ·g⊙g + (1 − ρ)·h keeps almost nothing of the "
    "past. The history decays, the new squared gradient enters with weight 1 − ρ: h ← ρh + (1 − ρ)·g⊙g.",
    "ko": "RMSprop이 감쇠를 엉뚱한 항에 적용합니다. h ← ρ·g⊙g + (1 − ρ)·h는 과거를 거의 남기지 않습니다. 감쇠하는 "
    "것은 과거 값이고, 새 기울기 제곱은 1 − ρ의 가중치로 들어옵니다: h ← ρh + (1 − ρ)·g⊙g.",
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
            self.h[key] = self.decay_rate * grads[key] * grads[key] + (1 - self.decay_rate) * self.h[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
