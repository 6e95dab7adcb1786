"""Reference solution: four learning-rate schedules."""

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
    progress = np.minimum(step, total_steps) / total_steps  # np.minimum: step may be an array of steps
    return lr_min + (lr0 - lr_min) * (1 + np.cos(np.pi * progress)) / 2
