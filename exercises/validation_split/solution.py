"""Reference solution: hold out validation data (the book's shuffle_dataset, then slicing)."""

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    """Shuffle (x, t) together, then hold out the first int(N · validation_rate) rows for validation."""
    permutation = np.random.permutation(x.shape[0])
    x = x[permutation]
    t = t[permutation]
    validation_num = int(x.shape[0] * validation_rate)
    x_val = x[:validation_num]
    t_val = t[:validation_num]
    x_train = x[validation_num:]
    t_train = t[validation_num:]
    return x_train, t_train, x_val, t_val
