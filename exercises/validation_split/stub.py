"""Exercise validation_split (concept 0114): hold out validation data for tuning hyperparameters.

Shuffle the rows of x and t TOGETHER (one permutation for both, so each row keeps its label), then
split off int(N · validation_rate) rows as validation data and keep the rest for training.
Return (x_train, t_train, x_val, t_val). Every row must end up in exactly one of the two parts.
(Never tune hyperparameters on the test data: that overfits them to the test set.)
Check your work with:  tutor check validation_split
"""

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    # TODO
    raise NotImplementedError("split_validation")
