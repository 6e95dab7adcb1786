"""AdaGrad whose h is replaced by the latest squared gradient instead of summing them."""

VARIANT = {
    "concept": "0100",
    "en": "your AdaGrad does not accumulate h: h = g⊙g keeps only the latest gradient, so every step has about "
    "the same size η. AdaGrad sums the history: h ← h + g⊙g (h += ...), which is what makes steps shrink.",
    "ko": "AdaGrad가 h를 누적하지 않습니다. h = g⊙g는 마지막 기울기만 남겨서 걸음 크기가 늘 η 정도입니다. AdaGrad는 "
    "지난 기울기를 모두 더합니다: h ← h + g⊙g (h += ...). 그래서 걸음이 점점 작아집니다.",
}

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            h = grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + 1e-7)
