"""Numeric quiz questions made fresh from a seed, answered by the reference engine.

Each generator takes an integer seed and returns a ``Generated``: the prompt (en, ko), the exact answer
computed with ``tutor.reference``, the tolerance it is checked with, and the worked computation in both
languages (shown when the learner is wrong). The same seed always gives the same question.

Inputs have two or three significant digits, and values are drawn again until the question is
well-conditioned: the answer is finite and not tiny, and the part the question is about (the update,
the decay, the correction) moves the answer by far more than the tolerance, so that a learner who
skips a step (no update, a wrong sign, a forgotten factor) is told they are wrong.

``GENERATORS`` maps the names used in ``questions.toml`` to the functions.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from tutor import reference
from tutor.text import Text


@dataclass(frozen=True)
class Tolerance:
    """A numeric answer is right when |given − exact| ≤ max(abs, rel·|exact|).

    The relative part lets a learner round to three significant digits (rounding changes a value by
    at most half a unit in the third digit, i.e. 0.5 % when the leading digit is 1); ``abs`` only
    matters for answers near zero, which the generators avoid.
    """

    rel: float = 0.006
    abs: float = 1e-12

    def accepts(self, given: float, exact: float) -> bool:
        return math.isfinite(given) and abs(given - exact) <= max(self.abs, self.rel * abs(exact))

    def describe(self) -> Text:
        percent = f"{self.rel * 100:g}%"
        return Text(
            en=f"Accepted within {percent} of the exact value: three significant digits are enough.",
            ko=f"정확한 값과 {percent} 이내로 차이 나면 정답입니다. 유효숫자 3자리면 충분합니다.",
        )


TOLERANCE = Tolerance()


@dataclass(frozen=True)
class Generated:
    prompt: Text
    answer: float
    tolerance: Tolerance
    solution: Text  # the worked computation, shown when the learner is wrong
    inputs: dict[str, float] = field(default_factory=dict, compare=False)  # the values the prompt gives


def num(x: float, digits: int = 4) -> str:
    """A number as the prompts and solutions print it: up to ``digits`` significant digits, Unicode minus."""
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def _paren(x: float) -> str:
    """A number inside a formula: negative values in parentheses, as in 0.1 × (−0.35)."""
    return f"({num(x)})" if x < 0 else num(x)


def _magnitude(rng: random.Random, low: float, high: float, decimals: int = 2) -> float:
    """A positive value in [low, high] with ``decimals`` decimal places."""
    return round(rng.uniform(low, high), decimals) or round(high, decimals)


def _signed(rng: random.Random, low: float, high: float, decimals: int = 2) -> float:
    return _magnitude(rng, low, high, decimals) * rng.choice((-1, 1))


def _tells_apart(answer: float, mistakes: list[float], minimum: float = 0.01) -> bool:
    """The answer is not tiny, and each typical mistake's result is at least 5 % away from it.

    5 % is about eight times the tolerance, so a learner who makes one of these mistakes is told so.
    """
    return (
        math.isfinite(answer)
        and abs(answer) >= minimum
        and all(not math.isfinite(m) or abs(m - answer) >= 0.05 * abs(answer) for m in mistakes)
    )


def _draw(seed: int, make: Callable[[random.Random], Generated | None]) -> Generated:
    """Call ``make`` with one random stream until it returns a question (it returns None to redraw)."""
    rng = random.Random(seed)
    for _ in range(1000):
        generated = make(rng)
        if generated is not None:
            return generated
    raise RuntimeError(f"no well-conditioned question for seed {seed}")  # pragma: no cover


def _one_step(optimizer, w: float, g: float) -> float:
    """The weight after one ``optimizer.update`` from w with gradient g (one-element arrays)."""
    params = {"W": np.array([w])}
    optimizer.update(params, {"W": np.array([g])})
    return float(params["W"][0])


def _question(
    inputs: dict[str, float], prompt_en: str, prompt_ko: str, answer: float, solution_en: str, solution_ko: str
) -> Generated:
    return Generated(
        prompt=Text(en=prompt_en, ko=prompt_ko),
        answer=answer,
        tolerance=TOLERANCE,
        solution=Text(en=solution_en, ko=solution_ko),
        inputs=inputs,
    )


# ---------------------------------------------------------------------------------------------------
# Optimizers


def sgd_step(seed: int) -> Generated:
    def make(rng):
        w, g = _signed(rng, 0.2, 2.0), _signed(rng, 0.1, 3.0)
        lr = rng.choice((0.01, 0.05, 0.1, 0.2, 0.5))
        new_w = _one_step(reference.SGD(lr=lr), w, g)
        # No update; the wrong sign; no learning rate; the step instead of the new weight.
        if not _tells_apart(new_w, [w, w + lr * g, w - g, -lr * g]):
            return None
        formula = f"W ← W − η·∂L/∂W = {num(w)} − {num(lr)} × {_paren(g)} = {num(new_w)}"
        return _question(
            dict(w=w, g=g, lr=lr),
            f"A weight is W = {num(w)} and its gradient is ∂L/∂W = {num(g)}. "
            f"What is W after one SGD step with learning rate η = {num(lr)}?",
            f"가중치 W = {num(w)}, 기울기 ∂L/∂W = {num(g)}입니다. "
            f"학습률 η = {num(lr)}로 SGD(확률적 경사 하강법) 갱신을 한 번 하면 W는 얼마가 될까요?",
            new_w,
            f"SGD moves against the gradient:\n{formula}",
            f"SGD는 기울기의 반대 방향으로 이동합니다.\n{formula}",
        )

    return _draw(seed, make)


def momentum_step(seed: int) -> Generated:
    def make(rng):
        w, v, g = _signed(rng, 0.2, 2.0), _signed(rng, 0.01, 0.5), _signed(rng, 0.1, 2.0)
        lr = rng.choice((0.01, 0.05, 0.1))
        alpha = rng.choice((0.5, 0.8, 0.9))
        optimizer = reference.Momentum(lr=lr, momentum=alpha)
        optimizer.v = {"W": np.array([v])}
        new_w = _one_step(optimizer, w, g)
        new_v = float(optimizer.v["W"][0])
        # Plain SGD (no αv), the old velocity, no gradient term, the wrong sign, +ηg in the velocity,
        # no α on the old velocity.
        mistakes = [w - lr * g, w + v, w + alpha * v, w - new_v, w + alpha * v + lr * g, w + v - lr * g]
        if not _tells_apart(new_w, mistakes):
            return None
        steps = (
            f"v ← αv − η·∂L/∂W = {num(alpha)} × {_paren(v)} − {num(lr)} × {_paren(g)} = {num(new_v)}\n"
            f"W ← W + v = {num(w)} + {_paren(new_v)} = {num(new_w)}"
        )
        return _question(
            dict(w=w, v=v, g=g, lr=lr, alpha=alpha),
            f"Momentum with learning rate η = {num(lr)} and momentum α = {num(alpha)}. "
            f"The velocity from the previous steps is v = {num(v)}; now W = {num(w)} and ∂L/∂W = {num(g)}. "
            "What is W after this step?",
            f"모멘텀 기법, 학습률 η = {num(lr)}, 모멘텀 계수 α = {num(alpha)}입니다. "
            f"지금까지의 속도는 v = {num(v)}이고, 현재 W = {num(w)}, ∂L/∂W = {num(g)}입니다. "
            "이번 갱신 뒤 W는 얼마가 될까요?",
            new_w,
            f"First the velocity, then the weight:\n{steps}",
            f"먼저 속도를 갱신한 다음 가중치를 갱신합니다.\n{steps}",
        )

    return _draw(seed, make)


def _adaptive_note(h_name: str) -> tuple[str, str]:
    return (
        f"ε = 1e−7 only guards against √{h_name} = 0; it does not change the digits here.",
        f"ε = 1e−7은 √{h_name} = 0일 때 0으로 나누는 것을 막기 위한 값이라 여기 결과에는 영향이 없습니다.",
    )


def adagrad_step(seed: int) -> Generated:
    def make(rng):
        w, g = _signed(rng, 0.2, 2.0), _signed(rng, 0.1, 2.0)
        h = rng.choice((0.0, _magnitude(rng, 0.1, 2.0)))
        lr = rng.choice((0.1, 0.2, 0.5))
        optimizer = reference.AdaGrad(lr=lr)
        optimizer.h = {"W": np.array([h])}
        new_w = _one_step(optimizer, w, g)
        new_h = float(optimizer.h["W"][0])
        # No update; the wrong sign; h used before adding g²; no 1/√h scaling; ÷h instead of ÷√h.
        step = new_w - w
        before = w - lr * g / math.sqrt(h) if h else math.inf
        if not _tells_apart(new_w, [w, w - step, before, w - lr * g, w - lr * g / new_h]):
            return None
        note_en, note_ko = _adaptive_note("h")
        steps = (
            f"h ← h + (∂L/∂W)² = {num(h)} + {_paren(g)}² = {num(new_h)}\n"
            f"W ← W − η·(∂L/∂W)/(√h + ε) = {num(w)} − {num(lr)} × {_paren(g)} / {num(math.sqrt(new_h))}"
            f" = {num(new_w)}"
        )
        return _question(
            dict(w=w, h=h, g=g, lr=lr),
            f"AdaGrad with learning rate η = {num(lr)}. The sum of squared gradients so far is h = {num(h)}; "
            f"now W = {num(w)} and ∂L/∂W = {num(g)}. What is W after this step?",
            f"AdaGrad, 학습률 η = {num(lr)}입니다. 지금까지 기울기 제곱의 합은 h = {num(h)}이고, "
            f"현재 W = {num(w)}, ∂L/∂W = {num(g)}입니다. 이번 갱신 뒤 W는 얼마가 될까요?",
            new_w,
            f"AdaGrad adds the squared gradient to h first, then scales the step by 1/√h:\n{steps}\n{note_en}",
            f"AdaGrad는 먼저 기울기의 제곱을 h에 더하고, 그다음 1/√h로 보폭을 조정합니다.\n{steps}\n{note_ko}",
        )

    return _draw(seed, make)


def rmsprop_step(seed: int) -> Generated:
    def make(rng):
        w, g = _signed(rng, 0.2, 2.0), _signed(rng, 0.1, 2.0)
        h = _magnitude(rng, 0.01, 1.0)
        lr = rng.choice((0.01, 0.05, 0.1))
        rho = rng.choice((0.9, 0.99))
        optimizer = reference.RMSprop(lr=lr, decay_rate=rho)
        optimizer.h = {"W": np.array([h])}
        new_w = _one_step(optimizer, w, g)
        new_h = float(optimizer.h["W"][0])
        # No update; the wrong sign; h used before the update; AdaGrad's sum instead of the average;
        # ρ and 1 − ρ swapped; ÷h instead of ÷√h.
        step = new_w - w
        swapped = (1 - rho) * h + rho * g * g
        mistakes = [w, w - step, w - lr * g / math.sqrt(h), w - lr * g / math.sqrt(h + g * g),
                    w - lr * g / math.sqrt(swapped), w - lr * g / new_h]
        if not _tells_apart(new_w, mistakes):
            return None
        note_en, note_ko = _adaptive_note("h")
        steps = (
            f"h ← ρh + (1 − ρ)(∂L/∂W)² = {num(rho)} × {num(h)} + {num(1 - rho)} × {_paren(g)}² = {num(new_h)}\n"
            f"W ← W − η·(∂L/∂W)/(√h + ε) = {num(w)} − {num(lr)} × {_paren(g)} / {num(math.sqrt(new_h))}"
            f" = {num(new_w)}"
        )
        return _question(
            dict(w=w, h=h, g=g, lr=lr, rho=rho),
            f"RMSprop with learning rate η = {num(lr)} and decay rate ρ = {num(rho)}. The moving average of "
            f"squared gradients is h = {num(h)}; now W = {num(w)} and ∂L/∂W = {num(g)}. "
            "What is W after this step?",
            f"RMSprop, 학습률 η = {num(lr)}, 감쇠율 ρ = {num(rho)}입니다. 기울기 제곱의 지수이동평균은 "
            f"h = {num(h)}이고, 현재 W = {num(w)}, ∂L/∂W = {num(g)}입니다. 이번 갱신 뒤 W는 얼마가 될까요?",
            new_w,
            "RMSprop keeps an exponential moving average of the squared gradient, so old gradients fade:\n"
            f"{steps}\n{note_en}",
            "RMSprop은 기울기 제곱의 지수이동평균을 쓰므로 오래된 기울기의 영향이 점점 줄어듭니다.\n"
            f"{steps}\n{note_ko}",
        )

    return _draw(seed, make)


def adam_step(seed: int) -> Generated:
    beta1, beta2 = 0.9, 0.999

    def make(rng):
        t = rng.choice((1, 2, 3))
        w, g = _signed(rng, 0.05, 1.0), _signed(rng, 0.1, 2.0)
        m = 0.0 if t == 1 else _signed(rng, 0.01, 0.3)
        v = 0.0 if t == 1 else _magnitude(rng, 0.001, 0.05, 3)
        lr = rng.choice((0.01, 0.05, 0.1))
        optimizer = reference.Adam(lr=lr, beta1=beta1, beta2=beta2)
        optimizer.m, optimizer.v, optimizer.iter = {"W": np.array([m])}, {"W": np.array([v])}, t - 1
        new_w = _one_step(optimizer, w, g)
        new_m, new_v = float(optimizer.m["W"][0]), float(optimizer.v["W"][0])
        # No update; the wrong sign; no bias correction; only m or only v corrected; t − 1 in the
        # correction (infinite at t = 1, so not a candidate there).
        m_hat, v_hat = new_m / (1 - beta1**t), new_v / (1 - beta2**t)
        late = (lr * math.sqrt(1 - beta2 ** (t - 1)) / (1 - beta1 ** (t - 1))) if t > 1 else math.inf
        mistakes = [w, 2 * w - new_w, w - lr * new_m / math.sqrt(new_v), w - lr * m_hat / math.sqrt(new_v),
                    w - lr * new_m / math.sqrt(v_hat), w - late * new_m / math.sqrt(new_v)]
        if not _tells_apart(new_w, mistakes):
            return None
        lr_t = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
        steps = (
            f"m ← β1·m + (1 − β1)·g = 0.9 × {_paren(m)} + 0.1 × {_paren(g)} = {num(new_m)}\n"
            f"v ← β2·v + (1 − β2)·g² = 0.999 × {num(v)} + 0.001 × {_paren(g)}² = {num(new_v)}\n"
            f"lr_t = η·√(1 − β2ᵗ)/(1 − β1ᵗ) = {num(lr)} × √(1 − 0.999^{t})/(1 − 0.9^{t}) = {num(lr_t)}\n"
            f"W ← W − lr_t·m/(√v + ε) = {num(w)} − {num(lr_t)} × {_paren(new_m)} / {num(math.sqrt(new_v))}"
            f" = {num(new_w)}"
        )
        state_en = (
            "This is the first step: m = v = 0."
            if t == 1
            else f"After {t - 1} step{'s' if t > 2 else ''}: m = {num(m)}, v = {num(v)}."
        )
        state_ko = "첫 번째 갱신이라 m = v = 0입니다." if t == 1 else f"{t - 1}번 갱신한 뒤라 m = {num(m)}, v = {num(v)}입니다."
        return _question(
            dict(w=w, g=g, m=m, v=v, lr=lr, t=t, beta1=beta1, beta2=beta2),
            f"Adam with η = {num(lr)}, β1 = 0.9, β2 = 0.999 takes step t = {t}. {state_en} "
            f"Now W = {num(w)} and ∂L/∂W = {num(g)}. What is W after this step (with bias correction; "
            "ε = 1e−7 is negligible)?",
            f"Adam, η = {num(lr)}, β1 = 0.9, β2 = 0.999로 t = {t}번째 갱신을 합니다. {state_ko} "
            f"현재 W = {num(w)}, ∂L/∂W = {num(g)}입니다. 편향 보정을 포함해 갱신하면 W는 얼마가 될까요? "
            "(ε = 1e−7은 무시해도 됩니다)",
            new_w,
            "Adam updates both moving averages, then corrects their bias toward 0 (they start at 0) by "
            f"scaling the step, as the book does:\n{steps}",
            "Adam은 두 이동평균을 갱신한 뒤, 0에서 시작해 생기는 편향을 보폭을 조정해 보정합니다"
            f"(책의 방식).\n{steps}",
        )

    return _draw(seed, make)


# ---------------------------------------------------------------------------------------------------
# Learning-rate decay


def step_decay_lr(seed: int) -> Generated:
    def make(rng):
        lr0 = rng.choice((0.01, 0.05, 0.1, 0.2, 0.5, 1.0))
        every = rng.choice((5, 10, 20, 30, 50, 100))
        factor = rng.choice((0.1, 0.2, 0.5, 0.8))
        drops = rng.randint(1, 4 if factor >= 0.5 else 3)
        # Never on (or just past) a multiple of drop_every: there the smooth factor^(step/drop_every)
        # gives the same number as the floor, and the lesson's most common bug would pass.
        step = drops * every + rng.randrange(max(1, every // 3), every)
        lr = float(reference.step_decay(lr0, step, every, factor))
        # Smooth decay (no floor); one drop too many (ceil); one too few; no decay at all.
        mistakes = [lr0 * factor ** (step / every), lr0 * factor ** (drops + 1), lr0 * factor ** (drops - 1), lr0]
        if not _tells_apart(lr, mistakes, minimum=1e-4):
            return None
        steps = (
            f"lr = lr0 · factor^⌊step / drop_every⌋ = {num(lr0)} × {num(factor)}^⌊{step}/{every}⌋ "
            f"= {num(lr0)} × {num(factor)}^{drops} = {num(lr)}"
        )
        return _question(
            dict(lr0=lr0, step=step, drop_every=every, factor=factor),
            f"Step decay: the learning rate starts at lr0 = {num(lr0)} (used at step 0) and is multiplied by "
            f"{num(factor)} every {every} steps. Which learning rate is used at step {step}?",
            f"계단식 학습률 감소: 학습률은 lr0 = {num(lr0)}에서 시작하고(0번째 걸음에서 사용), "
            f"{every} 걸음마다 {num(factor)}배가 됩니다. {step}번째 걸음에서 쓰는 학습률은 얼마일까요?",
            lr,
            f"The rate has dropped once for every full {every} steps:\n{steps}",
            f"{every} 걸음을 다 채울 때마다 한 번씩 줄어듭니다.\n{steps}",
        )

    return _draw(seed, make)


# ---------------------------------------------------------------------------------------------------
# Initialisation


_FAN_INS = (16, 25, 32, 50, 64, 100, 128, 150, 200, 256, 300, 400, 500, 512, 784, 1000, 1024, 2048)


# Every fan-in tells the right std from these slips (checked by the tests for every seed):
# Xavier: He's √(2/n), the variance 1/n, 1/(2√n); He: the typo 1/(2√n), Xavier's 1/√n, the variance 2/n,
# √2/n. None of them equals the right value for any n ≥ 16.


def xavier_std(seed: int) -> Generated:
    n = random.Random(seed).choice(_FAN_INS)
    std = float(reference.xavier_std(n))
    steps = f"std = 1/√n = 1/√{n} = 1/{num(math.sqrt(n))} = {num(std)}"
    return _question(
        dict(n=n),
        f"Each node of a layer with sigmoid activations receives inputs from n = {n} nodes of the previous "
        "layer. With Xavier initialisation, what standard deviation should the initial weights have?",
        f"시그모이드 활성화 함수를 쓰는 층의 각 노드가 앞 층의 노드 n = {n}개로부터 입력을 받습니다. "
        "Xavier 초깃값을 쓰면 가중치 초깃값의 표준편차는 얼마여야 할까요?",
        std,
        f"Xavier initialisation uses std 1/√n with n the number of inputs (fan-in):\n{steps}",
        f"Xavier 초깃값은 앞 층 노드 수(입력 수) n에 대해 표준편차 1/√n을 씁니다.\n{steps}",
    )


def he_std(seed: int) -> Generated:
    n = random.Random(seed).choice(_FAN_INS)
    std = float(reference.he_std(n))
    steps = f"std = √(2/n) = √(2/{n}) = √{num(2 / n)} = {num(std)}"
    return _question(
        dict(n=n),
        f"Each node of a ReLU layer receives inputs from n = {n} nodes of the previous layer. "
        "With He initialisation, what standard deviation should the initial weights have?",
        f"ReLU를 쓰는 층의 각 노드가 앞 층의 노드 n = {n}개로부터 입력을 받습니다. "
        "He 초깃값을 쓰면 가중치 초깃값의 표준편차는 얼마여야 할까요?",
        std,
        "He initialisation uses std √(2/n): ReLU zeroes about half its inputs, so the weights need twice "
        f"Xavier's variance.\n{steps}\n"
        "(Some study notes write 1/(2√n); that is a typo, the right value is √(2/n).)",
        "He 초깃값은 표준편차 √(2/n)을 씁니다. ReLU는 입력의 절반가량을 0으로 만들기 때문에 Xavier보다 "
        f"분산이 두 배 필요합니다.\n{steps}\n"
        "(일부 공부 노트에는 1/(2√n)으로 적혀 있지만 오타이며, 올바른 값은 √(2/n)입니다.)",
    )


# ---------------------------------------------------------------------------------------------------
# Batch normalisation


_ORDINALS_EN = ("first", "second", "third")
_ORDINALS_KO = ("첫 번째", "두 번째", "세 번째")


def batchnorm_output(seed: int) -> Generated:
    def make(rng):
        x = [rng.randint(-6, 12) / 2 for _ in range(3)]
        # γ = 1 or β = 0 could not tell a learner who forgets the scale or the shift.
        gamma = rng.choice((0.5, 1.5, 2.0, 2.5))
        beta = rng.choice((-1.0, -0.5, 0.2, 0.5, 1.0))
        i = rng.randrange(3)
        batch = np.array(x).reshape(3, 1)
        layer = reference.BatchNormalization(gamma=np.array([gamma]), beta=np.array([beta]))
        y = float(layer.forward(batch, train_flag=True)[i, 0])
        mean = float(np.mean(batch))
        var = float(np.mean((batch - mean) ** 2))
        if var < 0.5:
            return None
        std = math.sqrt(var + reference.BatchNormalization.eps)
        x_hat = (x[i] - mean) / std
        # The unbiased variance (÷ 2 instead of ÷ 3), the classic slip; no scale and shift (x̂); no shift;
        # no scale; γ and β swapped; ÷σ² instead of ÷σ; the mean not subtracted.
        mistakes = [gamma * (x[i] - mean) / math.sqrt(var * 1.5) + beta, x_hat, gamma * x_hat, x_hat + beta,
                    beta * x_hat + gamma, gamma * (x[i] - mean) / var + beta, gamma * x[i] / std + beta]
        if not _tells_apart(y, mistakes, minimum=0.05):
            return None
        values = ", ".join(num(v) for v in x)
        squares = " + ".join(f"({num(v)} − {num(mean)})²" for v in x)
        steps = (
            f"μ = ({' + '.join(_paren(v) for v in x)})/3 = {num(mean)}\n"
            f"σ² = ({squares})/3 = {num(var)}\n"
            f"x̂ = (x − μ)/√(σ² + ε) = ({num(x[i])} − {num(mean)})/{num(std)} = {num(x_hat)}\n"
            f"y = γx̂ + β = {num(gamma)} × {_paren(x_hat)} + {_paren(beta)} = {num(y)}"
        )
        return _question(
            dict(x0=x[0], x1=x[1], x2=x[2], i=i, gamma=gamma, beta=beta),
            f"Batch normalisation while training, one feature, a mini-batch of 3 samples: x = ({values}). "
            f"With γ = {num(gamma)} and β = {num(beta)} (ε = 1e−7, negligible), what is the output y for the "
            f"{_ORDINALS_EN[i]} sample (x = {num(x[i])})?",
            f"학습 중인 배치 정규화, 특성 하나, 데이터 3개짜리 미니배치 x = ({values})입니다. "
            f"γ = {num(gamma)}, β = {num(beta)}일 때(ε = 1e−7은 무시해도 됩니다) {_ORDINALS_KO[i]} 데이터"
            f"(x = {num(x[i])})의 출력 y는 얼마일까요?",
            y,
            "Normalise with the batch's own mean and variance (divide by m = 3: the biased variance), then "
            f"scale and shift:\n{steps}",
            "미니배치 자체의 평균과 분산으로 정규화한 뒤(분산은 m = 3으로 나누는 편향 분산), 확대(γ)와 "
            f"이동(β)을 합니다.\n{steps}",
        )

    return _draw(seed, make)


# ---------------------------------------------------------------------------------------------------
# Regularisation


def weight_decay_grad(seed: int) -> Generated:
    def make(rng):
        w, g = _signed(rng, 0.5, 3.0), _signed(rng, 0.05, 1.0)
        lam = rng.choice((0.05, 0.1, 0.2, 0.5))
        grads = reference.weight_decay_grads({"W1": np.array([w])}, {"W1": np.array([g])}, lam)
        total = float(grads["W1"][0])
        # No decay term; ½λW as the gradient; 2λW (the ½ forgotten); the wrong sign; λW alone; the
        # penalty ½λW² added instead of its derivative.
        mistakes = [g, g + 0.5 * lam * w, g + 2 * lam * w, g - lam * w, lam * w, g + 0.5 * lam * w * w]
        if not _tells_apart(total, mistakes):
            return None
        steps = f"∂(L + ½λW²)/∂W = ∂L/∂W + λW = {num(g)} + {num(lam)} × {_paren(w)} = {num(total)}"
        return _question(
            dict(w=w, g=g, lam=lam),
            f"With weight decay the loss becomes L + ½λ‖W‖². A weight W = {num(w)} has gradient "
            f"∂L/∂W = {num(g)} from the data loss alone, and λ = {num(lam)}. Which gradient does the optimizer "
            "receive for this weight?",
            f"가중치 감소를 쓰면 손실 함수는 L + ½λ‖W‖²이 됩니다. 가중치 W = {num(w)}에 대해 데이터 손실만의 "
            f"기울기는 ∂L/∂W = {num(g)}이고 λ = {num(lam)}입니다. 최적화 기법이 받는 이 가중치의 기울기는 "
            "얼마일까요?",
            total,
            f"The ½ in ½λW² is there so that its derivative is simply λW:\n{steps}",
            f"½λW²의 ½은 미분했을 때 깔끔하게 λW가 되도록 붙인 것입니다.\n{steps}",
        )

    return _draw(seed, make)


def dropout_test_output(seed: int) -> Generated:
    def make(rng):
        x = _signed(rng, 0.5, 5.0, 1)
        # 0.5 is left out: there x·(1 − p) = x·p, and a learner who multiplies by p would pass.
        p = rng.choice((0.1, 0.2, 0.25, 0.3, 0.4, 0.6))
        y = float(reference.Dropout(dropout_ratio=p).forward(np.array([x]), train_flag=False)[0])
        # x·p (the dropped share); x unchanged (inverted dropout's test time); x/(1 − p); x/p. The values
        # of p make each of these at least 5 % away from x·(1 − p); the tests check it for every seed.
        steps = f"y = x·(1 − p) = {num(x)} × (1 − {num(p)}) = {num(y)}"
        return _question(
            dict(x=x, p=p),
            f"The book's Dropout with dropout_ratio p = {num(p)} (outputs are not rescaled while training). "
            f"At test time (train_flag=False), what does forward return for an input x = {num(x)}?",
            f"책의 Dropout 계층, dropout_ratio p = {num(p)}입니다(학습 중에는 출력을 다시 스케일하지 않습니다). "
            f"시험 때(train_flag=False) 입력 x = {num(x)}에 대해 forward가 돌려주는 값은 얼마일까요?",
            y,
            "At test time every unit passes, scaled by the fraction kept during training, so the expected "
            f"output matches:\n{steps}\n"
            "(Inverted dropout, the form frameworks use, divides by (1 − p) while training instead and "
            "passes x unchanged at test time.)",
            "시험 때는 모든 뉴런을 통과시키되, 학습 때 살아남는 비율(1 − p)을 곱해 출력의 기댓값을 맞춥니다.\n"
            f"{steps}\n"
            "(프레임워크들이 쓰는 역 드롭아웃(inverted dropout)은 반대로 학습 중에 (1 − p)로 나누고, 시험 때는 "
            "x를 그대로 내보냅니다.)",
        )

    return _draw(seed, make)


# ---------------------------------------------------------------------------------------------------
# Hyperparameter search


class _FixedDraw:
    """Stands in for a random generator whose ``uniform`` draw is the fraction r of the way from a to b.

    It lets the question give the draw r and still compute the value with the reference sampler.
    """

    def __init__(self, r: float):
        self.r = r

    def uniform(self, low, high, size=None):
        return np.full(size, low + self.r * (high - low))


def log_uniform_value(seed: int) -> Generated:
    def make(rng):
        low_exp = rng.choice((-6, -5, -4, -3))
        high_exp = rng.randint(low_exp + 2, min(low_exp + 5, 0))
        low, high = 10.0**low_exp, 10.0**high_exp
        r = _magnitude(rng, 0.05, 0.95)
        value = float(reference.sample_log_uniform(low, high, 1, rng=_FixedDraw(r))[0])
        # Uniform on the linear scale; the low exponent not subtracted; the low exponent left out.
        mistakes = [low + r * (high - low), 10 ** (low_exp + r * high_exp), 10 ** (r * (high_exp - low_exp))]
        if not _tells_apart(value, mistakes, minimum=0.0):
            return None
        exponent = low_exp + r * (high_exp - low_exp)
        steps = (
            f"u = log10(low) + r·(log10(high) − log10(low)) = {low_exp} + {num(r)} × ({high_exp} − ({low_exp}))"
            f" = {num(exponent)}\n"
            f"value = 10^u = 10^{_paren(exponent)} = {num(value)}"
        ).replace("-", "−")
        return _question(
            dict(low=low, high=high, r=r),
            f"Random search draws the learning rate log-uniformly between {num(low)} and {num(high)}. "
            f"The random draw r = {num(r)} (uniform in [0, 1)) says how far along the log scale the sample "
            "falls. Which learning rate is sampled?",
            f"무작위 탐색으로 학습률을 {num(low)}부터 {num(high)}까지의 범위에서 로그 스케일로 균등하게 뽑습니다. "
            f"[0, 1)에서 균등하게 뽑은 난수는 r = {num(r)}이고, 이 값이 로그 스케일에서 표본이 놓일 위치를 정합니다. "
            "뽑힌 학습률은 얼마일까요?",
            value,
            "On a log scale the exponent, not the value, is uniform, so every decade gets the same share of "
            f"trials:\n{steps}",
            "로그 스케일에서는 값이 아니라 지수가 균등하게 뽑히므로, 각 자릿수 구간(10배 구간)이 같은 비율로 "
            f"탐색됩니다.\n{steps}",
        )

    return _draw(seed, make)


GENERATORS: dict[str, Callable[[int], Generated]] = {
    fn.__name__: fn
    for fn in (
        sgd_step,
        momentum_step,
        step_decay_lr,
        adagrad_step,
        rmsprop_step,
        adam_step,
        xavier_std,
        he_std,
        batchnorm_output,
        weight_decay_grad,
        dropout_test_output,
        log_uniform_value,
    )
}
