"""Dropout that KEEPS units with probability dropout_ratio."""

VARIANT = {
    "concept": "0112",
    "match": "property",
    "en": 'your mask keeps units with probability dropout_ratio (rand < p) — it drops 1 − p of them. dropout_ratio is the fraction to DROP: keep where np.random.rand(*x.shape) > dropout_ratio.',
    "ko": '마스크가 dropout_ratio의 확률로 뉴런을 *남깁니다*(rand < p). 그러면 1 − p만큼 삭제됩니다. dropout_ratio는 *삭제할* 비율입니다: np.random.rand(*x.shape) > dropout_ratio인 곳을 남기세요.',
}

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flag=True):
        if train_flag:
            self.mask = np.random.rand(*x.shape) < self.dropout_ratio
            return x * self.mask
        else:
            return x * self.dropout_ratio

    def backward(self, dout):
        return dout * self.mask
