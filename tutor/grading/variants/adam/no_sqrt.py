"""Adam that divides by v instead of √v."""

VARIANT = {
    "concept": "0101",
    "en": "your Adam divides by v, not by √v. v averages squared gradients; its square root is on the gradient's "
    "scale: W ← W − lr_t·m / (√v + ε).",
    "ko": "Adam이 √v가 아니라 v로 나눕니다. v는 기울기 제곱의 평균이라 제곱근을 씌워야 기울기와 같은 크기가 됩니다: "
    "W ← W − lr_t·m / (√v + ε).",
}

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (self.v[key] + 1e-7)
