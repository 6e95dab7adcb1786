"""He init drawn from a uniform distribution with the right standard deviation."""

VARIANT = {
    "concept": "0108",
    "en": 'your weights are uniformly distributed; this exercise (like the book) draws them from a normal distribution: np.random.randn(n_in, n_out) * np.sqrt(2 / n_in).',
    "ko": '가중치가 균등분포를 따릅니다. 이 실습은 책처럼 정규분포에서 뽑습니다: np.random.randn(n_in, n_out) * np.sqrt(2 / n_in).',
}

import numpy as np


def he_init(n_in, n_out):
    return np.random.uniform(-1, 1, (n_in, n_out)) * np.sqrt(6.0 / n_in)
