# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""Replace the child with a shell that prints a passing verdict (execve through libc)."""
import ctypes

libc = ctypes.CDLL(None)
argv = (ctypes.c_char_p * 4)(b"/bin/sh", b"-c", b"echo 'all checks passed'; exit 0", None)
libc.execv(b"/bin/sh", argv)


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
