"""Dropout that draws its mask once and reuses it."""

VARIANT = {
    "concept": "0112",
    "match": "property",
    "en": 'your layer reuses the same mask on every forward, so the same units are always dropped — that is just a smaller network, not dropout. Draw a new mask on every training forward. (Dropout as an ensemble of smaller networks: 0113.)',
    "ko": '매번 같은 마스크를 다시 써서 늘 같은 뉴런이 삭제됩니다. 그것은 드롭아웃이 아니라 그냥 더 작은 신경망입니다. 학습 순전파마다 새 마스크를 뽑으세요. (여러 작은 신경망의 앙상블로서의 드롭아웃: 0113.)',
}

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flag=True):
        if train_flag:
            if self.mask is None:
                self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        else:
            return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask
