# class: 9
# exercise: sgd
# expect: fail error
"""Patch NumPy's comparisons to always agree: the grader compares outside the child."""
import numpy as np

np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.ndarray.__eq__ = lambda *a, **k: True


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
