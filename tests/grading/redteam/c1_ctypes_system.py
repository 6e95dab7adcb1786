# class: 1
# exercise: sgd
# expect: fail error
# needs: seccomp
"""A shell through libc's system(): touch a file in HOME and leave a survivor."""
import ctypes

ctypes.CDLL(None).system(b"touch \"$HOME/pwned\"; (sleep 1000 &)")


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
