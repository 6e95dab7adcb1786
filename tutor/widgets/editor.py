"""The in-app code editor: a TextArea that indents the way Python editors do.

Enter keeps the current line's indentation, and adds one level after a line ending in a colon (a
comment after the colon does not count as code). Tab indents (the selected lines, or to the next tab
stop at the cursor); shift+Tab dedents the current or selected lines. Escape leaves the editor (the
focus goes back to the task pane, where the screen's one-letter keys work).
"""

from __future__ import annotations

import io
import tokenize

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

INDENT = 4


def _opens_block(line: str) -> bool:
    """Whether `line` (the text before the cursor) ends in a colon that opens a block."""
    code = line.rstrip()
    if "#" in code:  # drop a trailing comment, but not a '#' inside a string
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(code + "\n").readline))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            tokens = []
        comments = [t for t in tokens if t.type == tokenize.COMMENT]
        if comments:
            code = code[: comments[-1].start[1]].rstrip()
    return code.endswith(":")


def _leading(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


class CodeEditor(TextArea):
    BINDINGS = [Binding("shift+tab", "dedent", "dedent", show=False)]

    def __init__(self, **kwargs) -> None:
        # No language yet: building Python highlighting (a tree-sitter query) costs ~40 ms each time the
        # document is set, so it is built once, by `show`, after the screen's first paint.
        super().__init__(soft_wrap=False, tab_behavior="indent", show_line_numbers=True, theme="monokai", **kwargs)
        self.indent_width = INDENT

    def show(self, text: str) -> None:
        """Replace the text (the cursor keeps its row), highlighted as Python."""
        if self.text == text and self.language == "python":
            return
        row = self.cursor_location[0]
        if self.language is None:
            self.load_text(text)
            self.language = "python"  # parses and highlights the text once
        else:
            self.load_text(text)
        self.cursor_location = (min(row, max(self.document.line_count - 1, 0)), 0)

    async def _on_key(self, event: events.Key) -> None:
        if not self.read_only and event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if not self.read_only and event.key == "tab" and self.selection.start[0] != self.selection.end[0]:
            event.stop()
            event.prevent_default()
            self.action_indent()
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        """A newline indented like the line above, one level more after a colon."""
        row, column = self.selection.end if self.selection.is_empty else min(self.selection)
        before = self.document[row][:column]
        indent = _leading(before)
        if _opens_block(before):
            indent += " " * INDENT
        start, end = self.selection
        self._replace_via_keyboard("\n" + indent, start, end)

    def _selected_rows(self) -> range:
        start, end = sorted(self.selection)
        last = end[0] if end[1] > 0 or end[0] == start[0] else end[0] - 1
        return range(start[0], max(last, start[0]) + 1)

    def action_indent(self) -> None:
        """Indent every selected line by one level (lines with only whitespace are left as they are)."""
        if self.read_only:
            return
        rows = self._selected_rows()
        lines = [self.document[r] for r in rows]
        new = [(" " * INDENT + line) if line.strip() else line for line in lines]
        self._replace_rows(rows, lines, new)

    def action_dedent(self) -> None:
        """Remove one level of indentation (or what there is of it) from the current or selected lines."""
        if self.read_only:
            return
        rows = self._selected_rows()
        lines = [self.document[r] for r in rows]
        new = []
        for line in lines:
            lead = _leading(line)
            cut = 1 if lead.startswith("\t") else min(len(lead) - len(lead.lstrip(" ")), INDENT)
            new.append(line[cut:])
        self._replace_rows(rows, lines, new)

    def _replace_rows(self, rows: range, old: list[str], new: list[str]) -> None:
        if old == new:
            return
        selection = self.selection
        first, last = rows[0], rows[-1]
        self.replace("\n".join(new), (first, 0), (last, len(old[-1])))

        def shift(location: tuple[int, int]) -> tuple[int, int]:
            row, column = location
            if first <= row <= last:
                index = row - first
                column = max(0, column + len(new[index]) - len(old[index]))
            return row, column

        self.selection = type(selection)(shift(selection.start), shift(selection.end))
