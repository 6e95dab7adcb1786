# expect: error
# message: os._exit
import os


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        print('{"version": 2, "status": "pass"}')
        os._exit(0)
