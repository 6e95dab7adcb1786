"""Batch norm backward that treats μ and σ² as constants."""

VARIANT = {
    "concept": "0109",
    "en": 'your dx treats μ and σ² as constants (dx = γ·dout/std). In training they are computed from the batch, so every x also moves them: follow the graph back through σ² and μ — dx = (γ/std)·(dout − mean(dout) − x̂·mean(dout·x̂)).',
    "ko": 'dx에서 μ와 σ²를 상수로 취급했습니다(dx = γ·dout/std). 학습 중에는 둘 다 배치에서 계산되므로 모든 x가 이들도 움직입니다. σ²와 μ를 거쳐 역전파하세요 — dx = (γ/std)·(dout − mean(dout) − x̂·mean(dout·x̂)).',
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
        dx = dxc

        self.dgamma = dgamma
        self.dbeta = dbeta
        return dx
