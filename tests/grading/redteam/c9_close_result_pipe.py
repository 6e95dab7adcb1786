# class: 9
# exercise: sgd
# expect: error
"""Close the result pipe so the grader's reply cannot be sent."""
import os
import sys

os.close(int(sys.argv[1]))


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
