"""Learning-rate decay: big steps early, smaller ones later, one global rate for all parameters.

Each schedule maps a step number (an int, or an array of them for plotting) to the learning rate used at
that step; step 0 gets ``lr0``.
"""

import numpy as np


def step_decay(lr0, step, drop_every, factor=0.5):
    """Multiply the rate by ``factor`` every ``drop_every`` steps: lr0 · factor^⌊step / drop_every⌋."""
    if drop_every <= 0:
        raise ValueError(f"drop_every must be positive, got {drop_every}")
    return lr0 * factor ** (np.asarray(step) // drop_every)


def exponential_decay(lr0, step, k):
    """lr0 · e^(−k·step)."""
    return lr0 * np.exp(-k * np.asarray(step))


def inverse_time_decay(lr0, step, k):
    """lr0 / (1 + k·step)."""
    return lr0 / (1 + k * np.asarray(step))


def cosine_decay(lr0, step, total_steps, lr_min=0.0):
    """Half a cosine from lr0 down to ``lr_min`` over ``total_steps``, then stay at ``lr_min``.

    lr_min + (lr0 − lr_min) · (1 + cos(π · min(step, total_steps) / total_steps)) / 2
    """
    if total_steps <= 0:
        raise ValueError(f"total_steps must be positive, got {total_steps}")
    progress = np.minimum(np.asarray(step), total_steps) / total_steps
    return lr_min + (lr0 - lr_min) * (1 + np.cos(np.pi * progress)) / 2
