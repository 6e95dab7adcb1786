"""He init with 1/(2√n), a typo that circulates in study notes."""

VARIANT = {
    "concept": "0108",
    "en": "you used 1/(2√n), a typo that circulates in study notes; He's standard deviation is √(2/n) (the book "
    "and He et al., 2015), about 2.8 times larger. ReLU zeroes half its inputs, so He doubles Xavier's variance 1/n.",
    "ko": "공부 노트에 돌아다니는 오타인 1/(2√n)을 썼습니다. He 초깃값의 표준편차는 √(2/n)(책과 He 외, 2015)로 약 2.8배 "
    "큽니다. ReLU가 입력의 절반을 0으로 만들기 때문에 Xavier의 분산 1/n을 두 배로 합니다.",
}

import numpy as np


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) / (2 * np.sqrt(n_in))
