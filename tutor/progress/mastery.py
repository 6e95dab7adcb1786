"""Mastery per concept: a number in 0..1 a learner can work out by hand.

Mastery is the share of right results among the concept's last WINDOW (five) results:

    quiz answer right / wrong                     one result, right / missed
    exercise passed                               two right results (passed after a hint: one)
    exercise run that fails (once per sitting)    one missed result (no partial credit for the checks
                                                  that passed: a stub that half works shows nothing)
    hint or solution shown, lesson read           no result: nothing moves

So one right answer gives 20 %, five in a row 100 %; a miss pushes out the oldest result. Repeated
identical outcomes on one item within a session (watch mode re-checking a failing file on every save)
count once: see `tutor.progress.model`. Under five results the missing ones count as not yet shown:
a concept answered once is not "mastered", and it is not "weak" either (`tutor.progress.queue` calls
a concept weak from its misses, not from a lack of evidence).

The running totals `s` (right results) and `w` (all results) are kept too: `w > 0` means "has evidence".
Checkpoints written before this formula have no `recent`: their old figure is shown until new
evidence arrives, which then moves on from results standing for it (`_from_earlier_formula`).
"""

from __future__ import annotations

WINDOW = 5

# How many results one piece of evidence stands for.
WEIGHTS = {
    "quiz": 1,
    "pass": 2,
    "helped": 1,  # a pass after a hint
    "fail": 1,
    "hint": 0,
    "solution": 0,
}

EXPLAINED = {
    "en": (
        "Mastery: the right share of your last 5 results on a concept. A right answer counts one, a passed "
        "exercise two (one after a hint); a wrong answer or a failing run pushes one out. Hints alone change nothing."
    ),
    "ko": (
        "숙달도: 한 개념에서 최근 결과 5개 중 맞힌 비율입니다. 정답은 1개, 통과한 실습은 2개(힌트를 봤다면 1개)로 "
        "셉니다. 오답이나 통과하지 못한 실행은 빈칸 1개가 됩니다. 힌트만 보는 것으로는 달라지지 않습니다."
    ),
}


def new_aggregate() -> dict:
    """Per-concept results (stored in the `concepts` table)."""
    return {"s": 0.0, "w": 0.0, "p": 1.0, "recent": []}


def add_evidence(aggregate: dict, score: float, weight: float) -> None:
    """`weight` results of value `score` (1 right, 0 missed)."""
    count = int(round(weight))
    if count <= 0:
        return
    score = 1.0 if score >= 1 else 0.0
    recent = list(aggregate.get("recent") or []) or _from_earlier_formula(aggregate)
    aggregate["recent"] = (recent + [score] * count)[-WINDOW:]
    aggregate["s"] = aggregate.get("s", 0.0) + score * count
    aggregate["w"] = aggregate.get("w", 0.0) + count


def _from_earlier_formula(aggregate: dict) -> list[float]:
    """Results standing for a checkpoint written by the earlier formula (decayed sums, no `recent`), so
    that the figure moves on from where it was rather than restarting from nothing."""
    if aggregate.get("w", 0) <= 0:
        return []
    count = max(1, min(WINDOW, round(aggregate["w"])))
    right = round(mastery(aggregate) * WINDOW)
    return [1.0] * min(right, count) + [0.0] * max(0, count - right)


def mastery(aggregate: dict) -> float:
    recent = aggregate.get("recent")
    if recent:
        return min(1.0, max(0.0, sum(recent) / WINDOW))
    if aggregate.get("w", 0) <= 0:
        return 0.0
    # A checkpoint from the earlier formula (decayed sums with a prior): its figure until new evidence.
    return min(1.0, max(0.0, aggregate["s"] / (aggregate["w"] + aggregate.get("p", 0.0))))
