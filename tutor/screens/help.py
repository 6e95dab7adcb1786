"""Help (`?`): every key of every screen, in the current language."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.screens.base import TutorModal

# (screen heading key, [(keys, action key)]) — the action words come from the i18n table.
KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("home", [("enter", "open"), ("c", "continue"), ("r", "review"), ("e", "exercise"), ("l", "language"), ("t", "theme")]),
    ("lesson", [("q", "quiz"), ("e", "exercise"), ("l", "lab"), ("n / p", "next"), ("escape", "back")]),
    ("quiz", [("a–f, 1–6, ↑↓ enter", "answer"), ("n, enter", "next"), ("escape", "back")]),
    (
        "exercise",
        [
            ("ctrl+s", "save"),
            ("i", "edit"),
            ("escape", "back"),
            ("e", "editor"),
            ("f5", "check"),
            ("h", "hint"),
            ("s", "solution"),
            ("n", "next"),
            ("R", "reset"),
        ],
    ),
    ("lab", [("r", "rerun"), ("escape", "back")]),
    ("help", [("?", "help"), ("ctrl+p", "palette"), ("f2", "language"), ("f3", "theme"), ("ctrl+q", "quit")]),
]


class HelpScreen(TutorModal):
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(id="help-title", classes="title")
            yield Static(id="help-keys")
            yield Static(id="help-footer", classes="muted")

    def relabel(self) -> None:
        self.query_one("#help-title", Static).update(self.t("help_title"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for heading, keys in KEYS:
            table.add_row("", "")
            table.add_row(f"[u]{self.t(heading)}[/u]", "")
            for key, action in keys:
                table.add_row(key, self.t(action))
        self.query_one("#help-keys", Static).update(table)
        self.query_one("#help-footer", Static).update(self.t("help_footer"))
