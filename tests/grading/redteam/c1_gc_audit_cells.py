# class: 1
# exercise: sgd
# expect: fail error
# needs: landlock
"""Empty the audit hook's closure cells (reached through gc), drop the meta-path blocker, import the reference."""
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

import gc

try:
    for obj in gc.get_objects():
        if callable(obj) and getattr(obj, "__name__", "") == "audit" and getattr(obj, "__closure__", None):
            for cell in obj.__closure__:
                if isinstance(cell.cell_contents, tuple):
                    cell.cell_contents = ()
                elif isinstance(cell.cell_contents, (set, frozenset)):
                    cell.cell_contents = set()
                elif callable(cell.cell_contents):
                    cell.cell_contents = lambda name: False
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "BlockTutor"]
    sys.path.insert(0, os.path.dirname(tutor_dir()))
    from tutor.reference import SGD  # noqa: F401 - passing with the reference engine
except Exception:
    class SGD:  # what is left when the attack is refused: an optimizer that does nothing
        def __init__(self, lr=0.01):
            self.lr = lr

        def update(self, params, grads):
            pass
