"""Reference solution: He initial weights."""

import numpy as np


def he_init(n_in, n_out):
    """A (n_in, n_out) matrix drawn from a normal distribution with standard deviation √(2/n_in)."""
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
