"""The labs' own small NumPy network and datasets: the book's layers, just enough to train on spirals.

The chapter's techniques come in from outside — an optimizer class, a BatchNormalization or Dropout
class, weight-decay functions — so the same network trains with the reference engine or with the
learner's code. Everything random is drawn from a ``np.random.Generator`` passed in, except what the
plugged-in classes draw themselves (a learner's Dropout uses the global ``np.random``, as in the book).

Parameters live in one dict (``W1``, ``b1``, ``gamma1``, ``beta1``, ...) and the layers look them up by
key on every pass, so an optimizer that replaces arrays instead of updating them in place still trains.
"""

from __future__ import annotations

import numpy as np


def spirals(n_per_class, *, classes=3, noise=0.2, turns=1.0, rng):
    """Interleaved 2-D spirals (x, t): the classic "needs a hidden layer" toy set, made offline.

    ``x`` has shape (n_per_class·classes, 2), roughly within [−1, 1]²; ``t`` holds class indices.
    ``noise`` jitters the angle, so neighbouring arms overlap and a big network can overfit.
    """
    xs, ts = [], []
    for k in range(classes):
        r = np.linspace(0.05, 1.0, n_per_class)
        angle = k * 2 * np.pi / classes + r * turns * 2 * np.pi + rng.standard_normal(n_per_class) * noise
        xs.append(np.column_stack([r * np.sin(angle), r * np.cos(angle)]))
        ts.append(np.full(n_per_class, k))
    x, t = np.concatenate(xs), np.concatenate(ts)
    order = rng.permutation(len(x))
    return x[order], t[order]


def blobs(n, centers, *, rng, flip=0.0):
    """``n`` points around ``centers`` (one row per class) with unit Gaussian noise.

    A share ``flip`` of the labels is replaced by a random class: noise no model can learn, which a big
    network memorises anyway — the overfitting the chapter warns about.
    """
    centers = np.asarray(centers, dtype=float)
    t = rng.integers(0, len(centers), n)
    x = centers[t] + rng.standard_normal((n, centers.shape[1]))
    flipped = rng.random(n) < flip
    t = np.where(flipped, rng.integers(0, len(centers), n), t)
    return x, t


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))


def relu(x):
    return np.maximum(0.0, x)


ACTIVATIONS = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": relu}


def softmax(a):
    a = a - a.max(axis=1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=1, keepdims=True)


class Affine:
    """y = xW + b, reading W and b from the shared parameter dict."""

    def __init__(self, params, index):
        self.params, self.w_key, self.b_key = params, f"W{index}", f"b{index}"
        self.x = None

    def forward(self, x, train_flag=True):
        self.x = x
        return x @ self.params[self.w_key] + self.params[self.b_key]

    def backward(self, dout, grads):
        grads[self.w_key] = self.x.T @ dout
        grads[self.b_key] = dout.sum(axis=0)
        return dout @ self.params[self.w_key].T


class Activation:
    """ReLU, sigmoid or tanh, with the derivative each needs for backprop."""

    def __init__(self, name):
        self.name, self.fn = name, ACTIVATIONS[name]
        self.out = None

    def forward(self, x, train_flag=True):
        self.out = self.fn(x)
        return self.out

    def backward(self, dout, grads):
        if self.name == "relu":
            return dout * (self.out > 0)
        if self.name == "sigmoid":
            return dout * self.out * (1.0 - self.out)
        return dout * (1.0 - self.out**2)


class PluggedLayer:
    """Adapts a book-style layer (forward(x, train_flag), backward(dout)) — Dropout, BatchNormalization."""

    def __init__(self, layer, params=None, index=None):
        self.layer, self.params, self.index = layer, params, index

    def forward(self, x, train_flag=True):
        if self.params is not None:  # batch norm: hand it the current γ and β, however they were updated
            self.layer.gamma = self.params[f"gamma{self.index}"]
            self.layer.beta = self.params[f"beta{self.index}"]
        return self.layer.forward(x, train_flag)

    def backward(self, dout, grads):
        dx = self.layer.backward(dout)
        if self.params is not None:
            grads[f"gamma{self.index}"] = self.layer.dgamma
            grads[f"beta{self.index}"] = self.layer.dbeta
        return dx


class MLP:
    """A fully connected network: (Affine → [BatchNorm] → activation → [Dropout]) × hidden, then Affine.

    ``weight_std`` is a number, "xavier" (1/√n) or "he" (√(2/n)), n = fan-in. ``batchnorm`` and
    ``dropout`` are classes with the book's interface (or None); ``weight_decay`` is a pair of functions
    ``(weight_decay_loss, weight_decay_grads)`` used with strength ``weight_decay_lambda``.
    """

    def __init__(self, sizes, *, rng, activation="relu", weight_std="he", batchnorm=None,
                 dropout=None, dropout_ratio=0.5, weight_decay=None, weight_decay_lambda=0.0):
        self.params = {}
        self.layers = []
        self.weight_decay = weight_decay
        self.weight_decay_lambda = weight_decay_lambda
        last = len(sizes) - 1
        for i in range(1, len(sizes)):
            n_in, n_out = sizes[i - 1], sizes[i]
            if weight_std == "he":
                std = np.sqrt(2.0 / n_in)
            elif weight_std == "xavier":
                std = 1.0 / np.sqrt(n_in)
            else:
                std = float(weight_std)
            self.params[f"W{i}"] = rng.standard_normal((n_in, n_out)) * std
            self.params[f"b{i}"] = np.zeros(n_out)
            self.layers.append(Affine(self.params, i))
            if i == last:
                break
            if batchnorm is not None:
                self.params[f"gamma{i}"] = np.ones(n_out)
                self.params[f"beta{i}"] = np.zeros(n_out)
                bn = batchnorm(self.params[f"gamma{i}"], self.params[f"beta{i}"])
                self.layers.append(PluggedLayer(bn, self.params, i))
            self.layers.append(Activation(activation))
            if dropout is not None:
                self.layers.append(PluggedLayer(dropout(dropout_ratio)))
        self.probs = None
        self.t = None

    def predict(self, x, train_flag=False):
        for layer in self.layers:
            x = layer.forward(x, train_flag)
        return x

    def loss(self, x, t, train_flag=True):
        """Mean cross-entropy of softmax(scores), plus the weight-decay penalty if there is one."""
        self.probs = softmax(self.predict(x, train_flag))
        self.t = t
        loss = -np.mean(np.log(self.probs[np.arange(len(t)), t] + 1e-7))
        if self.weight_decay is not None:
            loss += self.weight_decay[0](self.params, self.weight_decay_lambda)
        return float(loss)

    def gradient(self, x, t):
        """Loss and ∂loss/∂params by backprop (training mode)."""
        loss = self.loss(x, t, train_flag=True)
        dout = self.probs.copy()
        dout[np.arange(len(t)), t] -= 1.0
        dout /= len(t)
        grads = {}
        for layer in reversed(self.layers):
            dout = layer.backward(dout, grads)
        if self.weight_decay is not None:
            grads = self.weight_decay[1](self.params, grads, self.weight_decay_lambda)
        return loss, grads

    def accuracy(self, x, t):
        return float(np.mean(self.predict(x, train_flag=False).argmax(axis=1) == t))

    def probabilities(self, x):
        return softmax(self.predict(x, train_flag=False))


def train(net, optimizer, x, t, *, epochs, batch_size, rng, x_test=None, t_test=None, progress=None,
          stop=None):
    """Mini-batch training; returns per-epoch train (and test) accuracy, measured before epoch 1 too,
    and the loss of every mini-batch.

    ``progress(fraction)`` is told after each epoch; ``stop(epoch, train_acc, test_acc)`` (lists so far)
    may return True to end training early (random search gives up on bad trials that way).
    """
    train_acc, test_acc, losses = [net.accuracy(x, t)], [], []
    if x_test is not None:
        test_acc.append(net.accuracy(x_test, t_test))
    n = len(x)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss, grads = net.gradient(x[idx], t[idx])
            optimizer.update(net.params, grads)
            losses.append(loss)
        train_acc.append(net.accuracy(x, t))
        if x_test is not None:
            test_acc.append(net.accuracy(x_test, t_test))
        if progress is not None:
            progress(epoch / epochs)
        if stop is not None and stop(epoch, train_acc, test_acc):
            break
    return {"train_acc": np.array(train_acc), "test_acc": np.array(test_acc), "loss": np.array(losses)}
