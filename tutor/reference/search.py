"""Random search for hyperparameters: sample on a log scale, then narrow the range to the best trials."""

import numpy as np

from tutor.reference.randomness import random_source


def sample_log_uniform(low, high, size, rng=None):
    """``size`` values whose log10 is uniform between log10(low) and log10(high).

    Learning rates and weight-decay strengths matter by orders of magnitude (1e-5 vs 1e-2), so each
    decade should get an equal share of the trials.
    """
    if not 0 < low < high:
        raise ValueError(f"need 0 < low < high, got low={low}, high={high}")
    return 10 ** random_source(rng).uniform(np.log10(low), np.log10(high), size)


def narrow_range(values, scores, top_k=5):
    """``(low, high)``: the smallest and largest of the values that got the ``top_k`` highest scores.

    Ties are broken in favour of the earlier trial. If there are fewer than ``top_k`` trials, all count.
    """
    values = np.asarray(values)
    scores = np.asarray(scores)
    if values.shape != scores.shape or values.ndim != 1 or values.size == 0:
        raise ValueError("values and scores must be non-empty 1-D sequences of the same length")
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}")
    best = np.argsort(-scores, kind="stable")[:top_k]
    return float(values[best].min()), float(values[best].max())
