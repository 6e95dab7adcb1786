# expect: pass
# Log-uniform does not depend on the base, as long as the same base is used both ways.
import numpy as np


def sample_log_uniform(low, high, size):
    return np.exp(np.random.uniform(np.log(low), np.log(high), size))


def narrow_range(values, scores, top_k=5):
    pairs = sorted(zip(scores, values), reverse=True)[:top_k]
    chosen = [v for _, v in pairs]
    return min(chosen), max(chosen)
