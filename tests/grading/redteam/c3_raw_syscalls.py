# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""fork, vfork and clone3 as raw syscalls through libc.syscall."""
import ctypes

libc = ctypes.CDLL(None)
for number in (57, 58):  # fork, vfork (x86-64)
    if libc.syscall(number) == 0:
        libc._exit(0)
libc.syscall(435, None, 0)  # clone3 with no arguments


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
