# class: 9
# exercise: sgd
# expect: fail error
# needs: seccomp
"""TIOCSTI: push keystrokes into a terminal the child might hold."""
import fcntl
import termios

for fd in (0, 1, 2):
    try:
        fcntl.ioctl(fd, termios.TIOCSTI, b"x")
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
