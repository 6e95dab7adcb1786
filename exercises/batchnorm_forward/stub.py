"""Exercise batchnorm_forward (concept 0109): the forward pass of batch normalisation.

x has shape (N, D): N samples of a mini-batch, D features. While training (train_flag=True), per feature:
    μ = mean of x over the batch        σ² = mean of (x − μ)²   (divide by N: the biased variance)
    x̂ = (x − μ) / √(σ² + ε)            ε = 1e-7
    y = γ·x̂ + β
and move the running statistics toward the batch's (start them at zeros of size D when they are None):
    running_mean ← momentum·running_mean + (1 − momentum)·μ      (the same for running_var with σ²)
At test time (train_flag=False) use running_mean and running_var instead of μ and σ².
Remember xc = x − μ, x̂, std = √(σ² + ε) and N on self: the backward pass (next exercise) needs them.
Check your work with:  tutor check batchnorm_forward
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
        # TODO
        raise NotImplementedError("BatchNormalization.forward")
