"""Reference solution: Xavier initial weights."""

import numpy as np


def xavier_init(n_in, n_out):
    """A (n_in, n_out) matrix drawn from a normal distribution with standard deviation 1/√n_in."""
    return np.random.randn(n_in, n_out) / np.sqrt(n_in)
