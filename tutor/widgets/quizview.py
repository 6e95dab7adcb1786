"""How a quiz verdict reads on screen: its message, the misconception of a wrong choice, the explanation;
and course text with `code` in it (options, feedback) shown as code, as the Markdown prompt shows it."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text as RichText

from tutor.widgets.i18n import tr

CODE = re.compile(r"`([^`\n]+)`")  # a pair of backticks on one line; a lone backtick is text
CODE_STYLE = "bold"  # readable in both themes, as Rich styles cannot use the theme's variables


def inline_code(text: str) -> RichText:
    """Course text as plain text (never markup) with each `span` shown as code, without the backticks."""
    shown = RichText()
    end = 0
    for match in CODE.finditer(text):
        shown.append(text[end : match.start()])
        shown.append(match.group(1), style=CODE_STYLE)
        end = match.end()
    shown.append(text[end:])
    return shown


def feedback_lines(verdict: Any, lang: str) -> list[str]:
    """Lines for a `tutor.quiz.Verdict`, in `lang`; an unreadable answer reveals nothing."""
    if verdict.status == "unreadable":
        return [tr("unreadable", lang, why=verdict.message.get(lang))]
    lines = [verdict.message.get(lang)]
    for extra in (verdict.why, verdict.explanation):
        if extra is not None and extra.get(lang) not in lines:
            lines.append(extra.get(lang))
    return lines
