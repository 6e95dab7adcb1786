"""The answer parser reads the forms learners type and refuses everything else with its own error."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.quiz.parse import MAX_CHARS, AnswerParseError, evaluate, parse, parse_number, to_text

SYMBOLS = ("lambda", "W", "n", "eta", "beta1", "t", "k")


@pytest.mark.parametrize(
    ("text", "reads_as"),
    [
        ("lambda*W", "λ·W"),
        ("λW", "λ·W"),
        ("W λ", "W·λ"),
        ("lambdaW", "λ·W"),
        ("lam*W", "λ·W"),
        ("sqrt(2/n)", "√(2/n)"),
        ("(2/n)^0.5", "(2/n)^0.5"),
        ("√2/√n", "√2/√n"),
        ("2^0.5/n^0.5", "2^0.5/n^0.5"),
        ("2**0.5 / n**0.5", "2^0.5/n^0.5"),
        ("2n", "2·n"),
        ("2(W+1)", "2·(W + 1)"),
        ("W(1+λ)", "W·(1 + λ)"),
        ("1/2 λ W²", "1/2·λ·W^2"),
        ("n³", "n^3"),
        ("1 − β₁^t", "1 − β1^t"),
        ("1-beta1**t", "1 − β1^t"),
        ("2eta", "2·η"),
        ("W × η ÷ n", "W·η/n"),
        ("W·η", "W·η"),
        ("-W^2", "−W^2"),
        ("W*-W", "W·(−W)"),
        ("exp(-W) + ln(n) + abs(W)", "exp(−W) + log(n) + abs(W)"),
        ("（W＋1）", "W + 1"),  # full-width forms from an input method
        ("1/(1−β₁ᵗ)", "1/(1 − β1^t)"),  # a superscript letter, as formulas print it
        ("η e^(-kt)", "η·e^(−k·t)"),  # Euler's e in expressions
        ("π/2", "π/2"),
        ("η e^{-kt}", "η·e^(−k·t)"),  # braces, as in LaTeX
        ("sqrt W", "√W"),  # like √W
        ("eta W / sqrt n", "η·W/√n"),
        ("beta_1^t", "β1^t"),
        ("β_1", "β1"),
        ("beta₁", "β1"),
        ("w + N", "W + n"),  # the other case, where only one declared name matches
    ],
)
def test_accepted_forms(text, reads_as):
    assert to_text(parse(text, SYMBOLS)) == reads_as


@pytest.mark.parametrize(
    ("text", "symbols", "reads_as"),
    [
        ("c·x₁ + c·x₂", ("c", "x1", "x2"), "c·x1 + c·x2"),
        ("c(x_1 + x_2)", ("c", "x1", "x2"), "c·(x1 + x2)"),
        ("C(X1 + X2)", ("c", "x1", "x2"), "c·(x1 + x2)"),
        ("n·σ²", ("n", "s: alias sigma"), "n·s^2"),
        ("n sigma^2", ("n", "s: alias sigma"), "n·s^2"),
        ("n s^2", ("n", "s: alias sigma"), "n·s^2"),
        ("-eta*g", ("eta", "g: signed"), "−η·g"),
    ],
)
def test_natural_forms_of_declared_names(text, symbols, reads_as):
    assert to_text(parse(text, symbols)) == reads_as


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("k + K", ("k", "K", "n")),  # both cases declared: each reads as itself
        ("K", ("k", "t")),
    ],
)
def test_case_is_kept_where_both_cases_are_names(text, symbols):
    if "K" in symbols:
        assert to_text(parse(text, symbols)) == "k + K"
    else:
        assert to_text(parse(text, symbols)) == "k"


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("n·σ²", ("n", "s")),  # σ is read as s only where the question declares the alias
        ("W", ("k", "K")),
        ("x_", ("x1",)),
        ("x_1_2", ("x1",)),
    ],
)
def test_undeclared_natural_forms_stay_unreadable(text, symbols):
    with pytest.raises(AnswerParseError):
        parse(text, symbols)


@pytest.mark.parametrize(
    "entries",
    [("g: positive",), ("g:", "g"), ("1g",), ("s: alias",), ("s: alias 2x",), (3,), ("g: signed signed",)],
)
def test_bad_symbol_declarations_are_content_errors(entries):
    from tutor.quiz.parse import declare

    with pytest.raises(ValueError) as caught:
        declare(entries)
    assert not isinstance(caught.value, AnswerParseError)


def test_implicit_product_binds_tighter_than_nothing_else():
    """2n^2 is 2·(n²), and -W^2 is −(W²), as in written maths."""
    values = {"n": 3.0, "W": 2.0}
    assert evaluate(parse("2n^2", SYMBOLS), values) == 18.0
    assert evaluate(parse("-W^2", SYMBOLS), values) == -4.0
    assert evaluate(parse("2^-1", SYMBOLS), values) == 0.5


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.0123", 0.0123), ("1.23e-2", 0.0123), ("1.23E-2", 0.0123), ("-0.5", -0.5), (".5", 0.5),
     ("0.1*0.9", 0.1 * 0.9), ("10⁻³", 0.001), ("1.2×10^-3", 0.0012), ("  3  ", 3.0), ("sqrt(2/100)", 0.1414213562373095)],
)
def test_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


HOSTILE = [
    "__import__('os').system('x')",
    "__import__",
    "os.system",
    "W.__class__",
    "lambda: 1",
    "lambda x: x",
    "(lambda: 0)()",
    "[].append",
    "exec('1')",
    "9**9**9",
    "9^9^9",
    "2^(3^2)",
    "(W+1)**2000",
    "(W+1)^11",
    "((W+1)^5)^3",
    "W^exp(10)",
    "1e999999",
    "(" * 10_000 + "W" + ")" * 10_000,
    "(" * 50 + "W" + ")" * 50,
    "-" * 60 + "W",
    "√" * 60 + "W",
    "W" * 1_000_000,
    "x" * (MAX_CHARS + 1),
    "W\x00",
    "W\x1b[2J",
    "W\u200b",
    "W\n+1",
    "",
    "   ",
    "W =",
    "1,5",
    "x",
    "sqrt",
    "{W",
    "W}",
    "W +",
    "(W",
    "W)",
    "2 3",
    "^2",
    "²",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:30]))
def test_hostile_or_broken_input_is_refused_with_a_message(text):
    with pytest.raises(AnswerParseError) as caught:
        parse(text, SYMBOLS)
    message = caught.value.message
    assert message.en and message.ko and "\n" not in message.en


def test_undeclared_names_are_refused_and_the_allowed_ones_listed():
    with pytest.raises(AnswerParseError) as caught:
        parse("W + x", ("W", "lambda"))
    assert "W, lambda" in str(caught.value)


def test_numbers_only_answers_take_no_names():
    with pytest.raises(AnswerParseError):
        parse_number("W")
    with pytest.raises(AnswerParseError, match="1e-5"):
        parse_number("e-5")  # a slip for 1e-5, not Euler's e minus 5
    with pytest.raises(AnswerParseError):
        parse_number("1/0")
    with pytest.raises(AnswerParseError):
        parse_number("(-8)^(1/3)")


def test_non_text_is_refused():
    with pytest.raises(AnswerParseError):
        parse(None, SYMBOLS)  # type: ignore[arg-type]


# The parser's alphabet, weighted so that random strings often get deep into the grammar.
_ALPHABET = "0123456789.eE+-*/^()√²³⁻ ληβWnt_,=:'\"[]{}!\\\x00\n\t−×÷·abcdefglmnopqrstuvwxyz"


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet=_ALPHABET, max_size=80)))
def test_parser_raises_nothing_but_its_own_error(text):
    try:
        tree = parse(text, SYMBOLS)
    except AnswerParseError:
        return
    to_text(tree)
    try:
        evaluate(tree, {name: 1.5 for name in SYMBOLS})
    except (ArithmeticError, ValueError):
        pass  # a real float may not exist (1/0, sqrt(-1)); that is evaluate's documented contract


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.e+-*/^() ", max_size=60))
def test_number_reader_gives_a_finite_float_or_its_own_error(text):
    try:
        value = parse_number(text)
    except AnswerParseError:
        return
    assert value == value and abs(value) != float("inf")
