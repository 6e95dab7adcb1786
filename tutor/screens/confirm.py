"""Small dialogs: a yes/no confirmation, and a read-only view of the reference solution."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from tutor.screens.base import TutorModal


class ConfirmScreen(TutorModal):
    """Dismisses with True (yes) or False (no, escape)."""

    BINDINGS = [
        Binding("y", "answer(True)", "yes"),
        Binding("n,escape", "answer(False)", "no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="yes", variant="warning")
                yield Button(id="no", variant="primary")

    def relabel(self) -> None:
        self.query_one("#yes", Button).label = f"{self.t('yes')} (y)"
        self.query_one("#no", Button).label = f"{self.t('no')} (n)"
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class SolutionScreen(TutorModal):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "back")]

    def __init__(self, title: str, code: str) -> None:
        super().__init__()
        self.heading = title
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="title", markup=False)
            yield TextArea.code_editor(self.code, language="python", read_only=True, id="solution-code")
            yield Static("escape", classes="muted", markup=False)
