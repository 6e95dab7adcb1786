"""SGD that always uses the default learning rate, whatever it was given."""

VARIANT = {
    "concept": "0097",
    "en": "your SGD ignores the lr it is given and always steps with 0.01: store the constructor's lr "
    "(self.lr = lr) and use self.lr in update.",
    "ko": "SGD가 전달받은 lr을 무시하고 항상 0.01로 갱신합니다. 생성자의 lr을 저장(self.lr = lr)하고 update에서 "
    "self.lr을 쓰세요.",
}


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= 0.01 * grads[key]
