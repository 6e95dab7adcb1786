"""Weak topics first, measured: a simulated learner over three weeks, through the Store's API.

The learner studies the whole course on day 0 (every lesson, every question, every exercise), strong
on sixteen concepts and weak on four, then opens the review once a day at 09:00 and does everything it
offers (then once more, for the items missed in the first session). Printed per day: the queue size,
what the cap deferred, the share of weak-concept items in the first session, the mastery the app shows
for weak and strong concepts, and the learner's true recall of the strong concepts (the model below).

The learner model (ours, not FSRS): per concept a skill k (0.92 strong, 0.40 weak) and a memory with
stability S days; recall after t days R = 1 / (1 + t / (9 S)) (so R = 0.9 at t = S). A question is
answered right with probability k·R; an exercise run passes with the same probability. A review raises
S as FSRS's own memory model does for a card of middling difficulty (by 1 + 30 (e^(0.8 (1 − R)) − 1) S^−0.17:
about ×3.5 at R = 0.9, more when reviewed later), a miss cuts it to 0.4 S; the study day leaves S = 1.5
days. Every miss, with its explanation, raises k by 3 % of what is missing, a right answer by 1 %.

Goals (issue 11): the first session after the study day is at least half weak-concept items; every weak
concept comes up within two days; no day asks for more than the cap (30); strong concepts come back
before they are forgotten (their true recall at the start of every day stays at 0.7 or more). "due" is
FSRS's whole debt (every card past its date): what the queue would hold without order and cap.

    python benchmarks/review.py [--seed N] [--days 21]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ["TZ"] = "UTC"  # the learner's day is a local-time notion: fix it
time.tzset()

from tutor.content import load_course  # noqa: E402
from tutor.progress import Store  # noqa: E402
from tutor.progress.queue import CAP  # noqa: E402

WEAK = ("0098", "0100", "0105", "0109")
START = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


class Learner:
    def __init__(self, concepts: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.skill = {c: 0.40 if c in WEAK else 0.92 for c in concepts}
        self.stability = {c: 1.5 for c in concepts}
        self.last: dict[str, datetime] = {}

    def recall(self, cid: str, now: datetime) -> float:
        if cid not in self.last:
            return 0.0
        days = (now - self.last[cid]).total_seconds() / 86400
        return 1 / (1 + days / (9 * self.stability[cid]))

    def attempt(self, cid: str, now: datetime) -> bool:
        r = self.recall(cid, now) if cid in self.last else 1.0
        right = self.rng.random() < self.skill[cid] * r
        s = self.stability[cid]
        if cid in self.last and (now - self.last[cid]) > timedelta(hours=6):  # a spaced review
            self.stability[cid] = s * (1 + 30 * (math.exp(0.8 * (1 - r)) - 1) * s**-0.17) if right else max(0.3, s * 0.4)
        self.skill[cid] += (0.01 if right else 0.03) * (1 - self.skill[cid])
        self.last[cid] = now
        return right


def study_day(store: Store, course, learner: Learner, now: datetime) -> datetime:
    for concept in course.concepts:
        store.record("lesson", concept.id, concept.id, "read", time=now)
        now += timedelta(minutes=5)
        learner.last[concept.id] = now
        for question in concept.questions:
            if question.type == "predict":
                continue
            right = learner.attempt(concept.id, now)
            store.record("quiz", question.id, concept.id, "right" if right else "wrong", time=now)
            now += timedelta(minutes=1)
        for eid in concept.exercises:
            for question in concept.questions:
                if question.type == "predict" and question.exercise == eid:
                    right = learner.attempt(concept.id, now)
                    store.record("quiz", question.id, concept.id, "right" if right else "wrong", time=now)
                    now += timedelta(minutes=1)
            for run in range(4):  # write it, run it, fix it: a few runs in one sitting
                if run == 2 and concept.id in WEAK:
                    store.record("hint", eid, concept.id, "shown", index=0, time=now)
                passed = learner.attempt(concept.id, now)
                store.record("check", eid, concept.id, "pass" if passed else "fail", time=now)
                now += timedelta(minutes=4)
                if passed:
                    break
    return now


def session(store: Store, course, learner: Learner, now: datetime, items) -> datetime:
    for item in items:
        if item.kind == "lesson":
            store.record("lesson", item.item, item.concept, "read", time=now)
            learner.last[item.concept] = now
        else:
            right = learner.attempt(item.concept, now)
            if item.kind == "question":
                store.record("quiz", item.item, item.concept, "right" if right else "wrong", time=now)
            else:
                store.record("check", item.item, item.concept, "pass" if right else "fail", time=now)
        now += timedelta(minutes=1)
    return now


def run(seed: int, days: int, quiet: bool = False) -> dict:
    rng = random.Random(seed)
    course = load_course()
    concepts = [c.id for c in course.concepts]
    strong = [c for c in concepts if c not in WEAK]
    learner = Learner(concepts, rng)
    first_seen: dict[str, int] = {}
    last_review = {c: 0 for c in strong}
    longest_gap = 0
    lowest_recall = 1.0
    figures = {"day1_weak_share": None, "max_asked": 0, "weak_first_day": first_seen}
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp)) as store:
        study_day(store, course, learner, START)
        if not quiet:
            print(f"{'day':>3} {'due':>4} {'queue':>5} {'deferred':>8} {'asked':>5} {'weak share':>10} {'weak mastery':>12} {'strong mastery':>14} {'strong recall min':>17}")
        for day in range(1, days + 1):
            now = START + timedelta(days=day)
            lowest_recall = min(lowest_recall, min(learner.recall(c, now) for c in strong))
            plan = store.review_plan(now, course=course)
            debt = store.due_count(now)
            items = plan.items
            asked = {i.item for i in items}
            share = sum(i.concept in WEAK for i in items) / len(items) if items else 0.0
            if day == 1:
                figures["day1_weak_share"] = share
                figures["day1_leading"] = [i.concept in WEAK for i in items[:10]]
                if not quiet:
                    print("day 1 starts with:", " ".join(i.concept for i in items[:16]))
            for item in items:
                if item.concept in WEAK:
                    first_seen.setdefault(item.concept, day)
                elif item.concept in last_review:
                    longest_gap = max(longest_gap, day - last_review[item.concept])
                    last_review[item.concept] = day
            now = session(store, course, learner, now + timedelta(minutes=1), items)
            again = store.review_plan(now, course=course).items  # the items missed this morning
            asked |= {i.item for i in again}
            now = session(store, course, learner, now + timedelta(minutes=30), again)
            figures["max_asked"] = max(figures["max_asked"], len(asked))
            mastery = store.concept_mastery()
            weak_m = statistics.mean(mastery.get(c, 0.0) for c in WEAK)
            strong_m = statistics.mean(mastery.get(c, 0.0) for c in strong)
            recall_min = min(learner.recall(c, START + timedelta(days=day, hours=23)) for c in strong)
            if not quiet:
                print(
                    f"{day:>3} {debt:>4} {len(items):>5} {plan.deferred:>8} {len(asked):>5} {share:>10.0%} {weak_m:>12.0%} {strong_m:>14.0%} {recall_min:>17.2f}"
                )
        longest_gap = max([longest_gap] + [days - d for d in last_review.values()])
    figures.update(longest_gap=longest_gap, lowest_recall=lowest_recall)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=21)
    parser.add_argument("--seeds", type=int, default=10, help="also run this many seeds and summarise")
    args = parser.parse_args()
    figures = run(args.seed, args.days)
    print()
    print(f"first session after the study day: {figures['day1_weak_share']:.0%} weak-concept items (goal ≥ 50%)")
    print(f"weak concepts first offered on day: {dict(sorted(figures['weak_first_day'].items()))} (goal ≤ 2)")
    print(f"most items asked in a day: {figures['max_asked']} (cap {CAP})")
    print(f"longest gap between reviews of a strong concept: {figures['longest_gap']} days; lowest true recall of a strong concept at a day's start: {figures['lowest_recall']:.2f} (goal ≥ 0.70)")
    if args.seeds:
        runs = [run(seed, args.days, quiet=True) for seed in range(100, 100 + args.seeds)]
        for seed, r in zip(range(100, 100 + args.seeds), runs):
            print(f"  seed {seed}: day-1 weak share {r['day1_weak_share']:.0%}, weak first offered {sorted(r['weak_first_day'].values())}, most asked {r['max_asked']}, lowest strong recall {r['lowest_recall']:.2f}, longest strong gap {r['longest_gap']} days")
        ok = sum(
            r["day1_weak_share"] >= 0.5
            and len(r["weak_first_day"]) == len(WEAK)
            and max(r["weak_first_day"].values()) <= 2
            and r["max_asked"] <= CAP
            and r["lowest_recall"] >= 0.7
            for r in runs
        )
        print(
            f"over {args.seeds} more seeds: all goals met in {ok}; weak share on day 1 "
            f"{min(r['day1_weak_share'] for r in runs):.0%}–{max(r['day1_weak_share'] for r in runs):.0%}; "
            f"most asked {max(r['max_asked'] for r in runs)}; longest strong gap {max(r['longest_gap'] for r in runs)} days; "
            f"lowest strong recall {min(r['lowest_recall'] for r in runs):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
