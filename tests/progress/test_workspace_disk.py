"""The learner's workspace on a home that cannot be written (a read-only tmpfs, a full one): `tutor path`,
`tutor reset --yes` and `tutor check` on an exercise whose file does not exist yet say in one line, in the
learner's language, what is wrong and what to do (exit 1), never "unexpected error".

The `disk` fixture (conftest) mounts a tmpfs, which needs root; elsewhere these tests are skipped.
"""

from __future__ import annotations

import os

import pytest

from tutor.cli import main
from tutor.workspace import WorkspaceError, learner_file, reset


def _run(capsys, monkeypatch, home, *argv):
    monkeypatch.setenv("TUTOR_HOME", str(home))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "unexpected" not in err and "예상하지" not in err and "Traceback" not in err, err
    return code, out, err


@pytest.mark.parametrize("argv", [["path", "sgd"], ["reset", "sgd", "--yes"], ["check", "sgd"]])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_read_only_home_says_in_one_line_why_the_file_cannot_be_made(disk, capsys, monkeypatch, argv, lang):
    point, remount = disk
    home = point / "home"
    (home / "workspace").mkdir(parents=True)
    remount(True)
    code, out, err = _run(capsys, monkeypatch, home, "--lang", lang, *argv)
    assert code == 1, (out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    said = [line for line in lines if "sgd.py" in line]
    assert len(said) == 1, err
    if lang == "ko":
        assert "읽기 전용" in said[0], err
    else:
        assert "read-only" in said[0] and "TUTOR_HOME" in said[0], err


def test_a_read_only_home_without_a_workspace_folder_says_so_too(disk, capsys, monkeypatch):
    point, remount = disk
    home = point / "home"
    home.mkdir()
    remount(True)
    code, _, err = _run(capsys, monkeypatch, home, "path", "sgd")
    assert code == 1 and "workspace" in err and "read-only" in err, err


def test_a_full_disk_says_it_is_full_and_leaves_no_half_file(disk, capsys, monkeypatch):
    point, _ = disk
    home = point / "home"
    (home / "workspace" / ".backup").mkdir(parents=True)
    (home / "workspace" / "sgd.py").write_text("# mine\n")
    fd = os.open(point / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    code, _, err = _run(capsys, monkeypatch, home, "reset", "sgd", "--yes")
    assert code == 1 and "full" in err, err
    assert (home / "workspace" / "sgd.py").read_text() == "# mine\n"  # the learner's file is untouched
    leftovers = [p for p in home.rglob("*") if p.name.endswith(".tmp") or (p.is_file() and p.stat().st_size == 0)]
    assert leftovers == []


def test_the_error_carries_both_languages(disk):
    point, remount = disk
    home = point / "home"
    home.mkdir()
    remount(True)
    for call in (lambda: learner_file("sgd", home), lambda: reset("sgd", home)):
        with pytest.raises(WorkspaceError) as caught:
            call()
        assert caught.value.reason == "unwritable"
        assert "read-only" in caught.value.words.en and "읽기 전용" in caught.value.words.ko
        assert isinstance(caught.value, OSError)  # callers that catch OSError keep working
