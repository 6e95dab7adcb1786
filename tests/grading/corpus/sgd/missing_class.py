# expect: error
# message: your file defines no class `SGD`
class Sgd:
    def __init__(self, lr=0.01):
        self.lr = lr
