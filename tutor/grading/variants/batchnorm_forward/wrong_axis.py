"""Batch norm that normalises each sample over its features (axis 1) instead of each feature over the batch."""

VARIANT = {
    "concept": "0109",
    "match": "property",
    "en": "your forward normalises each SAMPLE over its features (axis=1). Batch normalisation normalises each "
    "FEATURE over the mini-batch: x has shape (N, D), so μ and σ² are taken over axis=0 and have shape (D,), one "
    "per feature (normalising each sample is layer normalisation, a different method).",
    "ko": "순전파가 각 *샘플*을 그 특성들에 대해(axis=1) 정규화합니다. 배치 정규화는 각 *특성*을 미니배치에 대해 "
    "정규화합니다. x의 형상이 (N, D)이므로 μ와 σ²는 axis=0으로 구하고 형상은 특성마다 하나씩인 (D,)입니다"
    "(샘플마다 정규화하는 것은 층 정규화라는 다른 방법입니다).",
}

import numpy as np


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.batch_size = None
        self.xc = None
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flag=True):
        if train_flag:
            mu = x.mean(axis=1, keepdims=True)
            xc = x - mu
            var = np.mean(xc**2, axis=1, keepdims=True)
            std = np.sqrt(var + 1e-7)
            xn = xc / std
            self.batch_size = x.shape[0]
            self.xc = xc
            self.xn = xn
            self.std = std
            if self.running_mean is None:
                self.running_mean = np.zeros_like(mu)
                self.running_var = np.zeros_like(var)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xc = x - self.running_mean
            xn = xc / np.sqrt(self.running_var + 1e-7)

        return self.gamma * xn + self.beta
