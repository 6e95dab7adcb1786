# class: 3
# exercise: sgd
# expect: fail error
# needs: subreaper
"""setsid() and fork through libc: a daemon that outlives the check (seccomp refuses the fork; without it the subreaper sweep kills it)."""
import ctypes
import time

libc = ctypes.CDLL(None)
if libc.fork() == 0:
    libc.setsid()
    if libc.fork() == 0:
        while True:
            time.sleep(0.1)
    libc._exit(0)


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
