# class: 1
# exercise: sgd
# expect: fail error
# needs: landlock
"""Read the checkout's .git (its objects hold the solutions, zlib-compressed)."""
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
    git = os.path.join(os.path.dirname(tutor_dir()), ".git")
    if os.path.exists(git):
        if os.path.isdir(git):
            os.listdir(os.path.join(git, "objects"))
        else:
            open(git).read()
        raise RuntimeError("LEAK .git is readable")
    raise OSError("no checkout")
except OSError:
    class SGD:  # what is left when the attack is refused: an optimizer that does nothing
        def __init__(self, lr=0.01):
            self.lr = lr

        def update(self, params, grads):
            pass
