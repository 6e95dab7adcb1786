# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""Forks that each take most of the memory limit (the limit per process would be multiplied)."""
import ctypes
import time

libc = ctypes.CDLL(None)
for _ in range(4):
    if libc.fork() == 0:
        block = bytearray(700 << 20)
        time.sleep(30)
        libc._exit(0)


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
