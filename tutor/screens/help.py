"""Help (`?`): the key map — every key of every screen, in the current language.

Read from the screens' own bindings (and the app's global ones), so it cannot drift from what the keys
do; the same map is the table in ARCHITECTURE.md.
"""

from __future__ import annotations

import re
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.screens.base import TutorModal

# Keys a screen handles outside its bindings (the list's enter, the quiz's choice letters).
EXTRA: dict[str, list[tuple[str, str]]] = {
    "home": [("enter", "open")],
    "quiz": [("a–f, 1–6", "answer"), ("enter", "next")],
}


def _screens() -> list[tuple[str, Any]]:
    from tutor.screens.exercise import ExerciseScreen
    from tutor.screens.home import HomeScreen
    from tutor.screens.lab import LabScreen
    from tutor.screens.lesson import LessonScreen
    from tutor.screens.quiz import QuizScreen
    from tutor.screens.review import ReviewScreen

    return [
        ("home", HomeScreen),
        ("lesson", LessonScreen),
        ("quiz", QuizScreen),
        ("exercise", ExerciseScreen),
        ("lab", LabScreen),
        ("review_title", ReviewScreen),
    ]


def key_map(app: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(heading i18n key, [(keys as shown, description i18n key)])]: the global keys, then each screen's."""
    bindings = [b for b in app.BINDINGS if isinstance(b, Binding)]
    everywhere = [(_keys(app, b), b.description) for b in bindings]
    everywhere.insert(1, ("ctrl+p", "palette"))
    sections = [("everywhere", [*everywhere, ("escape", "back")])]
    for heading, screen in _screens():
        rows = list(EXTRA.get(heading, []))
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.action == "app.pop_screen" or binding.key == "escape":
                continue
            row = (_keys(app, binding), binding.description)
            if row not in rows:
                rows.append(row)
        sections.append((heading, rows))
    return sections


def _keys(app: Any, binding: Binding) -> str:
    keys = [k.strip() for k in binding.key.split(",")]
    shown = []
    for key in keys:
        display = app.get_key_display(Binding(key, binding.action))
        shown.append(re.sub(r"^\^", "ctrl+", display) if display.startswith("^") else display)
    return ", ".join(shown)


class HelpScreen(TutorModal):
    BINDINGS = [Binding("escape,question_mark", "app.pop_screen", "back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(id="help-title", classes="title", markup=False)
            yield Static(id="help-keys")
            yield Static(id="help-footer", classes="muted", markup=False)

    def relabel(self) -> None:
        self.query_one("#help-title", Static).update(self.t("help_title"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for heading, keys in key_map(self.app):
            table.add_row("", "")
            table.add_row(Text(self.t(heading), style="underline"), "")
            for key, action in keys:
                words = self.t(f"{action}_help")  # a longer description where the footer's is terse
                table.add_row(Text(key), Text(words if words != f"{action}_help" else self.t(action)))
        self.query_one("#help-keys", Static).update(table)
        self.query_one("#help-footer", Static).update(self.t("help_footer"))
