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
