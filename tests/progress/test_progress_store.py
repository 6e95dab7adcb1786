"""The progress store's contract: what is recorded comes back (after a restart too), exercise status,
settings, FSRS cards round-tripping, migrations, read-only fallback, and concurrent writers."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from progresshelpers import at, fork_writer, read_lines

from tutor.progress import ReadOnlyError, Store
from tutor.progress.storage import FileLock

DATA = Path(__file__).parent / "data"


def test_recorded_attempts_come_back_after_a_restart(home):
    with Store.open(home) as store:
        first = store.record("quiz", "0097-q1", "0097", "right")
        store.record("check", "sgd", "0097", "fail", passed=3, total=5)
        store.set_setting("language", "ko")
    with Store.open(home) as store:
        attempts = store.attempts()
        assert [a["outcome"] for a in attempts] == ["right", "fail"]
        assert attempts[0]["id"] == first["id"] and attempts[1]["passed"] == 3
        assert store.get_setting("language") == "ko"
        assert store.get_setting("theme", "dark") == "dark"
        assert store.notice is None


def test_exercise_status_and_hints(store):
    assert store.exercise_status("sgd") == "new"
    store.record("hint", "sgd", "0097", "shown", index=0)
    assert store.exercise_status("sgd") == "started"
    store.record("check", "sgd", "0097", "error")
    assert store.exercise_status("sgd") == "failed"
    store.record("hint", "sgd", "0097", "shown", index=1)
    store.record("hint", "sgd", "0097", "shown", index=1)  # the same hint again is not a new one
    assert store.hints_shown("sgd") == 2
    store.record("check", "sgd", "0097", "pass")
    store.record("check", "sgd", "0097", "fail")
    assert store.exercise_status("sgd") == "passed"  # passed stays passed
    assert store.exercise_statuses() == {"sgd": "passed"}
    assert store.hints_shown("momentum") == 0


@pytest.mark.parametrize(
    "args",
    [("quiz", "q", "0097", "pass"), ("check", "sgd", "0097", "right"), ("nap", "x", "0097", "read"), ("quiz", "", "0097", "right")],
)
def test_invalid_attempts_are_refused_and_not_recorded(store, args):
    with pytest.raises(ValueError):
        store.record(*args)
    with pytest.raises(ValueError):
        store.record("quiz", "q", "0097", "right", answer=object())
    assert store.attempts() == []


def _expected_card(item_ratings):
    scheduler = Scheduler(enable_fuzzing=False)
    card = None
    for rating, moment in item_ratings:
        card = card or Card(card_id=1, due=moment)
        card, _ = scheduler.review_card(card, rating, moment)
    return card


def _same_schedule(card: Card, expected: Card) -> bool:
    a, b = card.to_dict(), expected.to_dict()
    a.pop("card_id"), b.pop("card_id")
    return a == b


def test_ratings_wrong_again_hint_or_retry_hard_right_good(store):
    store.record("quiz", "0097-q1", "0097", "right", time=at(0))
    assert _same_schedule(store.card("0097-q1"), _expected_card([(Rating.Good, at(0))]))

    store.record("quiz", "0097-q2", "0097", "wrong", time=at(0, minutes=1))
    store.record("quiz", "0097-q2", "0097", "right", time=at(0, minutes=2))  # a retry in the session
    assert _same_schedule(store.card("0097-q2"), _expected_card([(Rating.Again, at(0, minutes=1)), (Rating.Hard, at(0, minutes=2))]))

    store.record("hint", "sgd", "0097", "shown", time=at(0, minutes=3))
    store.record("check", "sgd", "0097", "pass", time=at(0, minutes=4))  # right after a hint
    assert _same_schedule(store.card("sgd"), _expected_card([(Rating.Hard, at(0, minutes=4))]))


def test_watch_mode_failures_in_one_session_are_one_review(store):
    for minute in range(6):
        store.record("check", "adam", "0101", "fail", time=at(0, minutes=minute))
    assert store.lapses("adam") == 1
    assert _same_schedule(store.card("adam"), _expected_card([(Rating.Again, at(0))]))


def test_fsrs_cards_round_trip_through_the_store(home):
    with Store.open(home) as store:
        for day, outcome in enumerate(["right", "wrong", "right", "right", "wrong", "right"]):
            store.record("quiz", "0098-q1", "0098", outcome, time=at(day * 3))
        store.record("check", "momentum", "0098", "pass", time=at(20))
        before = {item: store.card(item).to_dict() for item in ("0098-q1", "momentum")}
        mastery = store.concept_mastery()
    with Store.open(home) as store:  # from the checkpoint
        assert {item: store.card(item).to_dict() for item in before} == before
        assert store.concept_mastery() == mastery
    (home / "progress" / "state.json").unlink()
    with Store.open(home) as store:  # rebuilt from the history alone
        assert {item: store.card(item).to_dict() for item in before} == before
        assert store.concept_mastery() == mastery


def test_attempts_after_the_checkpoint_are_replayed(home, monkeypatch):
    monkeypatch.setattr(Store, "CHECKPOINT_EVERY", 3)
    store = Store.open(home)
    ids = [store.record("quiz", f"0097-q{i}", "0097", "right")["id"] for i in range(7)]
    store._lock.close()  # die without closing: the last attempts are only in the history
    with Store.open(home) as again:
        assert [a["id"] for a in again.attempts()] == ids
        assert len({i for i in range(7) if again.card(f"0097-q{i}") is not None}) == 7


def test_v0_store_is_migrated_keeping_attempts_and_settings(home):
    folder = home / "progress"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "v0-state.json", folder / "state.json")
    with Store.open(home) as store:
        assert [a["kind"] for a in store.attempts()] == ["quiz", "quiz", "hint", "check"]
        assert store.get_setting("language") == "ko"
        assert store.get_setting("theme") == "textual-dark"  # version 0 said "dark"
        assert store.exercise_status("sgd") == "passed" and store.hints_shown("sgd") == 1
        ids = [a["id"] for a in store.attempts()]
    meta = json.loads((folder / "state.json").read_text())["meta"]["1"]
    assert meta["schema"] == 1
    # An interrupted migration runs again without duplicating anything.
    shutil.copy(DATA / "v0-state.json", folder / "state.json")
    with Store.open(home) as store:
        assert [a["id"] for a in store.attempts()] == ids


def test_second_instance_waits_then_opens_read_only(home, monkeypatch):
    monkeypatch.setattr(Store, "OPEN_WAIT", 0.1)
    with Store.open(home) as first:
        first.record("quiz", "0097-q1", "0097", "right")
        holder = FileLock(home / "progress" / ".lock")  # another process holding the lock
        assert holder.acquire(1)
        try:
            with Store.open(home) as second:
                assert second.read_only and "read-only" in second.notice
                assert [a["item"] for a in second.attempts()] == ["0097-q1"]
                with pytest.raises(ReadOnlyError):
                    second.record("quiz", "0097-q2", "0097", "right")
                with pytest.raises(ReadOnlyError):
                    second.set_setting("theme", "textual-light")
        finally:
            holder.close()
        first.record("quiz", "0097-q2", "0097", "right")  # the first one still writes
        assert len(first.attempts()) == 2


def test_explicit_read_only_store_never_writes(home):
    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in (home / "progress").rglob("*"))
    with Store.open(home, read_only=True) as store:
        assert store.read_only and store.notice is None
        assert store.exercise_statuses() == {} and store.card("0097-q1") is not None
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (home / "progress").rglob("*")) == before


def test_a_long_lived_store_sees_what_another_process_recorded(home):
    with Store.open(home) as tui:
        assert tui.exercise_status("sgd") == "new"

        def check(out):
            with Store.open(home) as cli:
                cli.record("check", "sgd", "0097", "pass")
                out("done")

        pid, fd = fork_writer(check)
        assert read_lines(fd, pid=pid) == ["done"]
        os.waitpid(pid, 0)
        assert tui.exercise_status("sgd") == "passed"
        tui.record("quiz", "0097-q1", "0097", "right")
        assert [a["kind"] for a in tui.attempts()] == ["check", "quiz"]


def test_two_processes_writing_at_once_lose_nothing(home, monkeypatch):
    monkeypatch.setattr(Store, "CHECKPOINT_EVERY", 4)  # checkpoints race too

    def tui(out):  # long-lived: one store, many attempts
        with Store.open(home) as store:
            for n in range(60):
                out(store.record("quiz", f"0097-q{n % 5}", "0097", "right" if n % 3 else "wrong")["id"])

    def cli(out):  # `tutor check` again and again: open, record, close
        for n in range(30):
            with Store.open(home) as store:
                out(store.record("check", "sgd", "0097", "fail" if n < 29 else "pass")["id"])
                store.set_setting("last_position", {"screen": "lab", "id": f"lab{n}"})

    children = [fork_writer(tui), fork_writer(cli)]
    printed = [read_lines(fd, pid=pid) for pid, fd in children]
    statuses = [os.waitpid(pid, 0)[1] for pid, _ in children]
    assert statuses == [0, 0]
    assert [len(p) for p in printed] == [60, 30]
    with Store.open(home) as store:
        assert store.notice is None
        ids = [a["id"] for a in store.attempts()]
        assert sorted(ids) == sorted(printed[0] + printed[1])
        assert store.exercise_status("sgd") == "passed"
        assert store.get_setting("last_position") == {"screen": "lab", "id": "lab29"}  # the TUI kept the CLI's settings
        times = [a["time"] for a in store.attempts()]
        assert len(set(times)) == len(times)  # one global order
