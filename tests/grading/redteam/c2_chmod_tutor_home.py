# class: 2
# exercise: sgd
# expect: fail error
# needs: seccomp
"""chmod and chown the store (file metadata, which Landlock does not cover)."""
import os

for dirpath, dirs, names in os.walk(os.environ["TUTOR_HOME"]):
    for name in dirs + names + ["."]:
        path = os.path.join(dirpath, name)
        for act in (lambda: os.chmod(path, 0), lambda: os.chown(path, 65534, 65534)):
            try:
                act()
            except OSError:
                pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
