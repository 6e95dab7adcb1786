# class: 2
# exercise: sgd
# expect: fail error
# needs: seccomp
"""Change times and extended attributes of a file in HOME (metadata again)."""
import os

target = os.path.join(os.environ["HOME"], ".bashrc")
for act in (lambda: os.utime(target, (0, 0)), lambda: os.setxattr(target, "user.pwned", b"1")):
    try:
        act()
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
