"""The next step on an end screen (a quiz's, a review's): found with `tutor.progress.next.next_step`,
shown as "Next: …", its reason and its key, and opened with `c` by the app's `open_step`.

A screen mixes `OffersNextStep` in, calls `find_next_step()` when it reaches its end, shows
`next_step_text()`, and binds `c` to `action_next_step` (enabled while `step` is set).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text as RichText


class OffersNextStep:
    step: Any = None  # the progress.next.NextStep on screen, once found

    def find_next_step(self) -> None:
        tutor = self.tutor  # type: ignore[attr-defined]
        if tutor.store is None or not tutor.course_loaded:
            return
        from tutor.progress.next import next_step

        with self.guarded("while_progress"):  # type: ignore[attr-defined]
            self.step = next_step(tutor.store, tutor.course)

    def next_step_text(self) -> RichText | None:
        """Three lines: "Next: <title>", why, and the keys; None when there is no step."""
        step = self.step
        if step is None:
            return None
        lang = self.lang  # type: ignore[attr-defined]
        text = RichText()
        text.append(self.t("next_step_is", title=step.title.get(lang)), style="bold")  # type: ignore[attr-defined]
        text.append("\n" + step.reason.get(lang))
        text.append("\n" + self.t("next_step_keys"), style="dim")  # type: ignore[attr-defined]
        return text

    def action_next_step(self) -> None:
        """Close this screen and open the step."""
        step = self.step
        if step is not None:
            self.dismiss()  # type: ignore[attr-defined]
            self.tutor.open_step(step)  # type: ignore[attr-defined]
