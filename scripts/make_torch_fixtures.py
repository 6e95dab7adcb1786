"""Record PyTorch's results as fixtures, so the test suite checks the reference engine without PyTorch.

    pip install '.[crosscheck]'            # PyTorch (CPU), only for this script
    python scripts/make_torch_fixtures.py  # rewrites tests/unit/fixtures/torch_reference.json

PyTorch shares no code with ``tutor.reference``: its optimizers (float64) and its batch normalisation
(forward in training and in test mode, backward by autograd) are an independent implementation.
This script runs them on small inputs and writes the inputs and PyTorch's outputs to one JSON file;
``tests/unit/test_reference.py`` feeds the same inputs to the reference engine and compares with the
same tolerances as when it called PyTorch directly. Floats are written with ``repr`` (exact round trip)
and nothing depends on the clock, so running the script again gives the same file byte for byte (with
the same PyTorch). ``--check`` compares instead of writing (exit 1 if the file would change).

The cases (keep in step with the test, which asserts that every one is present):
- optimizers, each with chosen hyperparameters and with the book's defaults: SGD, Momentum, Nesterov,
  AdaGrad, RMSprop, Adam; 6 steps on W1 (3, 4), b1 (4,), W2 (4, 2), b2 (2,), gradients of growing
  scale and both signs, with exact zeros;
- batch normalisation: 3 training batches in a row (8 × 5; output, running mean, dx, dγ, dβ), test
  mode with given running statistics, and a 4-D input (6, 2, 3, 3) flattened as the book does.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

try:
    import torch
except ImportError:  # pragma: no cover - the message is the point
    sys.exit("This script needs PyTorch: pip install '.[crosscheck]'")

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "unit" / "fixtures" / "torch_reference.json"

N_STEPS = 6
SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}
BN_EPS = 1e-7  # the reference engine's ε


def make_params(seed):
    rng = np.random.default_rng(seed)
    return {key: rng.standard_normal(shape) for key, shape in SHAPES.items()}


def make_grad_steps(seed):
    """Gradients for N_STEPS steps, of varying scale and sign, with some exact zeros."""
    rng = np.random.default_rng(seed)
    steps = []
    for step in range(N_STEPS):
        grads = {}
        for key, shape in SHAPES.items():
            g = rng.standard_normal(shape) * (0.5 + step)
            g[rng.random(shape) < 0.2] = 0.0
            grads[key] = g
        steps.append(grads)
    return steps


def book_adam_eps(beta2):
    """Make torch's Adam take the book's step exactly.

    Torch divides by √v̂ + ε with v̂ = v/(1 − β2ᵗ); the book folds the bias correction into lr_t and
    divides by √v + 1e-7. The two are equal when torch's ε at step t is 1e-7/√(1 − β2ᵗ), so it is set
    before every step instead of settling for a loose tolerance.
    """

    def set_eps(optimizer, step):
        for group in optimizer.param_groups:
            group["eps"] = 1e-7 / math.sqrt(1 - beta2**step)

    return set_eps


# case -> (reference class, its keyword arguments, torch optimizer factory, hook before each step).
# Book momentum (v ← μv − ηg, W ← W + v) is torch's (buf ← μ·buf + g, W ← W − η·buf) with v = −η·buf;
# book Nesterov (W ← W + μ²v − (1+μ)ηg, v ← μv − ηg) is torch's nesterov=True with the same mapping.
# AdaGrad and RMSprop put ε outside the square root in both.
OPTIMIZER_CASES = {
    "sgd": ("SGD", {"lr": 0.1}, lambda ps: torch.optim.SGD(ps, lr=0.1), None),
    "momentum": ("Momentum", {"lr": 0.05, "momentum": 0.8},
                 lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8), None),
    "nesterov": ("Nesterov", {"lr": 0.05, "momentum": 0.8},
                 lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True), None),
    "adagrad": ("AdaGrad", {"lr": 0.3},
                lambda ps: torch.optim.Adagrad(ps, lr=0.3, lr_decay=0, initial_accumulator_value=0, eps=1e-7),
                None),
    "rmsprop": ("RMSprop", {"lr": 0.02, "decay_rate": 0.9},
                lambda ps: torch.optim.RMSprop(ps, lr=0.02, alpha=0.9, eps=1e-7), None),
    "adam": ("Adam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99},
             lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99)), book_adam_eps(0.99)),
}
# The same comparison with every hyperparameter at its default (the reference class built with no
# arguments), so wrong defaults are caught too.
DEFAULT_CASES = {
    "sgd": ("SGD", {}, lambda ps: torch.optim.SGD(ps, lr=0.01), None),
    "momentum": ("Momentum", {}, lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9), None),
    "nesterov": ("Nesterov", {}, lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9, nesterov=True), None),
    "adagrad": ("AdaGrad", {}, lambda ps: torch.optim.Adagrad(ps, lr=0.01, eps=1e-7), None),
    "rmsprop": ("RMSprop", {}, lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-7), None),
    "adam": ("Adam", {}, lambda ps: torch.optim.Adam(ps, lr=0.001, betas=(0.9, 0.999)), book_adam_eps(0.999)),
}


def torch_trajectory(make_optimizer, params, grad_steps, before_step=None):
    tensors = {key: torch.tensor(value, requires_grad=True) for key, value in params.items()}  # float64
    optimizer = make_optimizer(list(tensors.values()))
    trajectory = []
    for step, grads in enumerate(grad_steps, start=1):
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(grads[key], dtype=torch.float64)
        if before_step is not None:
            before_step(optimizer, step)
        optimizer.step()
        trajectory.append({key: tensor.detach().numpy().copy() for key, tensor in tensors.items()})
    return trajectory


def torch_batch_norm(x, gamma, beta, running_mean, running_var, training, dout):
    """Output, running mean after the call, and dx, dgamma, dbeta by autograd."""
    x_t = torch.tensor(x, requires_grad=True)
    gamma_t = torch.tensor(gamma, requires_grad=True)
    beta_t = torch.tensor(beta, requires_grad=True)
    mean_t = torch.tensor(running_mean)
    var_t = torch.tensor(running_var)
    # torch's momentum is the weight of the NEW batch: 1 − the book's momentum (0.9).
    y = torch.nn.functional.batch_norm(x_t, mean_t, var_t, gamma_t, beta_t, training=training, momentum=0.1,
                                       eps=BN_EPS)
    y.backward(torch.tensor(dout))
    return {"y": y.detach().numpy(), "running_mean": mean_t.numpy(), "dx": x_t.grad.numpy(),
            "dgamma": gamma_t.grad.numpy(), "dbeta": beta_t.grad.numpy()}


def bn_inputs(seed, n=8, d=5):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d)) * rng.uniform(0.5, 3.0, d) + rng.uniform(-2, 2, d)
    dout = rng.standard_normal((n, d))
    return x, dout


def optimizer_fixtures() -> dict:
    inputs = {"custom": (0, 1), "defaults": (3, 7)}  # (params seed, gradients seed)
    out = {"inputs": {}, "custom": {}, "defaults": {}}
    for group, (params_seed, grads_seed) in inputs.items():
        out["inputs"][group] = {"params": make_params(params_seed), "grad_steps": make_grad_steps(grads_seed)}
    for group, cases in (("custom", OPTIMIZER_CASES), ("defaults", DEFAULT_CASES)):
        params, grad_steps = out["inputs"][group]["params"], out["inputs"][group]["grad_steps"]
        for name, (cls, kwargs, make_torch, before_step) in cases.items():
            out[group][name] = {"class": cls, "kwargs": kwargs,
                                "trajectory": torch_trajectory(make_torch, params, grad_steps, before_step)}
    return out


def batchnorm_fixtures() -> dict:
    rng = np.random.default_rng(5)
    gamma, beta = rng.uniform(0.5, 2.0, 5), rng.standard_normal(5)
    batches = []
    running_mean, running_var = np.zeros(5), np.zeros(5)
    for seed in range(3):  # several batches, so the running statistics accumulate
        x, dout = bn_inputs(seed)
        expected = torch_batch_norm(x, gamma, beta, running_mean.copy(), running_var.copy(), True, dout)
        running_mean = expected["running_mean"]
        running_var = 0.9 * running_var + 0.1 * np.var(x, axis=0, ddof=1)  # what torch keeps (unbiased)
        batches.append({"x": x, "dout": dout, **expected})
    training = {"gamma": gamma, "beta": beta, "batches": batches}

    rng = np.random.default_rng(6)
    gamma, beta = rng.uniform(0.5, 2.0, 5), rng.standard_normal(5)
    mean, var = rng.standard_normal(5), rng.uniform(0.5, 2.0, 5)
    x, dout = bn_inputs(12)
    test_mode = {"gamma": gamma, "beta": beta, "running_mean": mean, "running_var": var, "x": x, "dout": dout,
                 **torch_batch_norm(x, gamma, beta, mean.copy(), var.copy(), False, dout)}

    rng = np.random.default_rng(8)
    x = rng.standard_normal((6, 2, 3, 3))
    dout = rng.standard_normal(x.shape)
    d = 2 * 3 * 3
    gamma, beta = rng.uniform(0.5, 2.0, d), rng.standard_normal(d)
    four_d = {"gamma": gamma, "beta": beta, "x": x, "dout": dout,
              **torch_batch_norm(x.reshape(6, d), gamma, beta, np.zeros(d), np.zeros(d), True, dout.reshape(6, d))}
    return {"eps": BN_EPS, "training": training, "test_mode": test_mode, "four_d": four_d}


def _plain(value):
    """Arrays as nested lists of floats (JSON writes floats with repr: an exact round trip)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def build() -> str:
    torch.set_default_dtype(torch.float64)
    fixtures = {
        "made_by": "scripts/make_torch_fixtures.py",
        "torch": torch.__version__.split("+")[0],
        "optimizers": optimizer_fixtures(),
        "batchnorm": batchnorm_fixtures(),
    }
    return json.dumps(_plain(fixtures), indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = FIXTURE.is_file() and FIXTURE.read_text(encoding="utf-8") == text
        print(f"{FIXTURE}: {'up to date' if same else 'WOULD CHANGE'}")
        return 0 if same else 1
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"wrote {FIXTURE} ({len(text.encode()) / 1024:.0f} KB, torch {torch.__version__})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
