# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Create files and folders in TMPDIR."""
import tempfile

for make in (tempfile.mkstemp, tempfile.mkdtemp):
    try:
        make()
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
