"""Fixtures of the progress tests: a temporary home and a fake course (see progresshelpers)."""

from __future__ import annotations

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
