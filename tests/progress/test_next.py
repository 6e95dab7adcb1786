"""Always a next step: `tutor.progress.next` and `tutor next`, as a learner moves through the course."""

from __future__ import annotations

import json
import time

import pytest
from progresshelpers import at

from tutor.cli import main
from tutor.commands import progress as commands
from tutor.progress import Store
from tutor.progress.next import course_progress, next_step


@pytest.fixture(autouse=True)
def _utc_days(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _step(store, course, now):
    step = next_step(store, course, now)
    return step.kind, step.id


def test_the_next_step_follows_the_course_lesson_quiz_exercise(store, course):
    assert _step(store, course, at(0)) == ("lesson", "0097")
    store.record("lesson", "0097", "0097", "read", time=at(0))
    assert _step(store, course, at(0, minutes=1)) == ("quiz", "0097")
    store.record("quiz", "0097-q1", "0097", "right", time=at(0, minutes=2))
    assert _step(store, course, at(0, minutes=3)) == ("exercise", "sgd")
    store.record("check", "sgd", "0097", "pass", time=at(0, minutes=4))
    step = next_step(store, course, at(0, minutes=5))
    assert (step.kind, step.id) == ("lesson", "0098")
    assert step.title.en == "Lesson · 0098 Momentum" and step.title.ko == "강의 · 0098 모멘텀"
    assert step.reason.ko


def test_an_exercise_started_and_not_passed_comes_before_new_lessons(store, course):
    store.record("check", "adam", "0101", "fail", time=at(0))
    step = next_step(store, course, at(0, minutes=30))
    assert (step.kind, step.id) == ("exercise", "adam")
    assert "not passed it yet" in step.reason.en and "통과하지 못했습니다" in step.reason.ko


def test_reviews_due_from_earlier_days_come_first(store, course):
    store.record("quiz", "0098-q1", "0098", "wrong", time=at(0))
    assert _step(store, course, at(0, minutes=30))[0] == "lesson"  # missed just now: learn on, retry later
    step = next_step(store, course, at(1))
    assert step.kind == "review" and step.title.en == "Review: 1 item"  # one miss does not make a weak topic
    assert step.reason.en == "1 of them is due: reviewing now keeps what you learned." and step.reason.ko.startswith("그중 1개는")


def test_a_finished_course_offers_a_lab_then_says_come_back(store, course):
    for n, concept in enumerate(course.concepts):
        store.record("lesson", concept.id, concept.id, "read", time=at(0, minutes=n))
        for q in concept.questions:
            store.record("quiz", q.id, concept.id, "right", time=at(0, minutes=n))
        for eid in concept.exercises:
            store.record("check", eid, concept.id, "pass", time=at(0, minutes=n))
    step = next_step(store, course, at(0, hours=2))
    assert step.kind == "review"  # nothing in the fake course has a lab
    assert "come back tomorrow" in step.reason.en


def test_course_progress_counts_exercises_concepts_and_today(store, course):
    store.record("lesson", "0097", "0097", "read", time=at(0))
    store.record("check", "sgd", "0097", "pass", time=at(0, minutes=1))
    store.record("quiz", "0098-q1", "0098", "wrong", time=at(0, minutes=2))
    progress = course_progress(store, course, at(1))
    assert (progress.exercises_passed, progress.exercises, progress.concepts_studied, progress.concepts) == (1, 4, 2, 4)
    assert progress.line("en") == "Exercises passed 1/4 · concepts studied 2/4 · reviews due 2"
    assert progress.line("ko") == "실습 통과 1/4 · 공부한 개념 2/4 · 복습할 항목 2개"


# The command


@pytest.fixture
def env(home, course, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.setattr(commands, "_course", lambda args: course)
    monkeypatch.setattr("tutor.content.load_course", lambda: course)
    return home


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Next: Lesson · 0097 SGD", "  Next in the course: read its lesson.", "Exercises passed 0/4"]),
        ("ko", ["다음 할 일: 강의 · 0097 확률적 경사 하강법", "  과정의 다음 순서입니다. 강의를 읽어 보세요.", "실습 통과 0/4"]),
    ],
)
def test_tutor_next_prints_the_step_and_where_you_stand(env, capsys, lang, expected):
    assert main(["next", "--lang", lang]) == 0
    out = capsys.readouterr().out
    for line in expected:
        assert line in out


def test_tutor_next_json(env, capsys):
    with Store.open(env) as store:
        store.record("check", "momentum", "0098", "fail")
    assert main(["next", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["next"]["kind"] == "exercise" and data["next"]["id"] == "momentum"
    assert data["progress"]["exercises"] == 4


def test_tutor_next_open_starts_the_app_there(env, monkeypatch):
    import tutor.app

    called = {}
    monkeypatch.setattr(tutor.app, "run_app", lambda lang=None, open_next=False: called.update(lang=lang, open_next=open_next) or 0)
    assert main(["next", "--open", "--lang", "ko"]) == 0
    assert called == {"lang": "ko", "open_next": True}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tutor_review_shows_titles_and_what_the_cap_defers(env, capsys, monkeypatch, lang):
    from tutor.progress import queue

    monkeypatch.setattr(queue, "CAP", 1)
    monkeypatch.setattr(queue, "WEAK_PLACES", 1)
    with Store.open(env) as store:
        store.record("check", "sgd", "0097", "fail", time=at(0))
        store.record("quiz", "0098-q1", "0098", "wrong", time=at(0, minutes=1))
    assert main(["review", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert "0098-q1" not in out and " sgd " not in out
    assert ("+1 more deferred to tomorrow (at most 1 a day)." if lang == "en" else "1개는 내일로 미뤘습니다(하루 최대 1개).") in out


@pytest.mark.parametrize(("lang", "words"), [("en", "no next step"), ("ko", "다음 할 일을 보여 줄 수 없습니다")])
def test_tutor_next_without_the_course_says_so_in_one_line(env, capsys, monkeypatch, lang, words):
    import tutor.content
    from tutor.content import ContentError

    def broken():
        raise ContentError("lessons/0096/concept.toml is missing")

    monkeypatch.setattr(tutor.content, "load_course", broken)
    assert main(["next", "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
