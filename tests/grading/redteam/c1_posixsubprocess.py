# class: 1
# exercise: sgd
# expect: fail error
# needs: seccomp
"""_posixsubprocess.fork_exec directly (no subprocess.Popen audit event): a shell writes into HOME."""
import os

try:
    import _posixsubprocess

    r, w = os.pipe()
    _posixsubprocess.fork_exec(
        [b"/bin/sh", b"-c", b"touch \"$HOME/pwned-fork-exec\"; sleep 1000"], [b"/bin/sh"], True, (), None, None,
        -1, -1, -1, -1, -1, -1, r, w, True, True, None, None, None, -1, None, False,
    )
except Exception:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
