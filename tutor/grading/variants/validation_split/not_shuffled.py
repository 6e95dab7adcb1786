"""Validation split that takes the first rows without shuffling."""

VARIANT = {
    "concept": "0114",
    "match": "property",
    "en": 'your split does not shuffle: the validation data is simply the first rows. Datasets are often ordered (by label, by date), so the validation set would not look like the training set. Shuffle x and t with one permutation first.',
    "ko": '분할 전에 섞지 않아서 검증 데이터가 그냥 처음 몇 행입니다. 데이터는 (레이블이나 날짜 순으로) 정렬된 경우가 많아서 검증 데이터가 훈련 데이터와 달라집니다. 먼저 같은 순열로 x와 t를 섞으세요.',
}

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    """Shuffle (x, t) together, then hold out the first int(N · validation_rate) rows for validation."""
    validation_num = int(x.shape[0] * validation_rate)
    x_val = x[:validation_num]
    t_val = t[:validation_num]
    x_train = x[validation_num:]
    t_train = t[validation_num:]
    return x_train, t_train, x_val, t_val
