"""Drawing labs as terminal text with plotext, safely from any thread and within a given size.

plotext keeps one global figure, so every drawing holds ``_LOCK`` from ``clear_figure`` to ``build``.
It also counts characters, not terminal cells, so a Korean title would push its line past the width:
``fit`` takes one padding space back for every wide character, then cuts what still does not fit.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager

import numpy as np
import plotext as plt

from tutor import safetext

_LOCK = threading.Lock()
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TOKEN = re.compile(r"\x1b\[[0-9;]*m|.", re.S)
_PADDING = re.compile(r"(  +)")
SPARKS = " ▁▂▃▄▅▆▇█"

# Series styles, one per line in a panel: a colour, and a marker so that plain text tells them apart too.
# "gray" and "·" are kept for contours and guides.
COLORS = ("blue+", "red+", "green+", "magenta+", "cyan+", "yellow+")
MARKERS = ("*", "o", "+", "x", "#", "@")


def cells(text: str) -> int:
    """Terminal cells taken by ``text`` (ANSI codes take none, East Asian wide characters two)."""
    return safetext.cells(_ANSI.sub("", text))


def fit(line: str, width: int) -> str:
    """``line`` made at most ``width`` cells: for each wide character, take one space back from the next
    run of padding (two or more spaces; one space is always left), then cut what still does not fit."""
    if cells(line) <= width:
        return line
    out, debt = [], 0
    for piece in _PADDING.split(line):
        if piece.startswith("  ") and not piece.strip(" "):
            drop = min(debt, len(piece) - 1)
            debt -= drop
            out.append(piece[drop:])
        else:
            debt += cells(piece) - len(_ANSI.sub("", piece))
            out.append(piece)
    return _cut("".join(out), width)


def _cut(line: str, width: int) -> str:
    """The first ``width`` cells of ``line``, keeping every colour code (so a reset is never lost)."""
    out, used = [], 0
    for token in _TOKEN.findall(line):
        if token.startswith("\x1b"):
            out.append(token)
            continue
        w = safetext.char_cells(token)
        if used + w <= width:
            out.append(token)
        used += w
    return "".join(out)


def fit_block(text: str, width: int, height: int | None = None) -> str:
    lines = [fit(line.rstrip() if not _ANSI.search(line) else line, width) for line in text.splitlines()]
    if height is not None:
        lines = lines[:height]
    return "\n".join(lines)


@contextmanager
def figure(width: int, height: int, rows: int = 1, cols: int = 1):
    """A fresh plotext figure of ``width`` × ``height`` cells (optionally a grid); yields plotext."""
    with _LOCK:
        # The master figure's clear resets any grid left by the last drawing (plt.clear_figure() only
        # clears the active subplot).
        plt._core._figure.clear_figure()
        plt.plotsize(width, height)
        if rows * cols > 1:
            plt.subplots(rows, cols)
        else:
            plt.theme("clear")
        yield plt


def panel(row: int, col: int) -> None:
    """Select a subplot of the current grid, with the clear theme (no background colour)."""
    plt.subplot(row, col)
    plt.theme("clear")


def build(width: int, height: int, color: bool) -> str:
    """The current figure as text; plain text unless ``color``. Call inside ``figure``."""
    text = plt.build()
    if not color:
        text = _ANSI.sub("", text)
    return fit_block(text, width, height)


def finite(values) -> list[float]:
    """The series up to its first non-finite value (a diverged run), as floats for plotext."""
    values = np.asarray(values, dtype=float)
    bad = np.flatnonzero(~np.isfinite(values))
    return values[: bad[0] if bad.size else None].tolist()


def smooth(values, window: int = 9) -> np.ndarray:
    """A centred moving average (the book's smooth_curve in spirit), same length as ``values``."""
    values = np.asarray(values, dtype=float)
    if values.size < window:
        return values
    pad = window // 2
    padded = np.concatenate([np.full(pad, values[0]), values, np.full(pad, values[-1])])
    return np.convolve(padded, np.ones(window) / window, mode="valid")


def sparkline(counts, width: int) -> str:
    """A histogram as one row of block characters, rebinned to at most ``width`` bars, scaled to its max."""
    counts = np.asarray(counts, dtype=float)
    groups = max(d for d in range(1, counts.size + 1) if counts.size % d == 0 and d <= width)
    counts = counts.reshape(groups, -1).sum(axis=1)
    top = counts.max()
    if top <= 0:
        return " " * groups
    levels = np.ceil(counts / top * (len(SPARKS) - 1)).astype(int)
    return "".join(SPARKS[k] for k in levels)


def grid_shape(n: int) -> tuple[int, int]:
    """Rows and columns for ``n`` panels on a wide terminal."""
    if n <= 1:
        return 1, 1
    if n <= 3:
        return 1, n
    if n == 4:
        return 2, 2
    return 2, (n + 1) // 2


def marked(names: list[str], start: int = 0) -> list[str]:
    """Key items "* SGD", "o Adam", ...: each name after its series' marker, in the order of MARKERS from
    ``start`` (the series drawn with ``style(start)``, ``style(start + 1)``, ...)."""
    return [f"{MARKERS[(start + i) % len(MARKERS)]} {name}" for i, name in enumerate(names)]


def key_lines(items: list[str], width: int) -> list[str]:
    """The key under a plot (plotext's legend box would sit on curves that start in the top-left corner,
    as loss curves do): ``items`` three spaces apart, wrapped between items onto as many lines as it
    takes, so that no label is ever cut. An item wider than ``width`` on its own is wrapped at its
    spaces. Draw the plot ``len(key_lines(...))`` lines shorter to make room."""
    lines: list[str] = []
    line = ""
    for item in items:
        pieces = _wrap_words(item, width)
        first = f"{line}   {pieces[0]}" if line else pieces[0]
        if len(pieces) == 1 and cells(first) <= width:
            line = first
            continue
        if line:
            lines.append(line)
        lines.extend(pieces[:-1])
        line = pieces[-1]
    if line:
        lines.append(line)
    return lines


def _wrap_words(text: str, width: int) -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` cells (a word longer than that is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cells(candidate) <= width or not line:
            line = _cut(candidate, width)
        else:
            lines.append(line)
            line = _cut(word, width)
    return [*lines, line]


def style(i: int) -> dict:
    """plotext keyword arguments for the i-th series of a panel."""
    return {"marker": MARKERS[i % len(MARKERS)], "color": COLORS[i % len(COLORS)]}


def pad(text: str, width: int) -> str:
    """``text`` cut or padded with spaces to exactly ``width`` terminal cells (Korean counts two a letter),
    leaving at least one space after it."""
    text = _cut(text, width - 1)
    return text + " " * (width - cells(text))


def center(text: str, width: int) -> str:
    """``text`` centred in ``width`` terminal cells (Korean counts two a letter)."""
    spare = max(0, width - cells(text))
    return " " * (spare // 2) + text + " " * (spare - spare // 2)
