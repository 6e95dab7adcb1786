# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""Connect to an abstract unix socket outside the sandbox."""
import os
import socket

try:
    socket.socket(socket.AF_UNIX).connect("\0" + os.environ["REDTEAM_UNIX"])
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
