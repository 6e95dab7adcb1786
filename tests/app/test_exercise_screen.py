"""The exercise screen as a careless or hostile learner meets it.

Watch mode is exact however the file is saved; results lead with the verdict, the diagnosis and the first
failure, in the learner's language, and never let the learner's output reach the terminal raw; keys do
not type into the code by surprise; leaving with unsaved edits asks; the editor indents; files that are
not UTF-8 or hold control characters open read-only and are never rewritten; the task is shown in the
learner's language with formulas kept whole; hints are Markdown and come into view at 80×24.
"""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path

import pytest
from apphelpers import COURSE, editor_save, open_sgd_exercise, wait_for, wait_for_screen
from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Static

from tutor.app import create_app
from tutor.content import load_course
from tutor.grading.results import Result, T
from tutor.grading.results import TestResult as CheckResult  # not "Test…": pytest would collect it
from tutor.screens.exercise import ExerciseScreen, LeaveScreen
from tutor.screens.home import HomeScreen
from tutor.widgets import tasktext
from tutor.widgets.editor import CodeEditor
from tutor.widgets.results import render_results, verdict

SOLUTION = (COURSE / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8")
REAL_EXERCISES = Path(__file__).resolve().parents[2] / "exercises"


def shown(widget) -> str:
    """The text a widget shows, as the terminal would get it (wide enough not to wrap)."""
    console = Console(width=400, record=True, color_system=None, legacy_windows=False)
    console.print(widget.content)
    return console.export_text()


def side_text(screen) -> str:
    return "\n".join(shown(w) for w in screen.query("#exercise-side Static"))


# -- results ------------------------------------------------------------------------------------------


def _result(lang: str, **extra) -> dict:
    case_en, case_ko = "Case: SGD(lr=0.1), params W=[{}].", "사례: SGD(lr=0.1), 매개변수 W=[{}]."
    tests = [
        {"name": "one step", "status": "pass", "message": None, "output": None},
        *(
            {
                "name": f"check {i}",
                "status": "fail",
                "message": ("expected 0.9, got 0.95. " + case_en if lang == "en" else "기대값 0.9, 실제값 0.95. " + case_ko).format(i),
                "output": None,
            }
            for i in range(1, 5)
        ),
        {"name": "other", "status": "fail", "message": "grads changed", "output": None},
    ]
    data = {
        "version": 2,
        "status": "fail",
        "message": tests[1]["message"],
        "tests": tests,
        "diagnosis": [{"variant": "v", "concept": "0097", "message": {"en": "you added the step. See 0097.", "ko": "걸음을 더했습니다. 0097을 다시 보세요."}}],
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_results_lead_with_verdict_diagnosis_first_failure_and_collapse_the_same_failure(lang):
    data = _result(lang)
    line, style = verdict(data, lang)
    assert style == "fail" and ("5 of 6" in line if lang == "en" else "6개 중 5개" in line)
    lines = render_results(data, lang).plain.splitlines()
    assert lines[0].startswith("What went wrong:" if lang == "en" else "무엇이 잘못되었나:")
    assert lines[0].count("0097") == 1  # the concept to revisit, once
    assert lines[1].endswith("check 1")
    assert "W=[1]" in lines[2]  # the first failure, with its case
    assert lines[3].strip() == ("The same in 3 more checks." if lang == "en" else "다른 확인 3개에서도 같습니다.")
    body = "\n".join(lines)
    assert "W=[2]" not in body and "W=[3]" not in body  # collapsed, not repeated
    assert "grads changed" in body  # a different failure is still shown


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_error_before_any_check_shows_what_the_code_printed(lang):
    data = {"status": "error", "started": True, "message": "line 2 in <module>: RuntimeError: boom", "output": "hello ␛[2J\n", "tests": []}
    shown_text = render_results(data, lang).plain
    assert "hello ␛[2J" in shown_text and ("printed" in shown_text or "출력한" in shown_text)


def test_a_diagnosis_that_does_not_name_its_concept_gets_it_once():
    data = _result("en", diagnosis=[{"variant": "v", "concept": "0101", "message": {"en": "no bias correction", "ko": "편향 보정 없음"}}])
    first = render_results(data, "en").plain.splitlines()[0]
    assert first.count("0101") == 1 and "revisit" in first


def test_learner_output_and_errors_are_shown_safely():
    hostile = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil"
    data = _result("en", status="error", tests=[], diagnosis=[], message=f"line 3: ValueError: {hostile}")
    data["tests"] = [{"name": "step", "status": "error", "message": hostile, "output": hostile}]
    text = render_results(data, "en")
    assert isinstance(text, type(render_results(_result("en"), "en")))  # Text, never markup
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in text.plain
    assert "␛" in text.plain and "<U+202E>" in text.plain and "\\x9b" in text.plain


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_untouched_stub_is_not_started_not_failed(lang):
    data = _result(lang, started=False)
    line, style = verdict(data, lang, "/home/me/workspace/sgd.py")
    assert style == "new" and "/home/me/workspace/sgd.py" in line
    assert "✗" not in render_results(data, lang).plain


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_changed_file_that_still_stops_at_a_todo_is_told_where_not_that_it_is_untouched(make_app, lang):
    """The real grader: a file with a line added is changed, yet not started (it still raises at the TODO).
    The screen says where it stops, and never that the file is still the stub or that saving checks it."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        changed = "import math  # my notes\n\n" + screen.path.read_text(encoding="utf-8")
        todo = next(i for i, line in enumerate(changed.splitlines(), 1) if "raise NotImplementedError" in line)
        editor_save(screen.path, changed)
        await wait_for(pilot, lambda: screen.verdicts == 1)
        assert screen.result["started"] is False
        text = side_text(screen)
        assert (f"line {todo}" if lang == "en" else f"{todo}번째 줄") in text
        for untrue in ("still the stub", "처음 상태", "Save it", "저장하면(여기서"):
            assert untrue not in text
        # without a line to name, the same truth in general words
        data = dict(screen.result, tests=[], message="")
        assert ("stops at a TODO" if lang == "en" else "TODO 자리에서 멈춥니다") in render_results(data, lang).plain


# -- watch mode ---------------------------------------------------------------------------------------

GOOD, BAD = SOLUTION.encode(), SOLUTION.replace("-=", "+=").encode()


def fake_grade(delay: float):
    """A grader that takes `delay` seconds and passes exactly the GOOD bytes: the verdict says which
    bytes it saw, and how it was given them does not matter."""

    def grade(exercise_id, file=None, home=None, child=None, **_):
        if child is not None:
            child.discard()
        path = Path(file) if file is not None else Path(home) / "workspace" / f"{exercise_id}.py"
        data = path.read_bytes()
        time.sleep(delay)
        if not data.strip():
            return Result(exercise_id, "error", T(f"{path} is empty", f"{path}이(가) 비어 있습니다"))
        status = "pass" if data == GOOD else "fail"
        return Result(exercise_id, status, None, [CheckResult(T("all", "all"), status, None if status == "pass" else T("no", "no"))])

    return grade


def save_truncate_write(path: Path, data: bytes) -> None:  # nano, VS Code
    with open(path, "r+b") as fh:
        fh.truncate(0)
        fh.write(data)


def save_truncate_then_chunks(path: Path, data: bytes) -> None:  # a slow writer
    with open(path, "r+b", buffering=0) as fh:
        fh.truncate(0)
        for at in range(0, len(data), 97):
            fh.write(data[at : at + 97])
            time.sleep(0.002)


def save_rename(path: Path, data: bytes) -> None:  # vim's and most IDEs' atomic save
    editor_save(path, data.decode())


def save_burst(path: Path, data: bytes) -> None:  # autosave: several saves in quick succession
    other = BAD if data == GOOD else GOOD
    for version in (other, data, other, data):
        save_truncate_write(path, version)


def save_same_size_twice(path: Path, data: bytes) -> None:  # two saves inside one mtime tick, same size
    twin = data[:-1] + (b"#" if data[-1:] != b"#" else b" ")
    save_truncate_write(path, twin)
    save_truncate_write(path, data)


SAVES = [save_truncate_write, save_truncate_then_chunks, save_rename, save_burst, save_same_size_twice]


async def _settled(pilot, screen, path: Path) -> None:
    """Until the verdict on screen is for the bytes on disk and stays so for half a second."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            await wait_for(pilot, lambda: not screen.grading and screen.graded_bytes == path.read_bytes(), timeout=10)
        except AssertionError:
            raise AssertionError(_state(screen, path)) from None
        await pilot.pause(0.5)
        if not screen.grading and screen.graded_bytes == path.read_bytes():
            return
    raise AssertionError("the verdict never settled on the bytes on disk")


def _state(screen, path):
    return f"grading={screen.grading} graded={screen.graded_bytes!r:.40} disk={path.read_bytes()!r:.40} verdicts={screen.verdicts}"


@pytest.mark.parametrize("save", SAVES, ids=[s.__name__ for s in SAVES])
async def test_watch_mode_settles_on_the_bytes_on_disk(make_app, tmp_path, monkeypatch, save):
    import tutor.grading

    monkeypatch.setattr(tutor.grading, "grade", fake_grade(0.03))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        for trial in range(8):
            final = GOOD if trial % 2 else BAD
            save(screen.path, final)
            await _settled(pilot, screen, screen.path)
            assert screen.result["status"] == ("pass" if final == GOOD else "fail"), trial
            assert screen.query_one("#editor", CodeEditor).text.encode() == final  # the editor follows too


async def test_watch_mode_is_exact_when_a_thread_saves_while_grading_is_slow(make_app, monkeypatch):
    import tutor.grading

    monkeypatch.setattr(tutor.grading, "grade", fake_grade(0.12))
    app = make_app()
    rng = random.Random(11)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        for trial in range(6):
            final = GOOD if trial % 2 else BAD

            def saver() -> None:
                for _ in range(rng.randint(3, 8)):
                    rng.choice(SAVES)(screen.path, rng.choice([GOOD, BAD, b""]))
                    time.sleep(rng.uniform(0, 0.15))
                rng.choice(SAVES)(screen.path, final)

            thread = threading.Thread(target=saver)
            thread.start()
            while thread.is_alive():
                await pilot.pause(0.02)
            await _settled(pilot, screen, screen.path)
            assert screen.result["status"] == ("pass" if final == GOOD else "fail"), trial


def save_with_gaps(path: Path, data: bytes, gap: float = 0.05) -> None:
    """An editor that truncates, then writes a moment later, in two parts (a half-saved file on disk twice)."""
    with open(path, "r+b", buffering=0) as fh:
        fh.truncate(0)
        time.sleep(gap)
        fh.write(data[: len(data) // 2])
        time.sleep(gap)
        fh.write(data[len(data) // 2 :])


def checks_recorded(app) -> list[str]:
    return [a["outcome"] for a in app.store.attempts() if a["kind"] == "check" and a["item"] == "sgd"]


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_only_settled_saves_are_recorded_never_a_half_saved_file(make_app, monkeypatch, lang):
    """A verdict for a half-saved file may flash on screen, but the store holds one attempt per settled
    save (the file unchanged for half a second), with that save's outcome; ctrl+s and f5 record at once."""
    import tutor.grading

    monkeypatch.setattr(tutor.grading, "grade", fake_grade(0.01))
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        expected: list[str] = []

        async def settle(final: bytes, outcome: str) -> None:
            expected.append(outcome)
            await _settled(pilot, screen, screen.path)
            assert screen.result["status"] == outcome
            await wait_for(pilot, lambda: len(checks_recorded(app)) >= len(expected))
            await pilot.pause(0.7)  # nothing more comes of it
            assert checks_recorded(app) == expected

        for trial in range(4):
            final = GOOD if trial % 2 else BAD
            save_with_gaps(screen.path, final, gap=0.03 + 0.04 * trial)
            await settle(final, "pass" if final == GOOD else "fail")
        # saves in quick succession, the last half-saved for a while: one settled save
        save_with_gaps(screen.path, GOOD)
        await pilot.pause(0.15)
        save_with_gaps(screen.path, b"", gap=0.2)
        await pilot.pause(0.1)
        save_with_gaps(screen.path, BAD, gap=0.2)
        await settle(BAD, "fail")
        # the explicit actions record their verdict at once (before it is shown), as before
        for keys, outcome in ((["f5"], "fail"), (["i", "ctrl+s"], "pass")):
            shown_before = screen.verdicts
            if keys[-1] == "ctrl+s":
                await pilot.press(*keys[:-1])
                screen.query_one("#editor", CodeEditor).text = GOOD.decode()
            await pilot.press(keys[-1])
            expected.append(outcome)
            await wait_for(pilot, lambda: screen.verdicts > shown_before)
            assert checks_recorded(app) == expected
        await pilot.pause(0.7)
        assert checks_recorded(app) == expected


async def test_a_visit_is_not_an_attempt(make_app, monkeypatch):
    """Opening an exercise graded before shows its verdict at once but records nothing: each visit to a
    failing exercise used to count as one more fail (mastery and reviews fed on visits)."""
    import tutor.grading

    monkeypatch.setattr(tutor.grading, "grade", fake_grade(0.01))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        save_with_gaps(screen.path, BAD)
        await _settled(pilot, screen, screen.path)
        await wait_for(pilot, lambda: checks_recorded(app) == ["fail"])
        for _ in range(2):  # leave and come back: the verdict is shown again, not recorded again
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, ExerciseScreen))
            while not isinstance(app.screen, HomeScreen):
                await pilot.press("escape")
                await pilot.pause(0.05)
            screen = await open_sgd_exercise(pilot)
            await wait_for(pilot, lambda: screen.result is not None and screen.result["status"] == "fail")
            await pilot.pause(0.7)
            assert checks_recorded(app) == ["fail"]


@pytest.mark.parametrize("leave", ["escape", "ctrl+q"])
async def test_leaving_or_quitting_right_after_a_save_still_records_it(make_app, tmp_path, monkeypatch, leave):
    """The verdict on screen is for a settled file (nothing changes it any more) even if the learner goes
    before half a second has passed: it is recorded, once."""
    import tutor.grading
    from tutor.progress import Store

    monkeypatch.setattr(tutor.grading, "grade", fake_grade(0.01))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        save_truncate_write(screen.path, BAD)
        await wait_for(pilot, lambda: screen.graded_bytes == BAD and not screen.grading)
        await pilot.press(leave)
        if leave == "escape":
            await wait_for_screen(pilot, HomeScreen)
            await pilot.pause(0.7)
            assert checks_recorded(app) == ["fail"]
    with Store.open(tmp_path, read_only=True) as store:
        assert [a["outcome"] for a in store.attempts() if a["kind"] == "check"] == ["fail"]


async def test_a_truncated_then_written_file_is_graded_whole_by_the_real_grader(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        for trial in range(3):
            final = GOOD if trial % 2 == 0 else BAD
            save_truncate_then_chunks(screen.path, final)
            await _settled(pilot, screen, screen.path)
            assert screen.result["status"] == ("pass" if final == GOOD else "fail")
            assert "empty" not in str(screen.result)
        # the learner's path is named, never the private copy that was graded
        save_truncate_write(screen.path, b"")
        await _settled(pilot, screen, screen.path)
        assert str(screen.path) in screen.result["message"] and "tutor-grade-" not in screen.result["message"]


# -- the results on screen, in the learner's language -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_results_on_screen_are_in_the_learners_language(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        editor_save(screen.path, SOLUTION.replace("self.lr * grads[key]", "self.lr * grads[key] * 2"))
        await wait_for(pilot, lambda: screen.verdicts == 1)
        top = side_text(screen)
        assert ("Not yet" in top) if lang == "en" else ("아직입니다" in top and "기대값" in top and "expected" not in top)
        app.action_toggle_language()  # the same verdict, redrawn in the other language
        await pilot.pause()
        again = side_text(screen)
        assert ("아직입니다" in again) if lang == "en" else ("Not yet" in again)


async def test_printed_escape_sequences_reach_the_screen_as_visible_text(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        hostile = SOLUTION.replace("    def update(self, params, grads):\n", "    def update(self, params, grads):\n        print('\\x1b]0;pwned\\x07\\x1b[2J\\u202e')\n        raise ValueError('\\x1b[31mred\\u202e')\n", 1)
        editor_save(screen.path, hostile)
        await wait_for(pilot, lambda: screen.verdicts == 1)
        rendered = screen.query_one("#results", Static).render()
        assert "\x1b" not in str(rendered) and "\u202e" not in str(rendered)
        assert "␛" in str(rendered)


# -- keys ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_after_a_pass_keys_leave_the_code_alone(make_app, tmp_path, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        await pilot.press("i")
        editor = screen.query_one("#editor", CodeEditor)
        assert editor.has_focus
        footer_keys = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        assert not {"n", "c", "s", "h", "i", "R"} & footer_keys  # letters typed into the code are not offered
        editor.text = SOLUTION
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.verdicts == 1 and screen.passed)
        await pilot.pause()
        assert not editor.has_focus
        shown_keys = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        assert {"c", "s", "i", "R"} <= shown_keys
        assert "n" not in shown_keys  # the only exercise of the test course: no next exercise to offer
        await pilot.press("n")  # nothing to type into, a note instead
        await pilot.pause()
        assert editor.text == SOLUTION
        assert (tmp_path / "workspace" / "sgd.py").read_text(encoding="utf-8") == SOLUTION


async def test_next_goes_to_the_next_exercise_not_yet_passed(tmp_path):
    app = create_app(tmp_path, lang="en", seed=7, watch_interval=0.02)  # the real course
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        ids = app.course.exercise_ids()
        app.save_setting("predicted", list(ids))
        for passed in ("sgd", "momentum", "adam"):
            app.record("check", passed, app.course.exercise(passed).concept, "pass")
        app.open_exercise("adam")
        await wait_for_screen(pilot, ExerciseScreen)
        screen = app.screen
        await wait_for(pilot, lambda: screen.passed)
        assert ids.index("nesterov") < ids.index("adam") < ids.index("xavier_init")
        assert screen.next_unsolved() == "nesterov"  # the first not passed, not the one after adam
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.exercise_id == "nesterov")
        for exercise_id in ids:
            app.record("check", exercise_id, app.course.exercise(exercise_id).concept, "pass")
        assert app.screen.next_unsolved() is None


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_leaving_with_unsaved_edits_asks(make_app, tmp_path, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None and screen.query_one("#editor").text)
        stub = screen.path.read_text(encoding="utf-8")
        editor = screen.query_one("#editor", CodeEditor)
        editor.text = "# unsaved work\n" + stub
        await pilot.press("escape")
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("escape")  # stay
        await wait_for_screen(pilot, ExerciseScreen)
        assert editor.text.startswith("# unsaved work")

        await pilot.press("escape")
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("d")  # discard: the file stays as it was
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause(0.2)
        assert screen.path.read_text(encoding="utf-8") == stub

        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.query_one("#editor").text == stub)
        screen.query_one("#editor", CodeEditor).text = "def broken(:\n"
        await pilot.press("escape")
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("s")  # save and check: the verdict is recorded before the screen goes
        await wait_for_screen(pilot, HomeScreen)
        await app.workers.wait_for_complete()
        assert screen.path.read_text(encoding="utf-8") == "def broken(:\n"
        assert app.store.exercise_status("sgd") == "failed"


# -- the editor -----------------------------------------------------------------------------------------


async def test_the_editor_indents_like_a_python_editor(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        editor = screen.query_one("#editor", CodeEditor)
        await wait_for(pilot, lambda: editor.text)
        editor.load_text("")
        await pilot.press("i")
        for key in "def f(x):":
            await pilot.press(key if key != " " else "space")
        await pilot.press("enter", "r", "enter")
        assert editor.text == "def f(x):\n    r\n    "  # after a colon one level more; then kept
        editor.load_text("if x:  # why:\n")
        editor.move_cursor((0, 13))
        await pilot.press("enter")
        assert editor.text.splitlines()[1] == "    "
        editor.load_text("a\nb\n")
        editor.select_all()
        await pilot.press("tab")
        assert editor.text == "    a\n    b\n"
        await pilot.press("shift+tab")
        assert editor.text == "a\nb\n"
        editor.move_cursor((0, 0))
        await pilot.press("shift+tab")  # nothing to dedent: nothing happens
        assert editor.text == "a\nb\n"


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_file_that_is_not_utf8_opens_read_only_and_is_never_rewritten(make_app, tmp_path, lang):
    latin1 = "# café\n".encode("latin-1") + SOLUTION.encode()
    (tmp_path / "workspace").mkdir(exist_ok=True)
    (tmp_path / "workspace" / "sgd.py").write_bytes(latin1)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        editor = screen.query_one("#editor", CodeEditor)
        await wait_for(pilot, lambda: editor.read_only)
        assert ("not UTF-8" in side_text(screen)) if lang == "en" else ("UTF-8 텍스트가 아니어서" in side_text(screen))
        await pilot.press("i")
        await pilot.press("x", "ctrl+s")
        await pilot.press("escape", "escape")
        await wait_for_screen(pilot, HomeScreen)
    assert (tmp_path / "workspace" / "sgd.py").read_bytes() == latin1


@pytest.mark.parametrize(
    ("line", "hidden", "visible"),
    [("# \x1b]0;pwned\x07\x1b[2J\n", "\x1b", "␛]0;pwned␇"), ("# \u202etxt.exe\n", "\u202e", "<U+202E>txt.exe")],
    ids=["escape", "bidi-override"],
)
async def test_control_characters_are_shown_visibly_and_the_file_is_never_rewritten(make_app, tmp_path, line, hidden, visible):
    raw = SOLUTION.encode() + line.encode()
    (tmp_path / "workspace").mkdir(exist_ok=True)
    (tmp_path / "workspace" / "sgd.py").write_bytes(raw)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        editor = screen.query_one("#editor", CodeEditor)
        await wait_for(pilot, lambda: editor.read_only)
        assert hidden not in editor.text and visible in editor.text
        assert "control character" in side_text(screen)
        editor_save(screen.path, SOLUTION)  # fixed in another editor: editable again
        await wait_for(pilot, lambda: not editor.read_only and editor.text == SOLUTION)
        editor_save(screen.path, raw.decode())
        await wait_for(pilot, lambda: editor.read_only)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
    assert (tmp_path / "workspace" / "sgd.py").read_bytes() == raw


# -- the task and the hints ------------------------------------------------------------------------------


def test_every_exercise_has_its_task_in_both_languages_with_the_same_formulas():
    course = load_course(REAL_EXERCISES.parent)
    for exercise in course.exercises.values():
        assert exercise.task is not None, exercise.id
        formulas = {}
        for lang in ("en", "ko"):
            source = exercise.task.get(lang)
            fences = source.split("```")
            assert len(fences) % 2 == 1, f"{exercise.id} {lang}: an unclosed formula block"
            formulas[lang] = [line for block in fences[1::2] for line in block.splitlines()[1:]]
            for line in formulas[lang]:
                assert cell_len("  " + line) <= tasktext.FORMULA_WIDTH, f"{exercise.id} {lang}: too wide: {line}"
            for name in exercise.entry:
                assert name in source, f"{exercise.id} {lang} does not name {name}"
        assert len(formulas["en"]) == len(formulas["ko"]), exercise.id


def test_formulas_are_never_wrapped_and_inline_marks_are_not_shown():
    source = "Some words that wrap in a narrow pane, with `code` and **bold**.\n\n```text\nW ← W − η · ∂L/∂W (η = self.lr)\n```\n"
    console = Console(width=24, record=True, color_system=None)
    console.print(tasktext.render(source))
    out = console.export_text()
    assert "`" not in out and "**" not in out
    formula_lines = [line for line in out.splitlines() if "←" in line]
    assert len(formula_lines) == 1 and "W ← W − η · ∂L/∂W" in formula_lines[0]
    assert not any("∂L/∂W" in line for line in out.splitlines() if "←" not in line)  # no tail on its own line


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_the_task_is_shown_in_the_learners_language(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        task = shown(screen.query_one("#task", Static))
        assert screen.exercise.task is not None
        first_words = screen.exercise.task.get(lang).split()[0].strip("`*")
        assert first_words in task
        assert ("매개변수" in task) == (lang == "ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_hint_is_markdown_and_comes_into_view_at_80x24(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        editor_save(screen.path, SOLUTION.replace("-=", "+="))  # a long failure above the hints
        await wait_for(pilot, lambda: screen.verdicts == 1)
        for _ in range(2):
            await pilot.press("h")
        await pilot.pause(0.2)
        hints = list(screen.query(".hint"))
        assert len(hints) == 2
        newest = hints[-1]
        assert "`" not in shown(newest)
        side = screen.query_one("#exercise-side")
        top = newest.region.y
        assert side.region.y <= top < side.region.bottom  # its text is on screen, not only the heading


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_the_footer_offers_next_and_solution_as_soon_as_an_outside_save_passes(make_app, lang):
    from textual.widgets._footer import FooterKey

    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        assert not {"n", "s"} & {k.key for k in screen.query(FooterKey)}
        editor_save(screen.path, SOLUTION)
        await wait_for(pilot, lambda: screen.passed)
        await wait_for(pilot, lambda: {"c", "s", "i", "R"} <= {k.key for k in screen.query(FooterKey)})  # no key pressed
        await pilot.pause(0.1)
        keys = list(screen.query(FooterKey))
        assert "question_mark" in {k.key for k in keys}  # help is never pushed out
        assert all(k.region.width and k.region.right <= 80 for k in keys)  # every key fits, none cut


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_pass_offers_the_next_exercise_and_the_courses_next_step_never_itself(tmp_path, lang):
    """The real course: sgd and momentum passed, adam failed once, then passed from outside. `n` is the next
    exercise not passed (nesterov), `c` the course's next step: never adam itself (what the store says
    until the pass is recorded), and every key fits 80 columns."""
    from textual.widgets._footer import FooterKey

    from tutor.progress.next import next_step

    app = create_app(tmp_path, lang=lang, seed=7, watch_interval=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.save_setting("predicted", list(app.course.exercise_ids()))
        for exercise_id, outcome in (("sgd", "pass"), ("momentum", "pass"), ("adam", "fail")):
            app.record("check", exercise_id, app.course.exercise(exercise_id).concept, outcome)
        app.open_exercise("adam")
        await wait_for_screen(pilot, ExerciseScreen)
        screen = app.screen
        await wait_for(pilot, lambda: screen.verdicts == 1)
        editor_save(screen.path, (REAL_EXERCISES / "adam" / "solution.py").read_text(encoding="utf-8"))
        await wait_for(pilot, lambda: screen.passed and screen.step is not None)
        step = next_step(app.store, app.course)
        assert (step.kind, step.id) != ("exercise", "adam") and (screen.step.kind, screen.step.id) == (step.kind, step.id)
        text = side_text(screen)
        assert step.title.get(lang) in text and step.reason.get(lang) in text
        assert ("n: next exercise" if lang == "en" else "n: 다음 실습") in text and screen.next_exercise == "nesterov"
        await pilot.pause(0.1)
        keys = list(screen.query(FooterKey))
        # the footer's rule: the least needed go first when 80 columns are short (reset, in English)
        assert {"n", "c", "s", "i", "question_mark"} <= {k.key for k in keys}
        assert all(k.region.width and k.region.right <= 80 for k in keys)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.screen is not screen and app.screen.is_mounted)
        assert type(app.screen).__name__.lower().startswith(step.kind)


async def test_a_new_verdict_scrolls_its_first_lines_into_view_at_80x24(make_app):
    app = make_app(lang="ko")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        await pilot.press("h", "h")  # reading the hints, further down
        await pilot.pause(0.2)
        side = screen.query_one("#exercise-side")
        assert side.scroll_y > 0
        editor_save(screen.path, SOLUTION.replace("-=", "+="))
        await wait_for(pilot, lambda: screen.verdicts == 1)
        await pilot.pause(0.1)
        assert side.scroll_y == 0


async def test_a_home_path_with_markup_in_it_is_shown_as_text(tmp_path):
    home = tmp_path / "[/x] [bold]home"
    (home / "workspace").mkdir(parents=True)
    app = create_app(home, lang="en", course_root=COURSE, seed=7, watch_interval=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        await pilot.press("R")
        await pilot.pause(0.2)
        await pilot.press("y")
        await wait_for(pilot, lambda: any("[/x] [bold]home" in n.message for n in app._notifications))
        await pilot.pause(0.3)  # the toast is drawn
        assert isinstance(app.screen, ExerciseScreen)
        assert not any(n.markup for n in app._notifications)  # every notice of this screen is plain text
