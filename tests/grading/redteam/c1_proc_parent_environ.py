# class: 1
# exercise: sgd
# expect: fail error
# needs: landlock
"""Read the grader's environment (a CI's secrets live there) and memory maps through /proc."""
import os

for name in ("environ", "maps", "cmdline"):
    try:
        data = open(f"/proc/{os.getppid()}/{name}", "rb").read()
    except OSError:
        continue
    raise RuntimeError(f"LEAK {name}: {data[:40]!r}")


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
