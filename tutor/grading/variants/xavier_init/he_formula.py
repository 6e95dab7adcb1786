"""Xavier init written with He's √(2/n)."""

VARIANT = {
    "concept": "0107",
    "en": "you used He's standard deviation √(2/n); Xavier's is 1/√n. The factor 2 is for ReLU, which zeroes half its inputs (0108 explains it); Xavier keeps the variance steady for activations that are close to linear around 0, such as tanh.",
    "ko": 'He의 표준편차 √(2/n)를 썼습니다. Xavier는 1/√n입니다. 2배는 입력의 절반을 0으로 만드는 ReLU를 위한 것이고(0108에서 설명합니다), Xavier는 tanh처럼 0 근처에서 선형에 가까운 활성화 함수에서 분산을 일정하게 유지합니다.',
}

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
