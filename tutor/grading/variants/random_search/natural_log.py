"""Random search that mixes log bases (exp of a log10-uniform draw)."""

VARIANT = {
    "concept": "0115",
    "match": "property",
    "en": 'your sampling mixes logarithm bases: you draw the exponent with log10 but raise e to it (np.exp), or the other way round, so the samples fall outside [low, high]. Use the same base both ways: 10 ** uniform(log10(low), log10(high)) or exp(uniform(ln(low), ln(high))).',
    "ko": '로그의 밑을 섞어 썼습니다. 지수는 log10으로 뽑고 e로 거듭제곱하거나(np.exp) 그 반대로 해서 표본이 [low, high] 밖으로 나갑니다. 양쪽에 같은 밑을 쓰세요: 10 ** uniform(log10(low), log10(high)) 또는 exp(uniform(ln(low), ln(high))).',
}

import numpy as np


def sample_log_uniform(low, high, size):
    """size values whose log10 is uniform between log10(low) and log10(high)."""
    return np.exp(np.random.uniform(np.log10(low), np.log10(high), size))


def narrow_range(values, scores, top_k=5):
    """(low, high): the smallest and largest of the values with the top_k highest scores."""
    values = np.asarray(values)
    best = np.argsort(scores)[::-1][:top_k]
    return float(values[best].min()), float(values[best].max())
