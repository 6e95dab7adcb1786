"""The app's frame: one key map, a footer that fits 80 columns and lists only keys that work, plain-text
notifications whatever the outside text, a palette that reaches everything, the quiz's and the lab's keys."""

from __future__ import annotations

import dataclasses
import io
from contextlib import contextmanager

import pytest
from apphelpers import open_sgd_exercise, wait_for, wait_for_screen
from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from tutor.screens.confirm import ConfirmScreen
from tutor.screens.help import HelpScreen, key_map
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.quiz import QuizScreen
from tutor.screens.review import ReviewScreen
from tutor.widgets.footer import Entry, LocalFooter, fit


def footer_keys(app) -> list[FooterKey]:
    footer = app.screen.query_one(LocalFooter)
    return sorted(footer.query(FooterKey), key=lambda k: k.region.x)


def footer_text(app) -> str:
    return "  ".join(str(k.render()).strip() for k in footer_keys(app))


def footer_actions(app) -> set[str]:
    """The actions on the footer, without their namespace or parameters ("next(True)" -> "next")."""
    return {k.action.removeprefix("app.").split("(")[0] for k in footer_keys(app)}


def assert_footer_fits(app, width: int) -> None:
    """Every key drawn whole inside the width, none over another; help and the palette among them."""
    keys = footer_keys(app)
    assert keys, "the footer is empty"
    right = 0
    for key in keys:
        region = key.region
        assert region.x >= right, f"{footer_text(app)!r}: keys overlap"
        assert region.right <= width, f"{footer_text(app)!r} is wider than {width}"
        assert region.width >= cell_len(str(key.render()).rstrip()), f"{str(key.render())!r} is cut"
        right = region.right
    actions = footer_actions(app)
    assert "help" in actions and "command_palette" in actions, footer_text(app)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause(0.05)


# -- the footer ---------------------------------------------------------------------------------------


def test_fit_drops_the_apps_keys_first_then_the_screens_last_keys_never_help():
    def entry(action, description, key="x"):
        return Entry(key, key, description, action, True, "")

    entries = [entry("back", "back", "esc"), entry("quiz", "quiz", "q"), entry("lab", "lab", "l"),
               entry("app.toggle_language", "한국어", "f2"), entry("app.toggle_theme", "theme", "f3"),
               entry("app.quit", "quit", "^q"), entry("app.help", "help", "?")]
    assert fit(entries, 200) == entries
    widths = [e.width for e in entries]
    assert [e.action for e in fit(entries, sum(widths) - 1)] == ["back", "quiz", "lab", "app.toggle_language", "app.quit", "app.help"]
    narrow = fit(entries, 1)
    assert [e.action for e in narrow] == ["app.help"]  # help stays even when nothing fits


async def _home(pilot):
    app = pilot.app
    app.screen.query_one("#concepts").highlighted = 2  # 0097: it has an exercise and a lab


async def _home_no_practice(pilot):
    pilot.app.screen.query_one("#concepts").highlighted = 1  # 0096: no exercise, no lab


async def _lesson(pilot):
    pilot.app.open_lesson("0097")
    await wait_for_screen(pilot, LessonScreen)


async def _lesson_no_practice(pilot):
    pilot.app.open_lesson("0096")
    await wait_for_screen(pilot, LessonScreen)


async def _quiz_choice(pilot):
    pilot.app.open_quiz("0096")
    await wait_for_screen(pilot, QuizScreen)
    await wait_for(pilot, lambda: pilot.app.screen.instance is not None)


async def _quiz_answered(pilot):
    await _quiz_choice(pilot)
    await pilot.press("b")
    await wait_for(pilot, lambda: pilot.app.screen.answered)


async def _quiz_numeric(pilot):
    pilot.app.open_quiz("0097")
    await wait_for_screen(pilot, QuizScreen)
    await wait_for(pilot, lambda: pilot.app.screen.instance is not None)


async def _exercise(pilot):
    await open_sgd_exercise(pilot)


async def _exercise_passed(pilot):
    screen = await open_sgd_exercise(pilot)
    screen.passed = True  # what a pass sets: `n` and `s` join the footer
    screen.refresh_bindings()


async def _lab(pilot):
    from tutor.screens.lab import LabScreen

    pilot.app.open_lab("optimizer_paths")
    await wait_for_screen(pilot, LabScreen)


async def _review(pilot):
    pilot.app.open_review()
    await wait_for_screen(pilot, ReviewScreen)


SCREENS = {
    "home": _home,
    "home-no-practice": _home_no_practice,
    "lesson": _lesson,
    "lesson-no-practice": _lesson_no_practice,
    "quiz-choice": _quiz_choice,
    "quiz-answered": _quiz_answered,
    "quiz-numeric": _quiz_numeric,
    "exercise": _exercise,
    "exercise-passed": _exercise_passed,
    "lab": _lab,
    "review": _review,
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_footer_fits_80_columns_with_help_and_the_palette(make_app, name, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await SCREENS[name](pilot)
        await settle(pilot)
        assert_footer_fits(app, 80)
        if name == "exercise-passed":
            assert {"solution"} <= footer_actions(app), footer_text(app)  # what a pass is for (no next: one exercise)
        await pilot.press("f2")  # the other language redraws the footer, and it still fits
        await settle(pilot)
        assert_footer_fits(app, 80)
        if name == "exercise-passed":
            assert {"solution"} <= footer_actions(app), footer_text(app)


async def test_the_footer_refits_when_the_terminal_narrows(make_app):
    app = make_app(lang="ko")
    async with app.run_test(size=(120, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _lesson(pilot)
        await settle(pilot)
        wide = footer_actions(app)
        assert {"toggle_language", "toggle_theme", "quit"} <= wide
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        assert_footer_fits(app, 60)
        assert "toggle_theme" not in footer_actions(app)  # the least needed went first


async def test_footers_list_only_keys_that_do_something(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _home_no_practice(pilot)
        await settle(pilot)
        assert not {"exercise", "lab"} & footer_actions(app)
        await _home(pilot)
        await settle(pilot)
        assert {"exercise", "lab"} <= footer_actions(app)

        await _lesson_no_practice(pilot)
        await settle(pilot)
        assert "exercise" not in footer_actions(app) and "lab" not in footer_actions(app)
        assert "quiz" in footer_actions(app)
        keys = {k.key for k in footer_keys(app)}
        assert "p" not in keys and "n" in keys  # the first concept: no previous one
        await pilot.press("e", "l", "p")  # keys not offered do nothing (no toast, no screen)
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.concept_id == "0096"
        assert not list(app._notifications)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)

        await _quiz_choice(pilot)
        await settle(pilot)
        assert "next" not in footer_actions(app)  # nothing to go on to before answering
        await pilot.press("b")
        await wait_for(pilot, lambda: app.screen.answered)
        await settle(pilot)
        assert "next" in footer_actions(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.index == 1 and app.screen.instance is not None)
        await settle(pilot)
        assert "next" not in footer_actions(app)
        app.screen._finish()
        await settle(pilot)
        assert "next" not in footer_actions(app)  # the Done screen: enter or escape


# -- the key map --------------------------------------------------------------------------------------


async def test_each_key_means_one_thing_on_every_screen_and_help_shows_the_map(make_app):
    app = make_app(lang="ko")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        meaning: dict[str, set[str]] = {}
        for _heading, rows in key_map(app):
            for keys, description in rows:
                for key in keys.split(", "):
                    meaning.setdefault(key, set()).add(description)
        # enter is the one key that does "the obvious thing here" (open, answer, go on), as in any app
        clashes = {key: words for key, words in meaning.items() if len(words) > 1 and key != "enter"}
        assert not clashes, f"keys with more than one meaning: {clashes}"
        for key in ("?", "ctrl+p", "f2", "f3", "ctrl+q", "escape"):
            assert key in meaning, key
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-keys", Static).content)
        shown = console.export_text()
        assert "모든 화면" in shown and "f3" in shown and "테마" in shown and "ctrl+r" in shown  # the lab's re-run
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


async def test_the_language_and_theme_keys_work_on_every_screen(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _quiz_numeric(pilot)  # the answer box has the focus: f2 and f3 still work
        assert isinstance(app.screen.focused, Input)
        theme = app.theme
        await pilot.press("f2", "f3")
        assert app.lang == "ko" and app.theme != theme
        assert app.screen.query_one("#answer", Input).value == ""
        await pilot.press("f1")  # help, where `?` would be typed into the answer
        await wait_for_screen(pilot, HelpScreen)


# -- outside text is data -----------------------------------------------------------------------------

MARKUP = "[/x][b]"


async def drawn(pilot) -> None:
    """Let the toasts draw: a message parsed as markup would fail here."""
    await pilot.pause(0.1)
    pilot.app.save_screenshot(path=str(pilot.app.home), filename="screen.svg")
    await pilot.pause()
    assert pilot.app.is_running


async def test_a_store_notice_naming_a_home_with_markup_is_shown_as_it_is(make_app, tmp_path):
    home = tmp_path / f"home{MARKUP}"
    (home / "progress").mkdir(parents=True)
    (home / "progress" / "state.json").write_text("{ not json", encoding="utf-8")
    app = make_app(home=home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn
        await wait_for_screen(pilot, HomeScreen)
        await wait_for(pilot, lambda: any(MARKUP in n.message for n in app._notifications))
        await drawn(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_reset_in_a_home_with_markup_notifies_the_backup_path(make_app, tmp_path, lang):
    home = tmp_path / f"home{MARKUP}"
    home.mkdir(parents=True)
    app = make_app(home=home, lang=lang)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn
        await wait_for_screen(pilot, HomeScreen)
        await open_sgd_exercise(pilot)
        app.reset_exercise("sgd")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: any(MARKUP in n.message and ".backup" in n.message for n in app._notifications))
        await drawn(pilot)


async def test_an_editor_with_markup_that_fails_is_named_as_it_is(make_app, monkeypatch):
    monkeypatch.setenv("EDITOR", f"/nonexistent/{MARKUP}")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        resumed = []

        @contextmanager
        def suspend():  # like Textual's: the terminal comes back only if the body returns
            yield
            resumed.append(True)

        monkeypatch.setattr(app, "suspend", suspend)  # the test has no terminal to hand over
        screen.action_editor()
        assert resumed, "a missing editor must not leave the terminal suspended"
        await wait_for(pilot, lambda: any(MARKUP in n.message for n in app._notifications))
        await drawn(pilot)


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_quiz_answer_with_markup_is_quoted_as_it_is(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _quiz_numeric(pilot)
        screen = app.screen
        box = screen.query_one("#answer", Input)
        box.value = MARKUP
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.verdict is not None)
        assert screen.verdict.status == "unreadable"
        assert app.is_running


# -- the quiz ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "prompt"), [("en", "a–b (or 1–2)"), ("ko", "a–b(또는 1–2)")])
async def test_the_quiz_names_only_the_options_that_exist(make_app, lang, prompt):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _quiz_choice(pilot)
        screen = app.screen
        assert prompt in str(screen.query_one("#hint-line", Static).render())
        await pilot.press("c", "d", "3")  # options that do not exist: nothing happens
        await settle(pilot)
        assert screen.verdict is None and not screen.answered


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_enter_on_an_empty_answer_clears_the_last_message(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _quiz_numeric(pilot)
        screen = app.screen
        box = screen.query_one("#answer", Input)
        box.value = "about one"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.verdict is not None)
        assert str(screen.query_one("#feedback", Static).render()).strip()
        box.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert screen.verdict is None
        assert not str(screen.query_one("#feedback", Static).render()).strip()


async def test_the_quiz_shows_and_checks_the_instances_choice_order(make_app, monkeypatch):
    """quiz.instantiate may shuffle the choices by seed: the screen shows the instance's order, and a
    letter picks what is shown under it."""
    import tutor.quiz as quiz

    real = quiz.instantiate

    def reversed_choices(question, seed=0):
        instance = real(question, seed)
        if not instance.choices:
            return instance
        n = len(instance.choices)
        return dataclasses.replace(instance, choices=tuple(reversed(instance.choices)), answer=n - 1 - instance.answer)

    monkeypatch.setattr(quiz, "instantiate", reversed_choices)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _quiz_choice(pilot)
        screen = app.screen
        instance = screen.instance
        options = screen.query_one("#choices")
        for i, choice in enumerate(instance.choices):  # shown in the instance's order
            assert choice.get("en") in str(options.get_option_at_index(i).prompt)
        await pilot.press("abcdef"[instance.answer])
        await wait_for(pilot, lambda: screen.answered)
        assert screen.verdict.status == "right"


# -- the palette --------------------------------------------------------------------------------------


async def _palette_run(pilot, query: str) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
    await pilot.press(*query)
    await pilot.pause(0.5)
    await pilot.press("enter")


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_the_palette_reaches_labs_review_reset_theme_language_and_continue(make_app, lang):
    from tutor.screens.lab import LabScreen

    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await _palette_run(pilot, "optimizer_paths")
        await wait_for_screen(pilot, LabScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await _palette_run(pilot, "복습하기" if lang == "ko" else "Review what")
        await wait_for_screen(pilot, ReviewScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await _palette_run(pilot, "sgd 처음" if lang == "ko" else "Reset exercise sgd")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, HomeScreen)
        theme = app.theme
        await _palette_run(pilot, "테마" if lang == "ko" else "Theme")
        await wait_for(pilot, lambda: app.theme != theme)
        await _palette_run(pilot, "언어" if lang == "ko" else "Language")
        await wait_for(pilot, lambda: app.lang != lang)
        await wait_for_screen(pilot, HomeScreen)
        await _palette_run(pilot, "Continue" if lang == "ko" else "이어 하기")  # the language has just switched
        await wait_for(pilot, lambda: not isinstance(app.screen, HomeScreen))  # the next step opened


# -- the lab ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_lab_rerun_that_changes_nothing_says_why_and_stops_offering_the_key(make_app, lang):
    from tutor.screens.lab import LabScreen

    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_lab("optimizer_paths")  # fixed starting points: no randomness
        await wait_for_screen(pilot, LabScreen)
        lab = app.screen
        await wait_for(pilot, lambda: lab.result is not None)
        await settle(pilot)
        assert "rerun" in footer_actions(app)
        await pilot.press("r")  # r is the review key on home: here it does nothing
        await settle(pilot)
        assert lab.seed == (app.seed or 0)
        first = lab.result
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: lab.result is not None and lab.result is not first)
        await settle(pilot)
        assert lab.seedless and "rerun" not in footer_actions(app)
        said = "no randomness" if lang == "en" else "무작위성이 없습니다"
        assert any(said in n.message for n in app._notifications)
        assert said in str(lab.query_one("#plot", Static).render())


# -- the lesson: shown in two steps, scrolled by the screen's keys ---------------------------------------


def test_a_lesson_is_split_between_blocks_never_inside_a_fence():
    from tutor.screens.lesson import HEAD_LINES, split_lesson

    fence = ["```text", *[f"W ← W − η·g  # {i}" for i in range(HEAD_LINES + 5)], "", "still in the fence", "```"]
    text = "\n".join(["# Title", "", *fence, "", "After the fence.", "", "More."]) + "\n"
    head, tail = split_lesson(text)
    assert head + tail == text
    assert head.count("```") == 2 and tail.startswith("After the fence.")
    assert split_lesson("# Short\n\nlesson\n") == ("# Short\n\nlesson\n", "")


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_the_whole_lesson_is_shown_and_the_keys_scroll_it(tmp_path, lang):
    """The real course's Adam lesson: long enough to be shown in two steps."""
    from textual.widgets import Markdown

    from tutor.app import create_app
    from tutor.screens.lesson import split_lesson

    app = create_app(tmp_path, lang=lang, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_lesson("0101")
        await wait_for_screen(pilot, LessonScreen)
        screen = app.screen
        whole = screen.concept.lesson.get(lang)
        assert split_lesson(whole)[1], "a lesson long enough to come in two steps"
        markdown = screen.query_one("#lesson", Markdown)
        await wait_for(pilot, lambda: markdown.source == whole)
        await app.workers.wait_for_complete()
        await settle(pilot)
        scroll = screen.query_one("#lesson-scroll")
        assert scroll.max_scroll_y > 0, "the test lesson should be longer than the screen"
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: scroll.scroll_y > 0)
        await pilot.press("home")
        await wait_for(pilot, lambda: scroll.scroll_y == 0)
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: scroll.scroll_y > 0)
        await pilot.press("end")
        await wait_for(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y)
        await pilot.press("f2")  # the other language: the other lesson, whole
        other = screen.concept.lesson.get("ko" if lang == "en" else "en")
        await wait_for(pilot, lambda: markdown.source == other)


async def test_a_key_pressed_before_the_course_has_loaded_waits_for_it(make_app, monkeypatch):
    """The home screen is painted before the course loads: enter (or the palette, or `c`) that early
    says the course is loading instead of failing, and works once it has loaded."""
    import threading

    import tutor.app

    gate = threading.Event()
    real_load = tutor.app.load_course

    def held_load(*args, **kwargs):
        gate.wait(10)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(tutor.app, "load_course", held_load)
    app = make_app(lang="ko")
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.store is not None)
            assert not app.course_loaded
            await pilot.press("enter")
            app.open_quiz("0096")
            app.open_exercise("sgd")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen) and app.is_running
            assert any("불러오는 중" in n.message for n in app._notifications)
        finally:
            gate.set()
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, LessonScreen)
