# class: 6
# exercise: sgd
# expect: error fail
"""Point stdout at the result pipe and print a fake frame."""
import os
import sys

os.dup2(int(sys.argv[1]), 1)
print('{"status": "ok", "outputs": {}}')


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
