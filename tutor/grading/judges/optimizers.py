"""Judges of the six optimizer exercises: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam.

Each check runs the learner's class on a ladder of cases, smallest first, so that the first failing case is
also the smallest one: one step on one number, three steps (state must persist), exact-zero gradients, two
parameters, then a random case (four parameters of different shapes, gradients from 1e-3 to 1e2 and exact
zeros, non-default hyperparameters), and finally the book's default hyperparameters. Hand-sized cases use
round non-default hyperparameters so a learner can redo them on paper.

Values are accepted inside a band spanned by the formulations textbooks use: ε anywhere from 1e-10 to
1e-6, outside or inside the square root, and for Adam both the book's folded step size and the paper's
m̂ / (√v̂ + ε). Every step of an adaptive optimizer is monotone in ε (a larger ε only shrinks it) and does
not depend on the parameters, so after t steps the learner's value lies between W0 plus the sums of the
smallest and of the largest steps the extreme formulations take; that band is widened by 1e-7 relative
for rounding. The known-wrong variants all differ from it by far more on the
hand-sized cases (a factor of √(1−β2) for Adam without bias correction, NaN for a missing ε, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import tutor.reference as reference
from tutor.grading import probes
from tutor.grading import variants as known
from tutor.grading.judges import Judge, Verdict
from tutor.grading.judges.common import first_outside, near_miss
from tutor.text import Text
from tutor.grading.results import PASS, Outcome, T, ko_error, num

REL_TOL = 1e-7  # rounding between equivalent ways of writing the same update
ABS_TOL = 1e-10
MATCH_RTOL = 1e-4  # a learner "is" a variant if they agree this closely on every hand-sized case
EPSILONS = (1e-10, 1e-6)
EPS_NOTE = T(
    "The difference is small: that usually comes from ε. The book uses 1e-7; any ε from 1e-10 to 1e-6, inside "
    "or outside the square root, is accepted, so yours is probably larger (e.g. 1e-4)",
    "차이가 작습니다. 보통 ε 때문입니다. 책은 1e-7을 쓰고, 1e-10부터 1e-6까지의 ε은 제곱근 안이든 밖이든 맞게 채점하므로 "
    "지금 ε이 그보다 클 가능성이 큽니다(예: 1e-4)",
)
FLOAT_NOTE = T(
    "The difference is small: that usually comes from computing in float32, or from a rounded hyperparameter",
    "차이가 작습니다. 보통 float32로 계산했거나 하이퍼파라미터를 반올림해서 생깁니다",
)


@dataclass(frozen=True)
class Spec:
    cls: str
    concept: str
    defaults: dict
    small: dict  # round, non-default hyperparameters for the hand-sized cases
    ranges: dict  # hyperparameter -> (low, high) for the random case
    adaptive: bool = False  # has an ε that may sit wherever textbooks put it


SPECS = {
    "sgd": Spec("SGD", "0097", {"lr": 0.01}, {"lr": 0.1}, {"lr": (0.02, 0.2)}),
    "momentum": Spec(
        "Momentum", "0098", {"lr": 0.01, "momentum": 0.9}, {"lr": 0.1, "momentum": 0.5},
        {"lr": (0.02, 0.2), "momentum": (0.6, 0.85)},
    ),
    "nesterov": Spec(
        "Nesterov", "0098", {"lr": 0.01, "momentum": 0.9}, {"lr": 0.1, "momentum": 0.5},
        {"lr": (0.02, 0.2), "momentum": (0.6, 0.85)},
    ),
    "adagrad": Spec("AdaGrad", "0100", {"lr": 0.01}, {"lr": 0.1}, {"lr": (0.05, 0.5)}, adaptive=True),
    "rmsprop": Spec(
        "RMSprop", "0100", {"lr": 0.01, "decay_rate": 0.99}, {"lr": 0.1, "decay_rate": 0.9},
        {"lr": (0.01, 0.1), "decay_rate": (0.8, 0.95)}, adaptive=True,
    ),
    "adam": Spec(
        "Adam", "0101", {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}, {"lr": 0.1, "beta1": 0.8, "beta2": 0.9},
        {"lr": (0.01, 0.1), "beta1": (0.7, 0.85), "beta2": (0.9, 0.99)}, adaptive=True,
    ),
}

VALUE_CHECKS = ("one_step", "state", "zeros", "shapes", "defaults")
CHECKS = VALUE_CHECKS + ("in_place", "grads_untouched")
HAND_SIZED = ("one_step", "state", "zeros", "shapes")


def _a(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def _hand_sized_cases(kwargs: dict) -> list[dict]:
    return [
        {"check": "one_step", "kwargs": kwargs, "params": {"W": _a(1.0)}, "grads": [{"W": _a(0.5)}]},
        {"check": "state", "kwargs": kwargs, "params": {"W": _a(1.0)}, "grads": [{"W": _a(0.5)}, {"W": _a(0.25)}, {"W": _a(-0.5)}]},
        {"check": "zeros", "kwargs": kwargs, "params": {"W": _a(1.0, -2.0)}, "grads": [{"W": _a(0.0, 0.5)}, {"W": _a(0.0, 0.0)}]},
        {
            "check": "shapes",
            "kwargs": kwargs,
            "params": {"W": _a(1.0), "b": _a(-1.0)},
            "grads": [{"W": _a(0.5), "b": _a(0.2)}, {"W": _a(0.1), "b": _a(-0.3)}],
        },
    ]


def _random_grad(rng, shape) -> np.ndarray:
    """Gradients whose magnitudes span 1e-3 to 1e2, random signs, about one in six exactly zero."""
    g = rng.choice([-1.0, 1.0], size=shape) * 10.0 ** rng.uniform(-3, 2, size=shape)
    g[rng.random(shape) < 1 / 6] = 0.0
    return g


class OptimizerJudge(Judge):
    checks = CHECKS
    probe = "tutor.grading.probes:optimizer"

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.spec = SPECS[exercise]
        self.concept = self.spec.concept

    # -- inputs ---------------------------------------------------------------------------------------

    def build(self, rng) -> dict:
        spec = self.spec
        cases = _hand_sized_cases(dict(spec.small))
        shapes = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}
        drawn = {kw: float(np.round(rng.uniform(lo, hi), 4)) for kw, (lo, hi) in spec.ranges.items()}
        cases.append(
            {
                "check": "shapes",
                "kwargs": drawn,
                "params": {k: rng.standard_normal(s) for k, s in shapes.items()},
                "grads": [{k: _random_grad(rng, s) for k, s in shapes.items()} for _ in range(5)],
            }
        )
        cases.append(
            {
                "check": "defaults",
                "kwargs": {},
                "params": {"W": rng.standard_normal((2, 3)), "b": rng.standard_normal(3)},
                "grads": [{"W": rng.standard_normal((2, 3)), "b": rng.standard_normal(3)} for _ in range(3)],
            }
        )
        return {"cls": spec.cls, "cases": cases}

    # -- verdict --------------------------------------------------------------------------------------

    def judge(self, args: dict, outputs: dict) -> Verdict:
        cases = args["cases"]
        got = outputs["cases"]
        expected = probes.optimizer(reference, self.spec.cls, cases)["cases"]
        outcomes: dict[str, Outcome] = {}
        for case, mine, ref in zip(cases, got, expected):
            if case["check"] in outcomes and outcomes[case["check"]].status != "pass":
                continue  # a smaller case of this check already failed: report that one
            outcomes[case["check"]] = self._values(case, mine, ref)
        if any(mine["steps"] for mine in got):
            outcomes["in_place"] = self._in_place(cases, got)
            outcomes["grads_untouched"] = self._grads(cases, got)
        else:
            not_run = Outcome("error", T("not checked: update never completed a step", "확인하지 못함: update가 한 번도 끝나지 않았습니다"))
            outcomes["in_place"] = outcomes["grads_untouched"] = not_run

        diagnosis = []
        if any(outcomes[c].status != "pass" for c in HAND_SIZED):
            diagnosis += self._matching_variants(cases, got, expected)
        cls, concept = self.spec.cls, self.concept
        if outcomes["in_place"].status == "fail":
            diagnosis.append(known.diagnose(self.exercise, "rebinds_params", concept, cls=cls))
        if outcomes["grads_untouched"].status == "fail":
            diagnosis.append(known.diagnose(self.exercise, "mutates_grads", concept, cls=cls))
        summary = next((outcomes[c].message for c in CHECKS if outcomes[c].status != "pass"), None)
        return Verdict(outcomes=outcomes, diagnosis=diagnosis, summary=summary)

    def _values(self, case: dict, mine: dict, ref: dict) -> Outcome:
        where = self._describe(case)
        if mine["error"]:
            step, error = mine["step"], mine["error"]
            en = f"creating the optimizer: {error}" if step == 0 else f"step {step}: {error}"
            ko = f"옵티마이저를 만들 때: {ko_error(error)}" if step == 0 else f"{step}번째 갱신에서: {ko_error(error)}"
            return Outcome("error", T(f"{en}. {where.en}", f"{ko}. {where.ko}"))
        low, high = self._band(case, ref)
        for step, (mine_step, ref_step) in enumerate(zip(mine["steps"], ref["steps"]), 1):
            for key in case["params"]:
                problem = _compare(step, key, mine_step["params"][key], ref_step["params"][key], low[step - 1][key], high[step - 1][key])
                if problem:
                    extra = _defaults_hint(self.spec) if case["check"] == "defaults" else T("", "")
                    if near_miss(mine_step["params"][key], ref_step["params"][key]):
                        note = EPS_NOTE if self.spec.adaptive else FLOAT_NOTE
                        problem = T(f"{problem.en} {note.en}.", f"{problem.ko} {note.ko}.")
                    return Outcome("fail", T(f"{problem.en} {where.en}{extra.en}", f"{problem.ko} {where.ko}{extra.ko}"))
        return PASS

    def _band(self, case: dict, ref: dict) -> tuple[list[dict], list[dict]]:
        """Element-wise range of the accepted formulations, per step and parameter."""
        paths = [[step["params"] for step in ref["steps"]]]
        if self.spec.adaptive:
            kwargs = {**self.spec.defaults, **case["kwargs"]}
            forms = (False, True) if self.exercise == "adam" else (False,)
            for eps in EPSILONS:
                for inside in (False, True):
                    for paper in forms:
                        paths.append(_adaptive_path(self.exercise, kwargs, case, eps, inside, paper))
        if not self.spec.adaptive:
            return paths[0], paths[0]
        # The adaptive optimizers' steps do not depend on the parameters, and each step is monotone in ε,
        # so the learner's parameter after step t lies between W0 plus the sums of the smallest and of the
        # largest step each formulation took at steps 1..t.
        low, high = [], []
        lo = {k: v.astype(np.float64) for k, v in case["params"].items()}
        hi = dict(lo)
        previous = [dict(case["params"]) for _ in paths]
        for s in range(len(paths[0])):
            steps = [{k: p[s][k] - prev[k] for k in lo} for p, prev in zip(paths, previous)]
            lo = {k: lo[k] + np.min([st[k] for st in steps], axis=0) for k in lo}
            hi = {k: hi[k] + np.max([st[k] for st in steps], axis=0) for k in hi}
            low.append(lo)
            high.append(hi)
            previous = [p[s] for p in paths]
        return low, high

    def _in_place(self, cases: list[dict], got: list[dict]) -> Outcome:
        for case, mine in zip(cases, got):
            for step, record in enumerate(mine["steps"], 1):
                if record["rebound"]:
                    key = record["rebound"][0]
                    where = self._describe(case)
                    return Outcome(
                        "fail",
                        T(
                            f"after step {step}, params['{key}'] is a new array, not the one passed in: update it in "
                            f"place (params['{key}'] -= ...), because the network's layers hold the original array. {where.en}",
                            f"{step}번째 갱신 후 params['{key}']가 전달받은 배열이 아닌 새 배열입니다. 신경망의 계층이 원래 배열을 "
                            f"들고 있으므로 제자리에서 바꾸세요(params['{key}'] -= ...). {where.ko}",
                        ),
                    )
        return PASS

    def _grads(self, cases: list[dict], got: list[dict]) -> Outcome:
        for case, mine in zip(cases, got):
            for step, record in enumerate(mine["steps"], 1):
                if record["grads_changed"]:
                    key = record["grads_changed"][0]
                    where = self._describe(case)
                    return Outcome(
                        "fail",
                        T(
                            f"step {step} changed grads['{key}']; update must only read the gradients. {where.en}",
                            f"{step}번째 갱신이 grads['{key}']를 바꿨습니다. update는 기울기를 읽기만 해야 합니다. {where.ko}",
                        ),
                    )
        return PASS

    def _matching_variants(self, cases: list[dict], got: list[dict], expected: list[dict]) -> list:
        small = [i for i, c in enumerate(cases) if c["check"] in HAND_SIZED and c["kwargs"]]
        small_cases = [cases[i] for i in small]
        mine = [got[i] for i in small]
        ref = [expected[i] for i in small]
        found = []
        for variant in known.variants(self.exercise):
            if variant.match != "run":
                continue
            with np.errstate(all="ignore"):  # some variants divide 0 by 0: that is their point
                theirs = probes.optimizer(variant.module, self.spec.cls, small_cases)["cases"]
            if _same_paths(mine, theirs) and not _same_paths(ref, theirs):
                found.append(variant.diagnosis())
        for kw, default in self.spec.defaults.items():
            if self.spec.small[kw] == default or known.by_id(self.exercise, f"hardcoded_{kw}"):
                continue  # not distinguishable, or the exercise has its own file for this mistake
            forced = [{**c, "kwargs": {**c["kwargs"], kw: default}} for c in small_cases]
            theirs = probes.optimizer(reference, self.spec.cls, forced)["cases"]
            if _same_paths(mine, theirs):
                found.append(
                    known.diagnose(
                        self.exercise, f"hardcoded_{kw}", self.concept, cls=self.spec.cls, kw=kw, default=num(default)
                    )
                )
        return found

    def _describe(self, case: dict) -> Text:
        kwargs = ", ".join(f"{k}={num(v)}" for k, v in case["kwargs"].items())
        ctor = f"{self.spec.cls}({kwargs})"
        if case["check"] in HAND_SIZED:
            start = _dict(case["params"])
            steps_en = "; ".join(f"step {i}: {_dict(g)}" for i, g in enumerate(case["grads"], 1))
            steps_ko = "; ".join(f"{i}번째: {_dict(g)}" for i, g in enumerate(case["grads"], 1))
            return T(
                f"Case: {ctor}, params {start}, grads {steps_en}.",
                f"사례: {ctor}, 매개변수 {start}, 기울기 {steps_ko}.",
            )
        shapes = ", ".join(f"{k} {tuple(v.shape)}" for k, v in case["params"].items())
        n = len(case["grads"])
        if case["check"] == "defaults":
            return T(f"Case: {ctor} (the default hyperparameters), params {shapes}, {n} steps.", f"사례: {ctor} (기본 하이퍼파라미터), 매개변수 {shapes}, {n}번 갱신.")
        return T(
            f"Case: {ctor}, params {shapes}, {n} steps, gradients from 1e-3 to 1e2 in size, some exactly 0.",
            f"사례: {ctor}, 매개변수 {shapes}, {n}번 갱신, 기울기 크기 1e-3~1e2, 일부는 정확히 0.",
        )


def _dict(arrays: dict) -> str:
    return ", ".join(f"{k}=[{', '.join(num(x) for x in np.ravel(v))}]" for k, v in arrays.items())


def _defaults_hint(spec: Spec) -> Text:
    values = ", ".join(f"{k}={num(v)}" for k, v in spec.defaults.items())
    return T(f" The book's defaults are {values}.", f" 책의 기본값은 {values}입니다.")


def _compare(step: int, key: str, mine: object, ref: np.ndarray, low: np.ndarray, high: np.ndarray) -> Text | None:
    """Where the learner's parameter first leaves the accepted band, said as expected vs got."""
    if isinstance(mine, str):
        return T(
            f"after step {step}, params['{key}'] is {mine}, not an array.",
            f"{step}번째 갱신 후 params['{key}']가 배열이 아니라 {mine}입니다.",
        )
    problem = first_outside(mine, ref, low, high, f"params['{key}']", REL_TOL, ABS_TOL)
    if problem is None:
        return None
    return T(f"after step {step}, {problem.en}.", f"{step}번째 갱신 후 {problem.ko}.")


def _same_paths(a: list[dict], b: list[dict]) -> bool:
    for x, y in zip(a, b, strict=True):
        if x["error"] or y["error"] or len(x["steps"]) != len(y["steps"]):
            return False
        for sx, sy in zip(x["steps"], y["steps"]):
            for key, vy in sy["params"].items():
                vx = sx["params"].get(key)
                if isinstance(vx, str) or isinstance(vy, str) or vx.shape != vy.shape:
                    return False
                if not np.allclose(vx, vy, rtol=MATCH_RTOL, atol=1e-9, equal_nan=True):
                    return False
    return True


def _adaptive_path(kind: str, kw: dict, case: dict, eps: float, inside: bool, paper: bool) -> list[dict]:
    """One accepted formulation of AdaGrad / RMSprop / Adam, step by step (the band's edges)."""
    params = {k: v.astype(np.float64).copy() for k, v in case["params"].items()}
    first = {k: np.zeros_like(v) for k, v in params.items()}
    second = {k: np.zeros_like(v) for k, v in params.items()}
    path = []
    for t, grads in enumerate(case["grads"], 1):
        for k, p in params.items():
            g = grads[k]
            scale, top = kw["lr"], g
            if kind == "adagrad":
                second[k] = second[k] + g * g
                base = second[k]
            elif kind == "rmsprop":
                second[k] = kw["decay_rate"] * second[k] + (1 - kw["decay_rate"]) * g * g
                base = second[k]
            else:
                b1, b2 = kw["beta1"], kw["beta2"]
                first[k] = b1 * first[k] + (1 - b1) * g
                second[k] = b2 * second[k] + (1 - b2) * g * g
                if paper:
                    top, base = first[k] / (1 - b1**t), second[k] / (1 - b2**t)
                else:
                    top, base = first[k], second[k]
                    scale = kw["lr"] * np.sqrt(1 - b2**t) / (1 - b1**t)
            denominator = np.sqrt(base + eps) if inside else np.sqrt(base) + eps
            params[k] = p - scale * top / denominator
        path.append({k: v.copy() for k, v in params.items()})
    return path


def judge_for(exercise_id: str) -> OptimizerJudge:
    return OptimizerJudge(exercise_id)
