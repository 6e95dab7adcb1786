"""The figures the lessons quote from simulations are recomputed here, so they cannot drift.

`docs/scripts/lesson_numbers.py` runs the book's experiments; each figure, rounded the way the
lesson writes it, must appear in both the English and the Korean lesson.
"""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tutor.content import load_course

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("lesson_numbers", ROOT / "docs" / "scripts" / "lesson_numbers.py")
numbers = importlib.util.module_from_spec(_spec)
sys.modules["lesson_numbers"] = numbers  # dataclasses look their module up here
_spec.loader.exec_module(numbers)

COURSE = load_course()
RUNS = {name: numbers.sigmoid_experiment(std) for name, std in numbers.STDS.items()}


def _both(concept_id: str) -> list[str]:
    lesson = COURSE.concept(concept_id).lesson
    return [lesson.en, lesson.ko]


def _pct(value: float) -> str:
    return f"{value * 100:.0f} %"


def test_the_activation_table_of_0106():
    std1, tiny, xavier = RUNS["std 1"], RUNS["std 0.01"], RUNS["Xavier"]
    stated = [
        f"{_pct(min(std1.saturated))[:-2]}–{_pct(max(std1.saturated))}",  # 72–82 %
        f"≈ {sum(std1.spread) / 5:.2f}",  # ≈ 0.44
        f"{tiny.spread[0]:.3f}",  # 0.025
        f"≈ {sum(tiny.spread[1:]) / 4:.3f}",  # ≈ 0.012
        _pct(xavier.saturated[0]),  # 3 %
        f"≈ {xavier.spread[0]:.2f}",  # ≈ 0.21
        f"{min(xavier.spread[1:]):.2f}–{max(xavier.spread[1:]):.2f}",  # 0.11–0.12
    ]
    assert max(tiny.saturated) == 0 and max(xavier.saturated[1:]) == 0
    for text in _both("0106"):
        for figure in stated:
            assert figure in text, figure


@pytest.mark.parametrize("name", list(numbers.STDS))
def test_the_gradient_per_layer_table_of_0106(name):
    run = RUNS[name]
    row = f"{numbers.sci(run.grad_w[-1])} → {numbers.sci(run.grad_w[0])} | ≈ {run.factor_per_layer():.2g}"
    for text in _both("0106"):
        assert row in text, row


def test_the_factor_per_layer_of_0105_is_what_backprop_measures():
    for name, std in numbers.STDS.items():
        run = RUNS[name]
        # The rule the lesson teaches predicts the measurement to within a few per cent.
        assert run.predicted_factor(std) == pytest.approx(run.factor_per_layer(), rel=0.05), name
        for text in _both("0105"):
            assert f"factor ≈ {run.factor_per_layer():.2g}" in text.replace("배율 ≈", "factor ≈"), name
    for text in _both("0105"):
        assert f"rms(σ') ≈ {sum(RUNS['std 1'].slope[1:]) / 4:.1f}" in text
        assert f"10 · {sum(RUNS['Xavier'].slope[1:]) / 4:.2f}" in text
        assert f"10 · {sum(RUNS['std 0.01'].slope[1:]) / 4:.2f}" in text


def test_what_0105_says_in_words_about_the_experiment():
    std1, tiny, xavier = RUNS["std 1"], RUNS["std 0.01"], RUNS["Xavier"]
    # std 1: nothing vanishes (layer 1 gets at least as much as layer 5), yet about 3/4 saturated.
    assert std1.grad_w[0] >= std1.grad_w[-1]
    assert 0.7 <= sum(std1.saturated) / 5 <= 0.8
    # std 0.01 is the worst: ~40× per layer, layer 1 about a million times smaller than layer 5.
    assert round(1 / tiny.factor_per_layer()) == 40
    assert 5e5 < tiny.grad_w[-1] / tiny.grad_w[0] < 5e6
    assert tiny.grad_w[0] < xavier.grad_w[0] < std1.grad_w[0]
    # Xavier with sigmoid: about 4× per layer.
    assert round(1 / xavier.factor_per_layer()) == 4
    en, ko = _both("0105")
    assert "40×" in en and "a million times" in en and "about 4×" in en
    assert "40분의" in ko and "백만 배" in ko and "4분의 1" in ko


def test_the_optimiser_paths_of_0102():
    en, ko = _both("0102")
    ends = {name: numbers.optimiser_path(name)[30] for name in numbers.BOOK_OPTIMISERS}
    for name, stated in {"SGD": "(−0.35, 0.08)", "AdaGrad": "(−0.12, 0.00)", "Adam": "(0.14, 0.32)"}.items():
        x, y = ends[name]
        assert f"({x:.2f}, {y:.2f})".replace("-", "−") == stated
        assert stated in en and stated in ko
    # Momentum: x rises all the way through the 30 steps (no swing back yet), turns at step 35.
    path = numbers.optimiser_path("Momentum", 40)
    xs = [p[0] for p in path]
    assert all(b > a for a, b in zip(xs[:30], xs[1:31]))
    peak = max(range(len(xs)), key=xs.__getitem__)
    assert f"x ≈ {xs[30]:.2f} after 30 steps" in en and f"{peak}걸음째 x ≈ {xs[peak]:.2f}" in ko
    assert f"x ≈ {xs[peak]:.2f}, step {peak}" in en and f"30걸음 뒤 x ≈ {xs[30]:.2f}" in ko
    ys = [p[1] for p in path[:31]]
    assert sum(1 for a, b in zip(ys, ys[1:]) if a * b < 0) >= 2, "y swings back and forth"


def test_tanh_with_xavier_in_0107():
    tanh = numbers.sigmoid_experiment(numbers.STDS["Xavier"], activation="tanh")
    assert tanh.factor_per_layer() > 3 * RUNS["Xavier"].factor_per_layer()
    for text in _both("0107"):
        assert f"≈ {tanh.factor_per_layer():.1f}" in text
        assert "0.11–0.12" in text


def test_the_polynomial_table_of_0110():
    fits = numbers.polynomial_fits()
    for text in _both("0110"):
        for degree, (train, curve) in fits.items():
            curve_text = f"{curve:.1f}" if curve > 10 else f"{curve:.3f}"
            assert f"| {degree} ({degree + 1}) | {train:.3f} | {curve_text} —" in text, degree


def test_larger_weights_do_not_make_the_gradient_vanish_either():
    """0105: with std 3 the backward signal grows per layer (the lesson says so; an easy thing to get wrong)."""
    factor = numbers.sigmoid_experiment(3.0).factor_per_layer()
    assert factor > 1
    en, ko = _both("0105")
    assert f"std 3 the gradient even grows about {factor:.1f}×" in en
    assert f"표준편차 3이면" in ko and f"약 {factor:.1f}배씩 커지고" in ko
    for std in (10.0, 30.0):
        assert numbers.sigmoid_experiment(std).factor_per_layer() > 1


def _agrees(stated: str, value: float) -> bool:
    """A figure written with d decimals agrees with `value` rounded to d decimals (or to 2 significant
    digits when it is written that way, e.g. 0.046)."""
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    if round(value, decimals) == float(stated):
        return True
    return float(f"{value:.2g}") == float(stated)


@pytest.mark.parametrize("name", list(numbers.RELU_INITS))
def test_the_relu_table_of_0108(name):
    sizes = numbers.relu_rms(numbers.RELU_INITS[name])
    for text in _both("0108"):
        rows = [line for line in text.splitlines() if line.startswith("| ") and "→" in line and (
            line.split("|")[2].strip() == f"{numbers.RELU_INITS[name]:.4g}".rstrip("0").rstrip(".")
            or line.split("|")[2].strip() == f"{numbers.RELU_INITS[name]:.4f}".rstrip("0"))]
        assert len(rows) == 1, (name, rows)
        stated = re.findall(r"\d+\.\d+", rows[0].split("|")[3].split("(")[0])
        assert len(stated) == 5
        assert all(_agrees(s, v) for s, v in zip(stated, sizes)), (stated, sizes)


def test_the_best_of_100_simulation_of_0114():
    best = numbers.best_of_100()
    for text in _both("0114"):
        assert f"{best:.1%}".replace("%", " %") in text


def test_tanh_in_0106():
    tanh = numbers.sigmoid_experiment(numbers.STDS["Xavier"], activation="tanh")
    en, ko = _both("0106")
    assert f"about {tanh.factor_per_layer():.1f} of the signal per layer" in en
    assert f"약 {tanh.factor_per_layer():.1f}로" in ko
    assert f"{RUNS['Xavier'].factor_per_layer():.2f}" in en and f"{RUNS['Xavier'].factor_per_layer():.2f}" in ko
