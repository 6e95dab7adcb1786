"""Benchmarks of the TUI: start-up, save → verdict latency in watch mode, memory. (The README pictures: docs/scripts/screenshots.py.)

    python benchmarks/tui.py            print the figures

1. Time to the first screen painted, from a cold process in a pseudo-terminal: `python -m tutor`
   until the home screen's text reaches the terminal, next to a bare Textual app measured the same way
   in the same run (goal ≤ 1.3×). Three moments of the home screen: its title, its first concept row,
   and the learner's figures (reviews due, mastery), which fill in once the progress store is open.
2. Save → verdict in watch mode: the exercise screen open, the learner's file saved the ways editors
   save (a new file renamed over it, and truncate-then-write as nano and VS Code do), twenty times
   (alternately failing and passing); the time until the verdict for exactly those bytes is on screen
   (goal ≤ 150 ms p50).
3. Memory: the resident set size of a fresh process after visiting every screen (goal ≤ 150 MB).
4. Screen changes (goal ≤ 100 ms p50 each): home → lesson, lesson → exercise, exercise → lesson (back),
   lesson → home (back), in an 80×24 app driven in-process; from the key press until the new screen
   is mounted, filled in (the lesson's text, the learner's file in the editor) and painted.
   `--changes` measures only these; `--profile` prints a pyinstrument profile of them (`--flat` for a
   flat list of the hottest functions).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App):
    def compose(self):
        yield Static("BARE-READY")
        yield Footer()
Bare().run()
"""


def time_to_paint(argv: list[str], marker: bytes, env: dict, timeout: float = 30.0) -> float:
    """Seconds from spawning `argv` in an 80×24 pseudo-terminal until `marker` is written to it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, cwd=ROOT)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - start
        raise RuntimeError(f"{argv} never painted {marker!r}")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def start_up(repeats: int = 9) -> tuple[float, float, float, float]:
    """Medians of: tutor's first screen (the home screen's title), its first concept row, its figures
    (reviews due), and a bare app."""
    home = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    env = dict(os.environ, TUTOR_HOME=str(home), TERM="xterm-256color", LANG="en_US.UTF-8", COLUMNS="80", LINES="24")
    env.pop("LC_ALL", None)
    first, listed, filled, bare = [], [], [], []
    for _ in range(repeats):  # interleaved, so all of them see the same machine state
        bare.append(time_to_paint([sys.executable, "-c", BARE_APP], b"BARE-READY", env))
        first.append(time_to_paint([sys.executable, "-m", "tutor"], b"Deep Learning", env))
        listed.append(time_to_paint([sys.executable, "-m", "tutor"], b"0096 ", env))
        filled.append(time_to_paint([sys.executable, "-m", "tutor"], b"reviews due", env))  # the course progress line
    shutil.rmtree(home, ignore_errors=True)
    return statistics.median(first), statistics.median(listed), statistics.median(filled), statistics.median(bare)


def editor_save(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


async def _wait(pilot, condition, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise RuntimeError("timed out")
        await pilot.pause(0.005)


async def save_to_verdict(saves: int = 20) -> list[float]:
    from tutor.app import create_app
    from tutor.screens.exercise import ExerciseScreen

    home = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    app = create_app(home, lang="en")  # the default watch interval, as a learner gets it
    solution = (ROOT / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8")
    wrong = solution.replace("-=", "+=")
    latencies = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: app.course_loaded)
        app.save_setting("predicted", ["sgd"])
        app.open_exercise("sgd")
        await _wait(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.path is not None)
        screen = app.screen
        path = screen.path
        editor_save(path, wrong)  # one unmeasured grading: the first one warms the disk cache
        await _wait(pilot, lambda: screen.verdicts == 1)
        for i in range(saves):
            await pilot.pause(0.05)
            text = (solution if i % 2 else wrong) + f"\n# save {i}\n"
            saved = time.perf_counter()
            if i % 4 < 2:
                editor_save(path, text)
            else:  # truncate, then write: how nano and VS Code save
                with open(path, "r+", encoding="utf-8") as fh:
                    fh.truncate(0)
                    fh.write(text)
            await _wait(pilot, lambda: screen.graded_bytes == text.encode() and not screen.grading)
            latencies.append(screen.verdict_time - saved)
    shutil.rmtree(home, ignore_errors=True)
    return latencies


async def visit_every_screen() -> None:
    """The RSS child: open every screen once (grading and a lab included), then report VmRSS."""
    from tutor.app import create_app
    from tutor.screens.home import HomeScreen

    home = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    app = create_app(home, lang="en", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: app.course_loaded)
        for open_screen in (
            lambda: app.open_lesson("0101"),
            lambda: app.open_quiz("0101"),
            lambda: app.open_exercise("adam"),  # its predict question first
            lambda: app.open_exercise("sgd"),
            lambda: app.open_lab(app.course.concept("0102").labs[0]),
            app.open_review,
            app.action_help,
        ):
            open_screen()
            await pilot.pause(0.5)
            if hasattr(app.screen, "action_check"):
                app.screen.action_check()
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            while not isinstance(app.screen, HomeScreen):  # back home, as a learner would
                app.pop_screen()
                await pilot.pause(0.1)
        rss = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmRSS"))
        print(int(rss.split()[1]) // 1024)
    shutil.rmtree(home, ignore_errors=True)


CHANGES = ("home -> lesson", "lesson -> exercise", "exercise -> lesson", "lesson -> home")


async def screen_changes(rounds: int = 15) -> dict[str, list[float]]:
    """Seconds per screen change, `rounds` times each (a different concept each round, so nothing is
    only warm because the same screen was just shown)."""
    from textual.widgets import Markdown, TextArea

    from tutor.app import create_app
    from tutor.screens.exercise import ExerciseScreen
    from tutor.screens.home import HomeScreen
    from tutor.screens.lesson import LessonScreen

    home = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    app = create_app(home, lang="en", seed=1)
    times: dict[str, list[float]] = {name: [] for name in CHANGES}

    cpu: dict[str, list[float]] = {name: [] for name in CHANGES}

    async def change(name: str, key: str, condition) -> None:
        """Press `key`, then poll (every millisecond, without Pilot's waits for idleness) until
        `condition` holds, then draw the frame the terminal would get."""
        wall, used = time.perf_counter(), time.process_time()
        app.simulate_key(key)
        end = wall + 30
        while not condition():
            if time.perf_counter() > end:
                raise RuntimeError(f"{name}: timed out")
            await asyncio.sleep(0.001)
        app.screen._compositor.render_update(full=True)
        times[name].append(time.perf_counter() - wall)
        cpu[name].append(time.process_time() - used)

    def lesson_shown(concept_id: str):
        def shown() -> bool:
            screen = app.screen
            return (
                isinstance(screen, LessonScreen)
                and screen.concept_id == concept_id
                and screen.is_mounted
                and bool(screen.query_one("#lesson", Markdown).children)
            )

        return shown

    def exercise_shown(exercise_id: str):
        def shown() -> bool:
            screen = app.screen
            return (
                isinstance(screen, ExerciseScreen)
                and screen.exercise_id == exercise_id
                and screen.is_mounted
                and bool(screen.query_one("#editor", TextArea).text)
            )

        return shown

    async with app.run_test(size=(80, 24)) as pilot:
        await _wait(pilot, lambda: app.course_loaded and app.store is not None)
        concepts = [c for c in app.course.concepts if c.exercises]
        app.save_setting("predicted", [e for c in concepts for e in c.exercises])  # no predict questions first
        await pilot.pause(0.3)
        for i in range(rounds):
            concept = concepts[i % len(concepts)]
            exercise_id = concept.exercises[0]
            options = app.screen.query_one("#concepts")
            options.highlighted = options.get_option_index(concept.id)
            await pilot.pause(0.05)
            await change("home -> lesson", "enter", lesson_shown(concept.id))
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)  # the learner reads a moment: the whole lesson is in by then
            await change("lesson -> exercise", "e", exercise_shown(exercise_id))
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            await change("exercise -> lesson", "escape", lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted)
            await pilot.pause(0.1)
            await change("lesson -> home", "escape", lambda: isinstance(app.screen, HomeScreen) and app.screen.is_mounted)
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
    shutil.rmtree(home, ignore_errors=True)
    return times, cpu


def print_screen_changes(measured: tuple[dict[str, list[float]], dict[str, list[float]]]) -> None:
    """Wall-clock p50/p90 (the goal), and the median CPU time the app used (what the change costs
    on a quiet machine: on a shared one the wall clock also counts waiting for a core)."""
    times, cpu = measured
    print(f"screen changes (80x24, {len(next(iter(times.values())))} rounds each; goal p50 <= 100 ms):")
    for name, values in times.items():
        values = sorted(values)
        p50 = statistics.median(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        print(f"  {name:<20} p50 {p50 * 1000:4.0f} ms, p90 {p90 * 1000:4.0f} ms (CPU {statistics.median(cpu[name]) * 1000:.0f} ms)")


def main() -> None:
    if sys.argv[1:] == ["--visit"]:
        asyncio.run(visit_every_screen())
        return
    if sys.argv[1:2] == ["--profile"]:
        from pyinstrument import Profiler  # pip install pyinstrument

        with Profiler(async_mode="enabled") as profiler:
            measured = asyncio.run(screen_changes(rounds=5))
        print_screen_changes(measured)
        from pyinstrument.renderers import ConsoleRenderer

        print(profiler.output(ConsoleRenderer(flat="--flat" in sys.argv, show_all=False, unicode=True)))
        return
    if sys.argv[1:] == ["--changes"]:
        print_screen_changes(asyncio.run(screen_changes()))
        return
    first, listed, filled, bare = start_up()
    print(
        f"first screen painted (80x24, cold process, median of 9): tutor {first * 1000:.0f} ms, "
        f"bare Textual app {bare * 1000:.0f} ms, ratio {first / bare:.2f}x (goal <= 1.3x); "
        f"first concept row {listed * 1000:.0f} ms ({listed / bare:.2f}x); "
        f"progress figures {filled * 1000:.0f} ms ({filled / bare:.2f}x)"
    )
    latencies = sorted(asyncio.run(save_to_verdict()))
    p50 = statistics.median(latencies)
    p90 = latencies[int(0.9 * (len(latencies) - 1))]
    print(f"save -> verdict in watch mode ({len(latencies)} saves): p50 {p50 * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms "
          f"(goal p50 <= 150 ms)")
    out = subprocess.run([sys.executable, __file__, "--visit"], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, TUTOR_HOME=tempfile.mkdtemp()))
    rss = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else f"failed: {out.stderr[-300:]}"
    print(f"RSS after visiting every screen: {rss} MB (goal <= 150 MB)")
    print_screen_changes(asyncio.run(screen_changes()))


if __name__ == "__main__":
    main()
