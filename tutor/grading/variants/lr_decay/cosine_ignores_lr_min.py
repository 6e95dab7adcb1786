"""Cosine decay that always ends at zero."""

VARIANT = {
    "concept": "0099",
    "en": 'your cosine_decay ignores lr_min and always ends at 0. The half cosine runs between lr0 and lr_min: lr_min + (lr0 − lr_min)·(1 + cos(π·s/T))/2.',
    "ko": 'cosine_decay가 lr_min을 무시하고 항상 0에서 끝납니다. 반쪽 코사인은 lr0과 lr_min 사이를 오갑니다: lr_min + (lr0 − lr_min)·(1 + cos(π·s/T))/2.',
}

import numpy as np


def step_decay(lr0, step, drop_every, factor=0.5):
    """lr0 · factor^⌊step / drop_every⌋."""
    return lr0 * factor ** (step // drop_every)


def exponential_decay(lr0, step, k):
    """lr0 · e^(−k·step)."""
    return lr0 * np.exp(-k * step)


def inverse_time_decay(lr0, step, k):
    """lr0 / (1 + k·step)."""
    return lr0 / (1 + k * step)


def cosine_decay(lr0, step, total_steps, lr_min=0.0):
    """lr_min + (lr0 − lr_min)·(1 + cos(π·min(step, total_steps)/total_steps))/2."""
    progress = min(step, total_steps) / total_steps
    return lr0 * (1 + np.cos(np.pi * progress)) / 2
