"""How a quiz verdict reads on screen: its message, the misconception of a wrong choice, the explanation."""

from __future__ import annotations

from typing import Any

from tutor.widgets.i18n import tr


def feedback_lines(verdict: Any, lang: str) -> list[str]:
    """Lines for a `tutor.quiz.Verdict`, in `lang`; an unreadable answer reveals nothing."""
    if verdict.status == "unreadable":
        return [tr("unreadable", lang, why=verdict.message.get(lang))]
    lines = [verdict.message.get(lang)]
    for extra in (verdict.why, verdict.explanation):
        if extra is not None and extra.get(lang) not in lines:
            lines.append(extra.get(lang))
    return lines
