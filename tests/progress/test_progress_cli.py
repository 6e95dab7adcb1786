"""`tutor progress`, `tutor review`, `tutor export`, `tutor import` as a learner runs them."""

from __future__ import annotations

import json

import pytest
from progresshelpers import at

from tutor.cli import main
from tutor.commands import progress as commands
from tutor.progress import Store


@pytest.fixture
def env(home, course, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.setattr(commands, "_course", lambda args: course)
    return home


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_progress_json_per_concept(env, capsys):
    with Store.open(env) as store:
        store.record("quiz", "0097-q1", "0097", "right")
        store.record("check", "sgd", "0097", "pass")
        store.record("check", "momentum", "0098", "fail")
    code, out, _ = _run(capsys, "progress", "--json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)["concepts"]}
    assert list(rows) == ["0097", "0098", "0100", "0101"]
    assert rows["0097"]["exercises_passed"] == 1 and rows["0097"]["exercises_total"] == 1
    assert rows["0097"]["mastery"] > rows["0098"]["mastery"] == 0
    assert rows["0098"]["reviews_due"] == 0 and rows["0101"]["mastery"] == 0


def test_progress_text_in_korean(env, capsys):
    with Store.open(env) as store:
        store.record("check", "sgd", "0097", "pass")
    code, out, _ = _run(capsys, "--lang", "ko", "progress")
    assert code == 0 and "숙달도" in out and "확률적 경사 하강법" in out and "1/1" in out
    assert "숙달도: 한 개념에서 최근 결과 5개 중 맞힌 비율입니다." in out  # what the figure means, where it is shown


def test_review_says_what_is_due_and_why(env, capsys):
    with Store.open(env) as store:
        store.record("quiz", "0098-q1", "0098", "wrong", time=at(0))
    code, out, _ = _run(capsys, "review")
    assert code == 0 and "0098 Momentum" in out and "0098-q1" not in out and "wrong" in out  # titles, never raw ids
    code, out, _ = _run(capsys, "review", "--json")
    data = json.loads(out)
    assert data["reviews_due"] == 1 and data["items"][0]["item"] == "0098-q1"
    assert data["items"][0]["reason"]["ko"]


def test_export_then_import_elsewhere_round_trips(env, tmp_path, capsys, monkeypatch):
    with Store.open(env) as store:
        for n in range(5):
            store.record("quiz", f"0097-q{n % 2 + 1}", "0097", "right" if n % 2 else "wrong", time=at(n))
        store.record("hint", "sgd", "0097", "shown", index=0, time=at(6))
        store.set_setting("language", "ko")
        original = store.attempts()
        card = store.card("0097-q1").to_dict()
    exported = tmp_path / "progress.json"
    assert _run(capsys, "export", str(exported))[0] == 0
    other = tmp_path / "laptop"
    monkeypatch.setenv("TUTOR_HOME", str(other))
    code, out, _ = _run(capsys, "import", str(exported))
    assert code == 0 and "6 new" in out
    with Store.open(other) as store:
        assert store.attempts() == original
        assert store.card("0097-q1").to_dict() == card and store.hints_shown("sgd") == 1
        assert store.get_setting("language") == "ko"
    code, out, _ = _run(capsys, "import", str(exported))  # again: nothing duplicated
    assert code == 0 and "새 기록 0개" in out  # in Korean now: the imported setting is the learner's language
    with Store.open(other) as store:
        assert len(store.attempts()) == 6


def test_import_merges_with_what_is_already_here(env, tmp_path, capsys, monkeypatch):
    with Store.open(env) as store:
        store.record("check", "sgd", "0097", "fail", time=at(0))
        store.record("check", "sgd", "0097", "pass", time=at(5))
    exported = tmp_path / "desktop.json"
    _run(capsys, "export", str(exported))
    other = tmp_path / "laptop"
    with Store.open(other) as store:
        store.record("quiz", "0098-q1", "0098", "right", time=at(2))  # in between, on the laptop
        store.set_setting("language", "en")
        mine = store.attempts()
    monkeypatch.setenv("TUTOR_HOME", str(other))
    assert _run(capsys, "import", str(exported))[0] == 0
    with Store.open(other) as store:
        attempts = store.attempts()
        assert len(attempts) == 3 and mine[0] in attempts
        assert [a["time"] for a in attempts] == sorted(a["time"] for a in attempts)
        assert store.exercise_status("sgd") == "passed"
        assert store.get_setting("language") == "en"  # the local setting wins


BAD_FILES = {
    "missing": None,
    "not json": b"{ nope",
    "not utf-8": b"\xff\xfe{}",
    "not an export": b'{"attempts": []}',
    "bad attempt": json.dumps(
        {"format": "tutor-progress", "version": 1, "settings": {}, "attempts": [
            {"id": "a", "time": "2025-01-01T00:00:00+00:00", "kind": "quiz", "item": "q", "concept": "c", "outcome": "right"},
            {"id": "b", "time": "yesterday", "kind": "quiz", "item": "q", "concept": "c", "outcome": "right"},
        ]}
    ).encode(),
    "newer version": b'{"format": "tutor-progress", "version": 9, "attempts": []}',
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_import_file_is_one_line_and_changes_nothing(env, tmp_path, capsys, case):
    with Store.open(env) as store:
        store.record("quiz", "0097-q1", "0097", "right")
    before = {p: p.read_bytes() for p in (env / "progress").rglob("*") if p.is_file()}
    bad = tmp_path / "bad.json"
    if BAD_FILES[case] is not None:
        bad.write_bytes(BAD_FILES[case])
    code, out, err = _run(capsys, "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("tutor: ") and err.count("\n") == 1
    assert {p: p.read_bytes() for p in (env / "progress").rglob("*") if p.is_file()} == before


def test_export_never_replaces_a_file_unless_asked(env, tmp_path, capsys):
    with Store.open(env) as store:
        store.record("quiz", "0097-q1", "0097", "right")
    target = tmp_path / "notes.json"
    target.write_text("the learner's own notes", encoding="utf-8")
    code, _, err = _run(capsys, "export", str(target))
    assert code == 1 and "--force" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "the learner's own notes"
    assert _run(capsys, "export", str(target), "--force")[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))
