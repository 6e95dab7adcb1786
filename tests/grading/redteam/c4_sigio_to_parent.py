# class: 4
# exercise: sgd
# expect: fail error
# needs: seccomp
"""fcntl(F_SETOWN) + O_ASYNC on the output pipe: SIGIO would be sent to the grader."""
import fcntl
import os

try:
    fcntl.fcntl(1, fcntl.F_SETOWN, os.getppid())
    fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_ASYNC)
    print("x" * 100, flush=True)
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
