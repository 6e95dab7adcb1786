"""Validation split that returns its parts in scikit-learn's order (x_train, x_val, t_train, t_val)."""

VARIANT = {
    "concept": "0114",
    "match": "property",
    "en": "your split returns (x_train, x_val, t_train, t_val), the order of scikit-learn's train_test_split. "
    "This exercise, like the book, returns (x_train, t_train, x_val, t_val): each part's data next to its labels.",
    "ko": "분할 결과를 scikit-learn의 train_test_split 순서인 (x_train, x_val, t_train, t_val)로 돌려줍니다. "
    "이 실습은 책처럼 각 부분의 데이터와 레이블을 나란히 둔 (x_train, t_train, x_val, t_val) 순서로 돌려줍니다.",
}

import numpy as np


def split_validation(x, t, validation_rate=0.2):
    permutation = np.random.permutation(x.shape[0])
    x = x[permutation]
    t = t[permutation]
    validation_num = int(x.shape[0] * validation_rate)
    return x[validation_num:], x[:validation_num], t[validation_num:], t[:validation_num]
