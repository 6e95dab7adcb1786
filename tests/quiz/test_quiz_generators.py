"""Every generator gives an answerable, well-conditioned question for any seed."""

import math

import pytest

from tutor.content import Question
from tutor.quiz import GENERATORS, check, instantiate
from tutor.quiz.generators import num

NAMES = (
    "sgd_step momentum_step step_decay_lr adagrad_step rmsprop_step adam_step xavier_std he_std "
    "batchnorm_output weight_decay_grad dropout_test_output log_uniform_value"
).split()


def test_the_generators_are_the_ones_the_course_names():
    assert sorted(GENERATORS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_answerable_for_a_thousand_seeds(name):
    question = Question(id="0000-gen", concept="0000", type="numeric", prompt=None, generator=name)
    for seed in range(1000):
        instance = instantiate(question, seed)
        answer = instance.answer
        assert math.isfinite(answer) and 1e-6 <= abs(answer) <= 100, (seed, answer)
        for text in (instance.prompt.en, instance.prompt.ko, instance.explanation.en, instance.explanation.ko):
            assert text and "nan" not in text.lower() and "inf" not in text.lower().replace("info", "")
        # Its own check accepts the answer as printed with 3 significant digits, and rejects a value 10 % off.
        assert check(instance, num(answer, 3).replace("−", "-")).status == "right", (seed, answer)
        assert check(instance, answer).status == "right"
        assert check(instance, repr(answer * 1.1)).status == "wrong", (seed, answer)
        assert check(instance, repr(-answer)).status == "wrong", (seed, answer)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_question(name):
    first, again, other = GENERATORS[name](7), GENERATORS[name](7), [GENERATORS[name](s) for s in range(8, 20)]
    assert first == again
    assert any(o.prompt != first.prompt for o in other)


def test_known_values():
    """Spot values against hand computation, so that a generator cannot drift from its prompt."""
    he = GENERATORS["he_std"](0)
    n = int(he.prompt.en.split("n = ")[1].split()[0])
    assert he.answer == pytest.approx(math.sqrt(2 / n))
    xavier = GENERATORS["xavier_std"](0)
    n = int(xavier.prompt.en.split("n = ")[1].split()[0])
    assert xavier.answer == pytest.approx(1 / math.sqrt(n))


def _sgd(i):
    return [i["w"] + i["lr"] * i["g"], i["w"]]  # the wrong sign; no update at all


def _momentum(i):
    return [i["w"] - i["lr"] * i["g"], i["w"] + i["v"]]  # forgot the velocity; forgot the new gradient


def _adagrad(i):
    g, h = i["g"], i["h"]
    return [i["w"] - i["lr"] * g / math.sqrt(h) if h else i["w"] - i["lr"] * g]  # h not updated first


def _adam(i):
    m = i["beta1"] * i["m"] + (1 - i["beta1"]) * i["g"]
    v = i["beta2"] * i["v"] + (1 - i["beta2"]) * i["g"] ** 2
    return [i["w"] - i["lr"] * m / math.sqrt(v)]  # no bias correction


def _step_decay(i):
    return [i["lr0"] * i["factor"] ** (i["step"] // i["drop_every"] + 1)]  # one drop too many


def _batchnorm(i):
    x = [i["x0"], i["x1"], i["x2"]]
    mean = sum(x) / 3
    unbiased = sum((v - mean) ** 2 for v in x) / 2
    return [i["gamma"] * (x[i["i"]] - mean) / math.sqrt(unbiased) + i["beta"]]  # the unbiased variance


def _dropout(i):
    return [i["x"] * i["p"], i["x"], i["x"] / (1 - i["p"])]


def _log_uniform(i):
    return [i["low"] + i["r"] * (i["high"] - i["low"])]  # uniform on the linear scale


MISTAKES = {
    "sgd_step": _sgd,
    "momentum_step": _momentum,
    "adagrad_step": _adagrad,
    "adam_step": _adam,
    "step_decay_lr": _step_decay,
    "he_std": lambda i: [1 / (2 * math.sqrt(i["n"])), 1 / math.sqrt(i["n"])],  # the source's typo; Xavier's
    "xavier_std": lambda i: [math.sqrt(2 / i["n"]), 1 / i["n"]],
    "batchnorm_output": _batchnorm,
    "weight_decay_grad": lambda i: [i["g"] + 0.5 * i["lam"] * i["w"], i["g"]],
    "dropout_test_output": _dropout,
    "log_uniform_value": _log_uniform,
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_common_mistakes_are_wrong(name):
    question = Question(id="0000-gen", concept="0000", type="numeric", prompt=None, generator=name)
    for seed in range(300):
        instance = instantiate(question, seed)
        inputs = GENERATORS[name](seed).inputs
        for mistaken in MISTAKES[name](inputs):
            assert check(instance, repr(mistaken)).status == "wrong", (seed, inputs, mistaken)
