"""Batch norm backward that follows σ² but not μ: the mean term is missing from dx."""

VARIANT = {
    "concept": "0109",
    "en": 'your dx leaves out the path through μ: μ = mean(x) depends on every sample, so dx needs the mean term too. After the σ² branch, subtract the mean over the batch: dmu = Σ dxc, dx = dxc − dmu/N. Without it the columns of dx do not sum to 0, as they must when every x̂ has mean 0.',
    "ko": 'dx에서 μ를 거치는 경로를 빠뜨렸습니다. μ = mean(x)는 모든 샘플에 의존하므로 dx에도 평균 항이 필요합니다. σ² 가지 다음에 배치 평균을 빼세요: dmu = Σ dxc, dx = dxc − dmu/N. 이 항이 없으면 dx의 각 열의 합이 0이 되지 않는데, x̂의 평균이 늘 0이므로 0이어야 합니다.',
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
            xc = x - self.running_mean
            xn = xc / np.sqrt(self.running_var + 1e-7)

        return self.gamma * xn + self.beta

    def backward(self, dout):
        dbeta = dout.sum(axis=0)
        dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dx = dxc

        self.dgamma = dgamma
        self.dbeta = dbeta
        return dx
