# class: 3
# exercise: sgd
# expect: fail error
# needs: landlock seccomp
"""Connect through libc's socket/connect, no Python socket module."""
import ctypes
import os
import socket
import struct

libc = ctypes.CDLL(None)
fd = libc.socket(2, 1, 0)
if fd >= 0:
    addr = struct.pack("!HH4s8x", 2, int(os.environ["REDTEAM_PORT"]), socket.inet_aton("127.0.0.1"))
    addr = struct.pack("=H", 2) + addr[2:]
    libc.connect(fd, addr, len(addr))


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
