"""RMSprop that sums squared gradients forever, like AdaGrad."""

VARIANT = {
    "concept": "0100",
    "en": "your RMSprop accumulates like AdaGrad (h ← h + g⊙g), so it never forgets old gradients and its steps "
    "shrink toward zero. RMSprop keeps a moving average: h ← ρh + (1 − ρ)·g⊙g.",
    "ko": "RMSprop이 AdaGrad처럼 누적합니다(h ← h + g⊙g). 오래된 기울기를 잊지 못해 걸음이 0으로 줄어듭니다. "
    "RMSprop은 지수이동평균을 씁니다: h ← ρh + (1 − ρ)·g⊙g.",
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
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
