# class: 7
# exercise: sgd
# expect: fail error
# human: yes
"""Terminal control raised from inside update() (reaches the per-check messages)."""
class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        raise RuntimeError("\x1b]0;pwned\x07\x1b[2J✓ all checks passed")
