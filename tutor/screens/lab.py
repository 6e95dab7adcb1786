"""Lab: one of the chapter's experiments, run in a thread worker with a progress bar, shown as text plots.

`tutor.labs.run_lab` computes (with the learner's own code where their exercise passes) and
`tutor.labs.render` draws the result as text at the screen's size, followed by `tutor.labs.summary`
(whose code ran, what the numbers show); a resize or a language switch only redraws, ctrl+r runs
again with a new seed. A lab without randomness (the optimizer paths start from a fixed point) gives
the same result: the screen says so and stops offering the key.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import ProgressBar, Static

from tutor.screens.base import TutorScreen
from tutor.widgets.footer import LocalFooter


class LabScreen(TutorScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("ctrl+r", "rerun", "rerun"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rerun":
            return not self.seedless  # a new seed would change nothing
        return True

    def __init__(self, lab_id: str) -> None:
        super().__init__()
        self.lab_id = lab_id
        self.result: Any = None
        self.seed = 0
        self.seedless = False  # a new seed gave the same result
        self._previous: Any = None
        self._drawn_for: tuple[int, int, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title", markup=False)
        yield ProgressBar(id="lab-progress", total=1.0, show_eta=False)
        yield Static(id="lab-step", classes="status", markup=False)
        with VerticalScroll(id="lab-scroll"):
            yield Static(id="plot", markup=False)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.tutor.remember_position("lab", self.lab_id)
        self.seed = self.tutor.seed or 0
        self._run()

    def relabel(self) -> None:
        name = self.lab_id
        with self.guarded("while_lab", id=self.lab_id):
            from tutor.labs import LABS

            if self.lab_id in LABS:
                name = LABS[self.lab_id].title.get(self.lang)
        self.query_one("#title", Static).update(self.t("lab_title", name=name))
        self._drawn_for = None
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def action_rerun(self) -> None:
        if self.result is None:
            return  # still running
        self._previous = self.result
        self.seed += 1
        self._run()

    def _set_progress(self, fraction: float, label: str) -> None:
        self.query_one("#lab-progress", ProgressBar).update(progress=max(0.0, min(fraction, 1.0)))
        self.query_one("#lab-step", Static).update(label)

    @work(thread=True, exclusive=True, group="lab", exit_on_error=False)
    def _run(self) -> None:
        self.from_worker(self._started)

        def progress(fraction: float, label: str = "") -> None:
            self.from_worker(self._set_progress, fraction, label)

        try:
            from tutor.labs import run_lab

            result = run_lab(self.lab_id, seed=self.seed, home=self.tutor.home, progress=progress, lang=self.lang)
        except ImportError as error:
            self.from_worker(self._failed, self.t("lab_missing"), error)
            return
        except Exception as error:
            self.from_worker(self._failed, None, error)
            return
        same = self._previous is not None and _same(self._previous.data, result.data)
        self.from_worker(self._finished, result, same)

    def _started(self) -> None:
        self.result = None
        self._drawn_for = None
        bar = self.query_one("#lab-progress", ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self.query_one("#lab-step", Static).display = True
        self.query_one("#plot", Static).update(self.t("lab_running"))

    def _hide_progress(self) -> None:
        self.query_one("#lab-progress", ProgressBar).display = False
        self.query_one("#lab-step", Static).display = False

    def _failed(self, message: str | None, error: Exception) -> None:
        self._hide_progress()
        if message:
            self.query_one("#plot", Static).update(message)
        else:
            self.query_one("#plot", Static).update("")
            self.tutor.report_error("while_lab", error, id=self.lab_id)

    def _finished(self, result: Any, same: bool = False) -> None:
        self.result = result
        self._hide_progress()
        if same:
            self.seedless = True
            self.refresh_bindings()
            self.notify(self.t("lab_same"), timeout=8)
        self._draw()

    def _draw(self) -> None:
        if self.result is None:
            return
        scroll = self.query_one("#lab-scroll")
        width, height = max(scroll.size.width - 2, 40), max(scroll.size.height - 3, 12)
        if self._drawn_for == (width, height, self.lang):
            return
        self._drawn_for = (width, height, self.lang)
        with self.guarded("while_lab", id=self.lab_id):
            from tutor.labs import render, summary

            text = RichText.from_ansi(render(self.result, width=width, height=height, lang=self.lang, color=True))
            text.append("\n\n" + summary(self.result, lang=self.lang))
            if self.seedless:
                text.append("\n\n" + self.t("lab_same"), style="italic")
            self.query_one("#plot", Static).update(text)


def _same(a: Any, b: Any) -> bool:
    """Whether two lab results hold the same numbers (dicts, lists, arrays and scalars, compared exactly)."""
    import numpy as np

    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=np.asarray(a).dtype.kind == "f"))
    try:
        return bool(a == b)
    except Exception:
        return False
