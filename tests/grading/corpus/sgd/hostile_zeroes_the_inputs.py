# expect: fail
# message: expected
# An SGD that does nothing, after zeroing every gradient of the case it is handed (so that doing nothing
# would be right if the grader trusted the inputs in the child). The parent keeps its own inputs.
import sys


class SGD:
    def __init__(self, lr=0.01):
        frame = sys._getframe(1)
        while frame is not None:
            case = frame.f_locals.get("case")
            if isinstance(case, dict) and isinstance(case.get("grads"), list):
                for grads in case["grads"]:
                    for g in grads.values():
                        g[...] = 0.0
                break
            frame = frame.f_back

    def update(self, params, grads):
        pass
