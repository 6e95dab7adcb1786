# class: 3
# exercise: sgd
# expect: fail error
# needs: subreaper
"""/bin/sleep started in a new session through posix_spawn (the audit hook is emptied first)."""
import gc
import os

for obj in gc.get_objects():
    if callable(obj) and getattr(obj, "__name__", "") == "audit" and getattr(obj, "__closure__", None):
        for cell in obj.__closure__:
            if isinstance(cell.cell_contents, set):
                cell.cell_contents = set()
try:
    os.posix_spawn("/bin/sleep", ["sleep", "1000"], os.environ, setsid=True)
except OSError:
    pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
