# expect: pass
# The backward pass collapsed into one formula: dx = γ/(N·std)·(N·dout − Σdout − x̂·Σ(dout·x̂)).
import numpy as np


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean, self.running_var = running_mean, running_var

    def forward(self, x, train_flag=True):
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1])
            self.running_var = np.zeros(x.shape[1])
        mu, var = x.mean(axis=0), x.var(axis=0)
        self.std = np.sqrt(var + 1e-7)
        self.x_hat = (x - mu) / self.std
        return self.gamma * self.x_hat + self.beta

    def backward(self, dout):
        n = dout.shape[0]
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * self.x_hat).sum(axis=0)
        return self.gamma / (n * self.std) * (n * dout - self.dbeta - self.x_hat * self.dgamma)
