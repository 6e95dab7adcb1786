"""Asking a question and checking the learner's answer: ``instantiate`` and ``check``.

``instantiate(question, seed)`` turns a course ``Question`` into an ``Instance`` ready to show: for a
generated question the seed picks the numbers; for a choice question it picks the order of the options
(the same seed, the same order; ``Instance.answer`` is the right option's index in that order, and each
option keeps its own ``why``), so a review with a fresh seed shows the options in a new order. ``check(instance, answer)`` reads what the learner gave
and returns a ``Verdict`` whose ``status`` is

- ``"right"`` or ``"wrong"``: the answer was read and judged (``explanation`` is the worked solution or
  the question's explanation; for a choice, ``why`` is the chosen option's misconception);
- ``"unreadable"``: the text could not be read (``message`` says what to fix), or a symbolic answer
  could not be checked in time. Nothing is revealed; the learner may try again.

Answers by kind: ``choice`` takes an index (int, 0-based) or text ``"a"``–``"d"`` / ``"1"``–``"4"``
(1-based, as shown on screen); ``numeric`` takes a number as text (``"0.0123"``, ``"1.23e-2"``,
``"0.1*0.9"``) or an int/float; ``symbolic`` takes an expression over the question's symbols.

Checking a symbolic answer may take up to about two seconds (SymPy in a child process, started on the
first such check): the TUI calls ``check`` from a worker thread.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from tutor.content import Question
from tutor.text import Text
from tutor.quiz.generators import GENERATORS, Generated, Tolerance, num
from tutor.quiz.parse import AnswerParseError, declare, parse, parse_number, to_text
from tutor.quiz.symbolic import equivalent

KINDS = ("choice", "numeric", "symbolic")
STATUSES = ("right", "wrong", "unreadable")


@dataclass(frozen=True)
class Instance:
    """One question as the learner sees it.

    ``kind`` is how it is answered (a ``predict`` question is a ``choice`` or, with a generator, a
    ``numeric`` one). ``answer`` is the right choice's index (in the order shown), the exact number, or
    the expression text. ``order`` gives, for each option shown, its index in the question's ``choices``.
    ``explanation`` is shown after answering (for generated questions: the worked computation).
    ``input_hint`` says what to type.
    """

    question: Question
    seed: int
    kind: str
    prompt: Text
    choices: tuple[Text, ...]
    answer: int | float | str
    answer_text: Text
    explanation: Text | None
    input_hint: Text
    tolerance: Tolerance | None = None
    order: tuple[int, ...] = ()
    _expected_tree: tuple | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Verdict:
    status: str  # one of STATUSES
    message: Text  # one line: right / wrong (with the right answer) / what could not be read
    explanation: Text | None = None  # None when unreadable: nothing is revealed
    why: Text | None = None  # the chosen wrong option's misconception
    chosen: int | None = None  # the option index that was chosen, in the order shown (choice questions)
    read_as: str | None = None  # how a typed expression was read, e.g. "λ·W"

    @property
    def right(self) -> bool:
        return self.status == "right"


def instantiate(question: Question, seed: int = 0) -> Instance:
    """The question ready to ask. ``seed`` picks a generated question's numbers; others ignore it."""
    if question.generator:
        return _generated(question, seed)
    if question.type in ("choice", "predict"):
        order = shuffled_order(question, seed)
        right = order.index(question.answer)
        return Instance(
            question=question,
            seed=seed,
            kind="choice",
            prompt=question.prompt,
            choices=tuple(question.choices[i].text for i in order),
            answer=right,
            answer_text=Text(
                en=f"{_letter(right)}) {question.choices[question.answer].text.en}",
                ko=f"{_letter(right)}) {question.choices[question.answer].text.ko}",
            ),
            explanation=question.explanation,
            input_hint=Text(
                en=f"Answer a–{_letter(len(question.choices) - 1)} (or 1–{len(question.choices)}).",
                ko=f"a–{_letter(len(question.choices) - 1)} (또는 1–{len(question.choices)}) 중에서 고르세요.",
            ),
            order=order,
        )
    if question.type == "symbolic":
        try:
            declared = declare(question.symbols)
        except ValueError as exc:
            raise ValueError(f"question {question.id}: {exc}") from None
        try:
            tree = parse(str(question.answer), declared)
        except AnswerParseError as exc:
            raise ValueError(f"question {question.id}: its answer {question.answer!r} does not parse: {exc}") from None
        names = ", ".join(to_text(("sym", s)) for s in declared.names)
        return Instance(
            question=question,
            seed=seed,
            kind="symbolic",
            prompt=question.prompt,
            choices=(),
            answer=str(question.answer),
            answer_text=Text(en=to_text(tree), ko=to_text(tree)),
            explanation=question.explanation,
            input_hint=Text(
                en=f"Type an expression in {names}: e.g. 2*eta*W, 2ηW, sqrt(2/n), √2/√n, x^2 or x².",
                ko=f"{names}로 된 식을 입력하세요. 예: 2*eta*W, 2ηW, sqrt(2/n), √2/√n, x^2 또는 x².",
            ),
            _expected_tree=tree,
        )
    raise ValueError(f"question {question.id}: a {question.type} question needs a generator")


def shuffled_order(question: Question, seed: int) -> tuple[int, ...]:
    """The order a choice question's options are shown in for ``seed``: a permutation of their indices,
    the same for the same question and seed in every process (a string seed is hashed with SHA-512)."""
    order = list(range(len(question.choices)))
    random.Random(f"{question.id}/{seed}").shuffle(order)
    return tuple(order)


def _generated(question: Question, seed: int) -> Instance:
    try:
        generator = GENERATORS[question.generator]
    except KeyError:
        raise ValueError(f"question {question.id}: unknown generator {question.generator!r}") from None
    made: Generated = generator(seed)
    prompt = made.prompt
    if question.prompt is not None:  # the question's own lead-in, then the generated numbers
        prompt = Text(en=f"{question.prompt.en}\n{prompt.en}", ko=f"{question.prompt.ko}\n{prompt.ko}")
    explanation = made.solution
    if question.explanation is not None:
        explanation = Text(
            en=f"{made.solution.en}\n{question.explanation.en}", ko=f"{made.solution.ko}\n{question.explanation.ko}"
        )
    tolerance_text = made.tolerance.describe()
    return Instance(
        question=question,
        seed=seed,
        kind="numeric",
        prompt=prompt,
        choices=(),
        answer=made.answer,
        answer_text=Text(en=num(made.answer, 6), ko=num(made.answer, 6)),
        explanation=explanation,
        input_hint=Text(
            en=f"Type a number (0.0123, 1.23e-2 or 0.1*0.9). {tolerance_text.en}",
            ko=f"숫자를 입력하세요(0.0123, 1.23e-2, 0.1*0.9 등). {tolerance_text.ko}",
        ),
        tolerance=made.tolerance,
    )


def check(instance: Instance, answer: str | int | float) -> Verdict:
    """Judge ``answer`` for ``instance``: right, wrong, or unreadable (see the module docstring)."""
    try:
        if instance.kind == "choice":
            return _check_choice(instance, answer)
        if instance.kind == "numeric":
            return _check_numeric(instance, answer)
        return _check_symbolic(instance, answer)
    except AnswerParseError as exc:
        return Verdict(status="unreadable", message=exc.message)


_RIGHT = Text(en="Right.", ko="맞았습니다.")


def _letter(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index]


def _choice_index(answer: str | int, count: int) -> int:
    if isinstance(answer, bool):
        answer = None  # True/False are ints in Python but never a choice
    elif isinstance(answer, int):
        if 0 <= answer < count:
            return answer
    elif isinstance(answer, str):
        text = answer.strip().lower().rstrip(").")
        if len(text) == 1 and "a" <= text <= _letter(count - 1):
            return ord(text) - ord("a")
        if text.isdigit() and len(text) <= 2 and 1 <= int(text) <= count:
            return int(text) - 1
    raise AnswerParseError(
        f"Pick one of a–{_letter(count - 1)} (or 1–{count}).",
        f"a–{_letter(count - 1)} (또는 1–{count}) 중 하나를 고르세요.",
    )


def _check_choice(instance: Instance, answer: str | int) -> Verdict:
    chosen = _choice_index(answer, len(instance.choices))
    if chosen == instance.answer:
        return Verdict(status="right", message=_RIGHT, explanation=instance.explanation, chosen=chosen)
    right = instance.answer_text
    return Verdict(
        status="wrong",
        message=Text(en=f"Not quite. The answer is {right.en}", ko=f"아쉽지만 틀렸습니다. 정답은 {right.ko}"),
        explanation=instance.explanation,
        why=instance.question.choices[instance.order[chosen]].why,
        chosen=chosen,
    )


def _check_numeric(instance: Instance, answer: str | int | float) -> Verdict:
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        value = float(answer)
        if not math.isfinite(value):
            raise AnswerParseError("That is not a finite number.", "유한한 숫자가 아닙니다.")
        read_as = num(value, 6)
    else:
        value = parse_number(answer)
        read_as = answer.strip() if isinstance(answer, str) else None
    right = instance.answer_text
    if instance.tolerance.accepts(value, instance.answer):
        return _judged(instance, True, f"Right: {right.en}.", f"맞았습니다: {right.ko}.", read_as)
    given = num(value, 6)
    return _judged(
        instance,
        False,
        f"Not quite: you gave {given}; the answer is {right.en}.",
        f"아쉽지만 틀렸습니다. 입력한 값은 {given}, 정답은 {right.ko}입니다.",
        read_as,
    )


def _check_symbolic(instance: Instance, answer: str | int | float) -> Verdict:
    tree = parse(str(answer), instance.question.symbols)
    read_as = to_text(tree)
    same = equivalent(instance._expected_tree, tree, instance.question.symbols)
    if same is None:
        return Verdict(
            status="unreadable",
            message=Text(
                en=f"Could not check {read_as} in time; try writing it more simply.",
                ko=f"{read_as}을(를) 제한 시간 안에 확인하지 못했습니다. 더 간단한 꼴로 써 보세요.",
            ),
            read_as=read_as,
        )
    if same:
        return _judged(instance, True, f"Right: {read_as}.", f"맞았습니다: {read_as}.", read_as)
    right = instance.answer_text.en
    return _judged(
        instance,
        False,
        f"Not quite: we read your answer as {read_as}, which is not equal to {right}.",
        f"아쉽지만 틀렸습니다. 입력한 식은 {read_as}로 읽었고, 정답 {right}과(와) 같지 않습니다.",
        read_as,
    )


def _judged(instance: Instance, right: bool, en: str, ko: str, read_as: str | None) -> Verdict:
    """A right or wrong verdict on a typed answer; both show the explanation."""
    return Verdict(
        status="right" if right else "wrong",
        message=Text(en=en, ko=ko),
        explanation=instance.explanation,
        read_as=read_as,
    )
