# class: 9
# exercise: sgd
# expect: fail error
# needs: landlock
"""Read the learner's private files (ssh keys, shell history) and /etc/shadow."""
import os

for path in (os.path.join(os.environ["HOME"], ".bashrc"), "/etc/shadow", "/etc/passwd", os.path.expanduser("~/.ssh/id_rsa")):
    try:
        with open(path, "rb") as fh:
            data = fh.read(20)
        raise RuntimeError(f"LEAK {path}: {data!r}")
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
