"""The NumPy reference engine: the chapter's algorithms, written plainly, in the book's names.

Graders compare learners' code with these; labs and quiz generators compute with them. Pure NumPy.
"""

from tutor.reference.data import split_validation
from tutor.reference.ensemble import ensemble_predict
from tutor.reference.layers import BatchNormalization, Dropout
from tutor.reference.optimizers import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSprop,
)
from tutor.reference.regularization import weight_decay_grads, weight_decay_loss
from tutor.reference.schedules import cosine_decay, exponential_decay, inverse_time_decay, step_decay
from tutor.reference.search import narrow_range, sample_log_uniform
from tutor.reference.weight_init import he_init, he_std, xavier_init, xavier_std

__all__ = [
    "OPTIMIZERS",
    "SGD",
    "AdaGrad",
    "Adam",
    "BatchNormalization",
    "Dropout",
    "Momentum",
    "Nesterov",
    "RMSprop",
    "cosine_decay",
    "ensemble_predict",
    "exponential_decay",
    "he_init",
    "he_std",
    "inverse_time_decay",
    "narrow_range",
    "sample_log_uniform",
    "split_validation",
    "step_decay",
    "weight_decay_grads",
    "weight_decay_loss",
    "xavier_init",
    "xavier_std",
]
