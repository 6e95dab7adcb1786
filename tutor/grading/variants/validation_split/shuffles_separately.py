"""Validation split that shuffles x and t with different permutations."""

VARIANT = {
    "concept": "0114",
    "match": "property",
    "en": 'your split shuffles x and t separately, so rows lose their labels (the network would learn noise). Draw ONE permutation and index both with it: x[p], t[p].',
    "ko": 'x와 t를 따로 섞어서 행이 자기 레이블을 잃었습니다(신경망이 잡음을 배우게 됩니다). 순열을 *하나* 뽑아 둘 다 그것으로 인덱싱하세요: x[p], t[p].',
}

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    """Shuffle (x, t) together, then hold out the first int(N · validation_rate) rows for validation."""
    permutation = np.random.permutation(x.shape[0])
    x = x[permutation]
    t = t[np.random.permutation(t.shape[0])]
    validation_num = int(x.shape[0] * validation_rate)
    x_val = x[:validation_num]
    t_val = t[:validation_num]
    x_train = x[validation_num:]
    t_train = t[validation_num:]
    return x_train, t_train, x_val, t_val
