"""SGD that assigns a new array to params[key] instead of changing the existing one."""

VARIANT = {
    "concept": "0097",
    "match": "property",
    "en": "your SGD writes params[key] = params[key] - ..., which makes a NEW array and puts it in the dict. "
    "The book's layers hold the original arrays, so they never see the update and training silently stops. "
    "Change the array itself: params[key] -= self.lr * grads[key].",
    "ko": "SGD가 params[key] = params[key] - ... 로 새 배열을 만들어 딕셔너리에 넣습니다. 책의 계층들은 원래 배열을 "
    "들고 있어서 갱신을 보지 못하고, 학습이 조용히 멈춥니다. 배열 자체를 바꾸세요: params[key] -= self.lr * grads[key].",
}


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] = params[key] - self.lr * grads[key]
