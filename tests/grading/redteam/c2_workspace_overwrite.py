# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Overwrite every file under TUTOR_HOME (workspace, store, settings)."""
import os

for dirpath, _, names in os.walk(os.environ["TUTOR_HOME"]):
    for name in names:
        try:
            with open(os.path.join(dirpath, name), "w") as fh:
                fh.write("gone")
        except OSError:
            pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
