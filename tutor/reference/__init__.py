"""The NumPy reference engine: the chapter's algorithms, written plainly, in the book's names.

Graders compare learners' code with these; labs and quiz generators compute with them. Pure NumPy.
"""

from tutor.reference.optimizers import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSprop,
)

__all__ = [
    "OPTIMIZERS",
    "SGD",
    "AdaGrad",
    "Adam",
    "Momentum",
    "Nesterov",
    "RMSprop",
]
