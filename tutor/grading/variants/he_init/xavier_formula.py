"""He init written with Xavier's 1/√n."""

VARIANT = {
    "concept": "0108",
    "en": "you used Xavier's standard deviation 1/√n; He's is √(2/n), because ReLU zeroes half its inputs and the variance must be doubled to keep activations spread.",
    "ko": 'Xavier의 표준편차 1/√n을 썼습니다. He는 √(2/n)입니다. ReLU가 입력의 절반을 0으로 만들기 때문에 활성화값이 고루 퍼지려면 분산을 두 배로 해야 합니다.',
}

import numpy as np


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) / np.sqrt(n_in)
