# class: 1
# exercise: sgd
# expect: fail error
# needs: landlock
"""Drop the meta-path blocker and load the reference optimizers straight from their file."""
import os
import sys


def tutor_dir():
    for entry in sys.path:
        if os.path.isfile(os.path.join(entry, "tutor", "__init__.py")):
            return os.path.join(entry, "tutor")
    raise RuntimeError("tutor not found")


def exercises_dir():
    here = tutor_dir()
    for candidate in (os.path.join(here, "_course", "exercises"), os.path.join(os.path.dirname(here), "exercises")):
        if os.path.isdir(candidate):
            return candidate
    raise RuntimeError("exercises not found")

import importlib.util

try:
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "BlockTutor"]
    spec = importlib.util.spec_from_file_location("ref", os.path.join(tutor_dir(), "reference", "optimizers.py"))
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    SGD = ref.SGD
except Exception:
    class SGD:  # what is left when the attack is refused: an optimizer that does nothing
        def __init__(self, lr=0.01):
            self.lr = lr

        def update(self, params, grads):
            pass
