"""Chapter 6's optimizers, written the way the book writes them.

Every optimizer has ``update(params, grads)``: ``params`` and ``grads`` are dicts of NumPy arrays with the
same keys. ``update`` changes each ``params[key]`` array IN PLACE (``params[key] -= ...`` calls the
array's own in-place subtraction, so the dict keeps the very same array object and every layer holding it
sees the change) and never writes to ``grads``. State (velocities, squared-gradient sums) is created on
the first call, shaped like the parameters, as in the book.

``Nesterov`` follows Bengio et al. (2013, arXiv:1212.0901), the paper the book's companion code cites;
see its docstring for where that code differs.
"""

import numpy as np

# The book's guard against division by zero in AdaGrad, RMSprop and Adam (added outside the sqrt).
EPSILON = 1e-7


def _zeros_like_each(params):
    """One zero array per parameter: the optimizers' state before the first step."""
    return {key: np.zeros_like(value) for key, value in params.items()}


class SGD:
    """Stochastic gradient descent: W ← W − η ∂L/∂W."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    """Momentum SGD: v ← αv − η ∂L/∂W, then W ← W + v.

    α (``momentum``) acts like friction: without new gradients the velocity fades by α each step.
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = _zeros_like_each(params)
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Nesterov(Momentum):
    """Nesterov's accelerated gradient in Bengio et al.'s form (beyond the book).

    With μ = ``momentum`` and η = ``lr``, each step does

        W ← W + μ²v − (1 + μ)η ∂L/∂W        (using the velocity from the previous step)
        v ← μv − η ∂L/∂W

    which is the "look ahead" step of Nesterov's method rewritten so that the gradient is taken at the
    stored parameters. It gives exactly the trajectory of PyTorch's ``SGD(nesterov=True)`` (whose buffer
    is −v/η). The book's companion code updates v *before* W, i.e. it adds μ²·(new v); that is not the
    paper's formula, and it moves W further than this one from the very first step (by μ²η·g there).

    Same hyperparameters and state as ``Momentum``; only the update differs.
    """

    def update(self, params, grads):
        if self.v is None:
            self.v = _zeros_like_each(params)
        mu = self.momentum
        for key in params:
            params[key] += mu * mu * self.v[key] - (1 + mu) * self.lr * grads[key]
            self.v[key] = mu * self.v[key] - self.lr * grads[key]


class AdaGrad:
    """AdaGrad: h ← h + g⊙g, then W ← W − η g / (√h + ε).

    Elements that have moved a lot get a smaller step; because h only grows, steps shrink toward zero.
    """

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + EPSILON)


class RMSprop:
    """RMSprop: like AdaGrad, but h is an exponential moving average of g⊙g, so old gradients fade.

    h ← ρh + (1 − ρ) g⊙g, then W ← W − η g / (√h + ε), with ρ = ``decay_rate``.
    """

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + EPSILON)


class Adam:
    """Adam (Kingma & Ba, arXiv:1412.6980): momentum plus a per-element adaptive step, bias-corrected.

    At step t (counted once per ``update`` call):

        m ← m + (1 − β1)(g − m)                 (= β1·m + (1 − β1)·g)
        v ← v + (1 − β2)(g⊙g − v)               (= β2·v + (1 − β2)·g⊙g)
        lr_t = η·√(1 − β2ᵗ) / (1 − β1ᵗ)         (the bias correction, folded into the step size)
        W ← W − lr_t · m / (√v + ε)

    This is the book's form. Textbook Adam divides by √v̂ + ε with v̂ = v/(1 − β2ᵗ); the two agree
    except that here ε is effectively ε/√(1 − β2ᵗ), a difference that matters only when √v is tiny.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = _zeros_like_each(params)
            self.v = _zeros_like_each(params)
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + EPSILON)


# Lower-case names, as the book's Trainer spells them, for labs and CLI options that pick by name.
OPTIMIZERS = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": AdaGrad,
    "rmsprop": RMSprop,
    "adam": Adam,
}
