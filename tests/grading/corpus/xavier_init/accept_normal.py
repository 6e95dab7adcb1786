# expect: pass
import numpy as np


def xavier_init(n_in, n_out):
    return np.random.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_out))
