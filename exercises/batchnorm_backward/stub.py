"""Exercise batchnorm_backward (concept 0109): the backward pass of batch normalisation.

forward (given, as in the book) remembers xc = x − μ, xn = x̂, std = √(σ² + ε) and batch_size N.
backward(dout) receives ∂L/∂y (shape (N, D)) and must
    set self.dbeta  = Σ over the batch of dout
    set self.dgamma = Σ over the batch of dout · x̂
    return dx = ∂L/∂x — remember that μ and σ² depend on EVERY sample of the batch, so follow the graph
    back through x̂ = xc/std, std = √(σ² + ε), σ² = mean(xc²), xc = x − μ and μ = mean(x).
Check your work with:  tutor check batchnorm_backward
"""

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
        # TODO: set self.dgamma and self.dbeta, return dx
        raise NotImplementedError("BatchNormalization.backward")
