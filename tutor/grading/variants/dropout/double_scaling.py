"""Inverted dropout that also scales at test time."""

VARIANT = {
    "concept": "0112",
    "match": "property",
    "en": 'you mix the two conventions: training divides by 1 − p (inverted dropout) AND test multiplies by 1 − p, so test outputs are (1 − p) times too small. With inverted dropout, test time returns x as it is.',
    "ko": '두 방식을 섞었습니다. 학습 때 1 − p로 나누고(역 드롭아웃) 시험 때도 1 − p를 곱해서 시험 출력이 (1 − p)배 작아집니다. 역 드롭아웃이면 시험 때 x를 그대로 돌려줍니다.',
}

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flag=True):
        if train_flag:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask / (1.0 - self.dropout_ratio)
        else:
            return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask / (1.0 - self.dropout_ratio)
