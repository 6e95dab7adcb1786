"""Judges of weight_decay (values against the reference) and dropout (statistical properties).

Dropout's masks are random, so the judge checks properties on a 200×500 input (N = 10⁵ units, none zero)
with a random dropout_ratio p in [0.2, 0.4] (0.5 would hide "keeps with probability p" mistakes):
- fraction dropped: the number of zeros is Binomial(N, p); we allow 5.5 standard deviations
  (√(N·p·(1−p)) ≤ 155 units), P(false fail) ≈ 3.8e-8 per test by the normal approximation, which is
  accurate at this N; three such tests (two forwards and the default ratio 0.5) stay below 1.2e-7;
- kept units are all scaled by one constant c (1 for the book's dropout, 1/(1−p) for inverted dropout);
- a fresh mask on every forward: two independent masks disagree on 2p(1−p) ≥ 0.32 of the units; we
  require more than half that, which a reused mask (0) fails and a fresh one misses with probability
  below 1e-100 (Hoeffding);
- backward is the derivative of the forward that ran last: dx = dout · (y / x) element by element;
- test-time output equals the training-time expectation: forward(x, False) = c·(1 − p)·x.
"""

from __future__ import annotations

import numpy as np

import tutor.reference as reference
from tutor.grading import probes
from tutor.grading import variants as known
from tutor.grading.judges import Judge, Verdict
from tutor.grading.judges.common import error_text, first_difference, run_variants, same
from tutor.grading.results import PASS, Outcome, T, num

Z = 5.5


def _a(rows) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


class WeightDecayJudge(Judge):
    exercise = "weight_decay"
    concept = "0111"
    checks = ("loss", "grads", "inputs_untouched")
    probe = "tutor.grading.probes:calls"

    def build(self, rng) -> dict:
        shapes = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}
        params = {k: rng.standard_normal(s) for k, s in shapes.items()}
        grads = {k: rng.standard_normal(s) for k, s in shapes.items()}
        lam = float(round(rng.uniform(0.01, 0.5), 4))
        hand_p = {"W": _a([[1.0, 2.0]]), "b": _a([3.0])}
        hand_g = {"W": _a([[0.5, 0.5]]), "b": _a([1.0])}
        return {
            "calls": [
                {"fn": "weight_decay_loss", "args": [hand_p, 0.1]},
                {"fn": "weight_decay_loss", "args": [params, lam]},
                {"fn": "weight_decay_grads", "args": [hand_p, hand_g, 0.1]},
                {"fn": "weight_decay_grads", "args": [params, grads, lam]},
            ]
        }

    def judge(self, args: dict, outputs: dict) -> Verdict:
        calls = args["calls"]
        mine = outputs["calls"]
        ref = probes.calls(reference, calls)["calls"]
        outcomes = {
            "loss": self._values(calls[:2], mine[:2], ref[:2]),
            "grads": self._values(calls[2:], mine[2:], ref[2:]),
            "inputs_untouched": self._untouched(calls, mine),
        }
        diagnosis = []
        if outcomes["loss"].status == "fail" or outcomes["grads"].status == "fail":
            diagnosis += run_variants(
                self.exercise,
                lambda module: [c["value"] for c in probes.calls(module, calls)["calls"]],
                [c["value"] for c in mine],
                [c["value"] for c in ref],
                lambda a, b: same(a, b, 1e-9, 1e-12),
            )
        if outcomes["inputs_untouched"].status == "fail":
            diagnosis.append(known.by_id(self.exercise, "mutates_grads").diagnosis())
        summary = next((o.message for o in outcomes.values() if o.status != "pass"), None)
        return Verdict(outcomes, diagnosis, summary)

    def _values(self, calls: list, mine: list, ref: list) -> Outcome:
        for call, got, want in zip(calls, mine, ref, strict=True):
            where = _call_text(call)
            if got["error"]:
                return Outcome("error", error_text(got["error"], where, where))
            diff = first_difference(got["value"], want["value"], 1e-9, 1e-12, call["fn"])
            if diff:
                return Outcome("fail", T(f"{diff.en}. Case: {where}", f"{diff.ko}. 사례: {where}"))
        return PASS

    def _untouched(self, calls: list, mine: list) -> Outcome:
        if any(got["error"] for got in mine):
            return Outcome("error", T("not checked: a call raised an error", "확인하지 못함: 호출에서 오류가 났습니다"))
        for call, got in zip(calls, mine):
            if got["changed_inputs"] or 1 in got["returned_input"]:
                return Outcome(
                    "fail",
                    T(
                        f"{call['fn']} changed (or returned) the dicts it was given; build and return a new dict. Case: {_call_text(call)}",
                        f"{call['fn']}이(가) 전달받은 딕셔너리를 바꾸거나 그대로 돌려줬습니다. 새 딕셔너리를 만들어 돌려주세요. 사례: {_call_text(call)}",
                    ),
                )
        return PASS


def _call_text(call: dict) -> str:
    def show(v):
        if isinstance(v, dict):
            if all(a.size <= 2 for a in v.values()):
                return "{" + ", ".join(f"'{k}': {np.array2string(a, separator=', ')}" for k, a in v.items()) + "}"
            return "{" + ", ".join(f"'{k}': {a.shape}" for k, a in v.items()) + "}"
        return num(v)

    return f"{call['fn']}({', '.join(show(a) for a in call['args'])})"


class DropoutJudge(Judge):
    exercise = "dropout"
    concept = "0112"
    checks = ("fraction", "fresh_mask", "backward", "test_time", "defaults")
    probe = "tutor.grading.probes:layer"

    def build(self, rng) -> dict:
        shape = (200, 500)
        x = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 2.0, size=shape)
        p = float(round(rng.uniform(0.2, 0.4), 3))
        douts = [rng.standard_normal(shape) for _ in range(2)]
        steps = [
            {"forward": x, "train": True},
            {"backward": douts[0]},
            {"forward": x, "train": True},
            {"backward": douts[1]},
            {"forward": x, "train": False},
        ]
        return {
            "cls": "Dropout",
            "cases": [
                {"kwargs": {"dropout_ratio": p}, "steps": steps},
                {"kwargs": {}, "steps": [{"forward": x, "train": None}]},
            ],
        }

    def judge(self, args: dict, outputs: dict) -> Verdict:
        main, default = args["cases"]
        p = main["kwargs"]["dropout_ratio"]
        x = main["steps"][0]["forward"]
        douts = [main["steps"][1]["backward"], main["steps"][3]["backward"]]
        got, got_default = outputs["cases"]
        names = ("forward #1 (train)", "backward #1", "forward #2 (train)", "backward #2", "forward #3 (test)")
        if got["error"]:
            failure = Outcome("error", error_text(got["error"], _dropout_call(got["step"], p, names), _dropout_call(got["step"], p, names)))
            return Verdict({c: failure for c in self.checks}, [], failure.message)
        y1, g1, y2, g2, yt = got["outputs"]
        problem = next(
            (
                T(f"{n} should return an array shaped like x {x.shape}", f"{n}은(는) x {x.shape}와 형상이 같은 배열을 돌려줘야 합니다")
                for v, n in zip((y1, g1, y2, g2, yt), names)
                if not isinstance(v, np.ndarray) or v.shape != x.shape
            ),
            None,
        )
        if problem:  # shapes or types wrong: nothing below can be measured
            failure = Outcome("fail", problem)
            return Verdict({c: failure for c in self.checks}, [], problem)
        n = x.size
        kept1, kept2 = y1 != 0, y2 != 0
        found: list[str] = []
        outcomes = {"fraction": self._fraction(kept1, p, n, "forward(x, train_flag=True)", found), "fresh_mask": PASS}
        if outcomes["fraction"].status == "pass":
            outcomes["fraction"] = self._fraction(kept2, p, n, "the second forward(x, train_flag=True)", found)
        scale = y1[kept1] / x[kept1]
        c = float(np.median(scale)) if scale.size else 0.0
        if scale.size and not np.allclose(scale, c, rtol=1e-9, atol=0):
            outcomes["fraction"] = Outcome(
                "fail",
                T(
                    "the units kept by training forward are not all scaled by the same factor (the book keeps them as they "
                    "are, inverted dropout divides them by 1 − p)",
                    "학습 순전파에서 남긴 뉴런들이 같은 배율로 바뀌지 않았습니다(책은 그대로 두고, 역 드롭아웃은 1 − p로 나눕니다)",
                ),
            )
        disagree = float(np.mean(kept1 != kept2))
        if disagree <= p * (1 - p):
            found.append("mask_reused")
            outcomes["fresh_mask"] = Outcome(
                "fail",
                T(
                    f"two training forwards dropped {'the same' if disagree == 0 else 'almost the same'} units: draw a new "
                    "mask on every forward(x, train_flag=True)",
                    f"학습 순전파 두 번이 {'같은' if disagree == 0 else '거의 같은'} 뉴런을 삭제했습니다. "
                    "forward(x, train_flag=True)를 부를 때마다 새 마스크를 뽑으세요",
                ),
            )
        outcomes["backward"] = self._backward(x, (y1, y2), (g1, g2), douts, found)
        outcomes["test_time"] = self._test_time(x, yt, c, p, found)
        outcomes["defaults"] = self._defaults(got_default, x)
        diagnosis = [known.by_id(self.exercise, v).diagnosis() for v in dict.fromkeys(found)]
        summary = next((outcomes[k].message for k in self.checks if outcomes[k].status != "pass"), None)
        return Verdict(outcomes, diagnosis, summary)

    def _fraction(self, kept: np.ndarray, p: float, n: int, what: str, found: list) -> Outcome:
        dropped = 1 - float(kept.mean())
        bound = Z * np.sqrt(p * (1 - p) / n)
        if abs(dropped - p) <= bound:
            return PASS
        if abs(dropped - (1 - p)) <= bound:
            found.append("keeps_with_ratio")
        return Outcome(
            "fail",
            T(
                f"{what} with dropout_ratio={num(p)} dropped {dropped:.2%} of {n} units; about {p:.0%} should be dropped "
                f"(within ±{bound:.2%})",
                f"dropout_ratio={num(p)}인 {what}이(가) 뉴런 {n}개 중 {dropped:.2%}를 삭제했습니다. 약 {p:.0%}(±{bound:.2%})가 삭제되어야 합니다",
            ),
        )

    def _backward(self, x, ys, gs, douts, found) -> Outcome:
        for i, (y, g, dout) in enumerate(zip(ys, gs, douts), 1):
            want = dout * (y / x)
            diff = first_difference(g, want, 1e-9, 1e-12, f"backward #{i}")
            if diff is None:
                continue
            if np.allclose(g, dout):
                found.append("backward_ignores_mask")
            elif i == 2 and np.allclose(g, dout * (ys[0] / x)):
                found.append("mask_reused")
            return Outcome(
                "fail",
                T(
                    f"{diff.en}: backward must pass dout only through the units the last forward kept, scaled as that forward scaled them",
                    f"{diff.ko}: backward는 마지막 순전파가 남긴 뉴런으로만, 그 순전파와 같은 배율로 dout을 흘려보내야 합니다",
                ),
            )
        return PASS

    def _test_time(self, x, yt, c, p, found) -> Outcome:
        want = c * (1 - p) * x
        if np.allclose(yt, want, rtol=1e-7, atol=1e-12):
            return PASS
        if np.allclose(yt, x) and np.isclose(c, 1):
            found.append("no_test_scaling")
        elif np.allclose(yt, (1 - p) * x) and np.isclose(c, 1 / (1 - p)):
            found.append("double_scaling")
        k = np.unravel_index(int(np.argmax(~np.isclose(yt, want, rtol=1e-7, atol=1e-12))), x.shape)
        return Outcome(
            "fail",
            T(
                f"forward(x, train_flag=False)[{k[0]}, {k[1]}]: expected {num(want[k])}, got {num(yt[k])} — at test time "
                f"every unit passes, scaled so the output equals the average training output ({num(c * (1 - p))}·x here)",
                f"forward(x, train_flag=False)[{k[0]}, {k[1]}]: 기대값 {num(want[k])}, 실제값 {num(yt[k])} — 시험 때는 "
                f"모든 뉴런을 통과시키되, 출력이 학습 때 출력의 평균과 같도록 배율을 맞춥니다(여기서는 {num(c * (1 - p))}·x)",
            ),
        )

    def _defaults(self, got: dict, x: np.ndarray) -> Outcome:
        if got["error"]:
            return Outcome("error", error_text(got["error"], "Dropout().forward(x)", "Dropout().forward(x)"))
        y = got["outputs"][0]
        if not isinstance(y, np.ndarray) or y.shape != x.shape:
            return Outcome("fail", T("Dropout().forward(x) must return an array shaped like x", "Dropout().forward(x)는 x와 형상이 같은 배열을 돌려줘야 합니다"))
        dropped = float(np.mean(y == 0))
        bound = Z * np.sqrt(0.25 / x.size)
        if abs(dropped - 0.5) <= bound:
            return PASS
        return Outcome(
            "fail",
            T(
                f"Dropout().forward(x) dropped {dropped:.2%} of the units; the defaults (dropout_ratio=0.5, train_flag=True) "
                "should drop about half",
                f"Dropout().forward(x)가 뉴런의 {dropped:.2%}를 삭제했습니다. 기본값(dropout_ratio=0.5, train_flag=True)이면 약 절반을 삭제해야 합니다",
            ),
        )


def _dropout_call(step: int, p: float, names: tuple) -> str:
    return f"Dropout(dropout_ratio={num(p)})" if step == 0 else names[step - 1]


def judge_for(exercise_id: str) -> Judge:
    return WeightDecayJudge() if exercise_id == "weight_decay" else DropoutJudge()
