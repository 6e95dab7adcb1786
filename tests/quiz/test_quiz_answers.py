"""The checking API the TUI and the CLI use: instantiate a question, check what the learner gave."""

import pytest

from tutor.content import Choice, Question
from tutor.text import Text
from tutor.quiz import check, instantiate


def _t(s):
    return Text(en=s, ko=s + " (ko)")


CHOICE = Question(
    id="0108-t1",
    concept="0108",
    type="choice",
    prompt=_t("He init std?"),
    choices=(
        Choice(_t("1/(2√n)"), why=_t("the source's typo")),
        Choice(_t("√(2/n)"), why=None),
        Choice(_t("1/√n"), why=_t("that is Xavier")),
    ),
    answer=1,
    explanation=_t("ReLU halves the variance."),
)
SYMBOLIC = Question(
    id="0111-t2",
    concept="0111",
    type="symbolic",
    prompt=_t("d/dW of ½λW²?"),
    answer="lambda*W",
    symbols=("lambda", "W"),
    explanation=_t("The ½ cancels the 2."),
)
GENERATED = Question(id="0097-t3", concept="0097", type="numeric", prompt=None, generator="sgd_step")
PREDICT = Question(
    id="0097-t4", concept="0097", type="predict", prompt=_t("Before you code:"), generator="sgd_step", exercise="sgd"
)


def _seed_showing_right_at(index):
    """A seed whose order shows the right option (√(2/n)) at ``index``."""
    return next(seed for seed in range(100) if instantiate(CHOICE, seed).answer == index)


@pytest.mark.parametrize("answer", [1, "b", "B", " b) ", "2", "b."])
def test_choice_answers_by_index_or_by_label(answer):
    instance = instantiate(CHOICE, _seed_showing_right_at(1))
    verdict = check(instance, answer)
    assert verdict.status == "right" and verdict.chosen == 1
    assert verdict.explanation == CHOICE.explanation and verdict.why is None


def test_a_wrong_choice_brings_its_misconception_and_the_answer():
    for seed in range(20):
        instance = instantiate(CHOICE, seed)
        typo = instance.order.index(0)  # where "1/(2√n)" is shown this time
        verdict = check(instance, "abc"[typo])
        assert verdict.status == "wrong" and verdict.chosen == typo
        assert verdict.why.en == "the source's typo"
        assert "√(2/n)" in verdict.message.en and verdict.explanation == CHOICE.explanation
        assert verdict.message.en.endswith(f"{'abc'[instance.answer]}) √(2/n)")


def test_options_are_shuffled_by_the_seed_and_keep_their_why():
    orders = {instantiate(CHOICE, seed).order for seed in range(60)}
    assert len(orders) == 6  # every order of three options appears
    for seed in range(60):
        instance = instantiate(CHOICE, seed)
        assert instance == instantiate(CHOICE, seed)  # the same seed, the same order
        assert [c.en for c in instance.choices] == [CHOICE.choices[i].text.en for i in instance.order]
        assert instance.choices[instance.answer].en == "√(2/n)"
        for shown, original in enumerate(instance.order):
            verdict = check(instance, shown)
            assert verdict.why == CHOICE.choices[original].why
            assert verdict.right == (original == CHOICE.answer)


def test_the_order_is_the_same_in_another_process():
    import subprocess
    import sys

    code = (
        "from tests.quiz.test_quiz_answers import CHOICE; from tutor.quiz import instantiate; "
        "print([instantiate(CHOICE, s).order for s in range(5)])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""}, cwd=str(__import__("pathlib").Path(__file__).parents[2]))
    assert out.stdout.strip() == str([instantiate(CHOICE, s).order for s in range(5)])


@pytest.mark.parametrize("answer", [3, -1, "d", "4", "0", "", "bb", True, 1.0, None])
def test_choices_that_do_not_exist_are_unreadable(answer):  # for any order
    verdict = check(instantiate(CHOICE), answer)
    assert verdict.status == "unreadable" and verdict.explanation is None and "a–c" in verdict.message.en


def test_symbolic_right_wrong_and_unreadable_are_told_apart():
    instance = instantiate(SYMBOLIC)
    right = check(instance, "W λ")
    assert right.status == "right" and right.read_as == "W·λ" and right.explanation == SYMBOLIC.explanation
    wrong = check(instance, "λW²")
    assert wrong.status == "wrong" and "λ·W^2" in wrong.message.en and wrong.explanation == SYMBOLIC.explanation
    unreadable = check(instance, "__import__('os').system('echo hacked')")
    assert unreadable.status == "unreadable" and unreadable.explanation is None
    assert check(instance, "λ x").status == "unreadable"  # x is not one of the question's names


def test_numeric_answers_in_the_forms_people_type():
    instance = instantiate(GENERATED, seed=3)
    exact = instance.answer
    for typed in (repr(exact), f"{exact:.3e}", f"{exact:.4g}", exact, f"({exact:.5f})*1"):
        assert check(instance, typed).status == "right", typed
    wrong = check(instance, exact * 2)
    assert wrong.status == "wrong" and instance.answer_text.en in wrong.message.en
    assert "W ←" in wrong.explanation.en  # the worked computation
    assert check(instance, "zero point five").status == "unreadable"
    assert check(instance, float("nan")).status == "unreadable"


def test_generated_questions_are_seeded_and_keep_the_questions_own_lead_in():
    assert instantiate(GENERATED, 5).prompt == instantiate(GENERATED, 5).prompt
    assert instantiate(GENERATED, 5).prompt != instantiate(GENERATED, 6).prompt
    predict = instantiate(PREDICT, 5)
    assert predict.kind == "numeric" and predict.prompt.en.startswith("Before you code:\n")
    assert predict.prompt.ko.startswith("Before you code: (ko)\n")


def test_every_instance_says_what_to_type():
    for question in (CHOICE, SYMBOLIC, GENERATED):
        hint = instantiate(question).input_hint
        assert hint.en and hint.ko


def test_a_question_whose_own_answer_does_not_parse_is_a_content_error():
    broken = Question(id="0111-x", concept="0111", type="symbolic", prompt=_t("?"), answer="lambda W(", symbols=("lambda", "W"))
    with pytest.raises(ValueError, match="0111-x"):
        instantiate(broken)


@pytest.mark.parametrize(
    "hostile",
    ["__import__('os').system('echo hacked')", "9**9**9", "(W+1)**2000", "(" * 10_000 + ")" * 10_000, "W" * 1_000_000,
     "λW\x00", "lambda: W"],
    ids=lambda t: repr(t[:20]),
)
def test_hostile_answers_are_unreadable_for_every_kind(hostile):
    for question in (SYMBOLIC, GENERATED, CHOICE):
        verdict = check(instantiate(question), hostile)
        assert verdict.status == "unreadable" and verdict.explanation is None
        assert verdict.message.en and verdict.message.ko
