"""Range narrowing around the lowest-scoring trials."""

VARIANT = {
    "concept": "0115",
    "en": 'your narrow_range keeps the trials with the LOWEST scores (np.argsort sorts ascending). Take the top_k highest scores — e.g. np.argsort(scores)[::-1][:top_k] — then their smallest and largest values.',
    "ko": 'narrow_range가 점수가 가장 *낮은* 시행을 골랐습니다(np.argsort는 오름차순입니다). 점수가 가장 높은 top_k개를 고르고 — 예: np.argsort(scores)[::-1][:top_k] — 그 값들의 최솟값과 최댓값을 돌려주세요.',
}

import numpy as np


def sample_log_uniform(low, high, size):
    """size values whose log10 is uniform between log10(low) and log10(high)."""
    return 10 ** np.random.uniform(np.log10(low), np.log10(high), size)


def narrow_range(values, scores, top_k=5):
    """(low, high): the smallest and largest of the values with the top_k highest scores."""
    values = np.asarray(values)
    best = np.argsort(scores)[:top_k]
    return float(values[best].min()), float(values[best].max())
