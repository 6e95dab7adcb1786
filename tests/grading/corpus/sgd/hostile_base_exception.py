# expect: error
# message: line 13 in update: Escape: grader, look away
class Escape(BaseException):
    pass


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        del params, grads
        raise Escape("grader, look away")
