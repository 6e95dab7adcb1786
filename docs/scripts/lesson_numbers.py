"""Recompute the figures the lessons state from a simulation, so they cannot drift.

Run it to print them:  python docs/scripts/lesson_numbers.py
`tests/test_lesson_numbers.py` reruns the same functions and checks that each figure, rounded as the
lesson writes it, appears in both the English and the Korean lesson.

The book's experiment (0105, 0106): 1000 inputs drawn from N(0, 1) pass through 5 layers of 100
sigmoid units; only the standard deviation of the initial weights changes. The backward pass starts
from a random upstream gradient (N(0, 1), one per output) and goes through σ′ *and* Wᵀ, as real
backpropagation does. One run with NumPy's `default_rng(0)`, drawn in this order: inputs, the five
weight matrices, the upstream gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LAYERS = 5
WIDTH = 100
SAMPLES = 1000
STDS = {"std 1": 1.0, "std 0.01": 0.01, "Xavier": 1 / np.sqrt(WIDTH)}


@dataclass(frozen=True)
class SigmoidRun:
    saturated: list[float]  # share of activations below 0.1 or above 0.9, layer 1..5
    spread: list[float]  # std of the activations, layer 1..5
    grad_w: list[float]  # rms of ∂L/∂W, layer 1..5
    signal: list[float]  # rms of ∂L/∂a (the backward signal at each pre-activation), layer 1..5
    slope: list[float]  # rms of σ′(a) = y(1 − y), layer 1..5

    def factor_per_layer(self) -> float:
        """Measured: how much the backward signal is multiplied by per layer (geometric mean, 5 → 1)."""
        return float((self.signal[0] / self.signal[-1]) ** (1 / (LAYERS - 1)))

    def predicted_factor(self, std: float) -> float:
        """σ_w · √n · rms(σ′), averaged over layers 2..5 (the ones the signal passes back through)."""
        return float(std * np.sqrt(WIDTH) * np.mean(self.slope[1:]))


def sigmoid(x):
    with np.errstate(over="ignore"):  # exp(−x) = inf for very negative x gives exactly 0, as it should
        return 1 / (1 + np.exp(-x))


def sigmoid_experiment(std: float, seed: int = 0, activation: str = "sigmoid") -> SigmoidRun:
    """The run described at the top; `activation="tanh"` swaps the units (0107's remark on tanh)."""
    f, slope_of = {
        "sigmoid": (sigmoid, lambda y: y * (1 - y)),
        "tanh": (np.tanh, lambda y: 1 - y * y),
    }[activation]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((SAMPLES, WIDTH))
    outputs, weights = [x], []
    for _ in range(LAYERS):
        w = rng.standard_normal((WIDTH, WIDTH)) * std
        weights.append(w)
        outputs.append(f(outputs[-1] @ w))
    upstream = rng.standard_normal((SAMPLES, WIDTH))
    grad_w, signal, slope = [0.0] * LAYERS, [0.0] * LAYERS, [0.0] * LAYERS
    for i in reversed(range(LAYERS)):
        y = outputs[i + 1]
        dy_da = slope_of(y)
        da = upstream * dy_da
        grad_w[i] = float(np.sqrt(np.mean((outputs[i].T @ da) ** 2)))
        signal[i] = float(np.sqrt(np.mean(da**2)))
        slope[i] = float(np.sqrt(np.mean(dy_da**2)))
        upstream = da @ weights[i].T
    acts = outputs[1:]
    return SigmoidRun(
        saturated=[float(np.mean((a < 0.1) | (a > 0.9))) for a in acts],
        spread=[float(a.std()) for a in acts],
        grad_w=grad_w,
        signal=signal,
        slope=slope,
    )


# 0102: the book's optimiser comparison on f(x, y) = x²/20 + y², from (−7, 2), 30 updates.
BOOK_OPTIMISERS = {
    "SGD": ("SGD", {"lr": 0.95}),
    "Momentum": ("Momentum", {"lr": 0.1}),
    "AdaGrad": ("AdaGrad", {"lr": 1.5}),
    "Adam": ("Adam", {"lr": 0.3}),
}


def optimiser_path(name: str, steps: int = 30) -> list[tuple[float, float]]:
    """The (x, y) points from the start through `steps` updates, with the course's reference optimisers."""
    from tutor.reference import optimizers

    cls_name, kwargs = BOOK_OPTIMISERS[name]
    optimiser = getattr(optimizers, cls_name)(**kwargs)
    params = {"x": np.array(-7.0), "y": np.array(2.0)}
    path = [(float(params["x"]), float(params["y"]))]
    for _ in range(steps):
        grads = {"x": params["x"] / 10.0, "y": 2.0 * params["y"]}
        optimiser.update(params, grads)
        path.append((float(params["x"]), float(params["y"])))
    return path


# 0110: polynomials fitted to 10 noisy points of sin(2πx).
def polynomial_fits(degrees=(1, 3, 9), seed: int = 0) -> dict[int, tuple[float, float]]:
    """x = sort(U(0, 1)) then noise N(0, 0.2²), drawn in that order from default_rng(seed); least-squares
    fits; (mean squared error on the 10 points, on the true curve sampled at 200 evenly spaced x)."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0, 1, 10))
    t = np.sin(2 * np.pi * x) + rng.normal(0, 0.2, 10)
    grid = np.linspace(0, 1, 200)
    fits = {}
    for degree in degrees:
        coef = np.polyfit(x, t, degree)
        train = float(np.mean((np.polyval(coef, x) - t) ** 2))
        curve = float(np.mean((np.polyval(coef, grid) - np.sin(2 * np.pi * grid)) ** 2))
        fits[degree] = (train, curve)
    return fits


# 0108: five ReLU layers of 100 units, 1000 inputs; rms of the activations per layer, for each init.
RELU_INITS = {"std 0.01": 0.01, "Xavier": 0.1, "He": float(np.sqrt(2 / 100)), "the typo 1/(2√n)": 0.05}


def relu_rms(std: float, seed: int = 0) -> list[float]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((SAMPLES, WIDTH))
    sizes = []
    for _ in range(LAYERS):
        x = np.maximum(0, x @ (rng.standard_normal((WIDTH, WIDTH)) * std))
        sizes.append(float(np.sqrt(np.mean(x**2))))
    return sizes


# 0114: 100 settings all truly 90 % accurate, each scored on 1000 test images; the best score shown.
def best_of_100(repeats: int = 4000, seed: int = 0) -> float:
    rng = np.random.default_rng(seed)
    scores = rng.binomial(1000, 0.9, size=(repeats, 100)) / 1000
    return float(scores.max(axis=1).mean())


def sci(value: float) -> str:
    """One significant digit in the lessons' style: 3.5, 0.021, 3 · 10⁻⁶."""
    if value >= 0.01:
        return f"{value:.2g}"
    mantissa, exponent = f"{value:.0e}".split("e")
    superscript = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    return f"{mantissa} · 10{str(int(exponent)).translate(superscript)}"


def main() -> None:
    for name, std in STDS.items():
        run = sigmoid_experiment(std)
        print(f"{name} (σ_w = {std:g})")
        print("  saturated   ", " ".join(f"{v:.0%}" for v in run.saturated))
        print("  spread      ", " ".join(f"{v:.3f}" for v in run.spread))
        print("  rms dL/dW   ", " ".join(sci(v) for v in run.grad_w), "(layer 1 … 5)")
        print("  rms dL/da   ", " ".join(sci(v) for v in run.signal))
        print("  rms slope   ", " ".join(f"{v:.3f}" for v in run.slope))
        print(f"  factor per layer: measured {run.factor_per_layer():.3f},"
              f" σ_w·√n·rms(σ′) = {run.predicted_factor(std):.3f}")
    tanh = sigmoid_experiment(STDS["Xavier"], activation="tanh")
    print(f"tanh + Xavier: factor per layer {tanh.factor_per_layer():.3f}")


def print_fits() -> None:
    for degree, (train, curve) in polynomial_fits().items():
        print(f"degree {degree}: training error {train:.3f}, error on the true curve {curve:.3f}")


def print_paths() -> None:
    for name in BOOK_OPTIMISERS:
        path = optimiser_path(name, 40)
        end = path[30]
        print(f"{name}: after 30 updates ({end[0]:.3f}, {end[1]:.3f});"
              f" x over steps 26..40: {' '.join(f'{p[0]:.3f}' for p in path[26:41])}")


if __name__ == "__main__":
    print_paths()
    print_fits()
    for name, std in RELU_INITS.items():
        print(f"ReLU, {name}: rms per layer", " ".join(f"{v:.4g}" for v in relu_rms(std)))
    print(f"best of 100 settings at 90 %: {best_of_100():.2%}")
    main()
