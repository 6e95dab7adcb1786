# expect: pass
# Adam as in the paper's Algorithm 1: bias-corrected m̂ and v̂, ε = 1e-8 outside the root.
import numpy as np


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t = 0
        self.state = {}

    def update(self, params, grads):
        self.t += 1
        for k, g in grads.items():
            m, v = self.state.get(k, (np.zeros_like(g), np.zeros_like(g)))
            m = self.beta1 * m + (1 - self.beta1) * g
            v = self.beta2 * v + (1 - self.beta2) * g * g
            self.state[k] = (m, v)
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)
