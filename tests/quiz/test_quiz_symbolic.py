"""Symbolic answers: equal forms are accepted, near misses are not, and SymPy can never hang the app."""

import pytest

from tutor.quiz import symbolic
from tutor.quiz.parse import parse
from tutor.quiz.sympy_worker import difference_is_zero


def _equivalent(expected, given, symbols, **kwargs):
    return symbolic.equivalent(parse(expected, symbols), parse(given, symbols), symbols, **kwargs)


@pytest.mark.parametrize("given", ["lambda*W", "λW", "W λ", "λ·W", "W*lambda", "(λW²)/W", "2*(1/2)*lambda*W"])
def test_weight_decay_gradient_forms(given):
    assert _equivalent("lambda*W", given, ("lambda", "W")) is True


@pytest.mark.parametrize("given", ["sqrt(2/n)", "(2/n)^0.5", "√2/√n", "2^0.5/n^0.5", "√(2/n)", "sqrt(2)*n^(-1/2)", "(2/n)**(1/2)"])
def test_he_std_forms(given):
    assert _equivalent("sqrt(2/n)", given, ("n",)) is True


@pytest.mark.parametrize(
    ("expected", "given", "symbols"),
    [
        ("sqrt(2/n)", "sqrt(1/n)", ("n",)),
        ("sqrt(2/n)", "1/(2√n)", ("n",)),  # the source note's typo
        ("sqrt(2/n)", "2/n", ("n",)),
        ("lambda*W", "lambda*W**2", ("lambda", "W")),
        ("lambda*W", "-lambda*W", ("lambda", "W")),
        ("lambda*W", "lambda*W/2", ("lambda", "W")),
        ("1/(1-beta1^t)", "1/(1-beta1)", ("beta1", "t")),
        ("lambda*W", "lambda*W + 1e-6", ("lambda", "W")),
    ],
)
def test_near_misses_are_wrong(expected, given, symbols):
    assert _equivalent(expected, given, symbols) is False


def test_sympy_confirms_identities_the_parser_does_not_rewrite():
    """The worker's own verdict, without the numeric shortcut."""
    names = ("n", "W")
    assert difference_is_zero(parse("sqrt(2/n)", names), parse("√2/√n", names), names) is True
    assert difference_is_zero(parse("(W+1)^2", names), parse("W^2 + 2W + 1", names), names) is True
    assert difference_is_zero(parse("(W+1)^2", names), parse("W^2 + 1", names), names) is False


def test_a_worker_that_is_too_slow_is_killed_and_the_numbers_decide():
    names = ("W",)
    # Trees the parser would refuse ((W+1)^1000): SymPy needs far longer than 0.05 s to compare them.
    slow_a = ("pow", ("add", ("sym", "W"), ("num", "1")), ("num", "1000"))
    slow_b = ("pow", ("add", ("sym", "W"), ("num", "2")), ("num", "1000"))
    assert symbolic._WORKER.difference_is_zero(slow_a, slow_b, names, timeout=0.05) is None
    assert symbolic._WORKER._process is None  # killed
    # When SymPy cannot confirm in time, the numbers decide, both ways.
    a, b = parse("(W+1)^10", names), parse("(1+W)^10", names)
    assert symbolic.equivalent(a, b, names, timeout=0) is True
    assert symbolic.equivalent(a, parse("(W+1)^9", names), names, timeout=0) is False
    # The next check starts a fresh worker.
    assert symbolic._WORKER.difference_is_zero(a, b, names, timeout=30) is True


def test_warm_up_starts_the_worker_so_checks_do_not_wait_for_sympy():
    symbolic._WORKER.close()
    symbolic._WORKER.warm_up()
    assert symbolic._WORKER._process is not None and symbolic._WORKER._process.poll() is None
    names = ("W",)
    assert symbolic._WORKER.difference_is_zero(parse("W", names), parse("W*1", names), names, timeout=30) is True


MOMENTUM = ("eta", "alpha", "g: signed")


@pytest.mark.parametrize(
    ("expected", "given", "symbols"),
    [
        ("-eta*g*(1 + alpha)", "-eta*abs(g)*(1+alpha)", MOMENTUM),  # right only for g > 0
        ("-eta*g*(1 + alpha)", "-eta*sqrt(g^2)*(1+alpha)", MOMENTUM),
        ("-eta*g", "eta*abs(g)*(-1)", ("eta", "g: signed")),
        ("W - eta*2*(W - 3)", "abs(W) - 2eta(W - 3)", ("W: signed", "eta")),
        ("(x-mu)/sqrt(var+eps)", "abs(x-mu)/sqrt(var+eps)", ("x: signed", "mu: signed", "var", "eps")),
    ],
)
def test_abs_of_a_signed_symbol_is_wrong(expected, given, symbols):
    assert _equivalent(expected, given, symbols) is False
    # SymPy's own verdict agrees: with g any real, |g| − g is not 0.
    declared = parse_declared(symbols)
    assert difference_is_zero(parse(expected, symbols), parse(given, symbols), declared.names,
                              declared.signed) is False


@pytest.mark.parametrize(
    ("expected", "given", "symbols"),
    [
        ("-eta*g*(1 + alpha)", "-(ηg + αηg)", MOMENTUM),
        ("(1 - rho)*g^2", "(1-ρ)·abs(g)²", ("rho", "g: signed")),
        ("(1 - rho)*g^2", "(1-rho) g g", ("rho", "g: signed")),
        ("c*(x1 + x2)", "c·x₁ + c·x₂", ("c: signed", "x1: signed", "x2: signed")),
        ("n*s^2", "n·σ²", ("n", "s: alias sigma")),
        ("1/(1 - beta1^t)", "1/(1 - beta_1^t)", ("beta1", "t")),
        ("W - eta*2*(W - 3)", "w - 2 eta (w - 3)", ("W: signed", "eta")),
        ("eta*exp(-k*t)", "η e^{-kt}", ("eta", "k", "t")),
        ("eta*g/sqrt(h)", "eta g / sqrt h", ("eta", "g", "h")),
    ],
)
def test_natural_forms_are_right(expected, given, symbols):
    assert _equivalent(expected, given, symbols) is True


def test_signed_symbols_take_both_signs_at_the_first_points():
    points = symbolic._points(("eta", "g: signed", "W: signed"), 6, seed=96, low=0.3, high=3.0)
    for name in ("g", "W"):
        assert {p[name] > 0 for p in points} == {True, False}
    assert all(p["eta"] > 0 for p in points)


def parse_declared(symbols):
    from tutor.quiz.parse import declare

    return declare(symbols)
