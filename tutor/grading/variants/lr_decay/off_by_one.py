"""Learning-rate step decay that drops one step too early."""

VARIANT = {
    "concept": "0099",
    "en": 'your step_decay drops one step too early: with drop_every=10 the rate must stay at lr0 for steps 0–9 and halve at step 10. Use ⌊step / drop_every⌋ on the step itself (step // drop_every), not step + 1.',
    "ko": 'step_decay가 한 걸음 일찍 줄어듭니다. drop_every=10이면 0~9번째 걸음까지는 lr0이고 10번째에서 절반이 되어야 합니다. step + 1이 아니라 step 자체로 ⌊step / drop_every⌋ (step // drop_every)를 쓰세요.',
}

import numpy as np


def step_decay(lr0, step, drop_every, factor=0.5):
    """lr0 · factor^⌊step / drop_every⌋."""
    return lr0 * factor ** ((step + 1) // drop_every)


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
