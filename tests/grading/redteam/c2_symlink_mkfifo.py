# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Symlinks, FIFOs, folders and hard links in TMPDIR and HOME."""
import os

for act in (
    lambda: os.symlink("/etc/passwd", os.path.join(os.environ["TMPDIR"], "link")),
    lambda: os.mkfifo(os.path.join(os.environ["TMPDIR"], "fifo")),
    lambda: os.mkdir(os.path.join(os.environ["HOME"], ".config-pwned")),
    lambda: os.link(os.path.join(os.environ["HOME"], ".bashrc"), os.path.join(os.environ["TMPDIR"], "hard")),
):
    try:
        act()
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
