"""He init with the seed note's typo 1/(2√n)."""

VARIANT = {
    "concept": "0108",
    "en": "you used 1/(2√n), the typo in the seed note; He's standard deviation is √(2/n) — about 2.8 times larger. ReLU zeroes half its inputs, so He doubles Xavier's variance 1/n. See 0108.",
    "ko": '노트의 오타인 1/(2√n)을 썼습니다. He 초깃값의 표준편차는 √(2/n)로, 약 2.8배 큽니다. ReLU가 입력의 절반을 0으로 만들기 때문에 Xavier의 분산 1/n을 두 배로 합니다. 0108을 다시 보세요.',
}

import numpy as np


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) / (2 * np.sqrt(n_in))
