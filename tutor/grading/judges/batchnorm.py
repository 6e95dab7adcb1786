"""Judges of batchnorm_forward and batchnorm_backward: scripted calls on the learner's layer, compared with
the reference layer run on the same script.

Hand-sized cases (one feature, two or three samples) come first so the first failure is one a learner can
redo on paper; then random batches with several features. ε may be anything from 1e-10 to 1e-6 (the
book's code writes 10e-7): the reference is also run with ε = 1e-10 and ε = 1e-6, and a value between
those two (each output is monotone in ε), widened by 1e-6 relative for rounding, is right. The known-wrong
variants (the unbiased variance's √(N/(N−1)) with N ≤ 6, batch statistics at test time, ...) differ by
several percent, and are recognised when the learner's outputs agree with theirs to 1e-4.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

import tutor.reference as reference
from tutor.text import Text
from tutor.grading import probes
from tutor.grading.judges import Judge, Verdict
from tutor.grading import variants as known
from tutor.grading.judges.common import error_text, first_outside, near_miss, quietly, run_variants, same, with_note
from tutor.grading.results import PASS, Outcome, T, num

EPSILONS = (1e-10, 1e-6)  # where textbooks put ε; the reference itself uses 1e-7
REL, ABS = 1e-6, 1e-9  # rounding between equivalent ways of writing the same formula
MATCH_RTOL, MATCH_ATOL = 1e-4, 1e-6  # a learner "is" a variant if they agree this closely
EPS_NOTE = T(
    "The difference is small: that usually comes from ε. The book's code writes 10e-7 (= 1e-6), this course uses "
    "1e-7, and any ε from 1e-10 to 1e-6 is accepted; frameworks' 1e-5 or 1e-3 is too large here",
    "차이가 작습니다. 보통 ε 때문입니다. 책의 코드는 10e-7(= 1e-6)이라고 쓰고 이 강의는 1e-7을 쓰며, 1e-10부터 1e-6까지의 ε은 "
    "모두 맞게 채점합니다. 프레임워크의 1e-5나 1e-3은 여기서는 너무 큽니다",
)


def _a(rows) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def _arr(x: np.ndarray) -> str:
    return np.array2string(x, precision=4, separator=", ").replace("\n", "")


class BatchNormJudge(Judge):
    probe = "tutor.grading.probes:layer"

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.concept = "0109"
        self.backward = exercise == "batchnorm_backward"
        self.checks = ("dx", "dgamma", "dbeta") if self.backward else ("train_forward", "eps", "test_forward", "running_stats", "defaults")

    # -- inputs ---------------------------------------------------------------------------------------

    def build(self, rng) -> dict:
        cases = self._backward_cases(rng) if self.backward else self._forward_cases(rng)
        return {"cls": "BatchNormalization", "cases": cases}

    def _forward_cases(self, rng) -> list[dict]:
        def batch(n, d):
            return rng.standard_normal((n, d)) * rng.uniform(0.5, 3.0, d) + rng.uniform(-2, 2, d)

        d = 4
        m = float(round(rng.uniform(0.5, 0.85), 3))
        params = {"gamma": rng.uniform(0.5, 2.0, d), "beta": rng.uniform(-1, 1, d)}
        fwd = lambda x, train=True: {"forward": x, "train": train}  # noqa: E731
        return [
            {"check": "train_forward", "kwargs": {"gamma": _a([2.0]), "beta": _a([0.5]), "momentum": 0.8}, "steps": [fwd(_a([[1.0], [3.0]]), None)]},
            {"check": "train_forward", "kwargs": {**params, "momentum": m}, "steps": [fwd(batch(6, d))]},
            {"check": "eps", "kwargs": {"gamma": _a([1.0, 1.0]), "beta": _a([0.0, 0.0])}, "steps": [fwd(_a([[2.0, 1.0], [2.0, 3.0]]))]},
            {
                "check": "test_forward",
                "kwargs": {"gamma": _a([2.0]), "beta": _a([0.5]), "running_mean": _a([1.0]), "running_var": _a([4.0])},
                "steps": [fwd(_a([[3.0], [5.0]]), False)],
            },
            {
                "check": "running_stats",
                "kwargs": {"gamma": _a([1.0]), "beta": _a([0.0]), "momentum": 0.8},
                "steps": [fwd(_a([[1.0], [3.0]])), fwd(_a([[2.0], [6.0]])), fwd(_a([[1.0], [2.0]]), False)],
            },
            {"check": "running_stats", "kwargs": {**params, "momentum": m}, "steps": [fwd(batch(5, d)) for _ in range(3)] + [fwd(batch(4, d), False)]},
            {"check": "defaults", "kwargs": dict(params), "steps": [fwd(batch(5, d)) for _ in range(2)] + [fwd(batch(4, d), False)]},
        ]

    def _backward_cases(self, rng) -> list[dict]:
        d = 3
        x = rng.standard_normal((5, d)) * rng.uniform(0.5, 3.0, d)
        script = lambda x, dout: [{"forward": x, "train": True}, {"backward": dout}, {"attr": "dgamma"}, {"attr": "dbeta"}]  # noqa: E731
        return [
            {"check": "hand", "kwargs": {"gamma": _a([2.0]), "beta": _a([0.0])}, "steps": script(_a([[0.0], [0.0], [3.0]]), _a([[1.0], [0.0], [0.0]]))},
            {"check": "random", "kwargs": {"gamma": rng.uniform(0.5, 2.0, d), "beta": rng.uniform(-1, 1, d)}, "steps": script(x, rng.standard_normal((5, d)))},
        ]

    # -- verdict --------------------------------------------------------------------------------------

    def judge(self, args: dict, outputs: dict) -> Verdict:
        cases = args["cases"]
        mine = outputs["cases"]
        ref = probes.layer(reference, "BatchNormalization", cases)["cases"]
        edges = [quietly(lambda: probes.layer(_with_eps(eps), "BatchNormalization", cases)["cases"]) for eps in EPSILONS]
        if self.backward:
            outcomes = {check: self._backward_check(check, cases, mine, ref, edges) for check in self.checks}
        else:
            outcomes = {check: self._forward_check(check, cases, mine, ref, edges) for check in self.checks}
        diagnosis = []
        if any(o.status == "fail" for o in outcomes.values()):
            diagnosis = run_variants(
                self.exercise,
                lambda module: probes.layer(module, "BatchNormalization", cases)["cases"],
                mine,
                ref,
                _same_cases,
            )
            if not self.backward and _normalised_per_sample(cases, mine):
                diagnosis.append(known.by_id(self.exercise, "wrong_axis").diagnosis())
        summary = next((outcomes[c].message for c in self.checks if outcomes[c].status != "pass"), None)
        return Verdict(outcomes, diagnosis, summary)

    def _forward_check(self, check: str, cases: list, mine: list, ref: list, edges: list) -> Outcome:
        for n, (case, got, want) in enumerate(zip(cases, mine, ref)):
            if case["check"] != check:
                continue
            where = self._describe(case)
            if got["error"]:
                return Outcome("error", _with(error_text(got["error"], _call_name(case, got["step"]), _call_name(case, got["step"])), where))
            for i, (g, w) in enumerate(zip(got["outputs"], want["outputs"]), 1):
                low, high = _band(w, [edge[n]["outputs"][i - 1] for edge in edges])
                diff = first_outside(g, w, low, high, f"{_call_name(case, i)} → out", REL, ABS)
                if diff:
                    return Outcome("fail", _with(with_note(diff, EPS_NOTE) if near_miss(g, w) else diff, where))
        return PASS

    def _backward_check(self, check: str, cases: list, mine: list, ref: list, edges: list) -> Outcome:
        index = {"dx": 1, "dgamma": 2, "dbeta": 3}[check]
        label = {"dx": "backward(dout) (dx)", "dgamma": "self.dgamma", "dbeta": "self.dbeta"}[check]
        for n, (case, got, want) in enumerate(zip(cases, mine, ref)):
            where = self._describe(case)
            if got["error"] and got["step"] <= index + 1:
                return Outcome("error", _with(error_text(got["error"], _call_name(case, got["step"]), _call_name(case, got["step"])), where))
            w = want["outputs"][index]
            low, high = _band(w, [edge[n]["outputs"][index] for edge in edges])
            scale = float(np.max(np.abs(w))) if np.size(w) else 1.0
            diff = first_outside(got["outputs"][index], w, low, high, label, REL, 1e-9 * scale)
            if diff:
                return Outcome("fail", _with(with_note(diff, EPS_NOTE) if near_miss(got["outputs"][index], w) else diff, where))
        return PASS

    def _describe(self, case: dict) -> Text:
        kwargs = case["kwargs"]
        hand = all(np.size(v) <= 2 for v in kwargs.values())
        if hand:
            ctor = ", ".join(f"{k}={_arr(v) if isinstance(v, np.ndarray) else num(v)}" for k, v in kwargs.items())
            calls = "; ".join(_step_text(s) for s in case["steps"])
            return T(f"Case: BatchNormalization({ctor}); {calls}.", f"사례: BatchNormalization({ctor}); {calls}.")
        extra = ", ".join(f"{k}={num(v)}" for k, v in kwargs.items() if not isinstance(v, np.ndarray))
        shapes = ", ".join(str(s["forward"].shape) for s in case["steps"] if "forward" in s)
        ctor = f"BatchNormalization(gamma, beta{', ' + extra if extra else ''})"
        return T(f"Case: {ctor} with random batches of shapes {shapes}.", f"사례: {ctor}, 무작위 배치 형상 {shapes}.")


def _step_text(step: dict) -> str:
    if "forward" in step:
        flag = "" if step.get("train") is None else f", train_flag={step['train']}"
        return f"forward({_arr(step['forward'])}{flag})"
    if "backward" in step:
        return f"backward({_arr(step['backward'])})"
    return step["attr"]


def _call_name(case: dict, number: int) -> str:
    if number == 0:
        return "BatchNormalization(...)"
    step = case["steps"][number - 1]
    if "forward" in step:
        mode = "train" if step.get("train") in (True, None) else "test"
        return f"forward #{number} ({mode})"
    return "backward" if "backward" in step else step["attr"]


def _with(message: Text, where: Text) -> Text:
    return T(f"{message.en}. {where.en}", f"{message.ko}. {where.ko}")


def _same_cases(a: list, b: list) -> bool:
    return all(
        not x["error"] and not y["error"] and same(x["outputs"], y["outputs"], MATCH_RTOL, MATCH_ATOL) for x, y in zip(a, b, strict=True)
    )


def _normalised_per_sample(cases: list, mine: list) -> bool:
    """True if the learner's first training forward on a random batch normalised each SAMPLE (a row, axis 1)
    instead of each feature over the batch (axis 0), with any accepted ε."""
    case, got = next((c, g) for c, g in zip(cases, mine) if c["check"] == "train_forward" and c["steps"][0]["forward"].shape[1] > 1)
    if got["error"] or not got["outputs"] or not isinstance(got["outputs"][0], np.ndarray):
        return False
    x, gamma, beta = case["steps"][0]["forward"], case["kwargs"]["gamma"], case["kwargs"]["beta"]
    xc = x - x.mean(axis=1, keepdims=True)
    var = (xc**2).mean(axis=1, keepdims=True)
    return any(
        got["outputs"][0].shape == x.shape and np.allclose(got["outputs"][0], gamma * xc / np.sqrt(var + eps) + beta, rtol=MATCH_RTOL, atol=MATCH_ATOL)
        for eps in (*EPSILONS, 1e-7)
    )


def _band(want: np.ndarray, edges: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Element-wise lowest and highest of the reference's outputs over the accepted ε."""
    stack = np.stack([want, *edges])
    return stack.min(axis=0), stack.max(axis=0)


def _with_eps(eps: float) -> SimpleNamespace:
    """The reference layer with another ε, dressed as a learner module for the probe."""
    return SimpleNamespace(BatchNormalization=type("BatchNormalization", (reference.BatchNormalization,), {"eps": eps}))


def judge_for(exercise_id: str) -> BatchNormJudge:
    return BatchNormJudge(exercise_id)
