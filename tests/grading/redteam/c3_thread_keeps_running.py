# class: 3
# exercise: sgd
# expect: fail error
"""A daemon thread that keeps computing after the result: the process ends with the check."""
import threading


def spin():
    while True:
        pass


threading.Thread(target=spin, daemon=True).start()


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
