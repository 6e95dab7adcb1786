# expect: fail
# message: the grader asked for
# An SGD that appends a step of its own to the case it is handed: the grader asked for fewer.
import sys


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr
        frame = sys._getframe(1)
        while frame is not None:
            case = frame.f_locals.get("case")
            if isinstance(case, dict) and isinstance(case.get("grads"), list):
                case["grads"].append(case["grads"][-1])
                break
            frame = frame.f_back

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]
