# expect: pass
# In the style of the book's multi-layer net: the penalty summed over the weight matrices in a loop, and
# λW added to each weight gradient (here for any parameter whose name starts with "W").
import numpy as np


def weight_decay_loss(params, lam):
    weight_decay = 0
    for name in params.keys():
        if name.startswith("W"):
            W = params[name]
            weight_decay += 0.5 * lam * np.sum(W**2)
    return weight_decay


def weight_decay_grads(params, grads, lam):
    new_grads = {}
    for name in grads.keys():
        if name.startswith("W"):
            new_grads[name] = grads[name] + lam * params[name]
        else:
            new_grads[name] = grads[name].copy()
    return new_grads
