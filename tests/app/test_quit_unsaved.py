"""ctrl+q with unsaved edits in the exercise editor asks, through the same dialog as leaving the screen:
save and check (the verdict is recorded, then the app quits), discard (the file stays as it was), or
stay. Without unsaved edits it quits at once."""

from __future__ import annotations

import pytest
from apphelpers import open_sgd_exercise, wait_for, wait_for_screen

from tutor.screens.exercise import ExerciseScreen, LeaveScreen
from tutor.screens.home import HomeScreen
from tutor.widgets.editor import CodeEditor


async def _editing(pilot, app, text_before: str = "# unsaved work\n"):
    await wait_for_screen(pilot, HomeScreen)
    screen = await open_sgd_exercise(pilot)
    await wait_for(pilot, lambda: screen.path is not None and screen.query_one("#editor").text)
    stub = screen.path.read_text(encoding="utf-8")
    exits: list[int] = []
    app.exit = lambda *args, **kwargs: exits.append(1)  # see that it quits, without ending the test's app
    return screen, stub, exits


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_quitting_with_unsaved_edits_asks_and_stay_keeps_them(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, stub, exits = await _editing(pilot, app)
        editor = screen.query_one("#editor", CodeEditor)
        editor.text = "# unsaved work\n" + stub
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("escape")  # stay
        await wait_for_screen(pilot, ExerciseScreen)
        assert exits == [] and editor.text.startswith("# unsaved work")
        assert screen.path.read_text(encoding="utf-8") == stub  # nothing saved behind the learner's back


async def test_quitting_and_discarding_leaves_the_file_as_it_was(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, stub, exits = await _editing(pilot, app)
        screen.query_one("#editor", CodeEditor).text = "# unsaved work\n" + stub
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("d")
        await wait_for(pilot, lambda: exits == [1])
        screen.on_unmount()  # what the app's exit then does: must not save the discarded text
        assert screen.path.read_text(encoding="utf-8") == stub


async def test_quitting_and_saving_checks_records_then_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, stub, exits = await _editing(pilot, app)
        screen.query_one("#editor", CodeEditor).text = "def broken(:\n"
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, LeaveScreen)
        await pilot.press("s")  # save and check: the verdict is recorded before the app quits
        await wait_for(pilot, lambda: exits == [1])
        assert screen.path.read_text(encoding="utf-8") == "def broken(:\n"
        assert app.store.exercise_status("sgd") == "failed"


async def test_quitting_without_unsaved_edits_does_not_ask(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _, _, exits = await _editing(pilot, app)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: exits == [1])
        assert not isinstance(app.screen, LeaveScreen)
