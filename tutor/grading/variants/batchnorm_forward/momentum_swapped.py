"""Batch norm whose running statistics weight the new batch by momentum."""

VARIANT = {
    "concept": "0109",
    "en": 'your running statistics give the new batch the weight momentum and the history 1 − momentum; it is the other way round: running ← momentum·running + (1 − momentum)·batch, so with momentum 0.9 they change slowly.',
    "ko": '이동 통계량에서 새 배치에 momentum, 과거에 1 − momentum의 가중치를 줬습니다. 반대입니다: running ← momentum·running + (1 − momentum)·배치. 그래서 momentum이 0.9면 천천히 변합니다.',
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
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var
        else:
            xc = x - self.running_mean
            xn = xc / np.sqrt(self.running_var + 1e-7)

        return self.gamma * xn + self.beta
