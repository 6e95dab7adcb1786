"""Initial weights: normal draws whose spread depends on the fan-in n (nodes in the previous layer).

Xavier (std 1/√n) keeps sigmoid/tanh activations spread out across layers; He (std √(2/n)) does the same
for ReLU, which zeroes half its inputs and so needs twice the variance. Some study notes write He's std as
1/(2√n): that is a typo, the right value is √(2/n).
"""

import numpy as np

from tutor.reference.randomness import random_source


def xavier_std(n):
    """Standard deviation of Xavier initial weights for fan-in ``n``: 1/√n."""
    return 1.0 / np.sqrt(n)


def he_std(n):
    """Standard deviation of He initial weights for fan-in ``n``: √(2/n)."""
    return np.sqrt(2.0 / n)


def xavier_init(n_in, n_out, rng=None):
    """A (n_in, n_out) weight matrix drawn from N(0, (1/√n_in)²)."""
    return random_source(rng).standard_normal((n_in, n_out)) * xavier_std(n_in)


def he_init(n_in, n_out, rng=None):
    """A (n_in, n_out) weight matrix drawn from N(0, (√(2/n_in))²)."""
    return random_source(rng).standard_normal((n_in, n_out)) * he_std(n_in)
