"""Review: today's plan from the progress store (weak topics first, then what is due, within the daily
cap) run as one session that flows from item to item.

Each item opens the screen it needs (a question in the quiz screen, with a fresh seed so that choices
come in a new order every time; an exercise; a lesson for a leech); when it closes the next one opens,
with no "done" screen in between. Leaving a question unanswered (escape) ends the session early. At the
end the session shows what changed (mastery per concept before and after, with what mastery means) and
the next step; it stays until the learner leaves (escape) or takes the step (c).
"""

from __future__ import annotations

import itertools
import random
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.screens.base import TutorScreen
from tutor.screens.nextstep import OffersNextStep
from tutor.widgets.footer import LocalFooter
from tutor.widgets.status import mastery_bar

_showings = itertools.count(1)  # every showing of a question gets its own seed


class ReviewScreen(OffersNextStep, TutorScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("enter", "start", "review_go"),
        Binding("c", "next_step", "next_step"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Any] = []
        self.deferred = 0
        self.cap = 0
        self.position = -1  # -1: not started; len(queue): finished
        self.before: dict[str, float] = {}
        self.after: dict[str, float] = {}
        self.seeds: list[int] = []  # the seed each question was shown with
        self.reached = 0  # how many items the session went through

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-status", classes="status")
            yield Static(id="review-list")
            yield Static(id="review-next")
        yield LocalFooter()

    def on_mount(self) -> None:
        store = self.tutor.store
        if store is None:
            return
        with self.guarded("while_review_queue"):
            # The app's course (not the live one the store would load on this thread): the items must open here.
            course = self.tutor.course if self.tutor.course_loaded else None
            plan = store.review_plan(course=course)
            self.queue, self.deferred, self.cap = list(plan.items), plan.deferred, plan.cap
            self.before = dict(store.concept_mastery())
        if not self.queue:
            self.find_next_step()

    # -- what is shown ---------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Nothing (more) to practise: the session ended, or there was nothing to review."""
        return self.position >= len(self.queue) or not self.queue

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.position < 0 and bool(self.queue)
        if action == "next_step":
            return self.finished and self.step is not None
        return True

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.t("review_title"))
        if self.queue and self.finished:
            self._show_summary()
        elif not self.queue:
            done_for_today = self.t("review_done_today", n=self.deferred) if self.deferred else self.t("review_empty")
            self.query_one("#review-status", Static).update(done_for_today)
            self.query_one("#review-list", Static).update("")
        else:
            self._show_queue()
        self._show_next_step()
        self.refresh_bindings()

    def _show_queue(self) -> None:
        if self.position < 0:
            status = self.t("review_today", n=len(self.queue))
            if self.deferred:
                status += " " + self.t("review_deferred", n=self.deferred, cap=self.cap)
        else:
            status = self.t("review_item", i=self.position + 1, n=len(self.queue))
        self.query_one("#review-status", Static).update(status)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        for i, item in enumerate(self.queue):
            mark = "✓" if i < self.position else "▶" if i == self.position else " "
            reason = RichText(item.reason.get(self.lang), style="dim", no_wrap=True, overflow="ellipsis")
            title = RichText(item.label(self.lang), no_wrap=True, overflow="ellipsis")
            table.add_row(mark, self.t("kind_" + item.kind), Group(title, reason))
        self.query_one("#review-list", Static).update(table)

    def _show_next_step(self) -> None:
        step = self.next_step_text() if self.finished else None
        widget = self.query_one("#review-next", Static)
        widget.update("" if step is None else RichText("\n" if self.queue else "") + step)

    # -- the session -------------------------------------------------------------------------------------

    def action_start(self) -> None:
        if self.position < 0 and self.queue:
            self._advance()

    def _advance(self, result: object = None) -> None:
        if isinstance(result, list) and not result and self.position >= 0 and self.queue[self.position].kind == "question":
            self.reached = self.position  # a question left unanswered: the learner ends the session here
            self.position = len(self.queue)
        else:
            self.position += 1
            self.reached = self.position
        if self.finished:
            self._finish()
            return
        self._show_queue()
        item = self.queue[self.position]
        with self.guarded("while_review_item"):
            self._open(item)
            return
        self._advance()  # an item that cannot open is skipped, not a dead end

    def _seed(self) -> int:
        base = self.tutor.seed
        return random.randrange(2**31) if base is None else base + 1000 * next(_showings)

    def _open(self, item: Any) -> None:
        from tutor.screens.exercise import ExerciseScreen
        from tutor.screens.lesson import LessonScreen
        from tutor.screens.quiz import QuizScreen

        course = self.tutor.course
        if item.kind == "question":
            question = course.question(item.item)
            title = course.concept(question.concept).title
            seed = self._seed()
            self.seeds.append(seed)
            screen = QuizScreen([question], title=title, seed=seed, session=(self.position + 1, len(self.queue)))
            self.app.push_screen(screen, self._advance)
        elif item.kind == "exercise":
            self.app.push_screen(ExerciseScreen(item.item), self._advance)
        else:
            self.app.push_screen(LessonScreen(item.concept), self._advance)

    def _finish(self) -> None:
        store = self.tutor.store
        if store is not None:
            with self.guarded("while_progress"):
                self.after = dict(store.concept_mastery())
        self.find_next_step()
        self.relabel()

    def _show_summary(self) -> None:
        practised = {item.concept for item in self.queue[: self.reached]}
        concepts = sorted(practised | {c for c in self.after if self.after.get(c) != self.before.get(c)})
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, max_width=34, overflow="ellipsis")
        table.add_column(no_wrap=True)
        table.add_column(width=1)
        table.add_column(no_wrap=True)
        course = self.tutor.course
        changed = False
        for concept_id in concepts:
            before, after = self.before.get(concept_id, 0.0), self.after.get(concept_id, 0.0)
            changed = changed or round(before, 2) != round(after, 2)
            try:
                title = f"{concept_id} {course.concept(concept_id).title.get(self.lang)}"
            except KeyError:
                title = concept_id
            table.add_row(RichText(title, no_wrap=True, overflow="ellipsis"), mastery_bar(before), "→", mastery_bar(after))
        status = self.t("review_summary") + ("" if changed else " " + self.t("review_no_change"))
        self.query_one("#review-status", Static).update(status)
        from tutor.progress.mastery import EXPLAINED

        explained = RichText(EXPLAINED["ko" if self.lang == "ko" else "en"], style="dim")
        self.query_one("#review-list", Static).update(Group(table, RichText(""), explained) if concepts else explained)
