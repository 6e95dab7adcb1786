# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""A UDP datagram to 127.0.0.1 (Landlock has no UDP rules: seccomp refuses sockets)."""
import os
import socket

try:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"hello", ("127.0.0.1", int(os.environ["REDTEAM_UDP"])))
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
