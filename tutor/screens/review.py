"""Review: the progress store's queue (due items, then the weakest concepts) run as one session.

Each item opens the screen it needs (a question in the quiz screen, an exercise, or a lesson for a
leech); when it is closed the next one opens. At the end the session shows what changed: mastery per
concept before and after.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.screens.base import TutorScreen
from tutor.widgets.footer import LocalFooter
from tutor.widgets.status import mastery_bar

SESSION_SIZE = 10


class ReviewScreen(TutorScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("enter", "start", "continue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Any] = []
        self.position = -1  # -1: not started; len(queue): finished
        self.before: dict[str, float] = {}
        self.after: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-status", classes="status")
            yield Static(id="review-list")
        yield LocalFooter()

    def on_mount(self) -> None:
        store = self.tutor.store
        if store is None:
            return
        with self.guarded("while_review_queue"):
            # The app's course (not the live one the store would load on this thread): the items must open here.
            course = self.tutor.course if self.tutor.course_loaded else None
            self.queue = list(store.review_queue(limit=SESSION_SIZE, course=course))
            self.before = dict(store.concept_mastery())

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.t("review_title"))
        if self.position >= len(self.queue) and self.queue:
            self._show_summary()
        elif not self.queue:
            self.query_one("#review-status", Static).update(self.t("review_empty"))
            self.query_one("#review-list", Static).update("")
        else:
            self._show_queue()

    def _show_queue(self) -> None:
        status = self.t("review_start") if self.position < 0 else self.t("review_item", i=self.position + 1, n=len(self.queue))
        self.query_one("#review-status", Static).update(status)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=2)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for i, item in enumerate(self.queue):
            mark = "✓" if i < self.position else "▶" if i == self.position else " "
            reason = getattr(item, "reason", None)
            reason_text = reason.get(self.lang) if hasattr(reason, "get") else str(reason or "")
            label = f"{self.t('kind_' + item.kind)} {item.item}"
            table.add_row(mark, label, RichText(reason_text, style="dim"))
        self.query_one("#review-list", Static).update(table)

    def action_start(self) -> None:
        if self.position < 0 and self.queue:
            self._advance()
        elif self.position >= len(self.queue):
            self.dismiss()

    def _advance(self, _result: object = None) -> None:
        self.position += 1
        if self.position >= len(self.queue):
            self._finish()
            return
        self._show_queue()
        item = self.queue[self.position]
        with self.guarded("while_review_item"):
            self._open(item)
            return
        self._advance()  # an item that cannot open is skipped, not a dead end

    def _open(self, item: Any) -> None:
        from tutor.screens.exercise import ExerciseScreen
        from tutor.screens.lesson import LessonScreen
        from tutor.screens.quiz import QuizScreen

        course = self.tutor.course
        if item.kind == "question":
            question = course.question(item.item)
            title = course.concept(question.concept).title
            self.app.push_screen(QuizScreen([question], title=title), self._advance)
        elif item.kind == "exercise":
            self.app.push_screen(ExerciseScreen(item.item), self._advance)
        else:
            self.app.push_screen(LessonScreen(item.concept), self._advance)

    def _finish(self) -> None:
        store = self.tutor.store
        if store is not None:
            with self.guarded("while_progress"):
                self.after = dict(store.concept_mastery())
        self._show_summary()

    def _show_summary(self) -> None:
        self.query_one("#review-status", Static).update(self.t("review_summary"))
        concepts = sorted({item.concept for item in self.queue} | {c for c in self.after if self.after.get(c) != self.before.get(c)})
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, max_width=30, overflow="ellipsis")
        table.add_column()
        table.add_column(width=2)
        table.add_column()
        course = self.tutor.course
        changed = False
        for concept_id in concepts:
            before, after = self.before.get(concept_id, 0.0), self.after.get(concept_id, 0.0)
            changed = changed or round(before, 2) != round(after, 2)
            try:
                title = course.concept(concept_id).title.get(self.lang)
            except KeyError:
                title = ""
            table.add_row(concept_id, title, mastery_bar(before), "→", mastery_bar(after))
        body: Any = table if concepts else ""
        self.query_one("#review-list", Static).update(body)
        if not changed:
            self.query_one("#review-status", Static).update(self.t("review_summary") + " " + self.t("review_no_change"))
