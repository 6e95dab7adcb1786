"""Reference solution: ensemble prediction by averaging."""

import numpy as np


def ensemble_predict(models, x):
    """The element-wise mean of model(x) over the models."""
    outputs = [model(x) for model in models]
    return np.mean(outputs, axis=0)
