"""Lesson: one concept's Markdown (formulas in text blocks), with keys to its quiz, exercise and lab.

Links `exercise:<id>` and `lab:<id>` in the lesson open those screens; `n`/`p` move to the next or
previous concept. Opening a lesson records it as read and remembers it as the place to continue.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from tutor.screens.base import TutorScreen
from tutor.widgets.footer import LocalFooter


class LessonScreen(TutorScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("q", "quiz", "quiz"),
        Binding("e", "exercise", "exercise"),
        Binding("l", "lab", "lab"),
        Binding("p", "move(-1)", "previous"),
        Binding("n", "move(1)", "next"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e` and `l` only for a concept that has an exercise or a lab; `n`/`p` not past the ends."""
        if action == "exercise":
            return bool(self.concept.exercises)
        if action == "lab":
            return bool(self.concept.labs)
        if action == "move":
            ids = [c.id for c in self.tutor.course.concepts]
            index = ids.index(self.concept_id) + int(parameters[0]) if self.concept_id in ids else -1  # type: ignore[call-overload]
            return 0 <= index < len(ids)
        return True

    def __init__(self, concept_id: str) -> None:
        super().__init__()
        self.concept_id = concept_id

    @property
    def concept(self):
        return self.tutor.course.concept(self.concept_id)

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title", markup=False)
        with VerticalScroll(id="lesson-scroll"):
            yield Markdown(id="lesson", open_links=False)
        yield LocalFooter()

    def on_mount(self) -> None:
        app = self.tutor
        app.remember_position("lesson", self.concept_id)
        self.run_worker(lambda: app.record("lesson", self.concept_id, self.concept_id, "read"), thread=True, exit_on_error=False)
        self.query_one("#lesson-scroll").focus()

    def relabel(self) -> None:
        concept = self.concept
        self.query_one("#title", Static).update(f"{concept.id} · {concept.title.get(self.lang)}")
        self.query_one("#lesson", Markdown).update(concept.lesson.get(self.lang) or self.t("no_lesson"))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        kind, _, target = event.href.partition(":")
        if kind == "exercise" and target:
            self.tutor.open_exercise(target)
        elif kind == "lab" and target:
            self.tutor.open_lab(target)
        elif kind in ("http", "https"):
            self.app.open_url(event.href)
        else:
            self.notify(self.t("unknown_link", href=event.href), severity="warning")

    def action_quiz(self) -> None:
        self.tutor.open_quiz(self.concept_id)

    def action_exercise(self) -> None:
        if self.concept.exercises:
            self.tutor.open_exercise(self.concept.exercises[0])
        else:
            self.notify(self.t("no_exercise"))

    def action_lab(self) -> None:
        if self.concept.labs:
            self.tutor.open_lab(self.concept.labs[0])
        else:
            self.notify(self.t("no_lab"))

    def action_move(self, step: int) -> None:
        ids = [c.id for c in self.tutor.course.concepts]
        if self.concept_id not in ids:
            return
        index = ids.index(self.concept_id) + step
        if 0 <= index < len(ids):
            self.app.switch_screen(LessonScreen(ids[index]))
