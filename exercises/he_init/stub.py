"""Exercise he_init (concept 0108): He initial weights, for ReLU layers.

Return a weight matrix of shape (n_in, n_out) drawn from a NORMAL distribution with mean 0 and
    standard deviation √(2/n),   n = n_in, the number of nodes in the previous layer (the fan-in).
ReLU zeroes half of its inputs, so He uses twice Xavier's variance. (Some study notes write 1/(2√n):
that is a typo; the book and He et al. (2015) give √(2/n).)
Draw fresh random numbers on every call (do not re-seed). Check your work with:  tutor check he_init
"""

import numpy as np


def he_init(n_in, n_out):
    # TODO
    raise NotImplementedError("he_init")
