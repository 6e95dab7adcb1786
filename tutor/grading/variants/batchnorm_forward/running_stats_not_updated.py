"""Batch norm that never updates its running statistics."""

VARIANT = {
    "concept": "0109",
    "en": 'your layer never updates running_mean and running_var while training, so test time normalises with their starting values. After each training batch: running = momentum·running + (1 − momentum)·batch statistic.',
    "ko": '학습 중에 running_mean과 running_var를 갱신하지 않아서 시험 때 초깃값으로 정규화합니다. 학습 배치마다 running = momentum·running + (1 − momentum)·배치 통계량으로 갱신하세요.',
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
            var = np.mean(xc**2, axis=0)
            std = np.sqrt(var + 1e-7)
            xn = xc / std
            self.batch_size = x.shape[0]
            self.xc = xc
            self.xn = xn
            self.std = std
        else:
            xc = x - self.running_mean
            xn = xc / np.sqrt(self.running_var + 1e-7)

        return self.gamma * xn + self.beta
