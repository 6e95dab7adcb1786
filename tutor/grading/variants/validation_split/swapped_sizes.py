"""Validation split that gives validation the larger part."""

VARIANT = {
    "concept": "0114",
    "match": "property",
    "en": 'your split makes the validation part the large one: validation_rate is the fraction held out for VALIDATION (0.2 → 20 % validation, 80 % training).',
    "ko": '검증 부분을 큰 쪽으로 만들었습니다. validation_rate는 *검증*용으로 떼어 두는 비율입니다(0.2 → 검증 20 %, 훈련 80 %).',
}

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    """Shuffle (x, t) together, then hold out the first int(N · validation_rate) rows for validation."""
    permutation = np.random.permutation(x.shape[0])
    x = x[permutation]
    t = t[permutation]
    validation_num = int(x.shape[0] * (1 - validation_rate))
    x_val = x[:validation_num]
    t_val = t[:validation_num]
    x_train = x[validation_num:]
    t_train = t[validation_num:]
    return x_train, t_train, x_val, t_val
