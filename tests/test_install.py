"""The installed package (not just this checkout) carries the course: run it from an unrelated folder."""

import json
import os
import subprocess
import sys


def test_installed_tutor_lists_the_whole_course_from_anywhere(tmp_path):
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    out = subprocess.run(
        [sys.executable, "-m", "tutor", "list", "--json"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    listing = json.loads(out.stdout)
    concepts = listing["concepts"] if isinstance(listing, dict) else listing
    assert [c["id"] for c in concepts] == [f"{n:04d}" for n in range(96, 116)]
    assert sum(len(c["exercises"]) for c in concepts) == 16


def test_the_installed_tutor_command_checks_and_lists(tmp_path):
    """The console script pip made (`tutor = tutor.cli:run`), as a learner types it."""
    import pytest

    script = os.path.join(os.path.dirname(sys.executable), "tutor")
    if not os.path.exists(script):
        pytest.skip("no `tutor` script beside this Python (not installed with pip here)")
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    out = subprocess.run([script, "check", "sgd", "--json", "--no-record"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 1 and json.loads(out.stdout)["started"] is False, out.stderr
    out = subprocess.run([script, "--version"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("tutor "), out.stderr
