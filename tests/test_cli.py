"""The command line's promises that hold for every subcommand."""

import os
import subprocess
import sys


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
