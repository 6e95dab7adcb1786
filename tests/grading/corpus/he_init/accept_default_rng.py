# expect: pass
import numpy as np

rng = np.random.default_rng()


def he_init(n_in, n_out):
    return rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)
