"""Fixtures of the app tests: a clean environment, an app factory on a temporary home, and async tests.

Textual's Pilot is async; `async def` tests here run in their own event loop (no plugin needed).
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Callable

import pytest
from apphelpers import COURSE

from tutor.app import TutorApp, create_app


@pytest.fixture(autouse=True)
def _no_locale_or_editor(monkeypatch):
    """The learner's locale and editor must not leak into the tests."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_app(tmp_path) -> Callable[..., TutorApp]:
    def make(lang: str | None = "en", home: Path | None = None) -> TutorApp:
        return create_app(home or tmp_path, lang=lang, course_root=COURSE, seed=7, watch_interval=0.02)

    return make


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None
