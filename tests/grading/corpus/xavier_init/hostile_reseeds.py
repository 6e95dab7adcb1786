# expect: fail
# message: returned the same weights
import numpy as np


def xavier_init(n_in, n_out):
    np.random.seed(0)
    return np.random.randn(n_in, n_out) / np.sqrt(n_in)
