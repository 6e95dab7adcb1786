# class: 7
# exercise: sgd
# expect: fail error
"""Megabytes of escape sequences printed in a loop."""
for _ in range(2000):
    print("\x1b[2J\x1b]0;x\x07" * 300)


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
