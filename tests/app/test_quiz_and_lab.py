"""The quiz and the lab as a learner meets them: what the history keeps of a choice, the quiz's end screen
and its next step, the lab's progress in the learner's language."""

from __future__ import annotations

import dataclasses

import pytest
from apphelpers import wait_for, wait_for_screen
from textual.widgets import Input, Static

from tutor.progress import Store
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.quiz import QuizScreen

LANGS = pytest.mark.parametrize("lang", ["en", "ko"])


def reverse_choices(monkeypatch) -> None:
    """Every choice question shows its options in reverse (the last first): the shown position is never
    the option's own index (for two options, 0 ↔ 1)."""
    import tutor.quiz as quiz

    real = quiz.instantiate

    def reversed_instance(question, seed=0):
        instance = real(question, seed)
        if not instance.choices:
            return instance
        order = tuple(reversed(range(len(question.choices))))
        return dataclasses.replace(
            instance,
            choices=tuple(question.choices[i].text for i in order),
            order=order,
            answer=order.index(question.answer),
        )

    monkeypatch.setattr(quiz, "instantiate", reversed_instance)


async def open_quiz(pilot, concept: str) -> QuizScreen:
    pilot.app.open_quiz(concept)
    await wait_for_screen(pilot, QuizScreen)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.instance is not None)
    return screen


@pytest.mark.parametrize(("key", "outcome", "own_index"), [("a", "right", "1"), ("b", "wrong", "0")])
async def test_the_history_keeps_the_questions_own_option_whatever_order_it_was_shown_in(
    make_app, tmp_path, monkeypatch, key, outcome, own_index
):
    """0096-01's right option is its second (index 1); shown reversed, it is under `a`."""
    reverse_choices(monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_quiz(pilot, "0096")
        assert screen.question.id == "0096-01" and screen.instance.order == (1, 0)
        await pilot.press(key)
        await wait_for(pilot, lambda: screen.answered)
        assert screen.verdict.status == outcome
    with Store.open(tmp_path) as store:
        [attempt] = [a for a in store.attempts() if a["item"] == "0096-01"]
    assert attempt["outcome"] == outcome
    assert attempt["answer"] == own_index, "the history must name the question's own option, not where it was shown"


async def to_the_end(pilot, screen: QuizScreen) -> str:
    """Answer the quiz's only question (a choice: `a`; a number: the right one), go on to the end screen,
    and return what its hint line says."""
    await wait_for(pilot, lambda: screen.instance is not None)
    if screen.instance.choices:
        await pilot.press("a")
    else:
        screen.query_one("#answer", Input).value = str(screen.instance.answer)
        await pilot.press("enter")
    await wait_for(pilot, lambda: screen.answered)
    await pilot.press("n")
    await wait_for(pilot, lambda: screen._done)
    await pilot.pause()
    return str(screen.query_one("#hint-line", Static).render())


@LANGS
async def test_the_quiz_end_screen_offers_the_next_step_and_c_opens_it(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_quiz(pilot, "0097")  # one numeric question
        shown = await to_the_end(pilot, screen)
        # a fresh learner who did the 0097 quiz: the first concept in course order, 0096, is next
        lesson = "강의 · 0096" if lang == "ko" else "Lesson · 0096"
        assert lesson in shown, shown
        assert ("c: 열기" if lang == "ko" else "c: open it") in shown, shown
        from test_frame import assert_footer_fits, footer_actions

        assert "next_step" in footer_actions(app)
        assert_footer_fits(app, 80)
        await pilot.press("f2")  # the end screen redraws in the other language, the step included
        other = "Lesson · 0096" if lang == "ko" else "강의 · 0096"
        await wait_for(pilot, lambda: other in str(screen.query_one("#hint-line", Static).render()))
        await pilot.press("c")
        await wait_for_screen(pilot, LessonScreen)
        assert app.screen.concept_id == "0096"
        await pilot.press("escape")  # the quiz is gone: back to home, not to its end screen
        await wait_for_screen(pilot, HomeScreen)


@LANGS
async def test_c_still_answers_c_while_a_question_is_open(make_app, tmp_path, lang):
    """`c` is the third option while a question with three options waits, the next step only at the end."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_quiz(pilot, "0096")
        assert len(screen.instance.choices) == 2
        await pilot.press("c")  # no third option, and not the end: nothing happens
        await pilot.pause(0.1)
        assert isinstance(app.screen, QuizScreen) and not screen.answered and not screen._done


@LANGS
async def test_a_predict_quiz_ends_on_its_exercise_not_on_another_step(make_app, lang):
    """Predict-before-you-code questions lead to their exercise: their end screen says so, and offers no
    other step."""
    from tutor.screens.exercise import ExerciseScreen

    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_exercise("sgd")
        await wait_for_screen(pilot, QuizScreen)
        assert app.screen.predict
        shown = await to_the_end(pilot, app.screen)
        assert ("실습" if lang == "ko" else "exercise") in shown, shown
        from test_frame import footer_actions

        assert "next_step" not in footer_actions(app)
        await pilot.press("enter")
        await wait_for_screen(pilot, ExerciseScreen)


# -- the lab ------------------------------------------------------------------------------------------


@LANGS
async def test_the_labs_progress_labels_are_in_the_learners_language(make_app, tmp_path, monkeypatch, lang):
    """A lab that runs the learner's passing sgd says so while it runs: "(yours)" / "(내 코드)"."""
    from apphelpers import COURSE

    from tutor.screens.lab import LabScreen

    (tmp_path / "workspace").mkdir(exist_ok=True)
    (tmp_path / "workspace" / "sgd.py").write_text((COURSE / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8"))
    with Store.open(tmp_path) as store:
        store.record("check", "sgd", "0097", "pass")
    labels: list[str] = []
    real = LabScreen._set_progress
    monkeypatch.setattr(LabScreen, "_set_progress", lambda self, fraction, label: (labels.append(label), real(self, fraction, label)))
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_lab("optimizer_paths")
        await wait_for_screen(pilot, LabScreen)
        lab = app.screen
        await wait_for(pilot, lambda: lab.result is not None, timeout=60)
    yours = [label for label in labels if "(" in label]
    assert yours, labels
    assert all(label.endswith("(내 코드)" if lang == "ko" else "(yours)") for label in yours), yours


@LANGS
async def test_a_new_question_starts_with_its_first_option_highlighted(make_app, lang):
    """The highlight does not carry over: after answering `b`, enter on the next question must not pick
    its `b` unseen (the learner sees the cursor on the first option only if it is there)."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        choice = app.course.question("0096-01")
        again = dataclasses.replace(choice, id="0096-01b")
        app.push_screen(QuizScreen([choice, again], title=app.course.concept("0096").title))
        await wait_for_screen(pilot, QuizScreen)
        screen = app.screen
        await wait_for(pilot, lambda: screen.instance is not None)
        await pilot.press("b")
        await wait_for(pilot, lambda: screen.answered)
        first = screen.instance
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.instance is not None and screen.instance is not first and not screen.answered)
        await pilot.pause()
        assert screen.query_one("#choices").highlighted == 0


@LANGS
async def test_code_in_choices_and_feedback_is_shown_as_code_not_as_backticks(make_app, lang):
    """Course text marks code with backticks (the prompt is Markdown); the options and the feedback show
    it as code too, never the raw backticks. A lone backtick stays as it is."""
    from tutor.content import Choice
    from tutor.text import Text

    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        base = app.course.question("0096-01")
        code = Text("`params[key] -= g` changes the array", "`params[key] -= g`는 배열을 바꾼다")
        why = Text("`+=` climbs; a lone ` stays", "`+=`는 오르막; 홀로 있는 `는 그대로")
        question = dataclasses.replace(
            base, id="0096-99", choices=(Choice(code, why), base.choices[1]), answer=1, explanation=Text("Use `-=`.", "`-=`를 씁니다.")
        )
        app.push_screen(QuizScreen([question], title=app.course.concept("0096").title, seed=1))
        await wait_for_screen(pilot, QuizScreen)
        screen = app.screen
        await wait_for(pilot, lambda: screen.instance is not None)
        options = screen.query_one("#choices")
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        [with_code] = [s for s in shown if "params[key] -= g" in s]
        assert "`" not in with_code, shown
        wrong = "abcdef"[screen.instance.order.index(0)]
        await pilot.press(wrong)
        await wait_for(pilot, lambda: screen.answered)
        feedback = str(screen.query_one("#feedback", Static).render())
        assert "+=" in feedback and "-=" in feedback, feedback
        assert "`+=`" not in feedback and "`-=`" not in feedback, feedback
        assert "`" in feedback, "a lone backtick is text, shown as it is"


# -- every end screen offers the next step --------------------------------------------------------------


@LANGS
async def test_an_exercise_pass_offers_the_courses_next_step(make_app, tmp_path, lang):
    """The test course's only exercise, passed from outside: the screen names the next step and `c` opens it."""
    from apphelpers import COURSE, editor_save, open_sgd_exercise

    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None)
        editor_save(screen.path, (COURSE / "exercises" / "sgd" / "solution.py").read_text(encoding="utf-8"))
        await wait_for(pilot, lambda: screen.passed)
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in screen.query(Static))
        assert ("강의 · 0096" if lang == "ko" else "Lesson · 0096") in shown
        await pilot.press("c")
        await wait_for_screen(pilot, LessonScreen)
