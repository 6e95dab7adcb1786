"""He init scaled by the number of outputs."""

VARIANT = {
    "concept": "0108",
    "en": "your standard deviation uses n_out; He's n is the number of nodes in the PREVIOUS layer, n_in (the rows of the matrix).",
    "ko": '표준편차에 n_out을 썼습니다. He의 n은 *앞* 계층의 노드 수, 즉 n_in(행렬의 행 수)입니다.',
}

import numpy as np


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_out)
