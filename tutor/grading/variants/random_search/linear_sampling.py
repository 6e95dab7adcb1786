"""Random search that samples uniformly on a linear scale."""

VARIANT = {
    "concept": "0115",
    "match": "property",
    "en": 'your samples are uniform on a linear scale: between 1e-6 and 1e-2, 99 % of them land above 1e-4, so small values are almost never tried. Sample the exponent instead: 10 ** uniform(log10(low), log10(high)).',
    "ko": '표본이 선형 척도에서 균등합니다. 1e-6과 1e-2 사이라면 99 %가 1e-4보다 커서 작은 값은 거의 시도되지 않습니다. 대신 지수를 뽑으세요: 10 ** uniform(log10(low), log10(high)).',
}

import numpy as np


def sample_log_uniform(low, high, size):
    """size values whose log10 is uniform between log10(low) and log10(high)."""
    return np.random.uniform(low, high, size)


def narrow_range(values, scores, top_k=5):
    """(low, high): the smallest and largest of the values with the top_k highest scores."""
    values = np.asarray(values)
    best = np.argsort(scores)[::-1][:top_k]
    return float(values[best].min()), float(values[best].max())
