"""Snapshot tests: every screen in English and Korean, at 80×24 and (the main ones) 120×40.

Deterministic by construction: the fixed test course, a fresh home at a fixed path, fixed seeds, no
clock on screen (the review queue's "N days ago" is computed at a frozen moment), cursor blink off. Update after an intended change with
`python -m pytest tests/app/test_snapshots.py --snapshot-update`, and look at the pictures.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from apphelpers import COURSE, fixed_home, open_sgd_exercise, wait_for, wait_for_screen
from textual.widgets import Input, TextArea

from tutor.app import create_app
from tutor.progress import Store
from tutor.screens.help import HelpScreen
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.quiz import QuizScreen
from tutor.screens.review import ReviewScreen


async def _lesson(pilot):
    pilot.app.open_lesson("0097")
    await wait_for_screen(pilot, LessonScreen)


async def _quiz(pilot):
    pilot.app.open_quiz("0096")
    await wait_for_screen(pilot, QuizScreen)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.instance is not None)
    # A wrong choice (the question's first option, wherever the seed put it): the feedback explains it.
    await pilot.press("abcdef"[screen.instance.order.index(0)])
    await wait_for(pilot, lambda: screen.answered)


async def _exercise(pilot):
    await open_sgd_exercise(pilot)


async def _review(pilot):
    pilot.app.open_review()
    await wait_for_screen(pilot, ReviewScreen)


async def _help(pilot):
    pilot.app.action_help()
    await wait_for_screen(pilot, HelpScreen)


async def _home(pilot):
    pass


SCREENS = {"home": _home, "lesson": _lesson, "quiz": _quiz, "exercise": _exercise, "review": _review, "help": _help}
CASES = [
    (name, lang, size)
    for name in SCREENS
    for lang in ("en", "ko")
    for size in ((80, 24), (120, 40))
    if size == (80, 24) or name in ("home", "lesson", "quiz", "exercise")
]


@pytest.mark.parametrize(("name", "lang", "size"), CASES, ids=[f"{n}-{l}-{w}x{h}" for n, l, (w, h) in CASES])
def test_screen(snap_compare, name, lang, size):
    home = fixed_home(f"{name}-{lang}-{size[0]}x{size[1]}")
    # The learner's file comes from the test course's stub, so edits to the real stub do not move pictures.
    (home / "workspace" / "sgd.py").write_text((COURSE / "exercises" / "sgd" / "stub.py").read_text(encoding="utf-8"))
    app = create_app(home, lang=lang, course_root=COURSE, seed=7)

    async def run_before(pilot):
        await wait_for_screen(pilot, HomeScreen)
        await SCREENS[name](pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


# The review queue with items due. Its reasons say how long ago an item was missed, so the attempts are
# seeded at fixed times and the queue is asked at a frozen "now".
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=timezone.utc)
SEEDED = [
    ("quiz", "0096-02", "0096", "right", NOW - timedelta(days=30)),
    ("quiz", "0096-01", "0096", "wrong", NOW - timedelta(days=7)),
    ("quiz", "0097-01", "0097", "wrong", NOW - timedelta(days=8)),
    ("check", "sgd", "0097", "fail", NOW - timedelta(days=6)),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_review_with_items_due(snap_compare, monkeypatch, lang):
    home = fixed_home(f"review-due-{lang}")
    with Store.open(home) as store:
        for kind, item, concept, outcome, time in SEEDED:
            detail = {"passed": 0, "total": 4} if kind == "check" else {}
            store.record(kind, item, concept, outcome, time=time, **detail)
    review_plan, due_count = Store.review_plan, Store.due_count
    monkeypatch.setattr(Store, "review_plan", lambda self, now=None, *a, **kw: review_plan(self, NOW, *a, **kw))
    monkeypatch.setattr(Store, "due_count", lambda self, now=None, *a, **kw: due_count(self, NOW, *a, **kw))
    app = create_app(home, lang=lang, course_root=COURSE, seed=7)

    async def run_before(pilot):
        await wait_for_screen(pilot, HomeScreen)
        await _review(pilot)
        assert pilot.app.screen.queue, "the seeded mistakes should be due"

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
