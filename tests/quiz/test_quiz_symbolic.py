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
