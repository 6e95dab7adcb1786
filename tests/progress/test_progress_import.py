"""The import matrix: `tutor import` given what a careless or hostile user might give it.

The promise: only a regular file of at most 50 MB is read; devices, pipes and folders are refused before
a byte is read; every attempt and setting is checked by content as if recorded here now; a file with
anything wrong changes nothing, and the one line that says so names the first problem.
"""

from __future__ import annotations

import json
import re
import os
import threading
from datetime import datetime, timedelta, timezone

import pytest

from tutor.cli import main
from tutor.progress import ImportFileError, Store
from tutor.progress.store import MAX_IMPORT

GOOD = {"id": "a1", "time": "2025-01-01T00:00:00+00:00", "kind": "quiz", "item": "0097-q1", "concept": "0097", "outcome": "right"}


def _export(attempts=None, settings=None, **top) -> bytes:
    payload = {"format": "tutor-progress", "version": 1, "settings": settings or {}, "attempts": [GOOD] if attempts is None else attempts}
    payload.update(top)
    return json.dumps(payload).encode()


def _with(**fields) -> bytes:
    """An export whose second attempt (of three) has `fields` changed: the message must name attempt 2."""
    bad = {**GOOD, "id": "a2", **fields}
    return _export([GOOD, bad, {**GOOD, "id": "a3"}])


FUTURE = (datetime.now(timezone.utc) + timedelta(days=2)).isoformat()

BAD_FILES = {
    "year 9999": _with(time="9999-12-31T23:59:59.999999+00:00"),
    "year 2999": _with(time="2999-01-01T00:00:00+00:00"),
    "two days ahead": _with(time=FUTURE),
    "underflows in UTC": _with(time="0001-01-01T00:00:00+01:00"),
    "before 2000": _with(time="1999-06-01T00:00:00+00:00"),
    "no time zone": _with(time="2025-01-01T00:00:00"),
    "not a time": _with(time="yesterday"),
    "markup in an item": _with(item="q[/x]"),
    "an exercise id for a question": _with(item="sgd"),
    "concept not a concept id": _with(concept="c"),
    "unknown kind": _with(kind="nap", outcome="read"),
    "outcome of another kind": _with(outcome="pass"),
    "id with spaces": _with(id="a b"),
    "id a number": _with(id=7),
    "nested detail": _with(answer={"a": 1}),
    "overlong field": _with(answer="a" * 5000),
    "lone surrogate": _with(answer="\ud800"),
    "passed above total": _with(kind="check", item="sgd", outcome="fail", passed=5, total=3),
    "index a bool": _with(kind="hint", item="sgd", outcome="shown", index=True),
    "index negative": _with(kind="hint", item="sgd", outcome="shown", index=-1),
    "NaN detail": _with(score=1.0).replace(b'"score": 1.0', b'"score": NaN'),
    "a 5,000-digit number": _with(total=1).replace(b'"total": 1', b'"total": ' + b"9" * 5000),
    "100,000-deep JSON": b'{"format": "tutor-progress", "version": 1, "attempts": ' + b"[" * 100_000,
    "version true": _export(version=True),
    "version text": _export(version="1"),
    "version a fraction": _export(version=1.0),
    "version 0": _export(version=0),
    "newer version": _export(version=9),
    "attempts not a list": _export(attempts={"1": GOOD}),
    "settings not an object": _export(settings=[1]),
    "language xx": _export(settings={"language": "xx"}),
    "theme that does not exist": _export(settings={"theme": "neon"}),
    "position with markup": _export(settings={"last_position": {"screen": "lab", "id": "x[/x]"}}),
    "position on no screen": _export(settings={"last_position": {"screen": "settings", "id": "sgd"}}),
    "unknown setting": _export(settings={"volume": 11}),
    "not json": b"{ nope",
    "not utf-8": b"\xff\xfe{}",
    "empty": b"",
    "not an export": b'{"attempts": []}',
    "a list": b"[1, 2]",
}


UNDECODABLE = {"NaN detail", "a 5,000-digit number"}  # the whole file is refused as JSON


@pytest.fixture
def env(home, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(home))
    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right")
        store.set_setting("language", "ko")
    return home


def _snapshot(home) -> dict:
    return {str(p): p.read_bytes() for p in (home / "progress").rglob("*") if p.is_file() and p.name != ".lock"}


def _import(capsys, path) -> tuple[int, str, str]:
    code = main(["--lang", "en", "import", str(path)])  # the home says ko: English here, Korean in test_progress_notices
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_import_changes_nothing_and_says_why_in_one_line(env, tmp_path, capsys, case):
    before = _snapshot(env)
    bad = tmp_path / "bad.json"
    bad.write_bytes(BAD_FILES[case])
    code, out, err = _import(capsys, bad)
    assert code == 1 and out == ""
    assert err.startswith("tutor: ") and err.count("\n") == 1, err
    assert "unexpected" not in err
    if b'"a2"' in BAD_FILES[case] and case not in UNDECODABLE:
        assert "attempt 2" in err  # the first bad one, by number
    assert _snapshot(env) == before


def test_the_first_bad_attempt_is_named_and_nothing_is_added(env, tmp_path):
    attempts = [{**GOOD, "id": f"a{n}"} for n in range(5)]
    attempts[3]["time"] = "9999-12-31T23:59:59.999999+00:00"
    attempts[4]["item"] = "q[/x]"
    bad = tmp_path / "bad.json"
    bad.write_bytes(_export(attempts))
    with Store.open(env) as store:
        with pytest.raises(ImportFileError, match="attempt 4: attempt time 9999"):
            store.import_(bad)
        assert len(store.attempts()) == 1


def test_devices_and_folders_are_refused_without_reading(env, tmp_path, capsys):
    for path in ("/dev/zero", "/dev/urandom", tmp_path):
        code, _, err = _import(capsys, path)
        assert code == 1 and "not a file" in err and err.count("\n") == 1


def test_a_fifo_is_refused_at_once(env, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome = []

    def run():
        with Store.open(env) as store:
            try:
                store.import_(fifo)
            except ImportFileError as exc:
                outcome.append(str(exc))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # it opened the pipe and blocks: unblock it, then fail
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(5)
        pytest.fail("import blocked on a FIFO")
    assert outcome and "a pipe" in outcome[0]


def test_a_file_over_the_size_limit_is_refused_unread(env, tmp_path, capsys):
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(MAX_IMPORT + 1)  # sparse: no disk used, and never read
    code, _, err = _import(capsys, big)
    assert code == 1 and "larger than 50 MB" in err


def test_a_good_import_with_valid_settings_is_taken(env, tmp_path, capsys):
    good = tmp_path / "good.json"
    settings = {"language": "en", "theme": "textual-light", "last_position": {"screen": "exercise", "id": "sgd"}, "predicted": ["sgd"]}
    good.write_bytes(_export([GOOD, {**GOOD, "id": "a2", "kind": "hint", "item": "sgd", "outcome": "shown", "index": 0}], settings=settings))
    code = main(["import", str(good)])  # no --lang: the home speaks Korean (its setting wins)
    out = capsys.readouterr().out
    assert code == 0 and "새 기록 2개" in out
    with Store.open(env) as store:
        assert store.get_setting("language") == "ko"  # the local setting wins
        assert store.get_setting("theme") == "textual-light" and store.hints_shown("sgd") == 1


# What a Korean line may keep verbatim: the program's name, the format names, and what the file itself
# holds (ids, values, field names: data, not an English reason). Quoted text is data too.
KEPT = {"tutor", "json", "utf"}


def _english_left(line: str, path, data: bytes) -> list[str]:
    rest = line.replace(str(path), " ")
    rest = re.sub(r'"[^"]*"|\'[^\']*\'', " ", rest)
    from_file = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", data.decode("utf-8", "replace"))}
    return [w for w in re.findall(r"[A-Za-z]{4,}", rest) if w.lower() not in KEPT | from_file]


@pytest.mark.parametrize("how", ["--lang ko", "saved setting"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_korean_learner_reads_why_in_korean(env, tmp_path, capsys, case, how):
    bad = tmp_path / "bad.json"
    bad.write_bytes(BAD_FILES[case])
    code = main((["--lang", "ko"] if how == "--lang ko" else []) + ["import", str(bad)])  # the home says ko
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert re.search("[가-힣]", err), err
    assert _english_left(err, bad, BAD_FILES[case]) == [], err


def test_the_english_check_can_fail():
    line = "tutor: /x/bad.json: 2번째 기록: attempt time 9999-12-31T23:59:59+00:00 is in the future"
    assert _english_left(line, "/x/bad.json", b'{"time": "9999"}') == ["attempt", "future"]
