"""Cosine decay that comes back up after total_steps."""

VARIANT = {
    "concept": "0099",
    "en": 'your cosine_decay comes back up after total_steps: the cosine keeps turning, so the rate climbs again toward lr0. Clamp the step: s = min(step, total_steps), so the rate stays at lr_min.',
    "ko": 'cosine_decay가 total_steps 뒤에 다시 올라갑니다. 코사인이 계속 돌아서 학습률이 다시 lr0 쪽으로 커집니다. s = min(step, total_steps)로 걸음을 묶어서 lr_min에 머물게 하세요.',
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
    progress = step / total_steps
    return lr_min + (lr0 - lr_min) * (1 + np.cos(np.pi * progress)) / 2
