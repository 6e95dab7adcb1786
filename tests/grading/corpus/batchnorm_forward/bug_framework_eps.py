# expect: fail
# message: usually comes from ε
# A framework's ε (1e-5) is outside the accepted 1e-10 … 1e-6: the message says what a difference this small usually is.
import numpy as np
class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean, self.running_var = running_mean, running_var
    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1]); self.running_var = np.zeros(x.shape[1])
        if train_flg:
            mu = x.mean(axis=0); var = x.var(axis=0)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mu, var = self.running_mean, self.running_var
        return self.gamma * (x - mu) / np.sqrt(var + 1e-5) + self.beta
