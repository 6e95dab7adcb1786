"""Grading results as text: one line per check, its message and capped output, then the diagnosis.

Reads the Exercism results.json v2 dict (`status`, `message`, `tests`, plus `diagnosis`) that
`tutor.grading` produces, so the TUI shows exactly what `tutor check --json` prints.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tutor.widgets.i18n import tr

MARKS = {"pass": ("✓", "green"), "fail": ("✗", "red"), "error": ("!", "red")}


def _words(value: Any, lang: str) -> str:
    """A message that may be plain text or {"en": ..., "ko": ...}."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or "")
    return "" if value is None else str(value)


def verdict_line(data: dict, lang: str) -> str:
    status = data.get("status", "error")
    key = {"pass": "passed", "fail": "failed"}.get(status, "error")
    return tr(key, lang)


def render_results(data: dict, lang: str) -> Text:
    text = Text()
    message = _words(data.get("message"), lang)
    if message:
        text.append(message + "\n\n")
    for test in data.get("tests", []):
        mark, style = MARKS.get(test.get("status", "error"), MARKS["error"])
        text.append(f"{mark} ", style=style)
        text.append(_words(test.get("name"), lang) + "\n", style="bold" if test.get("status") != "pass" else "")
        if test.get("status") != "pass":
            detail = _words(test.get("message"), lang)
            if detail:
                text.append(f"  {detail}\n")
            output = _words(test.get("output"), lang)
            if output:
                text.append(f"  {output.rstrip()}\n", style="dim")
    diagnosis = data.get("diagnosis") or []
    if diagnosis:
        text.append("\n" + tr("diagnosis", lang) + "\n", style="bold")
        for item in diagnosis:
            words = _words(item.get("message"), lang)
            concept = item.get("concept")
            text.append(f"• {words}" + (f" ({concept})" if concept else "") + "\n")
    return text
