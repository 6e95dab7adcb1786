"""Adam whose step counter advances once per parameter instead of once per update call."""

VARIANT = {
    "concept": "0101",
    "en": "your Adam advances its step counter t for every parameter instead of once per update call, so the "
    "second parameter already uses t = 2 on the first call and the bias correction fades too early. "
    "Increment t once, before the loop over keys.",
    "ko": "Adam이 단계 수 t를 update 호출마다 한 번이 아니라 매개변수마다 올립니다. 그래서 첫 호출에서 두 번째 매개변수가 "
    "벌써 t = 2를 쓰고 편향 보정이 너무 일찍 사라집니다. 키 반복문 앞에서 t를 한 번만 올리세요.",
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
        for key in params:
            self.iter += 1
            lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
