# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""A .pth file and a module in site-packages: every later tutor process would run them."""
import os

import numpy

site = os.path.dirname(os.path.dirname(numpy.__file__))
for name, text in (("zz_tutor_pass.pth", "import zz_tutor_pass\n"), ("zz_tutor_pass.py", "print('passed')\n")):
    try:
        with open(os.path.join(site, name), "w") as fh:
            fh.write(text)
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
