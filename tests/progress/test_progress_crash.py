"""Crash safety and recovery: kill -9 at random points while recording, and every kind of damaged file.

The promise under test: an attempt reported recorded (record() returned) is never lost, the store
always opens, and nothing unreadable is deleted without a backup and a notice.
"""

from __future__ import annotations

import json
import os
import random
import time

import pytest
from progresshelpers import at, fork_writer, kill, read_lines, wait_for_lines

from tutor.progress import Store
from tutor.progress.model import Model

KILLS = 300


def _tables(store: Store) -> dict:
    return {name: sorted(json.dumps(v, sort_keys=True) for v in table.values()) for name, table in store._model.to_tables().items()}


def test_kill_9_at_random_points_never_loses_a_recorded_attempt(home, monkeypatch):
    # Checkpoints every few attempts, so that kills also land in the middle of rewriting state.json.
    monkeypatch.setattr(Store, "CHECKPOINT_EVERY", 3)
    rng = random.Random(1234)
    reported: list[str] = []

    def writer(out):
        with Store.open(home) as store:
            out("opened")
            n = 0
            while True:
                kind = ("quiz", "check", "hint")[n % 3]
                outcome = {"quiz": "right", "check": "fail", "hint": "shown"}[kind]
                concept = f"{97 + n % 4:04}"
                item = f"{concept}-q{n % 7}" if kind == "quiz" else ("sgd", "momentum", "adam")[n % 3]
                out(store.record(kind, item, concept, outcome)["id"])
                n += 1
                if n % 5 == 0:
                    store.set_setting("last_position", {"screen": "lesson", "id": f"{96 + n % 20:04}"})

    for round_number in range(KILLS):
        pid, fd = fork_writer(writer)
        # Every other kill is timed from the fork (it may land while the store opens and repairs); the
        # others come after a few records, so they land among records and checkpoints whatever the disk.
        seen = wait_for_lines(fd, 1 + rng.randint(1, 6)) if round_number % 2 else b""
        time.sleep(rng.uniform(0, 0.03 if not seen else 0.005))
        kill(pid)
        os.waitpid(pid, 0)
        reported += [line for line in read_lines(fd, seen) if line != "opened"]
        if round_number % 50 == 49 or round_number == KILLS - 1:
            with Store.open(home) as store:
                assert store.notice is None or "unfinished last line" in store.notice or "lost its newline" in store.notice, store.notice
                stored = {a["id"] for a in store.attempts()}
                assert set(reported) <= stored
                assert not list((home / "progress").rglob("*.tmp"))
    assert len(reported) >= KILLS // 2  # the kills did land among records
    with Store.open(home) as store:
        # The state from checkpoint + replay is exactly the fold of the whole history.
        assert store._model.count == len(store.attempts())
        rebuilt = Model()
        for attempt in store.attempts():
            rebuilt.apply(attempt)
        fresh = Store.__new__(Store)
        fresh._model = rebuilt
        assert _tables(store) == _tables(fresh)


def _filled(home) -> list[str]:
    with Store.open(home) as store:
        ids = [store.record("quiz", f"0097-q{n}", "0097", "right")["id"] for n in range(3)]
        store.set_setting("language", "ko")
    return ids


STATE_DAMAGE = {
    "empty": b"",
    "truncated": b'{"meta": {"1": {"schema": 1, "cou',
    "not utf-8": b'{"meta": "\xff\xfe\xfa"}',
    "garbage": b"\x00\x00\x00\x00",
    "not an object": b"[1, 2, 3]",
    "newer schema": b'{"meta": {"1": {"schema": 99}}}',
    "foreign database": b'{"users": {"1": {"name": "x"}}}',
    "malformed cards": b'{"meta": {"1": {"schema": 1, "count": 1}}, "cards": {"1": {"item": "x", "card": 7}}}',
}


@pytest.mark.parametrize("damage", list(STATE_DAMAGE))
def test_damaged_state_file_is_backed_up_and_rebuilt_from_history(home, damage):
    ids = _filled(home)
    state = home / "progress" / "state.json"
    state.write_bytes(STATE_DAMAGE[damage])
    with Store.open(home) as store:
        assert store.notice and "backup at" in store.notice
        backups = list((home / "progress" / "backup").iterdir())
        assert len(backups) == 1 and str(backups[0]) in store.notice
        assert backups[0].read_bytes() == STATE_DAMAGE[damage]
        assert [a["id"] for a in store.attempts()] == ids  # attempts survive: they live in the history
        assert store.card("0097-q2") is not None
        store.record("quiz", "0097-q9", "0097", "wrong")
    with Store.open(home) as store:
        assert store.notice is None and len(store.attempts()) == 4


HISTORY_DAMAGE = {
    "garbage line": b"this is not json\n",
    "not utf-8 line": b'{"id": "\xff\xfe"}\n',
    "wrong shape line": b'{"id": "x", "time": "2025-01-01T00:00:00+00:00", "kind": "quiz", "item": "q", "concept": "c", "outcome": "maybe"}\n',
    "zeroed block": b"\x00" * 64 + b"\n",
}


@pytest.mark.parametrize("damage", list(HISTORY_DAMAGE))
def test_damaged_history_line_is_backed_up_and_the_rest_kept(home, damage):
    ids = _filled(home)
    shard = next((home / "progress" / "history").iterdir())
    lines = shard.read_bytes().splitlines(keepends=True)
    original = lines[0] + HISTORY_DAMAGE[damage] + b"".join(lines[1:])
    shard.write_bytes(original)
    with Store.open(home) as store:
        assert store.notice and "unreadable line" in store.notice
        backups = list((home / "progress" / "backup").iterdir())
        assert len(backups) == 1 and backups[0].read_bytes() == original
        assert [a["id"] for a in store.attempts()] == ids
    with Store.open(home) as store:
        assert store.notice is None


def test_unfinished_last_line_is_dropped_and_the_next_attempt_is_clean(home):
    ids = _filled(home)
    shard = next((home / "progress" / "history").iterdir())
    with open(shard, "ab") as fh:
        fh.write(b'{"concept":"0097","id":"half-writ')  # a writer killed mid-line
    with Store.open(home, read_only=True) as reader:  # a reader just stops before it
        assert [a["id"] for a in reader.attempts()] == ids
    with Store.open(home) as store:
        assert "unfinished last line" in store.notice
        ids.append(store.record("quiz", "0097-q3", "0097", "right")["id"])
    with Store.open(home) as store:
        assert [a["id"] for a in store.attempts()] == ids and store.notice is None


def test_unreadable_history_in_a_read_only_store_is_reported_not_changed(home):
    _filled(home)
    shard = next((home / "progress" / "history").iterdir())
    shard.write_bytes(shard.read_bytes() + b"junk\n")
    before = shard.read_bytes()
    (home / "progress" / "state.json").unlink()
    with Store.open(home, read_only=True) as store:
        assert "unreadable line" in store.notice and len(store.attempts()) == 3
    assert shard.read_bytes() == before and not (home / "progress" / "backup").exists()


def test_a_deleted_history_shard_is_reported(home):
    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right", time=at(0))
        store.record("quiz", "0097-q2", "0097", "right", time=at(40))
    (home / "progress" / "history" / "2025-03.jsonl").unlink()
    with Store.open(home) as store:
        assert "2025-03.jsonl has disappeared" in store.notice
        assert [a["item"] for a in store.attempts()] == ["0097-q2"] and store.card("0097-q1") is None
