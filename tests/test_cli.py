"""The command line's promises that hold for every subcommand."""

import json
import os
import pty
import subprocess
import sys

import pytest


def test_a_closed_pipe_never_turns_a_failed_check_into_success(tmp_path):
    """`tutor check --all | head -1`: the reader goes away; the exit status must not be 0."""
    code = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"  # stdout is a pipe nobody reads
        "from tutor.cli import main\n"
        "sys.exit(main(['list']))\n"
    )
    env = {**os.environ, "TUTOR_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=False, stderr=subprocess.PIPE, env=env, text=True)
    assert out.returncode == 141
    assert "Traceback" not in out.stderr


def test_an_unexpected_error_is_one_line_for_the_learner_and_a_traceback_in_the_log(tmp_path, monkeypatch, capsys):
    from tutor import cli
    from tutor.commands import course

    def broken(args):
        raise RuntimeError("disk on fire")

    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(course, "list", broken)
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk on fire" in err and "Traceback" not in err
    assert "Traceback" in (tmp_path / "tutor.log").read_text(encoding="utf-8")


# -- no terminal, any encoding, a relative home -------------------------------------------------------


def _run(args, tmp_path, stdin=None, stdout=subprocess.PIPE, timeout=60, **env):
    environment = {**os.environ, "TUTOR_HOME": str(tmp_path), **env}
    environment.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
        env=environment, timeout=timeout, cwd=tmp_path,
    )


def test_the_app_without_a_terminal_says_so_in_one_line_and_exits_2(tmp_path):
    with open(os.devnull, "rb") as devnull:  # no terminal at all
        out = _run([], tmp_path, stdin=devnull, timeout=30)
    assert out.returncode == 2
    assert out.stdout == b""  # no escape codes
    err = out.stderr.decode()
    assert err.count("\n") == 1 and "terminal" in err and "\x1b" not in err
    master, slave = pty.openpty()  # a terminal on stdin, stdout piped (`tutor | less`)
    try:
        out = _run([], tmp_path, stdin=slave, timeout=30)
    finally:
        os.close(master)
        os.close(slave)
    assert out.returncode == 2 and out.stdout == b""
    with open(os.devnull, "rb") as devnull:
        out = _run(["--lang", "ko"], tmp_path, stdin=devnull, timeout=30)
    assert out.returncode == 2 and "터미널" in out.stderr.decode()
    with open(os.devnull, "rb") as devnull:  # `tutor next --open` starts the app too
        out = _run(["next", "--open"], tmp_path, stdin=devnull, timeout=30)
    assert out.returncode == 2 and out.stdout == b"" and "terminal" in out.stderr.decode()


@pytest.mark.parametrize("args", [["list"], ["hint", "sgd", "--lang", "ko"], ["check", "sgd"], ["lab", "optimizer_paths", "--steps", "5"], ["lab"]])
def test_the_cli_writes_on_an_ascii_stdout(tmp_path, args):
    """LANG=C or PYTHONIOENCODING=ascii: ✓, → and Hangul are replaced, never an UnicodeEncodeError."""
    out = _run(args, tmp_path, timeout=120, PYTHONIOENCODING="ascii", LANG="C")
    err = out.stderr.decode("ascii", errors="strict")  # what could not be encoded is replaced: plain ASCII
    assert out.returncode in (0, 1), err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert out.stdout.strip()
    out.stdout.decode("ascii")


def test_a_relative_tutor_home_is_one_absolute_home(tmp_path, monkeypatch):
    from tutor import paths

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUTOR_HOME", "rel/home")
    home = paths.data_home()
    assert home == tmp_path / "rel" / "home" and home.is_dir()
    assert os.environ["TUTOR_HOME"] == str(home)  # children (the sandbox, $EDITOR) get the same home
    monkeypatch.chdir(tmp_path / "rel")
    assert paths.data_home() == home  # the same home after a change of folder


def test_a_relative_tutor_home_from_the_command_line(tmp_path):
    out = _run(["path", "sgd"], tmp_path, TUTOR_HOME="my home")
    assert out.returncode == 0
    assert out.stdout.decode().strip() == str(tmp_path / "my home" / "workspace" / "sgd.py")


# -- the learner's language ---------------------------------------------------------------------------

KOREAN = [
    (["check", "--lang", "ko"], 2, "실습 이름을 주거나"),
    (["check", "foo", "--lang", "ko"], 2, "'foo'라는 실습은 없습니다"),
    (["hint", "foo", "--lang", "ko"], 2, "'foo'라는 실습은 없습니다"),
    (["solution", "sgd", "--lang", "ko"], 1, "(현재 상태: 시작 전)"),
    (["lab", "nope", "--lang", "ko"], 2, "'nope'라는 실험은 없습니다"),
    (["lab", "optimizer_paths", "--lr", "-1", "--lang", "ko"], 2, "--lr은 양수여야 합니다"),
]


@pytest.mark.parametrize(("args", "code", "said"), KOREAN, ids=[" ".join(a[:2]) for a, _, _ in KOREAN])
def test_usage_errors_in_korean(tmp_path, args, code, said):
    out = _run(args, tmp_path)
    err = out.stderr.decode()
    assert out.returncode == code, err
    assert said in err and err.count("\n") == 1 and "Traceback" not in err


def test_korean_follows_the_saved_setting_without_lang(tmp_path):
    from tutor.progress import Store

    with Store.open(tmp_path) as store:
        store.set_setting("language", "ko")
    out = _run(["check", "foo"], tmp_path)
    assert "'foo'라는 실습은 없습니다" in out.stderr.decode()


def test_reset_needs_yes_and_says_so_in_both_languages(tmp_path):
    assert _run(["path", "sgd"], tmp_path).returncode == 0
    with open(os.devnull, "rb") as devnull:
        english = _run(["reset", "sgd"], tmp_path, stdin=devnull)
        korean = _run(["reset", "sgd", "--lang", "ko"], tmp_path, stdin=devnull)
    assert english.returncode == 1 and "--yes" in english.stderr.decode()
    assert korean.returncode == 1 and "확인하려면 --yes를 붙이세요" in korean.stderr.decode()
    done = _run(["reset", "sgd", "--yes", "--lang", "ko"], tmp_path)
    assert done.returncode == 0 and "다시 스텁이 되었습니다" in done.stdout.decode()


def test_export_and_import_speak_korean(tmp_path):
    target = tmp_path / "out.json"
    first = _run(["export", str(target), "--lang", "ko"], tmp_path)
    assert first.returncode == 0 and "내보냈습니다" in first.stdout.decode()
    again = _run(["export", str(target), "--lang", "ko"], tmp_path)
    assert again.returncode == 1 and "--force를 붙이세요" in again.stderr.decode()
    back = _run(["import", str(target), "--lang", "ko"], tmp_path)
    assert back.returncode == 0 and "가져왔습니다" in back.stdout.decode()


def test_outside_text_in_an_error_is_made_safe(tmp_path):
    out = _run(["check", "\x1b]0;pwned\x07", "--lang", "ko"], tmp_path)
    err = out.stderr.decode()
    assert out.returncode == 2 and "\x1b" not in err and "␛" in err


# -- the console script: leaves at once, loses nothing ------------------------------------------------


def test_the_console_script_leaves_nothing_unwritten_in_a_file_or_a_pipe(tmp_path, monkeypatch):
    """`cli.run` ends the process with os._exit: what was printed must all be there, in a block-buffered
    file (a redirect) as in a pipe, and the exit status is main's."""
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # as on a learner's machine: stdout buffered
    listing = tmp_path / "list.json"
    with listing.open("wb") as fh:  # stdout a file: block-buffered, so an unflushed tail would be lost
        out = _run(["list", "--json"], tmp_path, stdout=fh)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(listing.read_text(encoding="utf-8"))) == 20  # every concept
    out = _run(["check", "--all", "--json", "--no-record"], tmp_path)  # a pipe; untouched stubs: exit 1
    assert out.returncode == 1, out.stderr
    assert len(json.loads(out.stdout)["results"]) == 16


@pytest.mark.parametrize("buffered", [True, False])
def test_the_console_script_never_exits_0_into_a_closed_pipe(tmp_path, monkeypatch, buffered):
    """Buffered, the broken pipe shows only when `cli.run` flushes; unbuffered, while main prints."""
    if buffered:
        monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    else:
        monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    r, w = os.pipe()
    os.close(r)
    try:
        out = _run(["list"], tmp_path, stdout=w)
    finally:
        os.close(w)
    assert out.returncode == 141
    assert out.stderr == b""  # no traceback, no "Exception ignored ... BrokenPipeError" at shutdown


def _processes_with(marker: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as fh:
                if marker.encode() in fh.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("args", [["check", "--help"], ["check", "nosuch"], ["check"], ["check", "sgd", "--all"], ["--lang", "ko", "check", "--file"]])
def test_a_check_that_never_grades_leaves_no_sandbox_child_behind(tmp_path, args):
    """The CLI starts a sandbox child before it parses its arguments; a check that stops at the arguments
    (help, a usage error) must kill it before it exits, not leave it waiting."""
    marker = f"TUTOR_TEST_MARK={os.getpid()}-{id(args)}"
    out = _run(args, tmp_path, **dict([marker.split("=")]))
    assert out.returncode in (0, 2), out.stderr
    assert _processes_with(marker) == []


def test_the_command_is_read_before_parsing_as_the_parser_reads_it():
    """`main` reads the command from argv before argparse (to start a check's child at once): every
    top-level option that takes a value must be known there, or its value could be taken for the command."""
    import argparse

    from tutor.cli import _command_in, _parser

    takes_value = {
        option for action in _parser()._actions if not isinstance(action, argparse._SubParsersAction) and action.nargs != 0
        for option in action.option_strings
    }
    assert takes_value == {"--lang"}  # a new one goes into _command_in too
    assert _command_in(["--lang", "ko", "check", "adam"]) == "check"
    assert _command_in(["--lang=ko", "check"]) == "check"
    assert _command_in(["--version"]) is None and _command_in([]) is None
    assert _command_in(["progress", "check"]) == "progress"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal test")
def test_quitting_the_app_leaves_the_terminal_as_it_found_it(tmp_path):
    """`cli.run` ends with os._exit: Textual's last writes (leave the alternate screen, show the cursor,
    stop mouse reporting) must reach the terminal before it, every time."""
    import fcntl
    import select
    import struct
    import termios
    import time

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TUTOR_HOME": str(tmp_path), "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "tutor"], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = b""

    def read_for(seconds: float, until: bytes | None = None) -> None:
        nonlocal seen
        end = time.monotonic() + seconds
        while time.monotonic() < end and not (until and until in seen):
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the process has gone: the terminal closed
                    return
                if not chunk:
                    return
                seen += chunk

    try:
        read_for(30, until="0096".encode())  # the home screen's first concept: the app is up
        assert b"\x1b[?1049h" in seen, seen[-300:]  # it took the alternate screen
        read_for(1)
        os.write(master, b"\x11")  # ctrl+q
        read_for(10)
        proc.wait(timeout=20)
        read_for(2)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert proc.returncode == 0
    tail = seen[seen.rindex(b"\x1b[?1049h") :]
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail, tail[-300:]  # back to the screen, cursor shown
