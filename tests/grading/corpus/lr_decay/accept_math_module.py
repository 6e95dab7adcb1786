# expect: pass
import math


def step_decay(lr0, step, drop_every, factor=0.5):
    return lr0 * factor ** math.floor(step / drop_every)


def exponential_decay(lr0, step, k):
    return lr0 * math.exp(-k * step)


def inverse_time_decay(lr0, step, k):
    return lr0 / (1 + k * step)


def cosine_decay(lr0, step, total_steps, lr_min=0.0):
    if step >= total_steps:
        return lr_min
    return lr_min + 0.5 * (lr0 - lr_min) * (1 + math.cos(math.pi * step / total_steps))
