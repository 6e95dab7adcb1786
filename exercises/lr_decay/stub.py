"""Exercise lr_decay (concept 0099): learning-rate schedules — big steps first, smaller ones later.

Each function gives the learning rate to use at `step` (0, 1, 2, ...); step 0 gets lr0.
    step_decay          lr0 · factor^⌊step / drop_every⌋            (drops every drop_every steps)
    exponential_decay   lr0 · e^(−k·step)
    inverse_time_decay  lr0 / (1 + k·step)
    cosine_decay        lr_min + (lr0 − lr_min) · (1 + cos(π·s / total_steps)) / 2,
                        with s = min(step, total_steps): after total_steps it stays at lr_min
Check your work with:  tutor check lr_decay
"""

import numpy as np


def step_decay(lr0, step, drop_every, factor=0.5):
    # TODO
    raise NotImplementedError("step_decay")


def exponential_decay(lr0, step, k):
    # TODO
    raise NotImplementedError("exponential_decay")


def inverse_time_decay(lr0, step, k):
    # TODO
    raise NotImplementedError("inverse_time_decay")


def cosine_decay(lr0, step, total_steps, lr_min=0.0):
    # TODO
    raise NotImplementedError("cosine_decay")
