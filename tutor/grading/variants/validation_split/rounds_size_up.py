"""Validation split that rounds N · validation_rate (round or ceil) instead of dropping the fraction."""

VARIANT = {
    "concept": "0114",
    "match": "property",
    "en": "your split rounds N · validation_rate to the nearest (or next) whole number: 49 rows at 0.3 is 14.7, "
    "and you hold out 15 rows. The contract is int(N · validation_rate), as in the book's code: drop the "
    "fraction, 14 rows.",
    "ko": "N · validation_rate를 반올림(또는 올림)했습니다. 49행에 0.3이면 14.7인데 15행을 떼어 냈습니다. "
    "약속은 책의 코드처럼 int(N · validation_rate)입니다. 소수 부분을 버려서 14행입니다.",
}

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    permutation = np.random.permutation(x.shape[0])
    x = x[permutation]
    t = t[permutation]
    validation_num = round(x.shape[0] * validation_rate)
    x_val = x[:validation_num]
    t_val = t[:validation_num]
    x_train = x[validation_num:]
    t_train = t[validation_num:]
    return x_train, t_train, x_val, t_val
