"""Dropout that returns x unscaled at test time."""

VARIANT = {
    "concept": "0112",
    "match": "property",
    "en": 'at test time your layer returns x unscaled, but during training only a fraction 1 − p of the units got through. Multiply by (1 − dropout_ratio) at test time so outputs match their training-time average (or use inverted dropout: divide by 1 − p while training).',
    "ko": '시험 때 x를 배율 없이 돌려줍니다. 학습 때는 1 − p만큼의 뉴런만 통과했으므로, 시험 때 (1 − dropout_ratio)를 곱해야 출력이 학습 때 평균과 같아집니다(또는 역 드롭아웃: 학습 때 1 − p로 나누기).',
}

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flag=True):
        if train_flag:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        else:
            return x

    def backward(self, dout):
        return dout * self.mask
