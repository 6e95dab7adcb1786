"""Batch norm with the unbiased variance (divides by N − 1)."""

VARIANT = {
    "concept": "0109",
    "en": "your batch variance divides by N − 1 (the unbiased estimate, np.var(..., ddof=1)); batch normalisation uses the batch's own variance, dividing by N: σ² = mean((x − μ)²).",
    "ko": '배치 분산을 N − 1로 나눴습니다(불편 추정량, np.var(..., ddof=1)). 배치 정규화는 배치 자체의 분산, 즉 N으로 나눈 σ² = mean((x − μ)²)을 씁니다.',
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
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1])
            self.running_var = np.zeros(x.shape[1])

        if train_flag:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.sum(xc**2, axis=0) / (x.shape[0] - 1)
            std = np.sqrt(var + 1e-7)
            xn = xc / std
            self.batch_size = x.shape[0]
            self.xc = xc
            self.xn = xn
            self.std = std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xc = x - self.running_mean
            xn = xc / np.sqrt(self.running_var + 1e-7)

        return self.gamma * xn + self.beta
