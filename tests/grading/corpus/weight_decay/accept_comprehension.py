# expect: pass
import numpy as np


def weight_decay_loss(params, lam):
    return lam / 2 * sum(np.sum(w * w) for k, w in params.items() if k[0] == "W")


def weight_decay_grads(params, grads, lam):
    return {k: g + lam * params[k] if k.startswith("W") else g for k, g in grads.items()}
