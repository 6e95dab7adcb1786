# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""Connect to a TCP listener on 127.0.0.1."""
import os
import socket

try:
    socket.create_connection(("127.0.0.1", int(os.environ["REDTEAM_PORT"])), timeout=2).sendall(b"hello")
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
