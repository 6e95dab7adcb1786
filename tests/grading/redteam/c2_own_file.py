# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Rewrite, truncate and rename the very file being graded (the harness always grades a copy)."""
import os

for act in (lambda: open(__file__, "a").write("\n# edited"), lambda: os.truncate(__file__, 0), lambda: os.rename(__file__, __file__ + ".bak")):
    try:
        act()
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
