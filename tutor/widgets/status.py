"""Small renderings of progress: a mastery bar and exercise-status marks."""

from __future__ import annotations

from rich.text import Text

from tutor.widgets.i18n import tr

STATUS_MARKS = {"new": ("·", "dim"), "started": ("…", "yellow"), "failed": ("✗", "red"), "passed": ("✓", "green")}


def mastery_bar(value: float | None, width: int = 8) -> Text:
    """`████░░░░  50%`; an empty bar for a concept never practised."""
    value = min(max(float(value or 0.0), 0.0), 1.0)
    full = round(value * width)
    bar = Text("█" * full, style="green" if value >= 0.8 else "yellow" if value >= 0.4 else "red")
    bar.append("░" * (width - full), style="dim")
    bar.append(f" {round(value * 100):3d}%")
    return bar


def exercise_marks(statuses: list[tuple[str, str]]) -> Text:
    """`sgd✓ momentum…` for [(id, status), ...]."""
    text = Text()
    for i, (exercise_id, status) in enumerate(statuses):
        mark, style = STATUS_MARKS.get(status, STATUS_MARKS["new"])
        if i:
            text.append(" ")
        text.append(exercise_id)
        text.append(mark, style=style)
    return text


def status_word(status: str, lang: str) -> str:
    return tr(f"status_{status}", lang)
