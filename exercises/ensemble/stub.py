"""Exercise ensemble (concept 0113): ensemble learning — average the outputs of several models.

models is a list of callables: model(x) returns an array (the same shape for every model). Return the
element-wise mean of their outputs, an array of that same shape:
    y = (model_1(x) + model_2(x) + ... + model_M(x)) / M
Check your work with:  tutor check ensemble
"""

import numpy as np


def ensemble_predict(models, x):
    # TODO
    raise NotImplementedError("ensemble_predict")
