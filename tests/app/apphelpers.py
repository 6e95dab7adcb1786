"""Helpers of the app tests: the fixed course, a stable home folder, waiting for the app, saving like an editor.

The fixed course (`tests/app/course/`: three concepts in two groups, every question type, the `sgd`
exercise) keeps Pilot and snapshot tests independent of lesson edits. Grading runs the real grader,
which reads `exercises/sgd` of the real course; the fixture's stub and solution follow the same surface.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

COURSE = Path(__file__).parent / "course"


def fixed_home(name: str) -> Path:
    """A home whose path does not change between runs (the exercise screen shows the file's path)."""
    base = Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())  # not $TMPDIR: it varies
    home = base / "tutor-app-tests" / name
    shutil.rmtree(home, ignore_errors=True)
    (home / "workspace").mkdir(parents=True)
    return home


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the app run until `condition()` holds (workers finish, files are polled); fail after `timeout`."""
    steps = int(timeout / 0.02)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "the app did not get there"


def editor_save(path: Path, text: str) -> None:
    """Write a file the way editors do: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


async def wait_for_screen(pilot, screen_class) -> None:
    """Until the app shows a mounted screen of that class (pushed screens mount a moment later)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, screen_class) and app.screen.is_mounted and app.course_loaded)
    await pilot.pause()


async def open_sgd_exercise(pilot):
    """The `sgd` exercise screen, its predict-before-you-code question marked as already asked."""
    from tutor.screens.exercise import ExerciseScreen

    pilot.app.save_setting("predicted", ["sgd"])
    pilot.app.open_exercise("sgd")
    await wait_for_screen(pilot, ExerciseScreen)
    return pilot.app.screen
