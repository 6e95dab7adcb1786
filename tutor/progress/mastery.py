"""Mastery per concept: a number in 0..1 from the learner's quiz and exercise outcomes.

The formula. Every attempt that says something about a concept is a piece of evidence: a score
x in 0..1 (1 = the learner showed they know it) and a weight w (how much it says):

    quiz answer, right / wrong                    x = 1 / 0                 w = 1.0
    exercise check, pass                          x = 1                     w = 1.0
    exercise check, fail or error                 x = passed/total checks   w = 0.4
                                                  (0 when not reported)
    hint shown                                    x = 0                     w = 0.2
    solution viewed                               x = 0                     w = 0.5

A failed concept question (w 1.0) says more than one failed run of a long exercise (w 0.4, and partial
credit for the checks that passed). Repeated identical outcomes on one item within a session (watch
mode re-checking a failing file on every save) count once: see `tutor.progress.model`.

Recent evidence weighs more: before each new piece, all earlier evidence is multiplied by
DECAY ** w (decay by attempt index, scaled by the new evidence's weight so that a hint ages the
past less than a full answer does). With S = sum of decayed w·x, W = sum of decayed w, and a prior
P that starts at 1 and decays the same way,

    mastery = S / (W + P)

The prior is one imaginary wrong answer that fades as real evidence accumulates: a single right answer
gives 0.57, steady right answers climb towards 1 (0.76 after two, 0.93 after five, 0.98 after ten),
steady wrong answers give 0. No evidence at all gives 0.
"""

from __future__ import annotations

DECAY = 0.75

WEIGHTS = {
    "quiz": 1.0,
    "pass": 1.0,
    "fail": 0.4,
    "hint": 0.2,
    "solution": 0.5,
}


def new_aggregate() -> dict:
    """Per-concept running sums (stored in the `concepts` table)."""
    return {"s": 0.0, "w": 0.0, "p": 1.0}


def add_evidence(aggregate: dict, score: float, weight: float) -> None:
    decay = DECAY**weight
    aggregate["s"] = aggregate["s"] * decay + weight * score
    aggregate["w"] = aggregate["w"] * decay + weight
    aggregate["p"] = aggregate["p"] * decay


def mastery(aggregate: dict) -> float:
    if aggregate["w"] <= 0:
        return 0.0
    return min(1.0, max(0.0, aggregate["s"] / (aggregate["w"] + aggregate["p"])))


def failed_check_score(detail: dict) -> float:
    """Partial credit for a failed run: the share of checks that passed, when the grader says so."""
    passed, total = detail.get("passed"), detail.get("total")
    if isinstance(passed, int) and isinstance(total, int) and total > 0 and 0 <= passed <= total:
        return passed / total
    return 0.0
