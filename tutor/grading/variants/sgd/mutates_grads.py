"""SGD that scales the gradients in place before using them."""

VARIANT = {
    "concept": "0097",
    "match": "property",
    "en": "your SGD changes grads (grads[key] *= lr). The values of params come out right, but the gradients "
    "belong to the network and are read again elsewhere; compute self.lr * grads[key] into a new array.",
    "ko": "SGD가 grads를 바꿉니다(grads[key] *= lr). params 값은 맞지만 기울기는 신경망의 것이라 다른 곳에서 다시 "
    "읽힙니다. self.lr * grads[key]를 새 배열로 계산하세요.",
}


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            grads[key] *= self.lr
            params[key] -= grads[key]
