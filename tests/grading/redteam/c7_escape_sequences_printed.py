# class: 7
# exercise: sgd
# expect: fail error
# human: yes
"""Print terminal control: retitle, clipboard, wipe, 8-bit CSI, RTL override, NUL, BEL."""
print("\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b[HPassed.\x9b31m\u202eDESSAP\x00\x07\x08\x0b\x0c\r")


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
