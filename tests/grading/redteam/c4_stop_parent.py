# class: 4
# exercise: sgd
# expect: fail error
# needs: seccomp
"""SIGSTOP to the grader, then keep running: its wall-time limit would be suspended."""
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGSTOP)
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
