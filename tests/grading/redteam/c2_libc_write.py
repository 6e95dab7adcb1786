# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Create and write a file through libc (no audit event) in TMPDIR."""
import ctypes
import os

libc = ctypes.CDLL(None)
fd = libc.open(os.path.join(os.environ["TMPDIR"], "out").encode(), os.O_WRONLY | os.O_CREAT, 0o644)
if fd >= 0:
    libc.write(fd, b"x" * 100, 100)


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
