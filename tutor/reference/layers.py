"""The chapter's two layers with a train/test difference: Dropout and BatchNormalization.

Both follow the book: ``forward(x, train_flag=True)`` and ``backward(dout)``, where ``backward`` uses what
the last training ``forward`` remembered.
"""

import numpy as np

from tutor.reference.randomness import random_source


class Dropout:
    """Dropout: while training, drop each unit with probability ``dropout_ratio``.

    Training keeps a unit where a uniform draw is greater than the ratio and remembers that mask; the
    backward pass lets the gradient through the same units only. At test time every unit passes, scaled
    by (1 − ratio) so that outputs match their expected value during training.

    ``rng`` (a ``np.random.Generator``) makes the masks reproducible; without it the global
    ``np.random`` is used, as in the book.
    """

    def __init__(self, dropout_ratio=0.5, *, rng=None):
        if not 0.0 <= dropout_ratio < 1.0:
            raise ValueError(f"dropout_ratio must be in [0, 1), got {dropout_ratio}")
        self.dropout_ratio = dropout_ratio
        self.rng = rng
        self.mask = None

    def forward(self, x, train_flag=True):
        if train_flag:
            self.mask = random_source(self.rng).random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        if self.mask is None:
            raise RuntimeError("Dropout.backward needs a forward pass with train_flag=True first")
        return dout * self.mask


class BatchNormalization:
    """Batch normalisation over a mini-batch of shape (N, D).

    Training, per feature over the N rows of the batch:

        μ = mean(x)    σ² = mean((x − μ)²)    (biased: divides by N, the batch size m)
        x̂ = (x − μ) / √(σ² + ε)    y = γx̂ + β

    and the running statistics move toward the batch's:
    running = momentum·running + (1 − momentum)·batch. At test time x̂ uses the running mean and variance
    instead. Inputs with more than two dimensions (e.g. N, C, H, W) are flattened to (N, −1) as in the
    book, and outputs are given back in the input's shape.

    ε is 1e-7, as in the optimizers. The book's code writes 10e-7, which is 1e-6; for
    variances near 1 the two change x̂ only in the seventh significant digit.
    """

    eps = 1e-7

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.dgamma = None
        self.dbeta = None
        # Remembered by forward for backward.
        self.input_shape = None
        self.x_hat = None
        self.std = None
        self.train_flag = True

    def forward(self, x, train_flag=True):
        self.input_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1])
            self.running_var = np.zeros(x.shape[1])

        if train_flag:
            mean = x.mean(axis=0)
            var = ((x - mean) ** 2).mean(axis=0)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mean, var = self.running_mean, self.running_var

        self.std = np.sqrt(var + self.eps)
        self.x_hat = (x - mean) / self.std
        out = self.gamma * self.x_hat + self.beta
        self.train_flag = train_flag
        return out.reshape(self.input_shape)

    def backward(self, dout):
        """Return ∂L/∂x for ``dout`` = ∂L/∂y; store ∂L/∂γ in ``dgamma`` and ∂L/∂β in ``dbeta``.

        In training mode μ and σ² depend on every row of the batch, and the book's step-by-step graph
        (through x − μ, σ², √, ÷) collapses to

            dx = γ/(N·std) · (N·dout − Σ dout − x̂ · Σ(dout · x̂))

        per feature, with sums over the batch. At test time μ and σ² are constants, so dx = γ·dout/std.
        """
        if self.x_hat is None:
            raise RuntimeError("BatchNormalization.backward needs a forward pass first")
        dout = dout.reshape(dout.shape[0], -1)
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * self.x_hat).sum(axis=0)
        if self.train_flag:
            n = dout.shape[0]
            dx = (self.gamma / (n * self.std)) * (n * dout - self.dbeta - self.x_hat * self.dgamma)
        else:
            dx = self.gamma * dout / self.std
        return dx.reshape(self.input_shape)
