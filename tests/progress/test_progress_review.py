"""Mastery and the review queue on hand-built histories, each test a way a learner got hurt: a predict
question giving 57 %, hints draining mastery step by step, a stub earning partial credit, a just-passed
item due ten minutes later, 157 items due in one day, weak topics buried under strong ones, raw ids.
Plus what must keep working: a forgotten topic comes back, prerequisites before a struggle, leeches."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from progresshelpers import at

from tutor.progress import queue as queue_module
from tutor.progress.mastery import add_evidence, mastery, new_aggregate
from tutor.progress.model import Model


@pytest.fixture(autouse=True)
def _utc_days(monkeypatch):
    """The learner's day is local time: fix the zone, so "the same day" does not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# Mastery


def _mastery_after(history) -> float:
    model = Model()
    for n, (kind, outcome, hours, *detail) in enumerate(history):
        item = "sgd" if kind in ("check", "hint", "solution") else f"0097-q{n}"
        attempt = {"id": f"{n:04}", "time": at(hours=hours).isoformat(timespec="microseconds"), "kind": kind, "item": item, "concept": "0097", "outcome": outcome}
        model.apply({**attempt, **(detail[0] if detail else {})})
    return model.mastery().get("0097", 0.0)


def test_mastery_is_the_right_share_of_the_last_five_results():
    assert _mastery_after([("quiz", "right", 0)]) == pytest.approx(0.2)  # one predict question: 20 %, not 57 %
    assert [_mastery_after([("quiz", "right", 2 * h) for h in range(n)]) for n in range(1, 7)] == pytest.approx([0.2, 0.4, 0.6, 0.8, 1.0, 1.0])
    five_right_then_a_miss = [("quiz", "right", 2 * h) for h in range(5)] + [("quiz", "wrong", 20)]
    assert _mastery_after(five_right_then_a_miss) == pytest.approx(0.8)
    assert _mastery_after([("quiz", "wrong", 2 * h) for h in range(5)]) == 0


def test_recent_results_count_and_old_ones_drop_out():
    assert _mastery_after([("quiz", "wrong", 0), ("quiz", "right", 2)]) == _mastery_after([("quiz", "right", 0), ("quiz", "wrong", 2)])
    old_misses = [("quiz", "wrong", h) for h in range(3)] + [("quiz", "right", 10 + 2 * h) for h in range(5)]
    assert _mastery_after(old_misses) == 1.0


def test_hints_alone_change_nothing_and_a_helped_pass_counts_one_result_not_two():
    assert _mastery_after([("check", "pass", 0)]) == pytest.approx(0.4)
    hints = [("hint", "shown", 0, {"index": 0}), ("hint", "shown", 0.1, {"index": 1}), ("hint", "shown", 0.2, {"index": 2})]
    assert _mastery_after([("check", "pass", 0)] + [(k, o, 2 + h, d) for k, o, h, d in hints]) == pytest.approx(0.4)
    assert _mastery_after(hints + [("check", "pass", 0.3)]) == pytest.approx(0.2)
    assert _mastery_after([("check", "pass", 0), ("solution", "shown", 0.1)]) == pytest.approx(0.4)


def test_a_failing_run_is_one_miss_with_no_partial_credit():
    # The untouched ensemble stub passes 1 of its 4 checks: that is no evidence of knowing ensembles.
    assert _mastery_after([("check", "fail", 0, {"passed": 1, "total": 4})]) == 0
    # Watch mode re-checking the same failing file is one miss, and the pass that follows is two rights.
    runs = [("check", "fail", m / 60, {"passed": 2, "total": 4}) for m in range(6)] + [("check", "pass", 0.2)]
    assert _mastery_after(runs) == pytest.approx(0.4)
    model = Model()
    model.apply({"id": "1", "time": at().isoformat(), "kind": "check", "item": "sgd", "concept": "0097", "outcome": "fail"})
    assert model.concepts["0097"]["recent"] == [0.0]


def test_a_checkpoint_from_the_earlier_formula_keeps_its_figure_until_new_evidence():
    legacy = {"s": 1.0, "w": 1.0, "p": 0.75, "recent": []}  # one right answer under the old formula: 57 %
    assert mastery(legacy) == pytest.approx(1 / 1.75)
    add_evidence(legacy, 1.0, 1)
    assert mastery(legacy) == pytest.approx(0.4)  # that answer and this one: it moves on, it does not restart
    steady = {"s": 3.6, "w": 3.9, "p": 0.05, "recent": []}  # ~91 % after many right answers
    add_evidence(steady, 0.0, 1)
    assert mastery(steady) == pytest.approx(0.8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0.0, 0.25, 1.0]), st.sampled_from([0, 1, 2])), max_size=40))
def test_mastery_is_always_between_0_and_1(evidence):
    aggregate = new_aggregate()
    for score, weight in evidence:
        add_evidence(aggregate, score, weight)
        assert 0 <= mastery(aggregate) <= 1


# The review queue


def _items(queue):
    return [(entry.kind, entry.item) for entry in queue]


def test_a_forgotten_topic_comes_back_and_a_mastered_one_does_not_nag(store, course):
    store.record("quiz", "0098-q1", "0098", "right", time=at(0))
    store.record("quiz", "0098-q1", "0098", "right", time=at(1))
    for day in (0, 1, 3, 7, 15, 30, 50):
        store.record("quiz", "0097-q1", "0097", "right", time=at(day, hours=1))
        store.record("check", "sgd", "0097", "pass", time=at(day, hours=2))
    now = at(90)
    queue = store.review_queue(now, course=course)
    assert ("question", "0098-q1") in _items(queue)
    assert not [entry for entry in queue if entry.concept == "0097"]
    assert store.due_count(now) == 1
    forgotten = queue[0]
    assert forgotten.retrievability < 0.9 and "Due for review" in forgotten.reason.en and "복습" in forgotten.reason.ko


def test_due_items_come_most_forgotten_first(store, course):
    store.record("quiz", "0097-q1", "0097", "right", time=at(0))
    store.record("quiz", "0098-q1", "0098", "right", time=at(20))
    store.record("quiz", "0100-q1", "0100", "right", time=at(10))
    queue = store.review_queue(at(60), course=course)
    assert [entry.item for entry in queue[:3]] == ["0097-q1", "0100-q1", "0098-q1"]
    assert [e.retrievability for e in queue[:3]] == sorted(e.retrievability for e in queue[:3])


def test_a_just_passed_item_is_not_due_again_the_same_day(store, course):
    store.record("quiz", "0097-q1", "0097", "wrong", time=at(0))
    store.record("quiz", "0097-q1", "0097", "right", time=at(0, minutes=2))  # a retry after the explanation
    store.record("check", "adam", "0101", "pass", time=at(0, minutes=5))
    for minutes in (10, 30, 120, 14 * 60):  # ten minutes later, and all day until 23:00
        assert store.review_queue(at(0, minutes=minutes), course=course) == [], minutes
        assert store.due_count(at(0, minutes=minutes)) == 0
    tomorrow = store.review_queue(at(1), course=course)
    assert ("question", "0097-q1") in _items(tomorrow)
    item = tomorrow[_items(tomorrow).index(("question", "0097-q1"))]
    assert item.reason.en == "Learned yesterday: one more go now fixes it in memory."
    assert item.reason.ko == "어제 익힌 항목입니다. 한 번 더 풀면 기억에 오래 남습니다."


def test_a_missed_item_comes_back_the_same_day(store, course):
    store.record("quiz", "0097-q1", "0097", "wrong", time=at(0))
    queue = store.review_queue(at(0, minutes=15), course=course)
    assert _items(queue) == [("question", "0097-q1")]
    assert queue[0].reason.en == "You got this wrong today: try it again." and queue[0].reason.ko.startswith("오늘 틀렸던")


def test_a_day_asks_for_at_most_the_cap_and_counts_what_it_defers(store, course, monkeypatch):
    monkeypatch.setattr(queue_module, "CAP", 5)
    monkeypatch.setattr(queue_module, "WEAK_PLACES", 3)
    concepts = ["0097", "0098", "0100", "0101"]
    for n, cid in enumerate(concepts * 2):  # eight items, two per concept, answered right on day 0
        store.record("quiz", f"{cid}-q{1 + n // 4}", cid, "right", time=at(0, minutes=n))
    plan = store.review_plan(at(1), course=course)
    assert len(plan.items) == 5 and plan.deferred == 3 and plan.due == 5
    for minute, entry in enumerate(plan.items):  # the learner does all five, missing the first
        store.record("quiz", entry.item, entry.concept, "wrong" if minute == 0 else "right", time=at(1, minutes=minute))
    again = store.review_plan(at(1, hours=2), course=course)
    assert [e.item for e in again.items] == [plan.items[0].item]  # only the miss, once more: it was counted already
    assert again.deferred == 3 and again.practised_today == 5
    assert {e.item for e in store.review_plan(at(2), course=course).items} >= {
        f"{cid}-q{k}" for cid in concepts for k in (1, 2)
    } - {e.item for e in plan.items}  # the deferred come the next day


def test_the_real_cap_is_thirty():
    assert queue_module.CAP == 30


def test_due_items_take_turns_by_concept_and_a_concept_gives_at_most_two_a_day(store, course):
    for n, qid in enumerate(["0097-q1", "0097-q2", "sgd"]):
        kind = "check" if qid == "sgd" else "quiz"
        store.record(kind, qid, "0097", "pass" if kind == "check" else "right", time=at(0, minutes=n))
    store.record("quiz", "0098-q1", "0098", "right", time=at(0, minutes=5))
    concepts = [e.concept for e in store.review_queue(at(1), course=course)]
    assert concepts.count("0097") == 2 and concepts.count("0098") == 1
    assert concepts[:2] in (["0097", "0098"], ["0098", "0097"])  # one concept at a time, not a block


def test_weak_concepts_lead_interleaved_and_a_concept_answered_once_is_not_weak(store, course):
    for cid in ("0097", "0098"):
        store.record("quiz", f"{cid}-q1", cid, "wrong", time=at(0))
        store.record("quiz", f"{cid}-q2", cid, "wrong", time=at(0, minutes=1))
    store.record("quiz", "0100-q1", "0100", "right", time=at(0, minutes=2))  # 20 % mastery: not weak
    store.record("quiz", "0101-q1", "0101", "right", time=at(0, minutes=3))
    queue = store.review_queue(at(1), course=course)
    weak = [entry for entry in queue if entry.reason.en.startswith("Weak topic")]
    assert {e.concept for e in weak} == {"0097", "0098"}
    assert queue[: len(weak)] == weak  # weak topics first
    concepts = [e.concept for e in weak]
    assert concepts[:2] != [concepts[0]] * 2  # A B A B, not A A B B
    assert weak[0].reason.en in ("Weak topic (SGD): 2 of 2 items missed at their last try.", "Weak topic (Momentum): 2 of 2 items missed at their last try.")
    assert "약한 주제" in weak[0].reason.ko
    assert "0100-q1" not in [e.item for e in weak] and "0100-q2" not in [e.item for e in queue]


def test_an_exercise_never_attempted_is_never_a_review_item(store, course):
    # Momentum is weak, and its exercise was never opened: it is the course's next step, not a review.
    store.record("quiz", "0098-q1", "0098", "wrong", time=at(0))
    store.record("quiz", "0098-q2", "0098", "wrong", time=at(0, minutes=1))
    queue = store.review_queue(at(1), course=course)
    assert ("exercise", "momentum") not in _items(queue)
    assert store.exercise_status("momentum") == "new"
    assert store.concept_mastery()["0098"] == 0


def test_items_carry_titles_in_both_languages_never_raw_ids(store, course):
    store.record("quiz", "0097-q1", "0097", "wrong", time=at(0))
    store.record("check", "sgd", "0097", "fail", time=at(0, minutes=1))
    queue = store.review_queue(at(1), course=course)
    titles = {e.item: e.title for e in queue}
    assert titles["sgd"].en == "SGD exercise" and titles["sgd"].ko == "확률적 경사 하강법 실습"
    assert titles["0097-q1"].en == "?"  # the prompt itself (the fake course's prompts are "?")
    assert all(e.to_json()["title"]["ko"] for e in queue)


def test_titles_are_prompts_shortened_to_a_line():
    assert queue_module.shorten("Why does **Adam** need `bias correction`?") == "Why does Adam need bias correction?"
    long = "Before you write RMSprop: with decay_rate ρ = 0.99, lr η = 0.1 and h = 0, what is the first step?"
    short = queue_module.shorten(long)
    assert short.endswith("…") and len(short) <= 60 and "decay_rate" in short
    korean = queue_module.shorten("모멘텀이 v = 0에서 시작해 같은 기울기 g를 두 번 받습니다. 두 번째 걸음 뒤의 속도 v를 쓰세요.")
    from rich.cells import cell_len

    assert cell_len(korean) <= 60 and korean.endswith("…")


def test_the_day_starts_at_four_in_the_morning_local_time(store, course):
    store.record("quiz", "0097-q1", "0097", "right", time=at(0, hours=15))  # 00:00 UTC, the next calendar day
    assert store.review_queue(at(0, hours=18), course=course) == []  # 03:00: still the same learner's day
    assert _items(store.review_queue(at(0, hours=19, minutes=1), course=course)) == [("question", "0097-q1")]  # 04:01


def test_keeps_failing_adam_brings_momentum_and_rmsprop_first(store, course):
    for minute in range(4):  # a few failed runs is just writing the code
        store.record("check", "adam", "0101", "fail", time=at(0, minutes=minute))
    assert ("exercise", "momentum") not in _items(store.review_queue(at(0, minutes=5), course=course))
    store.record("check", "adam", "0101", "fail", time=at(0, minutes=6))
    queue = _items(store.review_queue(at(0, minutes=7), course=course))
    assert ("exercise", "adam") in queue
    position = queue.index(("exercise", "adam"))
    assert {("exercise", "momentum"), ("exercise", "rmsprop")} <= set(queue[:position])


def test_keeps_missing_questions_brings_the_prerequisite_concepts_lessons(store, course):
    for hour in (0, 2):
        store.record("quiz", "0098-q1", "0098", "wrong", time=at(0, hours=hour))
    assert ("lesson", "0097") not in _items(store.review_queue(at(0, hours=3), course=course))
    store.record("quiz", "0098-q1", "0098", "wrong", time=at(0, hours=4))
    queue = _items(store.review_queue(at(0, hours=5), course=course))
    assert queue.index(("lesson", "0097")) < queue.index(("question", "0098-q1"))


def test_a_leech_goes_back_to_its_lesson_until_it_is_reread(store, course):
    for day in range(8):
        store.record("quiz", "0100-q1", "0100", "wrong", time=at(day))
        store.record("quiz", "0100-q1", "0100", "right", time=at(day, minutes=20))
    assert store.lapses("0100-q1") == 8
    queue = store.review_queue(at(30), course=course)
    assert ("lesson", "0100") in _items(queue) and ("question", "0100-q1") not in _items(queue)
    lesson = queue[_items(queue).index(("lesson", "0100"))]
    assert "reread the lesson on RMSprop" in lesson.reason.en and "강의" in lesson.reason.ko
    assert lesson.title.en == "Lesson: RMSprop"
    store.record("lesson", "0100", "0100", "read", time=at(30, minutes=1))
    queue = _items(store.review_queue(at(30, minutes=2), course=course))
    assert ("question", "0100-q1") in queue and ("lesson", "0100") not in queue


def test_the_queue_works_without_the_course(store):
    store.record("quiz", "0097-q1", "0097", "wrong", time=at(0))
    queue = store.review_queue(at(1), course=None)
    assert _items(queue) == [("question", "0097-q1")]
    assert queue[0].reason.get("ko") and queue[0].title.en


def test_items_the_course_no_longer_has_are_left_out_not_shown_as_ids(store, course):
    store.record("quiz", "0097-q9", "0097", "wrong", time=at(0))  # a question since removed from the course
    store.record("quiz", "0097-q1", "0097", "wrong", time=at(0, minutes=1))
    items = _items(store.review_queue(at(1), course=course))
    assert ("question", "0097-q1") in items and ("question", "0097-q9") not in items
    assert ("question", "0097-q9") in _items(store.review_queue(at(1), course=None))
