"""Exercise random_search (concept 0115): random search for hyperparameters on a log scale.

sample_log_uniform(low, high, size): an array of `size` values between low and high whose log10 is
    uniformly distributed: each decade (1e-5..1e-4, 1e-4..1e-3, ...) gets the same share of samples.
    (Learning rates and weight-decay strengths matter by orders of magnitude.)
narrow_range(values, scores, top_k=5): after the trials, return (low, high), the smallest and largest
    of the `top_k` values that got the highest scores — the next, narrower range to search.
Check your work with:  tutor check random_search
"""

import numpy as np


def sample_log_uniform(low, high, size):
    # TODO
    raise NotImplementedError("sample_log_uniform")


def narrow_range(values, scores, top_k=5):
    # TODO
    raise NotImplementedError("narrow_range")
