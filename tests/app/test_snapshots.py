"""Snapshot tests: every screen in English and Korean, at 80×24 and (the main ones) 120×40.

Deterministic by construction: the fixed test course, a fresh home at a fixed path, fixed seeds, no
clock on screen, cursor blink off. Update after an intended change with
`python -m pytest tests/app/test_snapshots.py --snapshot-update`, and look at the pictures.
"""

from __future__ import annotations

import pytest
from apphelpers import COURSE, fixed_home, wait_for, wait_for_screen
from textual.widgets import Input, TextArea

from tutor.app import create_app
from tutor.screens.exercise import ExerciseScreen
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
    await pilot.press("a")  # a wrong choice: the feedback explains the misconception
    await wait_for(pilot, lambda: screen.answered)


async def _exercise(pilot):
    pilot.app.save_setting("predicted", ["sgd"])
    pilot.app.open_exercise("sgd")
    await wait_for_screen(pilot, ExerciseScreen)


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
