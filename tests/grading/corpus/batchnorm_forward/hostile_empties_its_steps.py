# expect: fail
# message: the grader asked for
# A BatchNormalization that does nothing but empty the list of calls the grader scripted for it.
import sys


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        frame = sys._getframe(1)
        while frame is not None:
            case = frame.f_locals.get("case")
            if isinstance(case, dict) and isinstance(case.get("steps"), list):
                case["steps"].clear()
                break
            frame = frame.f_back

    def forward(self, x, train_flag=True):
        return x
