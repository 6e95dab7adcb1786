# class: 9
# exercise: sgd
# expect: fail error
"""An atexit handler that prints a pass, and a patched builtins.print."""
import atexit
import builtins

atexit.register(lambda: print("all checks passed"))
builtins.print = lambda *a, **k: None


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
