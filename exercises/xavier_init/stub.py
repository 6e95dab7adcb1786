"""Exercise xavier_init (concept 0107): Xavier initial weights, for sigmoid and tanh layers.

Return a weight matrix of shape (n_in, n_out) drawn from a NORMAL distribution with mean 0 and
    standard deviation 1/√n,   n = n_in, the number of nodes in the previous layer (the fan-in).
Draw fresh random numbers on every call (do not re-seed). Check your work with:  tutor check xavier_init
"""

import numpy as np


def xavier_init(n_in, n_out):
    # TODO
    raise NotImplementedError("xavier_init")
