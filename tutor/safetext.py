"""The one place that turns text from outside (a learner's file, its output, an import) into safe text.

Anything a learner's code printed or raised, a line of their file, an id from an imported file, a path
from the environment: before it is printed to a terminal, put in JSON or shown in a widget, it goes
through `safe_text`. The result

- is valid Unicode (a lone surrogate becomes the visible escape `\\udXXX`, so UTF-8 encoding never fails);
- carries no terminal control: ESC is shown as `␛` (so `ESC ]0;title` arrives as `␛]0;title`), every
  other C0 control and DEL as its control picture (`␀`, `␇`, `␍`, `␡`, ...), every C1 control (the 8-bit
  CSI U+009B among them) as `\\x9b`, and the bidirectional controls (U+202A-U+202E, U+2066-U+2069,
  U+200E, U+200F, U+061C) as `<U+202E>`; newline stays (unless `one_line`), tab stays, CRLF becomes LF;
- is at most `limit` characters, with a note of how much was cut.

It does not escape Rich markup: widgets show it as `rich.text.Text` (never parsed as markup) or with
markup off. The core uses it; it imports nothing but the standard library.

`cells(text)` (and `char_cells`) is the one measure of how wide text is in a terminal (Hangul takes two
cells a letter): what every plain-text table and column of the CLI and the labs aligns by.
"""

from __future__ import annotations

import re
import unicodedata

LIMIT = 4000  # characters: enough for a traceback's last lines, never enough to freeze a widget

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_BIDI}]")


def _visible(char: str, one_line: bool) -> str:
    code = ord(char)
    if char == "\n":
        return " ⏎ " if one_line else "\n"
    if char == "\x1b":
        return "␛"
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ ␁ ... ␟
    if code == 0x7F:
        return "␡"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return f"<U+{code:04X}>"


def first_unsafe(text: str, allowed: str = "\n\r") -> int | None:
    """The index of the first character `safe_text` would change (tab and `allowed` aside), or None."""
    for found in _UNSAFE.finditer(text):
        if found.group() not in allowed:
            return found.start()
    return None


def safe_text(value: object, *, limit: int | None = LIMIT, one_line: bool = False) -> str:
    """`value` as text that is safe to print, put in JSON or show in a widget (see the module's doc)."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        text = bytes(value).decode("utf-8", errors="backslashreplace")
    elif isinstance(value, str):  # a str subclass's methods may lie: take its characters
        text = str.__add__("", value)
    else:
        try:
            text = str(value)
            text = str.__add__("", text) if isinstance(text, str) else ""
        except Exception:  # a hostile __str__
            text = f"<{type(value).__name__}>"
    cut = 0
    if limit is not None and len(text) > limit:
        cut, text = len(text) - limit, text[:limit]
    text = text.replace("\r\n", "\n")
    text = _UNSAFE.sub(lambda m: _visible(m.group(), one_line), text)
    if limit is not None and len(text) > limit:  # the visible forms are longer than what they replace
        cut, text = cut + len(text) - limit, text[:limit]
    if cut:
        text += f" … [+{cut:,} chars]"
    return text


def char_cells(char: str) -> int:
    """Terminal cells one character takes: two for East Asian wide and full-width ones (Hangul), else one."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def cells(text: str) -> int:
    """Terminal cells `text` takes; `text.ljust(n)` would count a Korean word's letters, not its width."""
    return sum(map(char_cells, text))
