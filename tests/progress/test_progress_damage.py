"""The damaged-home matrix: every way a file of the store can be damaged (by a disk, a crash, a careless or
hostile hand), tried against the store and against every command a learner runs.

The promise: every command starts and does its job or says in one line what is wrong; nothing is deleted
or overwritten without a copy in backup/ and a notice that says where; no attempt that was valid is lost.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from progresshelpers import at

from tutor.cli import main
from tutor.progress import Store
from tutor.progress.settings import read_settings

NOW = datetime.now(timezone.utc)


def _line(**fields) -> bytes:
    attempt = {"id": "x1", "time": "2025-03-01T10:00:00.000000+00:00", "kind": "quiz", "item": "0097-q1", "concept": "0097", "outcome": "right"}
    attempt.update(fields)
    return json.dumps(attempt).encode() + b"\n"


def _filled(home: Path) -> list[str]:
    """Three attempts in March 2025 and a language setting: one shard, a checkpoint."""
    with Store.open(home) as store:
        ids = [store.record("quiz", f"0097-q{n}", "0097", "right", time=at(0, minutes=n))["id"] for n in range(3)]
        store.set_setting("language", "ko")
    return ids


def _shard(home: Path) -> Path:
    return home / "progress" / "history" / "2025-03.jsonl"


def _backups(home: Path) -> list[Path]:
    folder = home / "progress" / "backup"
    return sorted(folder.iterdir()) if folder.exists() else []


def _files(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != ".lock"}


def _commands_still_work(home: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """Every command a learner runs: it does its job (exit 0) or says in one line what is wrong (exit 1)."""
    monkeypatch.setenv("TUTOR_HOME", str(home))
    export = tmp_path / "exported.json"
    for argv in (["progress"], ["progress", "--json"], ["review"], ["review", "--json"], ["list"], ["export", str(export), "--force"], ["hint", "sgd"]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert "unexpected" not in err and "Traceback" not in err, (argv, err)
        assert all(line.startswith("tutor: ") for line in err.splitlines()), (argv, err)
    assert json.loads(export.read_text())["format"] == "tutor-progress"


# -- the history ---------------------------------------------------------------------------------------

BAD_LINES = {
    "100,000-deep JSON": b"[" * 100_000 + b"\n",
    "100,000-deep object": b'{"a":' * 100_000 + b"\n",
    "a 5,000-digit number": _line(index=0)[:-2] + b', "passed": ' + b"9" * 5000 + b"}\n",
    "NaN": _line()[:-2] + b', "score": NaN}\n',
    "not an object": b"[1, 2, 3]\n",
    "blank line": b"\n",
    "NUL block": b"\x00" * 64 + b"\n",
    "not UTF-8": b'{"id": "\xff\xfe"}\n',
    "year 9999": _line(id="x9999", time="9999-12-31T23:59:59.999999+00:00"),
    "year 2999": _line(id="x2999", time="2999-01-01T00:00:00+00:00"),
    "underflows in UTC": _line(id="x0001", time="0001-01-01T00:00:00+01:00"),
    "before 2000": _line(id="x1999", time="1999-12-31T23:00:00+00:00"),
    "no time zone": _line(id="xnaive", time="2025-03-01T10:00:00"),
    "markup in an item": _line(id="xmarkup", item="q[/x]"),
    "concept that is no concept": _line(id="xconcept", concept="c"),
    "unknown kind": _line(id="xkind", kind="nap", outcome="read"),
    "outcome of another kind": _line(id="xoutcome", outcome="pass"),
    "nested detail": _line(id="xnested", answer={"a": [1, 2]}),
    "passed above total": _line(id="xpassed", kind="check", item="sgd", outcome="fail", passed=5, total=3),
    "index that is a bool": _line(id="xindex", kind="hint", item="sgd", outcome="shown", index=True),
    "overlong answer": _line(id="xlong", answer="a" * 100_000),
}


@pytest.mark.parametrize("damage", list(BAD_LINES))
def test_a_bad_history_line_is_set_aside_with_a_backup(home, tmp_path, capsys, monkeypatch, damage):
    ids = _filled(home)
    shard = _shard(home)
    lines = shard.read_bytes().splitlines(keepends=True)
    original = lines[0] + BAD_LINES[damage] + b"".join(lines[1:])
    shard.write_bytes(original)
    with Store.open(home, read_only=True) as reader:  # a reader skips it and says so, changing nothing
        assert "unreadable line" in reader.notice and [a["id"] for a in reader.attempts()] == ids
    assert shard.read_bytes() == original and not _backups(home)
    with Store.open(home) as store:
        assert "set aside 1 unreadable line" in store.notice
        backups = _backups(home)
        assert [b.read_bytes() for b in backups] == [original] and str(backups[0]) in store.notice
        assert [a["id"] for a in store.attempts()] == ids
        store.record("quiz", "0097-q1", "0097", "wrong")
    with Store.open(home) as store:
        assert store.notice is None and len(store.attempts()) == 4
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


def test_a_complete_last_line_that_lost_its_newline_is_kept(home):
    ids = _filled(home)
    shard = _shard(home)
    with open(shard, "r+b") as fh:  # truncate -s -1
        fh.truncate(shard.stat().st_size - 1)
    with Store.open(home) as store:
        assert "lost its newline" in store.notice
        assert [a["id"] for a in store.attempts()] == ids  # kept, not "dropped as never recorded"
        assert shard.read_bytes().endswith(b"\n")
        ids.append(store.record("quiz", "0097-q5", "0097", "right", time=at(1))["id"])
    with Store.open(home) as store:
        assert store.notice is None and [a["id"] for a in store.attempts()] == ids


def test_an_unfinished_last_line_is_backed_up_before_it_is_cut(home):
    ids = _filled(home)
    shard = _shard(home)
    with open(shard, "ab") as fh:
        fh.write(b'{"concept":"0097","id":"half-writ')
    with Store.open(home) as store:
        assert "unfinished last line" in store.notice
        (backup,) = _backups(home)
        assert backup.read_bytes() == b'{"concept":"0097","id":"half-writ' and str(backup) in store.notice
        assert [a["id"] for a in store.attempts()] == ids


def test_a_shard_of_nul_bytes_is_backed_up(home, tmp_path, capsys, monkeypatch):
    _filled(home)
    shard = _shard(home)
    size = shard.stat().st_size
    shard.write_bytes(b"\x00" * size)  # what a power cut leaves on some file systems
    with Store.open(home) as store:
        assert "unfinished last line" in store.notice
        backups = [b.read_bytes() for b in _backups(home)]
        assert b"\x00" * size in backups
        assert store.attempts() == []
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


@pytest.mark.parametrize("loss", ["history folder deleted", "shard deleted", "shard emptied", "shard cut short"])
def test_lost_history_never_overwrites_the_checkpoint_without_a_backup(home, tmp_path, capsys, monkeypatch, loss):
    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right", time=at(0))
        store.record("quiz", "0097-q2", "0097", "right", time=at(1))
        store.record("quiz", "0097-q3", "0097", "right", time=at(40))  # another month, another shard
    state = home / "progress" / "state.json"
    checkpoint = state.read_bytes()
    shard = _shard(home)
    if loss == "history folder deleted":
        shutil.rmtree(home / "progress" / "history")
    elif loss == "shard deleted":
        shard.unlink()
    elif loss == "shard emptied":
        shard.write_bytes(b"")  # `: > shard`
    else:
        shard.write_bytes(shard.read_bytes().splitlines(keepends=True)[0])
    with Store.open(home) as store:
        notice = store.notice
        assert notice and "the old progress file is at" in notice
        assert checkpoint in [b.read_bytes() for b in _backups(home)]
        if loss != "history folder deleted":
            assert "history/2025-03.jsonl" in notice  # what happened, by name
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


def test_a_history_that_is_a_file_is_moved_aside(home, tmp_path, capsys, monkeypatch):
    _filled(home)
    history = home / "progress" / "history"
    shutil.rmtree(history)
    history.write_bytes(b"someone's notes\n")
    with Store.open(home, read_only=True) as reader:
        assert "progress/history is not what it should be" in reader.notice
    with Store.open(home) as store:
        assert "progress/history (a file, not a folder)" in store.notice
        assert b"someone's notes\n" in [b.read_bytes() for b in _backups(home) if b.is_file()]
        store.record("quiz", "0097-q1", "0097", "right")
    assert history.is_dir()
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


def test_a_shard_that_is_a_folder_is_moved_aside(home, tmp_path, capsys, monkeypatch):
    _filled(home)
    (home / "progress" / "history" / "2025-04.jsonl").mkdir()
    with Store.open(home) as store:
        assert "2025-04.jsonl (not a file)" in store.notice
        assert len(store.attempts()) == 3
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


# -- times ---------------------------------------------------------------------------------------------


def test_a_history_holding_a_future_time_never_stamps_later_attempts_with_it(home):
    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right")
    ahead = (NOW + timedelta(hours=12)).isoformat(timespec="microseconds")  # within a day: kept
    shard = next((home / "progress" / "history").iterdir())
    with open(shard, "ab") as fh:
        fh.write(_line(id="ahead", time=ahead, item="0097-q2"))
    with Store.open(home) as store:
        attempt = store.record("quiz", "0097-q3", "0097", "right")
        assert attempt["time"] < ahead  # stamped now, not "the future plus a microsecond"
        assert abs(datetime.fromisoformat(attempt["time"]) - datetime.now(timezone.utc)) < timedelta(minutes=5)
        assert store.card("0097-q3") is not None


def test_a_clock_that_goes_back_keeps_stamping_the_clock(home, monkeypatch):
    import tutor.progress.store as store_module

    real = datetime.now(timezone.utc)

    class Clock(datetime):
        offset = timedelta(0)

        @classmethod
        def now(cls, tz=None):
            return real.astimezone(tz) + cls.offset

    monkeypatch.setattr(store_module, "datetime", Clock)
    with Store.open(home) as store:
        first = store.record("quiz", "0097-q1", "0097", "right")
        Clock.offset = -timedelta(hours=3)  # the clock is set back
        second = store.record("quiz", "0097-q2", "0097", "right")
        assert second["time"] < first["time"]  # the clock's time, not first + 1 µs
        Clock.offset = -timedelta(hours=3) + timedelta(microseconds=1)
        third = store.record("quiz", "0097-q3", "0097", "right")
        assert third["time"] > second["time"]  # a stall of the clock still gives increasing times
        assert [a["item"] for a in store.attempts()] == ["0097-q2", "0097-q3", "0097-q1"]


@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
        datetime(2999, 1, 1, tzinfo=timezone.utc),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
        datetime(1999, 12, 31, tzinfo=timezone.utc),
        datetime(2025, 3, 1),  # no time zone
        NOW + timedelta(days=2),
    ],
)
def test_record_refuses_a_time_out_of_range(store, moment):
    with pytest.raises(ValueError):
        store.record("quiz", "0097-q1", "0097", "right", time=moment)
    assert store.attempts() == []
    store.record("quiz", "0097-q1", "0097", "right")  # and the store still records


# -- the checkpoint ------------------------------------------------------------------------------------


def _state(home: Path) -> Path:
    return home / "progress" / "state.json"


def _edit_state(home: Path, edit) -> bytes:
    data = json.loads(_state(home).read_bytes())
    edit(data)
    raw = json.dumps(data).encode()
    _state(home).write_bytes(raw)
    return raw


STATE_DAMAGE = {
    "100,000-deep JSON": lambda d: b'{"meta": ' + b"[" * 100_000,
    "last time in 9999": lambda d: d["meta"]["1"].update(last=["9999-12-31T23:59:59.999999+00:00", "x"]),
    "last time not a time": lambda d: d["meta"]["1"].update(last=["yesterday", "x"]),
    "count a bool": lambda d: d["meta"]["1"].update(count=True),
    "count a 5,000-digit number": lambda d: b'{"meta": {"1": {"schema": 1, "count": ' + b"9" * 5000 + b"}}}",
    "marks malformed": lambda d: d["meta"]["1"].update(marks={"2025-03.jsonl": "x"}),
    "card item with markup": lambda d: d["cards"]["1"].update(item="q[/x]"),
    "card time out of range": lambda d: d["cards"]["1"].update(last_time="9999-12-31T23:59:59+00:00"),
    "exercise status unknown": lambda d: d.update(exercises={"1": {"id": "sgd", "concept": "0097", "status": "won"}}),
    "concept sums not numbers": lambda d: d["concepts"]["1"].update(s="lots"),
    "recent results not numbers": lambda d: d["concepts"]["1"].update(recent=["x", None]),
    "a table that is a list": lambda d: d.update(cards=[1, 2]),
}


@pytest.mark.parametrize("damage", list(STATE_DAMAGE))
def test_a_damaged_checkpoint_is_backed_up_and_rebuilt(home, tmp_path, capsys, monkeypatch, damage):
    ids = _filled(home)
    result = STATE_DAMAGE[damage](json.loads(_state(home).read_bytes()))
    raw = result if isinstance(result, bytes) else _edit_state(home, STATE_DAMAGE[damage])
    _state(home).write_bytes(raw)
    with Store.open(home, read_only=True) as reader:
        assert "unreadable" in reader.notice and [a["id"] for a in reader.attempts()] == ids
    assert _state(home).read_bytes() == raw
    with Store.open(home) as store:
        assert "backup at" in store.notice
        assert raw in [b.read_bytes() for b in _backups(home)]
        assert [a["id"] for a in store.attempts()] == ids and store.card("0097-q1") is not None
        store.record("quiz", "0097-q1", "0097", "wrong")  # no OverflowError from a stored "last"
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


def test_a_checkpoint_that_is_a_folder_is_moved_aside(home, tmp_path, capsys, monkeypatch):
    ids = _filled(home)
    _state(home).unlink()
    _state(home).mkdir()
    (_state(home) / "inside").write_text("x")
    with Store.open(home, read_only=True) as reader:
        assert "unreadable" in reader.notice and len(reader.attempts()) == 3
    with Store.open(home) as store:
        assert "a folder, not a file" in store.notice
        assert [a["id"] for a in store.attempts()] == ids
    assert _state(home).is_file()
    assert any((b / "inside").exists() for b in _backups(home) if b.is_dir())
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


BAD_SETTINGS = {
    "language xx": ("language", "xx"),
    "theme that does not exist": ("theme", "neon"),
    "position with markup": ("last_position", {"screen": "lab", "id": "x[/x]"}),
    "position on no screen": ("last_position", {"screen": "settings", "id": "sgd"}),
    "unknown setting": ("volume", 11),
    "predicted not ids": ("predicted", ["sgd", "[b]x"]),
}


@pytest.mark.parametrize("case", list(BAD_SETTINGS))
def test_an_invalid_setting_on_disk_is_set_aside_with_a_notice(home, tmp_path, capsys, monkeypatch, case):
    _filled(home)
    name, value = BAD_SETTINGS[case]
    settings = {"1": {"name": "theme", "value": "textual-light"}, "2": {"name": name, "value": value}}
    raw = _edit_state(home, lambda d: d.update(settings=settings))
    assert read_settings(home) == {"theme": "textual-light"}  # the app's first paint never sees it
    with Store.open(home) as store:
        assert "set aside 1 invalid setting" in store.notice
        assert raw in [b.read_bytes() for b in _backups(home)]
        assert store.get_setting(name) != value and store.get_setting("theme") == "textual-light"
    assert [d["name"] for d in json.loads(_state(home).read_bytes())["settings"].values()] == ["theme"]
    with Store.open(home) as store:
        assert store.notice is None
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


@pytest.mark.parametrize("case", list(BAD_SETTINGS))
def test_set_setting_refuses_what_the_app_could_not_use(store, case):
    name, value = BAD_SETTINGS[case]
    with pytest.raises(ValueError):
        store.set_setting(name, value)
    store.set_setting("last_position", {"screen": "exercise", "id": "sgd"})
    store.set_setting("theme", "textual-light")


# -- a home that is not what it should be ----------------------------------------------------------------


@pytest.mark.parametrize("where", ["TUTOR_HOME is a file", "progress is a file"])
def test_a_home_that_is_a_file_is_one_line_saying_what_to_do(tmp_path, capsys, monkeypatch, where):
    target = tmp_path / "home"
    if where == "TUTOR_HOME is a file":
        target.write_text("notes")
        hint = "set TUTOR_HOME"
    else:
        target.mkdir()
        (target / "progress").write_text("notes")
        hint = "move it away"
    monkeypatch.setenv("TUTOR_HOME", str(target))
    for argv in (["progress"], ["review"], ["list"], ["hint", "sgd"]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 1 and err.count("\n") == 1 and hint in err and "unexpected" not in err, (argv, err)


def test_a_lock_file_that_is_a_folder_still_lets_everything_be_read(home, tmp_path, capsys, monkeypatch):
    _filled(home)
    (home / "progress" / ".lock").unlink()
    (home / "progress" / ".lock").mkdir()
    monkeypatch.setenv("TUTOR_HOME", str(home))
    for argv in (["progress"], ["review"], ["list"]):
        assert main(argv) == 0
    capsys.readouterr()
    assert main(["hint", "sgd"]) == 1
    out, err = capsys.readouterr()
    assert "힌트" in out
    assert err.count("\n") == 1 and ".lock" in err and "다른 곳으로 옮기세요" in err  # the home says ko


def test_an_older_shard_zeroed_in_place_after_the_checkpoint_is_noticed(home):
    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right", time=at(0))
        store.record("quiz", "0097-q2", "0097", "right", time=at(40))  # April: the newest shard
    march = _shard(home)
    size = march.stat().st_size
    with open(march, "r+b") as fh:  # same file, same size: only its content is gone
        fh.write(b"\x00" * size)
    with Store.open(home) as store:
        assert "2025-03.jsonl" in store.notice and "the old progress file is at" in store.notice
        assert b"\x00" * size in [b.read_bytes() for b in _backups(home)]
        assert [a["item"] for a in store.attempts()] == ["0097-q2"]


def test_a_clock_before_2000_records_nothing_and_says_so(home, monkeypatch):
    import tutor.progress.store as store_module
    from tutor.progress import StoreError

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(1970, 1, 1, tzinfo=timezone.utc)

    with Store.open(home) as store:
        monkeypatch.setattr(store_module, "datetime", Clock)
        with pytest.raises(StoreError, match="clock says 1970-01-01"):
            store.record("quiz", "0097-q1", "0097", "right")
        assert store.attempts() == []


def test_a_huge_sparse_shard_is_moved_aside_unread(home, tmp_path, capsys, monkeypatch):
    ids = _filled(home)
    huge = home / "progress" / "history" / "2025-04.jsonl"
    with open(huge, "wb") as fh:
        fh.truncate(10 * 2**30)  # `truncate -s 10G`: sparse, so no disk is used; reading it would be
    with Store.open(home) as store:
        assert "history/2025-04.jsonl is 10240 MB" in store.notice
        assert [a["id"] for a in store.attempts()] == ids
    assert not huge.exists() and any(b.stat().st_size == 10 * 2**30 for b in _backups(home))
    _commands_still_work(home, tmp_path, capsys, monkeypatch)


def test_a_backup_folder_that_is_a_file_is_moved_aside_too(home):
    _filled(home)
    (home / "progress" / "backup").write_text("notes")
    shard = _shard(home)
    shard.write_bytes(shard.read_bytes() + b"junk\n")
    with Store.open(home) as store:
        assert "set aside 1 unreadable line" in store.notice and not store.read_only
    assert [p.read_text() for p in (home / "progress").glob("backup.*.bak")] == ["notes"]


def test_a_backup_copy_killed_half_way_leaves_nothing_behind(home):
    _filled(home)
    backup = home / "progress" / "backup"
    backup.mkdir()
    (backup / ".2025-03.jsonl.20250301T000000.000000Z.bak.123.abcd1234.tmp").write_bytes(b'{"id": "half')
    with Store.open(home) as store:
        assert store.notice is None
    assert list(backup.iterdir()) == []


@pytest.mark.parametrize("clock", [datetime(1970, 1, 2, tzinfo=timezone.utc), datetime(2024, 1, 1, tzinfo=timezone.utc)])
def test_a_clock_set_back_changes_nothing_and_says_so(home, monkeypatch, clock):
    """A dead battery (1970) or a clock set back months: every attempt looks like the future. Opening must
    not set the history aside or reset the settings; it opens read-only and says why."""
    import tutor.progress.history as history_module
    import tutor.progress.store as store_module

    with Store.open(home) as store:
        for item in ("0097-01", "0097-02", "0097-03"):
            store.record("quiz", item, "0097", "right")
        store.set_setting("language", "ko")
    files = {p: p.read_bytes() for p in (home / "progress").rglob("*") if p.is_file() and ".lock" not in str(p)}

    class SetBack(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock

    for module in (store_module, history_module):
        monkeypatch.setattr(module, "datetime", SetBack)
    with Store.open(home) as store:
        assert store.read_only and "clock" in store.notice_in("en") and "시계" in store.notice_in("ko")
    assert {p: p.read_bytes() for p in files} == files and not (home / "progress" / "backup").exists()
    monkeypatch.undo()
    with Store.open(home) as store:
        assert store.attempt_counts()["total"] == 3 and store.get_setting("language") == "ko"
