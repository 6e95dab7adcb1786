"""Mastery and the review queue on hand-built histories: a forgotten topic comes back, a mastered one
does not nag, weak topics are interleaved, a learner who keeps failing gets the prerequisites, and a
leech goes back to its lesson."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from progresshelpers import at

from tutor.progress.mastery import add_evidence, mastery, new_aggregate
from tutor.progress.model import Model

# Mastery


def _mastery_after(history) -> float:
    model = Model()
    for n, (kind, outcome, hours) in enumerate(history):
        item = "sgd" if kind in ("check", "hint", "solution") else f"0097-q{n}"
        model.apply({"id": f"{n:04}", "time": at(hours=hours).isoformat(timespec="microseconds"), "kind": kind, "item": item, "concept": "0097", "outcome": outcome})
    return model.mastery().get("0097", 0.0)


def test_mastery_rises_with_right_answers_and_stays_in_range():
    values = [_mastery_after([("quiz", "right", 2 * h) for h in range(n)]) for n in range(1, 8)]
    assert values == sorted(values) and 0 < values[0] < values[-1] < 1
    assert values[-1] > 0.9
    assert _mastery_after([("quiz", "wrong", 2 * h) for h in range(5)]) == 0


def test_recent_attempts_weigh_more():
    assert _mastery_after([("quiz", "wrong", 0), ("quiz", "right", 2)]) > _mastery_after([("quiz", "right", 0), ("quiz", "wrong", 2)])


def test_hints_and_solutions_count_against():
    clean = _mastery_after([("check", "pass", 0)])
    assert _mastery_after([("hint", "shown", 0), ("hint", "shown", 0.1), ("check", "pass", 0.2)]) < clean
    assert _mastery_after([("check", "pass", 0), ("solution", "shown", 0.1)]) < clean


def test_a_failed_question_says_more_than_a_failed_check_of_a_long_exercise():
    start = [("quiz", "right", 0), ("quiz", "right", 2)]
    after_question = _mastery_after(start + [("quiz", "wrong", 4)])
    after_check = _mastery_after(start + [("check", "fail", 4)])
    assert after_question < after_check < _mastery_after(start)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from([1.0, 0.4, 0.2, 0.5])), max_size=40))
def test_mastery_is_always_between_0_and_1(evidence):
    aggregate = new_aggregate()
    for score, weight in evidence:
        add_evidence(aggregate, score, weight)
        assert 0 <= mastery(aggregate) <= 1


# The review queue


def _items(queue):
    return [(entry.kind, entry.item) for entry in queue]


def test_a_forgotten_topic_comes_back_and_a_mastered_one_does_not_nag(store, course):
    # Momentum: answered right once, long ago. SGD: practised on a growing spacing until recently.
    store.record("quiz", "0098-q1", "0098", "right", time=at(0))
    store.record("quiz", "0098-q1", "0098", "right", time=at(0, minutes=15))
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
    due = [entry.item for entry in queue if entry.due is not None and entry.due <= at(60)]
    assert due[:3] == ["0097-q1", "0100-q1", "0098-q1"]
    assert [e.retrievability for e in queue[:3]] == sorted(e.retrievability for e in queue[:3])


def test_weak_concepts_are_interleaved(store, course):
    for cid in ("0097", "0098", "0100"):
        store.record("quiz", f"{cid}-q1", cid, "wrong", time=at(0))
        store.record("quiz", f"{cid}-q1", cid, "right", time=at(0, minutes=5))
    queue = store.review_queue(at(0, minutes=30), course=course)
    weak = [entry for entry in queue if entry.reason.en.startswith("Weak topic")]
    assert len(weak) == 6
    concepts = [entry.concept for entry in weak]
    assert concepts[:3] == sorted(set(concepts[:3]), key=concepts[:3].index) and len(set(concepts[:3])) == 3
    assert concepts[3:] == concepts[:3]  # A B C A B C, not A A B B C C
    assert "0097-q1" not in [entry.item for entry in weak]  # just answered right: left alone


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
    store.record("lesson", "0100", "0100", "read", time=at(30, minutes=1))
    queue = _items(store.review_queue(at(30, minutes=2), course=course))
    assert ("question", "0100-q1") in queue and ("lesson", "0100") not in queue


def test_the_queue_works_without_the_course(store):
    store.record("quiz", "0097-q1", "0097", "wrong", time=at(0))
    queue = store.review_queue(at(1), course=None)
    assert _items(queue) == [("question", "0097-q1")]
    assert queue[0].reason.get("ko")
