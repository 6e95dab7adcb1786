"""Adam with β1 and β2 swapped."""

VARIANT = {
    "concept": "0101",
    "en": "your Adam swaps β1 and β2: β1 (about 0.9) belongs to m, the average of the gradients, and β2 (about "
    "0.999) to v, the average of their squares — also in the bias correction.",
    "ko": "Adam이 β1과 β2를 바꿔 썼습니다. β1(0.9 정도)은 기울기의 평균 m에, β2(0.999 정도)는 기울기 제곱의 평균 v에 "
    "쓰입니다. 편향 보정에서도 마찬가지입니다.",
}

import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta2
        self.beta2 = beta1
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
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
