"""Fixtures of the progress tests: a temporary home and a fake course (see progresshelpers)."""

from __future__ import annotations

import os
import subprocess

import pytest
from progresshelpers import make_course

from tutor.content import load_course
from tutor.progress import Store


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def store(home):
    with Store.open(home) as s:
        yield s


@pytest.fixture
def course(tmp_path):
    return load_course(make_course(tmp_path / "course"))


@pytest.fixture
def disk(tmp_path):
    """A 1 MB tmpfs: (mount point, remount(read_only: bool))."""
    point = tmp_path / "disk"
    point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")

    def remount(read_only: bool) -> None:
        subprocess.run(["mount", "-o", f"remount,{'ro' if read_only else 'rw'}", str(point)], check=True)

    try:
        yield point, remount
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
