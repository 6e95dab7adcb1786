"""Hold out validation data for tuning hyperparameters (never tune on the test data)."""

from tutor.reference.randomness import random_source


def split_validation(x, t, validation_rate=0.2, rng=None):
    """Shuffle (x, t) together and split off the first int(n · validation_rate) rows as validation data.

    Returns ``(x_train, t_train, x_val, t_val)``. This is the book's ``shuffle_dataset`` followed by its
    slicing in ``hyperparameter_optimization.py``; the shuffle matters because datasets are often sorted.
    """
    if len(x) != len(t):
        raise ValueError(f"x and t must have the same number of rows, got {len(x)} and {len(t)}")
    if not 0.0 <= validation_rate <= 1.0:
        raise ValueError(f"validation_rate must be in [0, 1], got {validation_rate}")
    order = random_source(rng).permutation(len(x))
    x, t = x[order], t[order]
    n_val = int(len(x) * validation_rate)
    return x[n_val:], t[n_val:], x[:n_val], t[:n_val]
