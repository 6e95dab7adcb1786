# class: 1
# exercise: sgd
# expect: fail error
# needs: seccomp
"""fork() through libc: the copy lives on and writes into TMPDIR after the check."""
import ctypes
import os
import time

libc = ctypes.CDLL(None)
if libc.fork() == 0:
    for _ in range(100):
        time.sleep(0.05)
    with open(os.path.join(os.environ["TMPDIR"], "late"), "w") as fh:
        fh.write("still here")
    libc._exit(0)


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
