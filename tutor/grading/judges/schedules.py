"""Judge of lr_decay: the four learning-rate schedules, checked value by value against the reference.

Steps are chosen around the places where schedules go wrong: step 0, the steps just before and at a drop
of step_decay (off-by-one), past the end of cosine_decay (it must stay at lr_min), and the default
arguments (factor=0.5, lr_min=0).
"""

from __future__ import annotations

import tutor.reference as reference
from tutor.grading import probes
from tutor.grading.judges import Judge, Verdict
from tutor.grading.judges.common import error_text, first_difference, run_variants, same
from tutor.grading.results import PASS, Outcome, T

CHECKS = ("step_decay", "exponential_decay", "inverse_time_decay", "cosine_decay")
RTOL, ATOL = 1e-9, 1e-15


def _call(fn: str, *args: float) -> dict:
    return {"fn": fn, "args": list(args), "kwargs": {}}


def _show(call: dict) -> str:
    return f"{call['fn']}({', '.join(f'{a:g}' for a in call['args'])})"


class ScheduleJudge(Judge):
    exercise = "lr_decay"
    concept = "0099"
    checks = CHECKS
    probe = "tutor.grading.probes:calls"

    def build(self, rng) -> dict:
        drop = int(rng.integers(3, 7))
        factor = float(round(rng.uniform(0.2, 0.8), 3))
        k = float(round(rng.uniform(0.01, 0.2), 4))
        calls = [_call("step_decay", 0.1, s, 10, 0.5) for s in (0, 9, 10, 19, 20, 35)]
        calls += [_call("step_decay", 1.0, 25, 10)]  # the default factor
        calls += [_call("step_decay", 0.05, s, drop, factor) for s in (0, drop - 1, drop, 3 * drop + 1)]
        calls += [_call("exponential_decay", 0.1, s, 0.05) for s in (0, 1, 10, 50)]
        calls += [_call("exponential_decay", 0.3, s, k) for s in (3, 17)]
        calls += [_call("inverse_time_decay", 0.1, s, 0.5) for s in (0, 1, 10)]
        calls += [_call("inverse_time_decay", 0.3, s, k) for s in (3, 17)]
        calls += [_call("cosine_decay", 0.1, s, 100, 0.001) for s in (0, 25, 50, 100, 150)]
        calls += [_call("cosine_decay", 1.0, 50, 100), _call("cosine_decay", 1.0, 130, 100)]  # the default lr_min
        return {"calls": calls}

    def judge(self, args: dict, outputs: dict) -> Verdict:
        calls = args["calls"]
        mine = outputs["calls"]
        ref = probes.calls(reference, calls)["calls"]
        outcomes = {}
        for check in CHECKS:
            outcomes[check] = PASS
            for call, got, want in zip(calls, mine, ref, strict=True):
                if call["fn"] != check:
                    continue
                if got["error"]:
                    outcomes[check] = Outcome("error", error_text(got["error"], _show(call), _show(call)))
                    break
                diff = first_difference(got["value"], want["value"], RTOL, ATOL, _show(call))
                if diff:
                    outcomes[check] = Outcome("fail", diff)
                    break
        diagnosis = []
        if any(o.status == "fail" for o in outcomes.values()):
            values = [c["value"] for c in mine]
            diagnosis = run_variants(
                self.exercise,
                lambda module: [c["value"] for c in probes.calls(module, calls)["calls"]],
                values,
                [c["value"] for c in ref],
                lambda a, b: same(a, b, RTOL, ATOL),
            )
        summary = next((o.message for o in outcomes.values() if o.status != "pass"), None)
        return Verdict(outcomes, diagnosis, summary)


def judge_for(exercise_id: str) -> ScheduleJudge:
    return ScheduleJudge()
