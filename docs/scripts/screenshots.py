"""Redraw the README's pictures, docs/home.svg and docs/exercise.svg, from the app as it is now.

Run it from the repository:  .venv/bin/python docs/scripts/screenshots.py
A learner a few concepts in (lessons 0096–0098 read, their quizzes tried, sgd passed, momentum written
with the classic sign slip) on a fresh temporary home, English, 100×30, the dark theme; the exercise
picture is momentum's verdict with its diagnosis.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (100, 30)
BUGGY_MOMENTUM = ROOT / "tutor" / "grading" / "variants" / "momentum" / "wrong_sign.py"  # a learner's classic slip


def seed_progress(home: Path) -> None:
    from tutor.progress import Store

    then = datetime.now(timezone.utc) - timedelta(hours=3)
    attempts = [
        ("lesson", "0096", "0096", "read"), ("quiz", "0096-01", "0096", "right"), ("quiz", "0096-02", "0096", "right"),
        ("lesson", "0097", "0097", "read"), ("quiz", "0097-01", "0097", "wrong"), ("quiz", "0097-02", "0097", "right"),
        ("check", "sgd", "0097", "pass"),
        ("lesson", "0098", "0098", "read"), ("quiz", "0098-01", "0098", "right"),
        ("check", "momentum", "0098", "fail"),  # tried: the screen grades the file as it opens
    ]
    with Store.open(home) as store:
        for n, (kind, item, concept, outcome) in enumerate(attempts):
            store.record(kind, item, concept, outcome, time=then + timedelta(minutes=5 * n))
        store.set_setting("predicted", ["sgd", "momentum"])
    workspace = home / "workspace"
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "sgd.py").write_text((ROOT / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8"))
    variant = BUGGY_MOMENTUM.read_text(encoding="utf-8")
    (workspace / "momentum.py").write_text(variant[variant.index("import numpy") :], encoding="utf-8")  # its code only


async def until(pilot, condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not get there (on {pilot.app.screen!r})")
        await pilot.pause(0.05)


def save(app, name: str) -> None:
    svg = app.export_screenshot(title="tutor")
    svg = re.sub(r"terminal-\d+", "terminal", svg)  # Rich numbers its CSS classes per run: keep diffs small
    (ROOT / "docs" / name).write_text(svg, encoding="utf-8")
    print(f"docs/{name}")


async def main() -> None:
    from tutor.app import create_app
    from tutor.screens.exercise import ExerciseScreen
    from tutor.screens.home import HomeScreen

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        seed_progress(home)
        app = create_app(home, lang="en", seed=7)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.course_loaded and app.store is not None)
            await pilot.pause(0.5)
            app.screen.query_one("#concepts").highlighted = 3  # 0098 Momentum: the concept in progress
            await pilot.pause(0.3)
            save(app, "home.svg")
            app.open_exercise("momentum")
            await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), timeout=10)
            await until(pilot, lambda: app.screen.graded is not None)
            await pilot.pause(0.5)
            save(app, "exercise.svg")


if __name__ == "__main__":
    asyncio.run(main())
