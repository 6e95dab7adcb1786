"""The Markdown of exercise tasks and hints as Rich text: paragraphs wrap, formulas never do.

Task files (`exercises/<id>/task.<lang>.md`) and hints use a small subset of Markdown: paragraphs,
`- ` bullets, fenced blocks (```` ```text ````) for formulas, and inline `code` and **bold**. A fenced
line is one unit: it is never wrapped mid-expression (a line too wide for the pane is cut with "…";
`tests/app/test_exercise_screen.py` keeps every formula line within `FORMULA_WIDTH` cells, the
narrowest the task pane gets). Hand-written rather than a Markdown library: it costs nothing to import
when the exercise screen opens, and the subset is all the course uses.
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.text import Text

FORMULA_WIDTH = 36  # cells: the task pane's text width at 100 columns, the narrowest side-by-side layout
_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*")


def inline(source: str, style: str = "") -> Text:
    """One paragraph's text with `code` and **bold** styled and their marks removed."""
    text = Text(style=style)
    at = 0
    for match in _INLINE.finditer(source):
        text.append(source[at : match.start()])
        if match.group(1) is not None:
            text.append(match.group(1), style="bold cyan")
        else:
            text.append(match.group(2), style="bold")
        at = match.end()
    text.append(source[at:])
    return text


def _formula(lines: list[str]) -> Text:
    return Text("\n".join("  " + line for line in lines), style="bold", no_wrap=True, overflow="ellipsis")


def blocks(source: str) -> list[Text]:
    """The renderables of a Markdown text, one per paragraph, bullet or formula block."""
    out: list[Text] = []
    paragraph: list[str] = []  # the lines of the paragraph or bullet being read
    fence: list[str] | None = None

    def flush() -> None:
        if paragraph:
            words = " ".join(line.strip() for line in paragraph)
            out.append(Text.assemble("• ", inline(words[2:])) if words.startswith(("- ", "* ")) else inline(words))
            paragraph.clear()

    for line in source.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith("```"):
                out.append(_formula(fence))
                fence = None
            else:
                fence.append(line)
        elif stripped.startswith("```"):
            flush()
            fence = []
        elif not stripped:
            flush()
        else:
            if stripped.startswith(("- ", "* ")):
                flush()  # each bullet is its own block; its indented next lines continue it
            paragraph.append(line)
    if fence is not None:  # an unclosed fence: show what there is
        out.append(_formula(fence))
    flush()
    return out


def render(source: str) -> Group:
    """A Markdown text as one renderable, with a blank line between paragraphs (bullets stay together)."""
    parts: list[Text] = []
    previous = ""
    for block in blocks(source):
        bullet = block.plain.startswith("• ")
        if parts and not (bullet and previous == "bullet"):
            parts.append(Text(""))
        parts.append(block)
        previous = "bullet" if bullet else "other"
    return Group(*parts)
