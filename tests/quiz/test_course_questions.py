"""The live course's questions: each loads, and its own checker accepts its answer and rejects the rest."""

import pytest

from tutor.content import ContentError, load_course
from tutor.quiz import GENERATORS, check, instantiate
from tutor.quiz.generators import num


def _load_questions():
    """The course's questions, or () when it does not load (test_the_course_loads then says why)."""
    try:
        return load_course().questions()
    except ContentError:
        return ()


QUESTIONS = _load_questions()


def test_the_course_loads():
    assert load_course().questions()


def _ids(questions):
    return [q.id for q in questions]


def test_question_ids_are_unique():
    ids = _ids(QUESTIONS)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_every_named_generator_exists():
    unknown = {q.id: q.generator for q in QUESTIONS if q.generator and q.generator not in GENERATORS}
    assert not unknown


CHOICES = [q for q in QUESTIONS if q.type in ("choice", "predict") and not q.generator]
SYMBOLIC = [q for q in QUESTIONS if q.type == "symbolic"]
GENERATED = [q for q in QUESTIONS if q.generator]


@pytest.mark.parametrize("question", CHOICES, ids=_ids(CHOICES))
def test_choice_question_accepts_its_answer_and_rejects_each_distractor(question):
    for seed in range(3):  # the options are shown in an order picked by the seed
        instance = instantiate(question, seed)
        assert check(instance, instance.answer).status == "right"
        assert instance.choices[instance.answer] == question.choices[question.answer].text
        for shown, original in enumerate(instance.order):
            if original == question.answer:
                continue
            verdict = check(instance, shown)
            assert verdict.status == "wrong"
            assert verdict.why == question.choices[original].why and verdict.why is not None


SIGNED_BY_NATURE = {"g", "W", "x", "x1", "x2", "mu", "c", "u"}  # gradients, weights, inputs, means, exponents
POSITIVE_ON_PURPOSE = {"0100-03": {"g"}}  # asks for the step's size: η·|g|/√h is right too


@pytest.mark.parametrize("question", SYMBOLIC, ids=_ids(SYMBOLIC))
def test_quantities_that_can_be_negative_are_declared_signed(question):
    from tutor.quiz.parse import declare

    declared = declare(question.symbols)
    expected = (SIGNED_BY_NATURE & set(declared.names)) - POSITIVE_ON_PURPOSE.get(question.id, set())
    assert expected <= declared.signed, f"declare {sorted(expected - declared.signed)} as signed"


@pytest.mark.parametrize("question", SYMBOLIC, ids=_ids(SYMBOLIC))
def test_symbolic_question_accepts_its_own_answer(question):
    instance = instantiate(question)  # raises if the answer does not parse over its declared symbols
    assert check(instance, question.answer).status == "right"
    assert instance.explanation is not None
    # Near misses of the answer itself are wrong (so the check is not vacuous for this question).
    assert check(instance, f"2*({question.answer})").status == "wrong"
    assert check(instance, f"({question.answer}) + 1").status == "wrong"


@pytest.mark.parametrize("question", GENERATED, ids=_ids(GENERATED))
def test_generated_question_accepts_its_answer_and_rejects_a_wrong_one(question):
    for seed in range(20):
        instance = instantiate(question, seed)
        assert check(instance, num(instance.answer, 4).replace("−", "-")).status == "right"
        assert check(instance, repr(instance.answer * 1.5)).status == "wrong"
