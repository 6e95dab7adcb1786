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


# Each symbolic question's misconceptions (wrong forms a learner plausibly types) and natural right forms.
# Every symbolic question must be listed, so a new one comes with its misconceptions.
SYMBOLIC_FORMS = {
    "0096-05": (["W + 2*eta*(W-3)", "W - eta*(W-3)", "W - 2*eta*W", "W - eta*(W-3)^2", "abs(W) - 2eta(W-3)",
                 "W - 2*eta*abs(W-3)"], ["w - 2η(w − 3)", "W(1 - 2eta) + 6eta", "W-2*eta*W+6*eta"]),
    "0097-02": (["eta*g", "-g", "-eta*abs(g)", "-g/eta", "-eta*g^2"], ["-ηg", "−η·g", "-(eta g)", "0 - g*eta"]),
    "0098-02": (["-eta*g*alpha", "-eta*g*(1+alpha^2)", "eta*g*(1+alpha)", "-2*eta*g", "-eta*g",
                 "-eta*abs(g)*(1+alpha)", "-eta*g*(1+alpha)^2"], ["-ηg(1+α)", "-eta*g - alpha*eta*g", "−η·g·(α+1)"]),
    "0099-06": (["eta/(k*t)", "eta*(1+k*t)", "eta/(1+k)^t", "eta*exp(-k*t)", "eta/(1+k*t)^2", "eta*(1-k*t)"],
                ["η/(1+kt)", "eta*(1+k*t)^(-1)", "eta/{1+kt}"]),
    "0099-07": (["eta*exp(k*t)", "eta*exp(-k)", "eta/(1+k*t)", "eta*(1-k)^t", "eta*k^t", "exp(-k*t)"],
                ["η e^{-kt}", "eta*e^(-k*t)", "eta/exp(k t)", "η·exp(−kt)"]),
    "0100-03": (["eta*g/h", "eta*g*sqrt(h)", "eta*g^2/sqrt(h)", "eta/sqrt(h)", "eta*g/sqrt(h+g^2)"],
                ["eta g / sqrt h", "η·g/√h", "eta*g*h^(-1/2)"]),
    "0100-04": (["rho*g^2", "(1-rho)*g", "g^2", "(1-rho)*abs(g)", "(1-rho)^2*g^2"],
                ["(1−ρ)g²", "g^2 - rho*g^2", "(1-rho)*g*g"]),
    "0101-02": (["1/(1-beta1)", "1-beta1^t", "1/(1-beta1)^t", "1/(1-beta1^(t-1))", "1/(1+beta1^t)", "beta1^t"],
                ["1/(1-beta_1^t)", "1/(1−β₁ᵗ)", "(1-β1^t)^(-1)"]),
    "0102-07": (["x/20", "x^2/20", "x/5", "abs(x)/10", "2*x"], ["0.1x", "x·0.1", "2x/20", "X/10"]),
    "0103-03": (["n*s", "sqrt(n)*s", "n^2*s^2", "s^2", "s^2/n"], ["n·σ²", "n*sigma^2", "n s²", "(sqrt(n)*s)^2"]),
    "0104-07": (["c*x1", "c*x1*x2", "c^2*(x1+x2)", "abs(c)*(x1+x2)", "c*(abs(x1)+abs(x2))", "2*c"],
                ["c·x₁ + c·x₂", "c(x_1 + x_2)", "c*x1+c*x2", "C(X1+X2)"]),
    "0105-02": (["1-y", "y", "y*(1+y)", "1-y^2", "y^2*(1-y)", "1/4"], ["y - y^2", "y(1−y)", "-y^2+y"]),
    "0106-03": (["s*n*d", "s*d", "sqrt(n)*d", "s^2*n*d", "s*sqrt(n)*d^2", "d/(s*sqrt(n))", "s*sqrt(n)/4"],
                ["s√n·d", "d*s*n^0.5", "sqrt(n)*s*d", "σ·√n·d"]),
    "0107-02": (["sqrt(2/n)", "1/n", "1/(2*sqrt(n))", "sqrt(n)", "1/sqrt(2n)"], ["1/√n", "n^(-1/2)", "sqrt(1/n)"]),
    "0108-02": (["1/(2*sqrt(n))", "1/sqrt(n)", "2/n", "sqrt(2)/n", "2/sqrt(n)"],
                ["√2/√n", "(2/n)^0.5", "sqrt(2)*n^(-1/2)", "√(2/n)"]),
    "0109-02": (["(x-mu)/sqrt(var)+eps", "(x-mu)/(var+eps)", "(x-mu)/(sqrt(var)+eps)", "x/sqrt(var+eps)",
                 "abs(x-mu)/sqrt(var+eps)", "(x-mu)/sqrt(var)"], ["(x−μ)/√(var+ε)", "(x-mu)*(var+eps)^(-1/2)"]),
    "0110-07": (["n*m", "n*m+n", "(n+1)*(m+1)", "n+m"], ["m(n+1)", "(n+1)m", "nm + m"]),
    "0111-02": (["lambda*W", "lambda*W^2", "2*lambda", "lambda*W/2", "2*W", "-2*lambda*W", "2*lambda*abs(W)"],
                ["2λW", "2·λ·W", "lambda*W*2", "2λw", "λW + λW"]),
    "0112-02": (["p", "1/(1-p)", "1", "1/p"], ["1 − p", "-p+1"]),
    "0113-03": (["var/K^2", "var", "var*K", "var/sqrt(K)", "sqrt(var/K)"], ["var·K^(-1)", "var/k", "(1/K)var"]),
    "0115-02": (["u", "10*u", "exp(u)", "10^abs(u)", "u^10"], ["10**u", "exp(u*ln(10))", "e^(u log(10))"]),
}


def test_every_symbolic_question_lists_its_misconceptions():
    missing = sorted(q.id for q in SYMBOLIC if q.id not in SYMBOLIC_FORMS)
    assert missing == []


@pytest.mark.parametrize("question", SYMBOLIC, ids=_ids(SYMBOLIC))
def test_symbolic_misconceptions_are_wrong_and_natural_forms_right(question):
    wrong, right = SYMBOLIC_FORMS.get(question.id, ((), ()))
    instance = instantiate(question)
    for form in wrong:
        verdict = check(instance, form)
        assert verdict.status == "wrong", (form, verdict.status, verdict.message.en)
    for form in right:
        verdict = check(instance, form)
        assert verdict.status == "right", (form, verdict.status, verdict.message.en)
