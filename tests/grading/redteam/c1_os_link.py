# class: 1
# exercise: sgd
# expect: fail error
# needs: landlock
"""A hard link to the solution in TMPDIR, then read through the link."""
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

try:
    link = os.path.join(os.environ["TMPDIR"], "s.py")
    os.link(os.path.join(exercises_dir(), "sgd", "solution.py"), link)
    exec(open(link).read(), globals())
except OSError:
    class SGD:  # what is left when the attack is refused: an optimizer that does nothing
        def __init__(self, lr=0.01):
            self.lr = lr

        def update(self, params, grads):
            pass
