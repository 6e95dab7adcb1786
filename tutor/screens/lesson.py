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


class LessonScroll(VerticalScroll, can_focus=False):
    """The lesson's scrolling area; the screen's keys scroll it (see LessonScreen.BINDINGS)."""
from tutor.widgets.footer import LocalFooter


class LessonScreen(TutorScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("q", "quiz", "quiz"),
        Binding("e", "exercise", "exercise"),
        Binding("l", "lab", "lab"),
        Binding("p", "move(-1)", "previous"),
        Binding("n", "move(1)", "next"),
        # Scrolling is the screen's, not a focused container's: focusing the lesson's container
        # restyles every block of the lesson (Textual restyles a node's descendants on focus), which
        # made leaving and coming back to a lesson slow.
        *[
            Binding(key, f"scroll('{action}')", show=False)
            for key, action in [("up", "scroll_up"), ("down", "scroll_down"), ("pageup", "page_up"),
                                ("pagedown,space", "page_down"), ("home", "scroll_home"), ("end", "scroll_end")]
        ],
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
        with LessonScroll(id="lesson-scroll"):
            yield Markdown(id="lesson", open_links=False)
        yield LocalFooter()

    def on_mount(self) -> None:
        app = self.tutor
        app.remember_position("lesson", self.concept_id)
        self.run_worker(lambda: app.record("lesson", self.concept_id, self.concept_id, "read"), thread=True, exit_on_error=False)

    def relabel(self) -> None:
        concept = self.concept
        self.query_one("#title", Static).update(f"{concept.id} · {concept.title.get(self.lang)}")
        self._show_lesson(concept.lesson.get(self.lang) or self.t("no_lesson"))

    def _show_lesson(self, text: str) -> None:
        """The first screenful at once, then the whole lesson once that is painted: a lesson is a
        hundred widgets or more, and the learner reads from the top (the screen change stays quick).
        The whole text replaces the first part (rather than being appended to it), so what is shown
        in the end is exactly the lesson."""
        self._shown_text = text
        head, tail = split_lesson(text)
        if not tail:
            self.query_one("#lesson", Markdown).update(text)
            return
        self.run_worker(self._show_in_two_steps(text, head), group="lesson", exclusive=True, exit_on_error=False)

    async def _show_in_two_steps(self, text: str, head: str) -> None:
        markdown = self.query_one("#lesson", Markdown)
        await markdown.update(head)
        self.call_after_refresh(self._show_whole, text)

    def _show_whole(self, text: str) -> None:
        if self._shown_text == text and self.is_mounted:  # not replaced meanwhile (a language switch)
            self.query_one("#lesson", Markdown).update(text)

    _shown_text = ""

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

    def action_scroll(self, action: str) -> None:
        getattr(self.query_one("#lesson-scroll", LessonScroll), f"action_{action}")()

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


HEAD_LINES = 24  # more than an 80x24 screen shows of a lesson


def split_lesson(text: str) -> tuple[str, str]:
    """(the lesson's first blocks, the rest): cut at the first blank line after HEAD_LINES lines that is
    outside a fenced block, so no block is cut in two; ("text", "") for a short lesson."""
    lines = text.splitlines(keepends=True)
    fenced = False
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and number >= HEAD_LINES and not line.strip():
            return "".join(lines[: number + 1]), "".join(lines[number + 1 :])
    return text, ""
