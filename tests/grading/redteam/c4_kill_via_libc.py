# class: 4
# exercise: sgd
# expect: fail error
# needs: seccomp
"""kill() and tgkill through libc, to the parent and to the process group."""
import ctypes
import os
import signal

libc = ctypes.CDLL(None)
libc.kill(os.getppid(), signal.SIGTERM)
libc.syscall(234, os.getppid(), os.getppid(), signal.SIGTERM)  # tgkill
libc.kill(0, signal.SIGTERM)  # the process group: only the child's own, but refused all the same


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
