"""Step decay with ⌈step / drop_every⌉: it drops at step 1 instead of at step drop_every."""

VARIANT = {
    "concept": "0099",
    "en": "your step_decay rounds step / drop_every UP (ceil), so the rate drops already at step 1 and then at every step after a multiple of drop_every. The rate must stay at lr0 for steps 0 … drop_every − 1: round down, ⌊step / drop_every⌋ (step // drop_every).",
    "ko": "step_decay가 step / drop_every를 올림(ceil)해서 학습률이 1번째 걸음부터 줄고, 그 뒤로도 drop_every의 배수 다음 걸음마다 줍니다. 0 … drop_every − 1번째 걸음까지는 lr0이어야 하니 내림 ⌊step / drop_every⌋(step // drop_every)을 쓰세요.",
}

import math

import numpy as np


def step_decay(lr0, step, drop_every, factor=0.5):
    """lr0 · factor^⌈step / drop_every⌉."""
    return lr0 * factor ** math.ceil(step / drop_every)


def exponential_decay(lr0, step, k):
    """lr0 · e^(−k·step)."""
    return lr0 * np.exp(-k * step)


def inverse_time_decay(lr0, step, k):
    """lr0 / (1 + k·step)."""
    return lr0 / (1 + k * step)


def cosine_decay(lr0, step, total_steps, lr_min=0.0):
    """lr_min + (lr0 − lr_min)·(1 + cos(π·min(step, total_steps)/total_steps))/2."""
    progress = min(step, total_steps) / total_steps
    return lr_min + (lr0 - lr_min) * (1 + np.cos(np.pi * progress)) / 2
