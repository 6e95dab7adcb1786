"""Xavier init with Glorot and Bengio's fan average: std √(2/(n_in + n_out))."""

VARIANT = {
    "concept": "0107",
    "en": "your standard deviation is √(2/(n_in + n_out)), the fan average of Glorot and Bengio's paper (what frameworks call glorot_normal). This course follows the book: std 1/√n with n = n_in, the number of nodes in the previous layer. The two agree only when n_in = n_out.",
    "ko": "표준편차로 √(2/(n_in + n_out))를 썼습니다. Glorot와 Bengio 논문의 식으로, fan_in과 fan_out의 평균을 씁니다(프레임워크의 glorot_normal). 이 강의는 책을 따라 표준편차 1/√n을 쓰고, n = n_in은 앞 계층의 노드 수입니다. 두 식은 n_in = n_out일 때만 같습니다.",
}

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / (n_in + n_out))
