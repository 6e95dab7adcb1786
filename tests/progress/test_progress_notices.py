"""What the store did on the learner's behalf (a repair, a backup, a fall-back to read-only) is said in
the learner's language: the notices carry English and Korean from the source, and every face says the
one the learner reads (the CLI on stderr, `--json` both)."""

from __future__ import annotations

import re

import pytest

from tutor.cli import main
from tutor.progress import Store, StoreError

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _damaged(home):
    with Store.open(home) as store:
        store.record("quiz", "0097-01", "0097", "right")
    shard = next((home / "progress" / "history").iterdir())
    shard.write_bytes(shard.read_bytes() + b"junk\n")
    return shard


@pytest.mark.parametrize("argv", [["progress"], ["review"], ["list"], ["hint", "sgd"], ["progress", "--json"]])
def test_a_repair_is_said_in_korean_to_a_korean_learner(home, monkeypatch, capsys, argv):
    _damaged(home)
    monkeypatch.setenv("TUTOR_HOME", str(home))
    main(["--lang", "ko", *argv])
    err = capsys.readouterr().err
    notice = [line for line in err.splitlines() if "history/" in line]
    assert len(notice) == 1, err
    assert "읽을 수 없는 줄 1개" in notice[0] and "unreadable" not in notice[0], err


def test_the_saved_language_setting_picks_the_notice_language(home, monkeypatch, capsys):
    with Store.open(home) as store:
        store.set_setting("language", "ko")
    _damaged(home)
    monkeypatch.setenv("TUTOR_HOME", str(home))
    assert main(["progress"]) == 0
    assert "읽을 수 없는 줄" in capsys.readouterr().err


def test_every_notice_and_every_store_error_has_korean(home, tmp_path):
    """Each notice, whatever produced it, carries Korean words (not the English twice)."""
    _damaged(home)
    (home / "progress" / "state.json").write_text("{not json")
    with Store.open(home, read_only=True) as reader:
        notes = reader.notices
        assert notes and all(HANGUL.search(n.ko) and not HANGUL.search(n.en) for n in notes), notes
        with pytest.raises(StoreError) as caught:
            reader.record("quiz", "0097-01", "0097", "right")
        assert HANGUL.search(caught.value.words.ko) and str(caught.value) == caught.value.words.en
    with Store.open(home) as store:
        assert len(store.notices) == 2 and all(HANGUL.search(n.ko) for n in store.notices)
        assert store.notice_in("ko") == "; ".join(n.ko for n in store.notices)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nope"}')
    with Store.open(home) as store, pytest.raises(StoreError) as caught:
        store.import_(bad)
    assert "내보내기 파일이 아닙니다" in caught.value.words.ko


def test_an_import_error_is_said_in_korean(home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(home))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tutor-progress", "version": true}')
    assert main(["--lang", "ko", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "정수여야 합니다" in err and len(err.strip().splitlines()) == 1, err


def test_a_read_only_home_is_said_in_korean(disk, monkeypatch, capsys):
    point, remount = disk
    home = point / "home"
    home.mkdir()
    remount(True)
    monkeypatch.setenv("TUTOR_HOME", str(home))
    assert main(["--lang", "ko", "progress"]) == 0
    err = capsys.readouterr().err
    assert "읽기 전용" in err and "Read-only" not in err and "read-only" not in err, err


def _english_words(line: str) -> list[str]:
    """ASCII words of 4+ letters left in a Korean line once paths (tokens with a slash), quoted data and
    the names kept verbatim (tutor, JSON, the state file) are taken out: an English reason shows here."""
    rest = re.sub(r'"[^"]*"|\'[^\']*\'|\S*/\S*', " ", line)
    return [w for w in re.findall(r"[A-Za-z]{4,}", rest) if w.lower() not in {"tutor", "json", "state"}]


def test_the_english_words_check_can_fail():
    assert _english_words("history/x.jsonl에서 줄 1개(attempt time 'x' is in the future)") == ["attempt", "time", "future"]


BAD_LINES = {
    "future": b'{"id":"b1","time":"2999-01-01T00:00:00+00:00","kind":"quiz","item":"0097-01","concept":"0097","outcome":"right"}',
    "markup item": b'{"id":"b2","time":"2025-01-01T00:00:00+00:00","kind":"quiz","item":"q[/x]","concept":"0097","outcome":"right"}',
    "surrogate": b'{"id":"b3","time":"2025-01-01T00:00:00+00:00","kind":"quiz","item":"0097-01","concept":"0097","outcome":"right","answer":"\\ud800"}',
    "junk": b"junk",
    "deep": b"[" * 100_000,
    "not utf-8": b"\xff\xfe",
}


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("case", list(BAD_LINES))
def test_why_a_history_line_was_set_aside_is_said_in_korean(home, monkeypatch, capsys, case, read_only):
    with Store.open(home) as store:
        store.record("quiz", "0097-01", "0097", "right")
    shard = next((home / "progress" / "history").iterdir())
    shard.write_bytes(BAD_LINES[case] + b"\n" + shard.read_bytes())
    monkeypatch.setenv("TUTOR_HOME", str(home))
    if read_only:
        (home / "progress" / ".lock").unlink(missing_ok=True)
        with Store.open(home, read_only=True) as reader:
            notice = reader.notice_in("ko")
    else:
        main(["--lang", "ko", "progress"])
        notice = next(line for line in capsys.readouterr().err.splitlines() if "history/" in line)
    assert "읽을 수 없는 줄 1개" in notice and _english_words(notice) == [], notice


@pytest.mark.parametrize("value", [{"name": "language", "value": "xx"}, {"name": "volume", "value": 11}, {"oops": 1}])
def test_why_a_saved_setting_was_set_aside_is_said_in_korean(home, monkeypatch, capsys, value):
    import json

    with Store.open(home) as store:
        store.set_setting("theme", "textual-light")
    state = home / "progress" / "state.json"
    tables = json.loads(state.read_text())
    tables["settings"]["9"] = value
    state.write_text(json.dumps(tables))
    monkeypatch.setenv("TUTOR_HOME", str(home))
    main(["--lang", "ko", "progress"])
    notice = next(line for line in capsys.readouterr().err.splitlines() if "설정" in line)
    assert "잘못된 설정 1개" in notice and _english_words(notice) == [], notice


def test_every_refusal_of_an_attempt_or_a_setting_has_its_korean(home):
    """Each message (even those no import reaches: a naive time given to record) in both languages:
    `str()` the English, the Korean with Hangul and no English reason left."""
    from datetime import datetime

    from tutor.commands.progress import why_not_recorded
    from tutor.progress.history import InvalidAttempt, check_time, format_time, validate
    from tutor.progress.settings import InvalidSetting, check_setting

    good = {"id": "a1", "time": "2025-01-01T00:00:00+00:00", "kind": "hint", "item": "sgd", "concept": "0097", "outcome": "shown"}
    attempts = [[], {**good, "kind": 3}, {**good, "kind": "nap"}, {**good, "outcome": "x"}, {**good, "id": "a b"}, {**good, "item": "Q"},
                {**good, "concept": "x"}, {**good, "Bad": 1}, {**good, "index": -1}, {**good, "answer": "a" * 3000}, {**good, "score": float("inf")},
                {**good, "answer": [1]}, {**good, "passed": 3, "total": 1}, {**good, "time": "soon"}, {**good, "time": "2025-01-01T00:00:00"},
                {**good, "time": "1999-01-01T00:00:00+00:00"}, {**good, "time": "2999-01-01T00:00:00+00:00"}, {**good, "time": "0001-01-01T00:00:00+01:00"},
                {**good, "answer": "\ud800"}]
    refusals = []
    for raw in attempts:
        with pytest.raises(InvalidAttempt) as caught:
            validate(raw)
        refusals.append(caught.value)
    for call in (lambda: check_time("2025"), lambda: format_time(datetime(2025, 1, 1))):
        with pytest.raises(InvalidAttempt) as caught:
            call()
        refusals.append(caught.value)
    for name, value in [("language", "xx"), ("theme", "neon"), ("last_position", {"screen": "x", "id": "y"}), ("predicted", [1]), ("volume", 1)]:
        with pytest.raises(InvalidSetting) as caught:
            check_setting(name, value)
        refusals.append(caught.value)
    assert len({r.words for r in refusals}) == len(refusals)  # each refusal its own words
    for refusal in refusals:
        assert str(refusal) == refusal.words.en and HANGUL.search(refusal.words.ko), refusal.words
        assert _english_words(refusal.words.ko) == [], refusal.words.ko
    # The record path (tutor check, hint, the app) says a refused attempt in the learner's language too.
    with Store.open(home) as store, pytest.raises(InvalidAttempt) as caught:
        store.record("quiz", "q[/x]", "0097", "right")
    assert why_not_recorded(caught.value, "ko") == caught.value.words.ko and HANGUL.search(caught.value.words.ko)


CHECKPOINT_DAMAGE = {  # state.json whose content the model's own checks refuse (JSON that parses)
    "status": {"exercises": {"1": {"id": "sgd", "concept": "0097", "status": "perfect"}}},
    "card item": {"cards": {"1": {"item": "Not an id!", "card": {}}}},
    "card": {"cards": {"1": {"item": "sgd", "card": {"due": "soon"}}}},
    "card never stamped": {"cards": {"1": {"item": "sgd", "concept": "0097", "kind": "exercise", "card": {
        "card_id": 1, "state": 1, "step": 0, "stability": None, "difficulty": None, "due": "2026-01-01T00:00:00+00:00", "last_review": None}}}},
    "field type": {"concepts": {"1": {"id": "0097", "attempts": "many"}}},
    "count": {"meta": {"1": {"schema": 1, "count": -3}}},
    "kinds": {"meta": {"1": {"schema": 1, "count": 1, "kinds": {"quiz": "one"}}}},
    "kinds sum": {"meta": {"1": {"schema": 1, "count": 2, "kinds": {"quiz": 1}}}},
    "last": {"meta": {"1": {"schema": 1, "count": 0, "kinds": {}, "last": [1, 2]}}},
    "table": {"concepts": {"1": 7}},
    "id": {"concepts": {"1": {"id": "../etc"}}},
    "marks": {"meta": {"1": {"schema": 1, "count": 0, "kinds": {}, "marks": {"2025-01.jsonl": [1, -5]}}}},
}


@pytest.mark.parametrize("case", list(CHECKPOINT_DAMAGE))
def test_why_a_checkpoint_was_set_aside_is_said_in_korean(home, monkeypatch, capsys, case):
    """The checkpoint is rebuilt from the history with a backup; the Korean notice says why in Korean."""
    import json

    with Store.open(home) as store:
        store.record("quiz", "0097-01", "0097", "right")
    tables = {"meta": {"1": {"schema": 1, "count": 0, "kinds": {}}}, **CHECKPOINT_DAMAGE[case]}
    (home / "progress" / "state.json").write_text(json.dumps(tables), encoding="utf-8")
    monkeypatch.setenv("TUTOR_HOME", str(home))
    assert main(["--lang", "ko", "progress"]) == 0
    notice = next(line for line in capsys.readouterr().err.splitlines() if "state.json" in line)
    assert "예상하지 못한 내용" in notice and _english_words(notice) == [], notice
