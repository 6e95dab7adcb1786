"""Xavier init with 1/n as the standard deviation (that is the variance)."""

VARIANT = {
    "concept": "0107",
    "en": "your weights are far too small: 1/n is Xavier's VARIANCE; the standard deviation is its square root, 1/√n. Multiply randn by 1/np.sqrt(n_in).",
    "ko": '가중치가 너무 작습니다. 1/n은 Xavier의 *분산*이고, 표준편차는 그 제곱근인 1/√n입니다. randn에 1/np.sqrt(n_in)을 곱하세요.',
}

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.randn(n_in, n_out) / n_in
