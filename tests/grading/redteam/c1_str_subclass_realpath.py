# class: 1
# exercise: sgd
# expect: fail error
# needs: landlock
"""A str subclass whose methods lie to os.path.realpath, used to open the solution."""
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

class Liar(str):
    def startswith(self, *args):
        return False

    def __add__(self, other):
        return Liar(str.__add__(self, other))

    def __radd__(self, other):
        return Liar(str.__add__(other, self))

    def replace(self, *args):
        return "/nonexistent"


try:
    with open(Liar(os.path.join(exercises_dir(), "sgd", "solution.py"))) as fh:
        exec(fh.read(), globals())
except OSError:
    class SGD:  # what is left when the attack is refused: an optimizer that does nothing
        def __init__(self, lr=0.01):
            self.lr = lr

        def update(self, params, grads):
            pass
