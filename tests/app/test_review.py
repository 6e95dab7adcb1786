"""The review session and the home screen's "where am I, what now", driven as a learner would, in both languages.

Each test is a bug a learner hit: a "Done" screen after every item, the summary vanishing on the Enter
that shows it, raw ids instead of titles, choices in the same order every time, no next step at the
end, no course progress on the home screen.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from apphelpers import COURSE, wait_for, wait_for_screen
from textual.widgets import Input, Static

from tutor.progress import Store
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.quiz import QuizScreen
from tutor.screens.review import ReviewScreen

LANGS = pytest.mark.parametrize("lang", ["en", "ko"])


def seed_due(home, items=(("0096-01", "0096", "wrong"), ("0096-02", "0096", "right"))) -> None:
    """Answers two days ago: a miss (due again) and a right answer (due the next day)."""
    then = datetime.now(timezone.utc) - timedelta(days=2)
    with Store.open(home) as store:
        for n, (item, concept, outcome) in enumerate(items):
            store.record("quiz", item, concept, outcome, time=then + timedelta(minutes=n))


def text_of(screen, selector: str) -> str:
    """What a Static shows, as plain text (tables and groups rendered wide, so nothing is cut)."""
    import io

    from rich.console import Console

    content = screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=300, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.file.getvalue().rstrip()


async def answer_right(pilot, screen: QuizScreen) -> None:
    await wait_for(pilot, lambda: screen.instance is not None)
    question = screen.question
    if question.type in ("choice", "predict") and screen.instance.choices:
        # the right choice's text, wherever the shuffle put it
        await pilot.press("abcdef"[_right_index(screen)])  # wherever the shuffle put the right choice
    else:
        box = screen.query_one("#answer", Input)
        box.value = "-eta*g" if question.type == "symbolic" else str(screen.instance.answer)
        box.focus()
        await pilot.press("enter")
    await wait_for(pilot, lambda: screen.answered)


def _right_index(screen: QuizScreen) -> int:
    from tutor.quiz import check

    for i in range(len(screen.instance.choices)):
        if check(screen.instance, i).status == "right":
            return i
    raise AssertionError("no right choice")


@LANGS
async def test_one_session_flows_item_to_item_and_its_summary_stays_until_dismissed(make_app, tmp_path, lang):
    seed_due(tmp_path)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_review()
        await wait_for_screen(pilot, ReviewScreen)
        review = app.screen
        assert [i.item for i in review.queue] == ["0096-01", "0096-02"]
        await pilot.press("enter")
        for number in (1, 2):
            await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.session == (number, 2))
            quiz = app.screen
            assert text_of(quiz, "#counter") == ("Item {} of 2" if lang == "en" else "2개 중 {}번째").format(number)
            await answer_right(pilot, quiz)
            await pilot.press("enter")  # straight on: no "Done: 1 of 1" screen in between
            assert not quiz._done
        await wait_for(pilot, lambda: app.screen is review and review.finished)
        for _ in range(3):  # the Enter that ended the last item, and more, leave the summary up
            await pilot.pause(0.1)
            await pilot.press("enter")
        assert app.screen is review
        summary = text_of(review, "#review-status")
        assert ("What changed" if lang == "en" else "달라진 점") in summary
        assert ("right share of your last 5 results" if lang == "en" else "최근 결과 5개 중 맞힌 비율") in text_of(review, "#review-list")
        assert ("Next:" if lang == "en" else "다음 할 일:") in text_of(review, "#review-next")
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


@LANGS
async def test_items_are_shown_by_title_never_by_id(make_app, tmp_path, lang):
    seed_due(tmp_path, items=(("0096-01", "0096", "wrong"), ("0097-01", "0097", "wrong")))
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_review()
        await wait_for_screen(pilot, ReviewScreen)
        shown = text_of(app.screen, "#review-list")
        assert "0096-01" not in shown and "0097-01" not in shown
        if lang == "en":
            assert "Which way does a gradient step move the parameters?" in shown
            assert "One SGD step, by hand" in shown
        else:
            assert "SGD 한 단계 직접 계산하기" in shown


@LANGS
async def test_every_showing_of_a_question_gets_a_fresh_seed(make_app, tmp_path, lang):
    seeds = []
    for round_ in range(2):
        seed_due(tmp_path / str(round_), items=(("0096-01", "0096", "wrong"),))
        app = make_app(lang=lang, home=tmp_path / str(round_))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, HomeScreen)
            app.open_review()
            await wait_for_screen(pilot, ReviewScreen)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.instance is not None)
            seeds.append(app.screen.seed)
    assert seeds[0] != seeds[1]  # the same question, the same app seed: a new order of choices


@LANGS
async def test_escape_on_an_unanswered_question_ends_the_session_with_its_summary(make_app, tmp_path, lang):
    seed_due(tmp_path)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_review()
        await wait_for_screen(pilot, ReviewScreen)
        review = app.screen
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.instance is not None)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is review and review.finished)
        assert ("What changed" if lang == "en" else "달라진 점") in text_of(review, "#review-status")


@LANGS
async def test_an_empty_review_offers_the_next_step_and_c_opens_it(make_app, tmp_path, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_review()
        await wait_for_screen(pilot, ReviewScreen)
        review = app.screen
        assert ("Nothing to review" if lang == "en" else "복습할 것이 없습니다") in text_of(review, "#review-status")
        step = text_of(review, "#review-next")
        assert ("Lesson · 0096 Optimisation" if lang == "en" else "강의 · 0096 최적화") in step
        await pilot.press("c")
        await wait_for_screen(pilot, LessonScreen)
        assert app.screen.concept_id == "0096"


@LANGS
async def test_home_shows_course_progress_the_next_step_and_a_legend(make_app, tmp_path, lang):
    seed_due(tmp_path)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for(pilot, lambda: "/" in text_of(app.screen, "#status"))
        status = text_of(app.screen, "#status")
        if lang == "en":
            assert status == "Exercises passed 0/1 · concepts studied 1/3 · reviews due 2"
            assert text_of(app.screen, "#next").startswith("Next (c): Review: 2 items")
            assert "✓ passed" in text_of(app.screen, "#legend") and "mastery" in text_of(app.screen, "#legend")
        else:
            assert status == "실습 통과 0/1 · 공부한 개념 1/3 · 복습할 항목 2개"
            assert text_of(app.screen, "#next").startswith("다음(c): 복습: 2개 항목")
            assert "✓ 통과" in text_of(app.screen, "#legend") and "숙달도" in text_of(app.screen, "#legend")
        await pilot.press("c")
        await wait_for_screen(pilot, ReviewScreen)


@LANGS
async def test_home_fits_80_columns(make_app, tmp_path, lang):
    seed_due(tmp_path)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for(pilot, lambda: "/" in text_of(app.screen, "#status"))
        from rich.cells import cell_len

        for selector in ("#status", "#next", "#legend"):
            assert cell_len(text_of(app.screen, selector)) <= 80, selector


def test_the_seeds_the_review_hands_out_give_new_orders_of_choices():
    """With the app's seed fixed (as in tests), successive showings still get new seeds, and the quiz
    shuffles choices by seed: the same question comes back in new orders."""
    from tutor.content import load_course
    from tutor.quiz import instantiate
    from tutor.screens import review

    question = load_course(COURSE).question("0096-01")
    orders = {tuple(c.en for c in instantiate(question, 7 + 1000 * next(review._showings)).choices) for _ in range(20)}
    assert len(orders) > 1


@LANGS
async def test_the_daily_cap_is_said_on_the_review_screen_and_the_rest_waits(make_app, tmp_path, monkeypatch, lang):
    from tutor.progress import queue

    monkeypatch.setattr(queue, "CAP", 1)
    seed_due(tmp_path)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_review()
        await wait_for_screen(pilot, ReviewScreen)
        review = app.screen
        assert len(review.queue) == 1
        expected = "+1 more deferred to tomorrow (at most 1 a day)." if lang == "en" else "1개는 내일로 미뤘습니다(하루 최대 1개)."
        assert expected in text_of(review, "#review-status")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        await answer_right(pilot, app.screen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is review and review.finished)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        app.open_review()  # the day's one place is used: the rest waits for tomorrow
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen is not review)
        await pilot.pause()
        done = "Done for today: 1 more deferred to tomorrow." if lang == "en" else "오늘 몫은 다 했습니다. 1개는 내일로 미뤘습니다."
        assert text_of(app.screen, "#review-status") == done
        assert text_of(app.screen, "#review-next")  # and the next step
