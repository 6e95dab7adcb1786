"""Grading results as text, most useful first: the verdict, what went wrong, the first failing check.

Reads the Exercism results.json v2 dict (`status`, `message`, `tests`, plus `diagnosis` and `started`)
that `tutor.grading` produces in the learner's language (`Result.to_json(lang)`), so the TUI shows what
`tutor check --json --lang ..` prints, reordered for a person: the verdict line, then the diagnosis
(what went wrong and the concept to revisit, once), then the first failing check with its smallest
case, with failures that differ only in their case collapsed into "the same in N more checks", and only then the list of
checks. Everything that came from the learner's code (messages, printed output) goes through
`safe_text` and is shown as `Text`, never parsed as markup.
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

from tutor.safetext import safe_text
from tutor.widgets.i18n import tr

_CASE = (" Case: ", " 사례: ")  # the judges end a failure with the case it was found on
MARKS = {"pass": ("✓", "green"), "fail": ("✗", "red"), "error": ("!", "red")}


def _words(value: Any, lang: str) -> str:
    """A message that may be plain text or {"en": ..., "ko": ...}, made safe to show."""
    if isinstance(value, dict):
        value = value.get(lang) or value.get("en") or ""
    return safe_text(value)


def gist(message: str) -> str:
    """A failure without its case: two checks failing the same way on different cases match."""
    for marker in _CASE:
        if marker in message:
            return message.split(marker, 1)[0]
    return message


def started(data: dict) -> bool:
    """False for a file the learner has not touched yet (the grader says so with `"started": false`)."""
    return data.get("started", True) is not False


_LINE = re.compile(r"\bline (\d+)\b|(\d+)번째 줄")  # "line 22 in update" / "update의 22번째 줄"


def todo_line(data: dict) -> int | None:
    """The line of the learner's file where the code stopped at a TODO: the first error names it."""
    messages = [t.get("message") for t in data.get("tests") or [] if t.get("status") == "error"]
    for message in [*messages, data.get("message")]:
        if isinstance(message, dict):
            message = message.get("en") or ""
        found = _LINE.search(message or "")
        if found:
            return int(found.group(1) or found.group(2))
    return None


def verdict(data: dict, lang: str, path: object = "") -> tuple[str, str]:
    """The verdict line and its style class (pass | fail | error | new)."""
    status = data.get("status", "error")
    tests = data.get("tests") or []
    if not started(data):
        return tr("not_started", lang, path=safe_text(path, one_line=True)), "new"
    if status == "pass":
        return tr("passed_n", lang, n=len(tests)), "pass"
    if status == "fail":
        failing = sum(1 for t in tests if t.get("status") != "pass")
        return tr("failed_n", lang, k=failing, n=len(tests)), "fail"
    return tr("error", lang), "error"


def render_results(data: dict, lang: str) -> Text:
    """Everything under the verdict line (see the module's doc)."""
    text = Text()
    if not started(data):  # graded, maybe changed, but no further than the stub: say where it stops
        line = todo_line(data)
        text.append(tr("not_started_more", lang, line=line) if line else tr("not_started_at_todo", lang), style="dim")
        return text
    tests = data.get("tests") or []
    failing = [t for t in tests if t.get("status") != "pass"]
    for item in data.get("diagnosis") or []:
        words = _words(item.get("message"), lang)
        concept = safe_text(item.get("concept") or "", one_line=True)
        if concept and concept not in words:
            words += " " + tr("revisit", lang, concept=concept)
        text.append(tr("diagnosis", lang) + ": ", style="bold")
        text.append(words + "\n")
    headline = _words(data.get("message"), lang)
    first = failing[0] if failing else None
    if first is not None:
        mark, style = MARKS.get(first.get("status", "error"), MARKS["error"])
        text.append(f"{mark} ", style=style)
        text.append(_words(first.get("name"), lang) + "\n", style="bold")
        headline = _words(first.get("message"), lang) or headline
    if headline:
        text.append(("  " if first else "") + headline + "\n")
    printed = _words(data.get("output"), lang)  # an error before any check: what the code printed
    if printed and first is None:
        text.append(tr("printed", lang) + "\n", style="dim")
        text.append(_indent(printed.rstrip()) + "\n", style="dim")
    if first is not None:
        output = _words(first.get("output"), lang)
        if output:
            text.append(_indent(output.rstrip()) + "\n", style="dim")
        same = [t for t in failing[1:] if gist(_words(t.get("message"), lang)) == gist(headline) and not t.get("output")]
        if same:
            text.append("  " + tr("same_in_more", lang, n=len(same)) + "\n", style="italic")
    else:
        same = []
    if tests:
        text.append("\n" + tr("check_results", lang) + "\n", style="bold")
    for test in tests:
        mark, style = MARKS.get(test.get("status", "error"), MARKS["error"])
        text.append(f"{mark} ", style=style)
        text.append(_words(test.get("name"), lang) + "\n")
        if test is first or any(test is t for t in same) or test.get("status") == "pass":
            continue
        detail = _words(test.get("message"), lang)
        if detail:
            text.append(f"  {detail}\n")
        output = _words(test.get("output"), lang)
        if output:
            text.append(_indent(output.rstrip()) + "\n", style="dim")
    return text


def _indent(block: str) -> str:
    return "\n".join("  " + line for line in block.splitlines())
