"""The writers' lock is fair (a waiter is served before a holder that takes it again), and a command that
cannot record says so and exits 1; plus the ids the store accepts are exactly the course's.

How fair it is under load (4 `check` loops beside 2 long-lived writers for 30 s) is measured by
`benchmarks/progress.py --fairness`, not asserted here: timing belongs to benchmarks.
"""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from tutor.cli import main
from tutor.content import load_course
from tutor.progress import Store
from tutor.progress.history import CONCEPT_ID, EXERCISE_ID, QUESTION_ID
from tutor.progress.storage import FileLock


def _lock_folder(home):
    folder = home / "progress"
    folder.mkdir(parents=True)
    return folder


def test_a_waiter_is_served_before_a_holder_that_takes_the_lock_again(home):
    folder = _lock_folder(home)
    holder, waiter = FileLock(folder / ".lock"), FileLock(folder / ".lock")
    assert holder.acquire(0)
    got = []
    thread = threading.Thread(target=lambda: got.append(waiter.acquire(30)))
    thread.start()
    for _ in range(30_000):  # until the waiter has taken its ticket
        if (folder / ".lock.queue").is_dir() and list((folder / ".lock.queue").iterdir()):
            break
        time.sleep(0.001)
    holder.release()
    assert holder.acquire(0) is False  # it would have won the race; the ticket says the waiter is first
    thread.join(30)
    assert got == [True]
    waiter.release()
    assert holder.acquire(1)
    holder.close(), waiter.close()
    assert list((folder / ".lock.queue").iterdir()) == []  # every ticket is taken back


def test_tickets_of_waiters_that_died_are_ignored(home):
    folder = _lock_folder(home)
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # a process that no longer exists
    queue = folder / ".lock.queue"
    queue.mkdir()
    (queue / f"{time.time_ns() - 10**9:020d}-{pid}-deadbeef").write_bytes(b"")
    (queue / "garbage").write_bytes(b"")
    lock = FileLock(folder / ".lock")
    assert lock.acquire(0)
    assert list(queue.iterdir()) == []
    lock.close()


@pytest.fixture
def busy(home, monkeypatch):
    """Another process holds the lock (for longer than anyone waits)."""
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.setattr(Store, "OPEN_WAIT", 0.05)
    with Store.open(home) as store:
        store.record("hint", "sgd", "0097", "shown", index=0)
    holder = FileLock(home / "progress" / ".lock")
    assert holder.acquire(1)
    yield home
    holder.close()


def test_a_hint_that_cannot_be_recorded_is_shown_and_the_command_says_so(busy, capsys):
    code = main(["hint", "sgd"])
    out, err = capsys.readouterr()
    assert code == 1 and "Hint 2" in out
    assert err.count("\n") == 1 and "this hint was not recorded: another tutor kept your progress busy" in err
    code = main(["--lang", "ko", "hint", "sgd"])
    out, err = capsys.readouterr()
    assert code == 1 and "힌트 2" in out and "이 힌트는 기록되지 않았습니다: 다른 tutor가" in err


def test_a_check_that_cannot_be_recorded_exits_1_even_when_it_passes(busy, capsys):
    from tutor import paths

    code = main(["check", "sgd", "--file", str(paths.exercises_dir() / "sgd" / "solution.py")])
    out, err = capsys.readouterr()
    assert code == 1 and "✓ sgd" in out and "not recorded" in err and "busy" in err
    code = main(["check", "sgd", "--no-record", "--file", str(paths.exercises_dir() / "sgd" / "solution.py")])
    assert code == 0  # asked not to record: nothing to say


def test_reading_commands_work_beside_a_busy_lock(busy, capsys):
    for argv in (["progress"], ["review"], ["list"]):
        assert main(argv) == 0
    capsys.readouterr()


def test_progress_json_counts_attempts_and_lists_notices(home, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(home))
    with Store.open(home) as store:
        store.record("quiz", "0097-01", "0097", "right")
        store.record("check", "sgd", "0097", "fail")
        store.record("check", "sgd", "0097", "pass")
    shard = next((home / "progress" / "history").iterdir())
    shard.write_bytes(shard.read_bytes() + b"junk\n")
    assert main(["progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["attempts"] == {"total": 3, "by_kind": {"check": 2, "quiz": 1}}
    assert len(data["notices"]) == 1 and "unreadable line" in data["notices"][0]["en"]
    assert "읽을 수 없는 줄" in data["notices"][0]["ko"]  # both languages, for whatever reads the JSON
    assert data["notice"] == data["notices"][0]["en"]  # the line itself in the output language


def test_every_id_of_the_course_matches_the_patterns_the_store_accepts():
    course = load_course()
    assert course.concepts
    for concept in course.concepts:
        assert CONCEPT_ID.fullmatch(concept.id), concept.id
        for question in concept.questions:
            assert QUESTION_ID.fullmatch(question.id), question.id
        for lab in concept.labs:
            assert EXERCISE_ID.fullmatch(lab), lab
    for exercise in course.exercises:
        assert EXERCISE_ID.fullmatch(exercise), exercise
