"""Pilot tests of what a learner does: read a lesson, answer every kind of question, fail then pass an
exercise by saving the file from outside, run a review session, switch language, and survive errors."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import json
import threading

import pytest
from textual.widgets import Input, Markdown, OptionList, Static

from apphelpers import COURSE, editor_save, open_sgd_exercise, wait_for, wait_for_screen
from tutor.progress import Store
from tutor.screens.confirm import ConfirmScreen, SolutionScreen
from tutor.screens.exercise import ExerciseScreen, LeaveScreen
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.quiz import QuizScreen
from tutor.screens.review import ReviewScreen


def attempts(home) -> list[dict]:
    """Every attempt the store holds, read through its export (the store's public face)."""
    with Store.open(home, read_only=True) as store:
        out = home / "export.json"
        store.export(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    return data["attempts"]


def text_of(screen, selector: str) -> str:
    """The text a widget shows (for a container, its children's, in order)."""
    widget = screen.query_one(selector)
    if isinstance(widget, Static):
        return str(widget.render())
    return "\n".join(str(child.render()) for child in widget.query(Static))


async def test_home_lists_concepts_in_groups_and_opens_a_lesson(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        options = app.screen.query_one("#concepts", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["group-optimizers", "0096", "0097", "group-initialisation", "0108"]
        await pilot.press("enter")
        await wait_for_screen(pilot, LessonScreen)
        assert app.screen.concept_id == "0096"
        markdown = app.screen.query_one("#lesson", Markdown)
        assert "Optimisation" in markdown.source
        await pilot.press("n")
        await wait_for(pilot, lambda: getattr(app.screen, "concept_id", None) == "0097")
        await pilot.press("p")
        await wait_for(pilot, lambda: getattr(app.screen, "concept_id", None) == "0096")
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        assert "Quiz · 0096" in text_of(app.screen, "#next")  # lesson read: its quiz is the next step
        await app.workers.wait_for_complete()
    assert any(a["kind"] == "lesson" and a["item"] == "0096" and a["outcome"] == "read" for a in attempts(tmp_path))


async def test_the_first_home_screen_needs_neither_the_course_nor_the_store(make_app, tmp_path, monkeypatch):
    """The home screen is painted before the course and the progress store have loaded: the concepts
    already listed, in the saved language and theme; the learner's figures fill in once the store opens."""
    with Store.open(tmp_path) as store:
        store.set_setting("language", "ko")
        store.set_setting("theme", "textual-light")
        store.record("check", "sgd", "0097", "pass")
    gate = threading.Event()
    real_open = Store.open.__func__

    def held_open(cls, *args, **kwargs):
        gate.wait(10)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(held_open))
    app = make_app(lang=None)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and app.store is None and not app.course_loaded
            assert app.lang == "ko" and app.theme == "textual-light"
            options = app.screen.query_one("#concepts", OptionList)
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            assert ids == ["group-optimizers", "0096", "0097", "group-initialisation", "0108"]
            assert "최적화" in str(options.get_option_at_index(0).prompt)
        finally:
            gate.set()
        await wait_for_screen(pilot, HomeScreen)
        assert "sgd✓" in str(options.get_option_at_index(2).prompt)
        assert "복습" in text_of(app.screen, "#status")


async def test_a_lesson_link_opens_the_exercise_after_its_predict_question(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_lesson("0096")
        await wait_for_screen(pilot, LessonScreen)
        markdown = app.screen.query_one("#lesson", Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "exercise:sgd"))
        await wait_for_screen(pilot, QuizScreen)
        assert app.screen.predict and [q.id for q in app.screen.questions] == ["0097-02"]
        await wait_for(pilot, lambda: app.screen.instance is not None)
        await pilot.press("b")
        await wait_for(pilot, lambda: app.screen.answered)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen._done)
        await pilot.press("enter")
        await wait_for_screen(pilot, ExerciseScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, LessonScreen)
        app.open_exercise("sgd")  # the second time, straight to the exercise
        await wait_for_screen(pilot, ExerciseScreen)


async def answer(pilot, app, value) -> str:
    """Answer the current question (a choice letter, or text typed into the input); return the status."""
    screen = app.screen
    await wait_for(pilot, lambda: screen.instance is not None)
    before = screen.verdict
    if isinstance(value, str) and screen.instance.choices == ():
        screen.query_one("#answer", Input).value = value
        screen.query_one("#answer", Input).focus()
        await pilot.press("enter")
    else:
        await pilot.press(value)
    await wait_for(pilot, lambda: screen.verdict is not None and screen.verdict is not before)
    return screen.verdict.status


async def test_choice_and_symbolic_questions_right_wrong_and_unreadable(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_quiz("0096")
        await wait_for_screen(pilot, QuizScreen)
        screen = app.screen
        await wait_for(pilot, lambda: screen.instance is not None)
        climbs = "abcdef"[screen.instance.order.index(0)]  # the options are shown in the seed's order
        assert await answer(pilot, app, climbs) == "wrong"
        feedback = text_of(screen, "#feedback")
        assert "That climbs the loss." in feedback  # the misconception of the chosen option
        assert "points uphill" in feedback  # and the explanation
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.index == 1 and screen.instance is not None and screen.verdict is None)
        assert await answer(pilot, app, "eta*g*import") == "unreadable"
        assert not screen.answered  # the learner simply tries again
        assert await answer(pilot, app, "eta*g") == "wrong"
        await pilot.press("escape")
        app.open_quiz("0096")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen is not screen)
        await wait_for(pilot, lambda: app.screen.instance is not None)
        assert await answer(pilot, app, "abcdef"[app.screen.instance.answer]) == "right"
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.index == 1 and app.screen.instance is not None)
        assert await answer(pilot, app, "-η g") == "right"
        await app.workers.wait_for_complete()
    outcomes = [(a["item"], a["outcome"]) for a in attempts(tmp_path) if a["kind"] == "quiz"]
    assert outcomes == [("0096-01", "wrong"), ("0096-02", "wrong"), ("0096-01", "right"), ("0096-02", "right")]


async def test_numeric_question_right_and_wrong_with_worked_answer(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_quiz("0097")
        await wait_for_screen(pilot, QuizScreen)
        screen = app.screen
        await wait_for(pilot, lambda: screen.instance is not None)
        right = float(screen.instance.answer)
        assert await answer(pilot, app, str(right + 1.0)) == "wrong"
        assert screen.instance.answer_text.en in text_of(screen, "#feedback")
        await pilot.press("escape")
        app.open_quiz("0097")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen is not screen)
        await wait_for(pilot, lambda: app.screen.instance is not None)
        assert await answer(pilot, app, repr(float(app.screen.instance.answer))) == "right"
        await app.workers.wait_for_complete()
    outcomes = [a["outcome"] for a in attempts(tmp_path) if a["kind"] == "quiz"]
    assert outcomes == ["wrong", "right"]


async def test_exercise_fails_then_passes_when_saved_from_another_editor(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        path = tmp_path / "workspace" / "sgd.py"
        assert path.exists() and "raise NotImplementedError" in screen.query_one("#editor").text
        await pilot.press("s")  # no solution before a pass
        assert not screen.passed

        editor_save(path, path.read_text(encoding="utf-8") + "\n# still the stub\n")
        await wait_for(pilot, lambda: screen.verdicts == 1)
        assert screen.result["status"] in ("fail", "error")
        assert "# still the stub" in screen.query_one("#editor").text  # the editor follows the file

        await pilot.press("h")
        assert screen.hints_shown == 1
        assert screen.exercise.hints[0].en.replace("`", "") in text_of(screen, "#hints")  # Markdown, marks not shown

        editor_save(path, (COURSE / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8"))
        await wait_for(pilot, lambda: screen.verdicts == 2)
        assert screen.result["status"] == "pass"
        assert screen.passed
        assert isinstance(app.screen, ExerciseScreen)  # passing never moves on by itself
        await pilot.press("s")
        await wait_for_screen(pilot, SolutionScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ExerciseScreen)
        await app.workers.wait_for_complete()
    kinds = [(a["kind"], a["outcome"]) for a in attempts(tmp_path) if a["item"] == "sgd"]
    assert ("hint", "shown") in kinds
    assert ("check", "pass") in kinds
    assert kinds[-1] == ("solution", "shown")
    with Store.open(tmp_path, read_only=True) as store:
        assert store.hints_shown("sgd") == 1  # the next visit shows the one hint asked for, not two


async def test_reset_asks_first_and_keeps_a_backup(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        stub = screen.path.read_text(encoding="utf-8")
        editor_save(screen.path, "# my work\n")
        await wait_for(pilot, lambda: screen.query_one("#editor").text == "# my work\n")
        await pilot.press("R")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")  # no: nothing changes
        await wait_for_screen(pilot, ExerciseScreen)
        assert screen.path.read_text(encoding="utf-8") == "# my work\n"
        await pilot.press("R")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.query_one("#editor").text == stub)
        assert screen.path.read_text(encoding="utf-8") == stub
    backups = list((tmp_path / "workspace" / ".backup").glob("sgd*.py"))
    assert any(b.read_text(encoding="utf-8") == "# my work\n" for b in backups)


async def test_saving_in_the_app_editor_writes_the_file_and_grades_it(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await pilot.press("i")
        editor = screen.query_one("#editor")
        editor.text = (COURSE / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.verdicts == 1)
        assert (tmp_path / "workspace" / "sgd.py").read_text(encoding="utf-8") == editor.text
        assert screen.result["status"] == "pass"


async def test_review_session_runs_the_queue_and_shows_what_changed(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.store.record("quiz", "0096-01", "0096", "wrong", time=datetime.now(timezone.utc) - timedelta(days=1))  # due again today
        app.open_review()
        await wait_for_screen(pilot, ReviewScreen)
        review = app.screen
        assert review.queue, "a wrongly answered question should be in the review queue"
        await pilot.press("enter")
        for _ in range(len(review.queue)):
            await wait_for(pilot, lambda: app.screen is not review)
            current = app.screen
            if isinstance(current, QuizScreen):
                await wait_for(pilot, lambda: current.instance is not None)
                question = current.question
                right = current.instance.answer if current.instance.kind == "choice" else None
                if right is not None:
                    await pilot.press("abcdef"[right])
                else:
                    current.query_one("#answer", Input).value = str(current.instance.answer)
                    current.query_one("#answer", Input).focus()
                    await pilot.press("enter")
                await wait_for(pilot, lambda: current.answered)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is review or app.screen is not current)
        await wait_for(pilot, lambda: review.position >= len(review.queue))
        assert "0096" in str(review.query_one("#review-list", Static).render()) or review.after


async def test_language_toggle_is_remembered_and_the_locale_sets_the_default(make_app, tmp_path, monkeypatch):
    app = make_app(lang=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert app.lang == "en"
        await pilot.press("f2")  # f2: the language, on every screen
        assert app.lang == "ko"
        assert "최적화" in str(app.screen.query_one("#concepts", OptionList).get_option_at_index(0).prompt)
    again = make_app(lang=None)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert again.lang == "ko"
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    fresh = make_app(lang=None, home=tmp_path / "other")
    async with fresh.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert fresh.lang == "ko"


@pytest.mark.parametrize(("lang", "notice"), [("en", "Something went wrong (grading sgd"), ("ko", "문제가 생겼습니다(sgd 채점")])
async def test_a_failure_in_the_core_becomes_a_notification_and_a_log_line(make_app, tmp_path, monkeypatch, lang, notice):
    import tutor.grading

    def broken(*args, **kwargs):
        raise RuntimeError("grader exploded")

    monkeypatch.setattr(tutor.grading, "grade", broken)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await open_sgd_exercise(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: any(notice in n.message for n in app._notifications))
        assert isinstance(app.screen, ExerciseScreen)  # still running, still usable
        assert not any("grader exploded" in n.message for n in app._notifications)  # the details: in the log only
    log = (tmp_path / "tutor.log").read_text(encoding="utf-8")
    assert "grading sgd" in log and "grader exploded" in log and "Traceback" in log


def test_every_failure_label_the_app_uses_is_translated():
    """A label missing from the word table would reach a Korean learner as a raw key."""
    import re
    from pathlib import Path

    import tutor
    from tutor.widgets.i18n import STRINGS

    root = Path(tutor.__file__).parent
    sources = [root / "app.py", *sorted((root / "screens").glob("*.py"))]
    used = {key for path in sources for key in re.findall(r'"(while_\w+)"', path.read_text(encoding="utf-8"))}
    assert {"while_grading", "while_store", "while_recording"} <= used
    assert used <= set(STRINGS)


async def test_command_palette_jumps_to_concepts_and_exercises(make_app):
    from tutor.widgets.commands import JumpProvider

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        labels = [label for label, _ in JumpProvider(app.screen)._targets()]
        assert any("0108" in label for label in labels)
        assert any("sgd" in label for label in labels)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_screen_opens_at_both_sizes_in_korean(make_app, size):
    app = make_app(lang="ko")
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.save_setting("predicted", ["sgd"])
        for open_screen in (
            lambda: app.open_lesson("0108"),
            lambda: app.open_quiz("0096"),
            lambda: app.open_exercise("sgd"),
            app.open_review,
            app.action_help,
        ):
            open_screen()
            await pilot.pause()
            await pilot.resize_terminal(size[0] + 10, size[1] + 5)
            await pilot.pause()
            await pilot.press("escape")
            await wait_for_screen(pilot, HomeScreen)


async def test_a_lab_runs_in_a_worker_and_redraws_in_the_other_language(make_app):
    from tutor.screens.lab import LabScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_lesson("0097")
        await wait_for_screen(pilot, LessonScreen)
        await pilot.press("l")
        await wait_for_screen(pilot, LabScreen)
        lab = app.screen
        await wait_for(pilot, lambda: lab.result is not None)
        english = str(lab.query_one("#plot", Static).render())
        assert "SGD" in english
        await pilot.press("f2")
        await wait_for(pilot, lambda: str(lab.query_one("#plot", Static).render()) != english)
        assert "학습률" in str(lab.query_one("#plot", Static).render())


def test_starting_the_app_imports_no_sympy_numpy_or_grader():
    """Start-up stays fast: the heavy modules load inside workers, when first needed."""
    import subprocess
    import sys

    code = (
        "import sys, tutor.app, tutor.screens.home, tutor.screens.lesson, tutor.screens.quiz, "
        "tutor.screens.exercise, tutor.screens.review, tutor.screens.lab\n"
        "heavy = {'sympy', 'numpy', 'tutor.grading', 'tutor.labs', 'tutor.quiz'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_saving_over_another_editors_version_keeps_a_backup(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        screen.query_one("#editor").text = "# typed in the app, not saved\n"
        editor_save(screen.path, "# saved from another editor\n")
        await wait_for(pilot, lambda: screen.verdicts == 1)
        await pilot.press("escape")  # leaving asks; saving puts the app's edits over the other version
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("s")
        await wait_for_screen(pilot, HomeScreen)
        await app.workers.wait_for_complete()
    assert (tmp_path / "workspace" / "sgd.py").read_text(encoding="utf-8") == "# typed in the app, not saved\n"
    backups = [b.read_text(encoding="utf-8") for b in (tmp_path / "workspace" / ".backup").glob("sgd*.py")]
    assert "# saved from another editor\n" in backups


def test_a_log_line_on_a_home_that_cannot_be_written_is_lost_not_the_app(tmp_path):
    """The log is best effort: a read-only home (or one that went away) costs the log line only; and only
    the current home's log is written to (an earlier app's home in the same process is let go)."""
    from tutor.widgets.support import log_exception, setup_log

    gone = tmp_path / "gone"  # no such folder: the file cannot be opened
    setup_log(gone)
    log_exception("a test", RuntimeError("boom"))  # no exception
    home = tmp_path / "home"
    home.mkdir()
    setup_log(home)
    log_exception("another", RuntimeError("bang"))
    assert "bang" in (home / "tutor.log").read_text(encoding="utf-8") and not gone.exists()
