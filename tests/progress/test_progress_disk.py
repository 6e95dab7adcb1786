"""A home that cannot be written: a read-only file system, a full disk (a small tmpfs), a home copied from
another machine (its checkpoint then names other inodes, so it is stale).

The promise: reading (progress, review, list, export, the app's home screen) works when nothing can be
written; a command that cannot record says so in one line, in the learner's language, and exits 1; no
partial file (a half line, a temporary file, a half backup) is left behind.

These tests mount a tmpfs, which needs root and a kernel that allows it; elsewhere they are skipped.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tutor import paths
from tutor.cli import main
from tutor.progress import Store
from tutor.progress.history import encode, validate

PAGE = 4096


def _made_elsewhere(tmp_path: Path) -> Path:
    """A home with a passed exercise, a few attempts and a setting, made on "another machine"."""
    home = tmp_path / "elsewhere"
    with Store.open(home) as store:
        store.record("check", "sgd", "0097", "fail", passed=1, total=4)
        store.record("check", "sgd", "0097", "pass")
        store.record("quiz", "0097-01", "0097", "wrong")
        store.set_setting("language", "en")
    return home


def _copied(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)  # new inodes: the checkpoint's marks no longer match
    return target


def _align_shards(home: Path) -> None:
    """Pad every shard with valid attempts to a whole number of pages, so that on a full tmpfs even one
    more line needs a page that is not there."""
    for shard in (home / "progress" / "history").iterdir():
        n = 0
        while shard.stat().st_size % PAGE:
            remaining = PAGE - shard.stat().st_size % PAGE
            attempt = validate({"id": f"pad{n}", "time": f"{shard.stem}-01T00:00:00+00:00", "kind": "lesson", "item": "0096", "concept": "0096", "outcome": "read", "note": ""})
            base = len(encode(attempt))
            attempt["note"] = "x" * (min(2000, remaining - base) if remaining >= base else 2000)
            with open(shard, "ab") as fh:
                fh.write(encode(attempt))
            n += 1


def _fill(point: Path) -> None:
    fd = os.open(point / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * PAGE)
    except OSError:
        pass
    finally:
        os.close(fd)


def _run(capsys, monkeypatch, home: Path, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("TUTOR_HOME", str(home))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "unexpected" not in err and "Traceback" not in err, err
    return code, out, err


def _reading_works(capsys, monkeypatch, home: Path, tmp_path: Path) -> None:
    lines = sum(len(shard.read_bytes().splitlines()) for shard in (home / "progress" / "history").iterdir())
    code, out, _ = _run(capsys, monkeypatch, home, "progress", "--json")
    assert code == 0 and json.loads(out)["attempts"]["total"] == lines  # every line once, none twice
    for argv in (["progress"], ["review"], ["list"], ["export", str(tmp_path / "out.json"), "--force"]):
        code, out, err = _run(capsys, monkeypatch, home, *argv)
        assert code == 0, (argv, err)
    assert len(json.loads((tmp_path / "out.json").read_text())["attempts"]) == lines


def _leftovers(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.name.endswith(".tmp") or (p.parent.name == "backup" and p.stat().st_size == 0)]


def test_a_read_only_home_copied_from_elsewhere_is_read_and_nothing_is_silently_dropped(disk, tmp_path, capsys, monkeypatch):
    point, remount = disk
    home = _copied(_made_elsewhere(tmp_path), point / "home")
    remount(True)
    _reading_works(capsys, monkeypatch, home, tmp_path)
    code, out, err = _run(capsys, monkeypatch, home, "hint", "sgd")
    assert code == 1 and "Hint 1" in out
    assert err.count("\n") == 1 and "this hint was not recorded" in err and "cannot be written" in err
    code, out, err = _run(capsys, monkeypatch, home, "--lang", "ko", "solution", "sgd")
    assert code == 1 and "class SGD" in out and "해답을 본 것이 기록되지 않았습니다" in err and "쓸 수 없습니다" in err
    solution = paths.exercises_dir() / "sgd" / "solution.py"
    code, out, err = _run(capsys, monkeypatch, home, "check", "sgd", "--file", str(solution))
    assert code == 1 and "✓ sgd" in out  # it passed, and the learner is told it was not recorded
    assert "not recorded" in err and "cannot be written" in err and "another tutor" not in err


def test_a_full_disk_blocks_no_reading_and_leaves_nothing_half_written(disk, tmp_path, capsys, monkeypatch):
    point, _ = disk
    home = _copied(_made_elsewhere(tmp_path), point / "home")
    _align_shards(home)
    _fill(point)
    before = {p: p.read_bytes() for p in (home / "progress" / "history").iterdir()}
    _reading_works(capsys, monkeypatch, home, tmp_path)
    code, out, err = _run(capsys, monkeypatch, home, "hint", "sgd")
    assert code == 1 and "Hint" in out and "the disk holding" in err and "is full" in err
    with Store.open(home) as store:
        with pytest.raises(Exception) as caught:
            store.record("quiz", "0097-01", "0097", "right")
        assert getattr(caught.value, "reason", None) == "no-space"
    assert {p: p.read_bytes() for p in (home / "progress" / "history").iterdir()} == before  # no half line
    assert _leftovers(home) == []


def test_a_repair_that_cannot_be_written_opens_read_only_and_leaves_no_partial_backup(disk, tmp_path):
    point, _ = disk
    home = _copied(_made_elsewhere(tmp_path), point / "home")
    shard = next((home / "progress" / "history").iterdir())
    shard.write_bytes(shard.read_bytes() + b"damaged line\n" + b"y" * 300_000 + b"\n")  # a backup needs room
    _fill(point)
    with Store.open(home) as store:
        assert store.read_only and "could not be repaired" in store.notice and "unreadable line" in store.notice
        assert len(store.attempts()) == 3 and store.exercise_status("sgd") == "passed"
    assert _leftovers(home) == []
    backups = home / "progress" / "backup"
    assert not backups.exists() or list(backups.iterdir()) == []


def test_the_app_starts_on_a_read_only_home(disk, tmp_path):
    from tutor.app import create_app

    point, remount = disk
    home = _copied(_made_elsewhere(tmp_path), point / "home")
    remount(True)
    app = create_app(home)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(500):
                if app.store is not None:
                    break
                await pilot.pause(0.02)
            assert app.store is not None and app.store.read_only
            assert app.store.exercise_statuses() == {"sgd": "passed"}
            await pilot.press("r")  # the review screen opens from a read-only store
            await pilot.pause(0.2)

    asyncio.run(run())
