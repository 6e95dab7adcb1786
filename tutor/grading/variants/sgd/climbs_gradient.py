"""SGD that adds the gradient: it climbs the loss instead of descending it."""

VARIANT = {
    "concept": "0097",
    "en": "your SGD climbs the gradient: it adds η·∂L/∂W instead of subtracting it, so the loss goes up. "
    "The gradient points uphill; a step downhill is W ← W − η·∂L/∂W.",
    "ko": "SGD가 기울기를 거슬러 올라갑니다. η·∂L/∂W를 빼지 않고 더해서 손실이 커집니다. 기울기는 오르막 방향을 "
    "가리키므로 내려가려면 W ← W − η·∂L/∂W입니다.",
}


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] += self.lr * grads[key]
