# class: 9
# exercise: sgd
# expect: fail error
"""Raise the memory and CPU limits back (a hard limit cannot be raised)."""
import resource

for limit in (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_FSIZE):
    try:
        resource.setrlimit(limit, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        raise RuntimeError(f"LEAK raised limit {limit}")
    except (ValueError, OSError):
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
