# expect: pass
import numpy as np


def split_validation(x, t, validation_rate=0.2):
    order = np.random.default_rng().permutation(len(x))
    n_val = int(len(x) * validation_rate)
    val, train = order[:n_val], order[n_val:]
    return x[train], t[train], x[val], t[val]
