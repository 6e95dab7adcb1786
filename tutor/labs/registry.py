"""Every lab by id: the ids lessons link to as `lab:<id>`."""

from tutor.labs.batchnorm import BATCHNORM
from tutor.labs.init import ACTIVATIONS_LAB, SYMMETRY
from tutor.labs.optimizers import OPTIMIZER_COMPARE, OPTIMIZER_PATHS
from tutor.labs.regularization import ENSEMBLE, OVERFITTING
from tutor.labs.search import RANDOM_SEARCH

LABS = {
    lab.id: lab
    for lab in (OPTIMIZER_PATHS, OPTIMIZER_COMPARE, SYMMETRY, ACTIVATIONS_LAB, BATCHNORM, OVERFITTING,
                ENSEMBLE, RANDOM_SEARCH)
}
