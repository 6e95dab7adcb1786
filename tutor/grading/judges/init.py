"""Judges of xavier_init and he_init: graded by the distribution of the weights, not their values.

Two large draws (400×250 and 100×1000, 10⁵ weights each, so fan-in ≠ fan-out in both directions) are
tested for mean, standard deviation and normality, and two small draws of the same shape must differ
(fresh random numbers, no re-seeding). The bounds and their false-fail rates, for N = 10⁵ draws of a
correct N(0, σ²) initialiser:
- mean: the sample mean is exactly N(0, σ²/N); we allow 5.5 standard errors, P(fail) = 3.8e-8;
- standard deviation: s/σ is approximately N(1, 1/(2N)), standard error 0.00224; we allow ±2 %, i.e.
  8.9 standard errors, P(fail) < 1e-18;
- normality: the sample excess kurtosis has standard error √(24/N) = 0.0155; we allow ±0.3 (19 standard
  errors; a uniform distribution has −1.2);
- two 3×4 draws from a continuous distribution are equal with probability 0.
Six tests per check, so the false-fail rate of a correct solution is below 3e-7.
The known-wrong variants (1/n instead of 1/√n, fan-out instead of fan-in, the other initialiser's
formula, the typo 1/(2√n) that circulates in study notes, a uniform distribution) are recognised by running them on the same
shapes in this process and comparing the ratio got/expected standard deviation (within 3 %) and kurtosis.
"""

from __future__ import annotations

import numpy as np

import tutor.reference as reference
from tutor.grading import probes
from tutor.grading import variants as known
from tutor.grading.judges import Judge, Verdict
from tutor.grading.judges.common import error_text, kind, quietly
from tutor.grading.results import PASS, Outcome, T, num

CHECKS = ("shape", "mean", "std", "normal", "fresh")
BIG = ((400, 250), (100, 1000))
SMALL = (3, 4)
Z_MEAN = 5.5
STD_TOL = 0.02
KURT_TOL = 0.3


class InitJudge(Judge):
    checks = CHECKS
    probe = "tutor.grading.probes:calls"

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.fn = exercise
        self.concept = "0107" if exercise == "xavier_init" else "0108"
        self.std = reference.xavier_std if exercise == "xavier_init" else reference.he_std
        self.formula = "1/√n_in" if exercise == "xavier_init" else "√(2/n_in)"

    def build(self, rng) -> dict:
        shapes = [*BIG, SMALL, SMALL]
        return {"calls": [{"fn": self.fn, "args": list(s), "kwargs": {}} for s in shapes]}

    def judge(self, args: dict, outputs: dict) -> Verdict:
        calls = outputs["calls"]
        shapes = [tuple(c["args"]) for c in args["calls"]]
        for call, shape in zip(calls, shapes, strict=True):
            if call["error"]:
                where = f"{self.fn}({shape[0]}, {shape[1]})"
                failure = Outcome("error", error_text(call["error"], where, where))
                return Verdict({c: failure for c in CHECKS}, [], failure.message)
        values = [c["value"] for c in calls]
        outcomes = {"shape": self._shapes(values, shapes)}
        if outcomes["shape"].status != "pass":
            not_run = Outcome("fail", T("not checked: the shape is wrong", "확인하지 못함: 형상이 틀렸습니다"))
            return Verdict({"shape": outcomes["shape"], **{c: not_run for c in CHECKS[1:]}}, [], outcomes["shape"].message)
        stats = [self._stats(values[i], shapes[i]) for i in range(len(BIG))]
        outcomes["mean"] = self._mean(stats, shapes)
        outcomes["std"] = self._std(stats, shapes)
        outcomes["normal"] = self._normal(stats)
        outcomes["fresh"] = (
            PASS
            if not np.array_equal(values[2], values[3])
            else Outcome(
                "fail",
                T(
                    f"two calls of {self.fn}(3, 4) returned the same weights: draw fresh random numbers on every call "
                    "(do not call np.random.seed inside the function)",
                    f"{self.fn}(3, 4)를 두 번 불렀는데 같은 가중치가 나왔습니다. 호출할 때마다 새 난수를 뽑으세요"
                    "(함수 안에서 np.random.seed를 부르지 마세요)",
                ),
            )
        )
        diagnosis = []
        if any(o.status != "pass" for o in outcomes.values()):
            diagnosis = self._variants(stats, args)
        summary = next((o.message for o in outcomes.values() if o.status != "pass"), None)
        return Verdict(outcomes, diagnosis, summary)

    def _stats(self, w: np.ndarray, shape: tuple[int, int]) -> dict:
        sigma = float(self.std(shape[0]))
        mean = float(w.mean())
        sd = float(w.std())
        kurt = float(((w - mean) ** 4).mean() / sd**4 - 3) if sd > 0 else float("nan")
        return {"sigma": sigma, "mean": mean, "sd": sd, "ratio": sd / sigma, "kurt": kurt, "n": w.size}

    def _shapes(self, values: list, shapes: list) -> Outcome:
        for value, shape in zip(values, shapes):
            if not isinstance(value, np.ndarray) or value.shape != shape:
                return Outcome(
                    "fail",
                    T(
                        f"{self.fn}({shape[0]}, {shape[1]}) must return an array of shape {shape}, got {kind(value)}",
                        f"{self.fn}({shape[0]}, {shape[1]})는 형상이 {shape}인 배열을 돌려줘야 하는데 {kind(value, 'ko')}입니다",
                    ),
                )
        return PASS

    def _mean(self, stats: list, shapes: list) -> Outcome:
        for s, shape in zip(stats, shapes):
            if not abs(s["mean"]) <= Z_MEAN * s["sigma"] / np.sqrt(s["n"]):
                return Outcome(
                    "fail",
                    T(
                        f"the mean of {self.fn}{shape} is {num(s['mean'])}; weights must be centred on 0",
                        f"{self.fn}{shape}의 평균이 {num(s['mean'])}입니다. 가중치는 0을 중심으로 퍼져야 합니다",
                    ),
                )
        return PASS

    def _std(self, stats: list, shapes: list) -> Outcome:
        for s, shape in zip(stats, shapes):
            if not abs(s["ratio"] - 1) <= STD_TOL:
                return Outcome(
                    "fail",
                    T(
                        f"the standard deviation of {self.fn}{shape} is {num(s['sd'])}, expected {self.formula} = "
                        f"{num(s['sigma'])} with n_in = {shape[0]} (the number of inputs)",
                        f"{self.fn}{shape}의 표준편차가 {num(s['sd'])}입니다. n_in = {shape[0]}(입력 수)일 때 "
                        f"{self.formula} = {num(s['sigma'])}이어야 합니다",
                    ),
                )
        return PASS

    def _normal(self, stats: list) -> Outcome:
        for s in stats:
            if not abs(s["kurt"]) <= KURT_TOL:
                return Outcome(
                    "fail",
                    T(
                        f"the weights are not normally distributed (excess kurtosis {num(s['kurt'])}, a normal "
                        "distribution has 0): draw with np.random.randn",
                        f"가중치가 정규분포를 따르지 않습니다(초과 첨도 {num(s['kurt'])}, 정규분포는 0). "
                        "np.random.randn으로 뽑으세요",
                    ),
                )
        return PASS

    def _variants(self, stats: list, args: dict) -> list:
        found = []
        big_calls = args["calls"][: len(BIG)]
        for variant in known.variants(self.exercise):
            theirs = quietly(lambda: probes.calls(variant.module, big_calls)["calls"])
            their_stats = [self._stats(c["value"], tuple(call["args"])) for c, call in zip(theirs, big_calls)]
            if all(
                abs(m["ratio"] - t["ratio"]) <= 0.03 * t["ratio"] and abs(m["kurt"] - t["kurt"]) <= KURT_TOL
                for m, t in zip(stats, their_stats)
            ):
                found.append(variant.diagnosis())
        return found


def judge_for(exercise_id: str) -> InitJudge:
    return InitJudge(exercise_id)
