"""Batch norm that normalises test batches with their own statistics."""

VARIANT = {
    "concept": "0109",
    "en": "at test time your layer normalises with the test batch's own mean and variance; it must use running_mean and running_var, collected during training, so a prediction does not depend on the other samples in the batch.",
    "ko": '시험 때 시험 배치 자신의 평균과 분산으로 정규화합니다. 학습 중에 모은 running_mean과 running_var를 써야 예측이 배치 안의 다른 샘플에 좌우되지 않습니다.',
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
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xc = x - x.mean(axis=0)
            xn = xc / np.sqrt(np.mean(xc**2, axis=0) + 1e-7)

        return self.gamma * xn + self.beta
