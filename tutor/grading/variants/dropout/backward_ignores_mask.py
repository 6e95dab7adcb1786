"""Dropout whose backward lets every gradient through."""

VARIANT = {
    "concept": "0112",
    "match": "property",
    "en": 'your backward ignores the mask and returns dout unchanged. A unit dropped in the forward pass did not affect the output, so its gradient is 0: return dout * self.mask (the same mask as the last forward).',
    "ko": 'backward가 마스크를 무시하고 dout을 그대로 돌려줍니다. 순전파에서 삭제된 뉴런은 출력에 영향을 주지 않았으므로 기울기가 0입니다: dout * self.mask(마지막 순전파와 같은 마스크)를 돌려주세요.',
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
            return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout
