"""Exercise: the task, the learner's file in an editor, and watch mode that re-grades on every save.

The file on disk is the truth, and the verdict on screen is for the bytes on disk. One thread per
screen (`_watch_and_grade`) owns that promise: it notices every change (the file's stat, and around a
change its bytes, so two saves within one coarse mtime tick are not missed), grades a private copy of
exactly the bytes it read, then reads the file again; only when the file still holds those bytes does
the verdict go on screen, otherwise it grades again. So however an editor saves (truncate then write,
in one write or several, a rename over the file, many saves in a burst) the verdict that stays is the
verdict of what is on disk. The editor pane follows the file (`_disk_changed`), and never touches the
thread's state: reloading it cannot swallow a change.

What is shown is not what is recorded. A verdict from watch mode may be for a half-saved file (an editor
that truncates, then writes a moment later); it is shown at once and replaced, but it becomes an
attempt in the store only once the file has stayed as it was for `RECORD_AFTER` (half a second) — one
attempt per settled save — or when the learner leaves right after it (the file still holding those
bytes). An empty file is not even graded until then: it is most often an editor between its truncate
and its write. The explicit actions (ctrl+s here, f5) record their verdict at
once, before it is shown. Opening a file graded before shows its verdict without recording it: a visit
is not an attempt (each visit to a failing exercise used to count as one more fail).

Opening is cheap: the file is found, read and graded in that thread, so the first paint waits for none
of it. Keys never type into code by surprise: after a pass the focus leaves the editor; leaving with
unsaved edits asks (save and check / discard / stay). Hints come one key press at a time, the
reference solution only after a pass, reset asks first and keeps a backup, and `n` after a pass goes to
the first exercise not yet passed, in course order.
"""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from rich.text import Text as RichText
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from tutor.safetext import first_unsafe, safe_text
from tutor.screens.base import TutorModal, TutorScreen
from tutor.screens.confirm import ConfirmScreen, SolutionScreen
from tutor.screens.nextstep import OffersNextStep
from tutor.widgets import tasktext
from tutor.widgets.editor import CodeEditor
from tutor.widgets.footer import LocalFooter
from tutor.widgets.results import render_results, started, verdict

NARROW = 100  # below this many columns the editor goes under the task
SETTLE = 1.0  # seconds after a change during which the watcher compares bytes, not only stat
RECORD_AFTER = 0.5  # a save is an attempt once the file has not changed for this long (module doc)


def _control_at(text: str) -> tuple[int, str] | None:
    """(line number, visible form) of the first character that is not safe to show as it is: a control
    character other than tab and newline (\r too: files saved with CRLF line ends), or a bidirectional
    override (tutor.safetext decides which)."""
    at = first_unsafe(text)
    if at is None:
        return None
    return text.count("\n", 0, at) + 1, safe_text(text[at])


def _replace_strings(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_strings(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replace_strings(v, old, new) for k, v in value.items()}
    return value


class LeaveScreen(TutorModal):
    """Leaving with unsaved edits: dismisses with "save" (save and check), "discard", or None (stay)."""

    BINDINGS = [
        Binding("s", "choose('save')", show=False),
        Binding("d", "choose('discard')", show=False),
        Binding("escape", "choose(None)", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="leave-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(id="save", variant="primary")
                yield Button(id="discard", variant="warning")
                yield Button(id="stay")

    def relabel(self) -> None:
        self.query_one("#leave-question", Static).update(self.t("leave_unsaved"))
        self.query_one("#save", Button).label = self.t("leave_save")
        self.query_one("#discard", Button).label = self.t("leave_discard")
        self.query_one("#stay", Button).label = self.t("leave_stay")
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "stay" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class ExerciseScreen(OffersNextStep, TutorScreen):
    # Each key has two bindings, one shown in the footer and one not (`check_action` enables one of
    # them), so that the footer can offer only what fits 80 columns in Korean while every key keeps
    # working: in the editor, saving and checking; outside it, the one-letter keys, fewer after a pass.
    # Every key is listed in the help screen.
    BINDINGS = [
        binding
        for key, action, label, priority in (
            ("escape", "leave", "back", False),
            ("ctrl+s", "save", "save", True),
            ("f5", "check", "check", False),
            ("n", "next", "next", False),
            ("c", "next_step", "next_step", False),
            ("s", "solution", "solution_short", False),
            ("i", "edit", "edit_short", False),
            ("h", "hint", "hint", False),
            ("o", "editor", "editor", False),  # the key map (ARCHITECTURE.md): `e` opens an exercise elsewhere
            ("R", "reset", "reset", False),
        )
        for binding in (
            Binding(key, f"{action}(True)", label, priority=priority),
            Binding(key, f"{action}(False)", label, show=False, priority=priority),
        )
    ]
    IN_EDITOR = ("leave", "save", "check")
    AFTER_PASS = ("leave", "next", "next_step", "solution", "edit", "reset")
    TYPED = ("edit", "hint", "next", "next_step", "solution", "editor", "reset")  # letters: typed in the editor

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.path: Path | None = None
        self.graded: Any = None  # the grading.Result on screen
        self.graded_bytes: bytes | None = None  # the bytes that verdict is for
        self.grading = False
        self.hints_shown = 0
        self.passed = False
        self.next_exercise: str | None = None  # where `n` goes once passed (None: every other one has passed)
        self.read_only_reason: str | None = None
        self._saved_text = ""  # the editor's text as last loaded from or saved to disk
        self._disk_diverged = False  # another editor saved while this one had unsaved edits
        self._discarded = False
        self._after_verdict: tuple[bytes, Callable[[], None]] | None = None  # leave once these bytes are graded
        self._snapshot: Path | None = None  # the private copy of the bytes being graded
        self._child: Any = None  # a sandbox child started ahead, so a save does not wait for Python + NumPy
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._force = threading.Event()  # grade again even if the bytes did not change (f5)
        self._saved_bytes: bytes | None = None  # what ctrl+s wrote: its verdict is recorded at once
        self._pending: tuple[bytes | None, Any] | None = None  # (bytes, verdict) recorded once the file settles
        self._pending_lock = threading.Lock()  # the watcher and on_unmount both may record it, once
        self.verdicts = 0  # how many verdicts were shown (benchmarks and tests watch it)
        self.verdict_time = 0.0

    @property
    def exercise(self):
        return self.tutor.course.exercise(self.exercise_id)

    @property
    def result(self) -> dict | None:
        """The verdict on screen as results.json in the learner's language (None before the first)."""
        if self.graded is None:
            return None
        data = self.graded.to_json(self.lang)
        if self._snapshot is not None and self.path is not None:  # name the learner's file, not the copy
            data = _replace_strings(data, str(self._snapshot), str(self.path))
        return data

    def compose(self) -> ComposeResult:
        # The layout for the terminal's width is chosen before anything is styled: setting the class
        # on the first resize restyled the whole screen.
        self.set_class(self.app.size.width < NARROW, "narrow", update=False)
        yield Static(id="title", classes="title")
        with Horizontal(id="exercise-main"):
            with VerticalScroll(id="exercise-side"):
                yield Static(id="verdict")
                yield Static(id="next-step")
                yield Static(id="results")
                yield Vertical(id="hints")
                yield Static(id="task")
            yield CodeEditor(id="editor")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#exercise-side").focus()
        threading.Thread(target=self._watch_and_grade, name=f"watch {self.exercise_id}", daemon=True).start()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    # -- the text shown -----------------------------------------------------------------------------

    def relabel(self) -> None:
        if not self.tutor.course_loaded or self.exercise_id not in self.tutor.course.exercises:
            return
        exercise = self.exercise
        self.query_one("#title", Static).update(RichText(f"{exercise.id} · {exercise.title.get(self.lang)}"))
        self.query_one("#task", Static).update(self._task_renderable())
        self._show_hints()
        self._show_result()

    def _task_renderable(self) -> Any:
        from rich.console import Group

        exercise = self.exercise
        parts: list[Any] = [RichText(self.t("task"), style="bold")]
        if exercise.task is not None:
            parts.append(tasktext.render(exercise.task.get(self.lang)))
        else:  # no task file: the stub's docstring (English)
            parts.append(RichText(self._stub_docstring()))
        checks = RichText("\n" + self.t("checks") + "\n", style="bold")
        for check in exercise.checks:
            checks.append(f"• {check.get(self.lang)}\n", style="")
        parts.append(checks)
        if self.path is not None:
            parts.append(RichText(self.t("your_file", path=safe_text(self.path, one_line=True)), style="dim"))
        return Group(*parts)

    def _stub_docstring(self) -> str:
        try:
            return ast.get_docstring(ast.parse(self.exercise.stub_path.read_text(encoding="utf-8"))) or ""
        except (OSError, SyntaxError, ValueError):
            return ""

    def _show_hints(self) -> Any:
        """Redraw the hints shown so far; returns the mount to await (None when there are none)."""
        box = self.query_one("#hints", Vertical)
        hints = self.exercise.hints[: self.hints_shown]
        box.remove_children()
        if not hints:
            return None
        widgets = [Static(RichText(self.t("hints"), style="bold"), classes="hint-heading")]
        for i, hint in enumerate(hints, 1):
            body = RichText(f"{i}. ").append_text(tasktext.inline(hint.get(self.lang)))
            widgets.append(Static(body, classes="hint"))
        return box.mount_all(widgets)

    def _show_result(self) -> None:
        verdict_widget = self.query_one("#verdict", Static)
        results = self.query_one("#results", Static)
        data = self.result
        step = self.next_step_text() if self._pass_on_screen() else None
        self.query_one("#next-step", Static).update(step or "")
        self.query_one("#next-step", Static).display = step is not None
        if data is None:
            verdict_widget.update(self.t("grading") if self.grading else self.t("not_checked"))
            verdict_widget.set_classes("running" if self.grading else "")
            results.update(RichText(self.read_only_reason or "", style="bold"))
            return
        line, style = verdict(data, self.lang, self.path or "")
        if style == "pass":
            line += " " + self.t("passed_keys" if self.next_exercise else "passed_keys_last")
        verdict_widget.update(RichText(line + (" …" if self.grading else "")))
        verdict_widget.set_classes(style)
        body = render_results(data, self.lang)
        if self.read_only_reason:
            body = RichText(self.read_only_reason + "\n\n", style="bold").append_text(body)
        results.update(body)

    # -- the file and the watcher -------------------------------------------------------------------

    def _file_stat(self) -> tuple[int, int, int, int] | None:
        try:
            st = os.stat(self.path) if self.path is not None else None
        except OSError:
            return None
        return None if st is None else (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)

    def _read_file(self) -> bytes | None:
        try:
            return self.path.read_bytes() if self.path is not None else None
        except OSError:
            return None

    def _watch_and_grade(self) -> None:
        """The screen's thread: open the file, then watch it and grade every new version (module doc).

        A plain daemon thread rather than a Textual worker: it lives as long as the screen and must never
        hold up the app's exit. It stops when the screen unmounts or the app closes.
        """
        app = self.tutor
        try:
            from tutor.workspace import learner_file

            self.path = learner_file(self.exercise_id, app.home)
        except Exception as error:
            self.from_worker(self.tutor.report_error, "while_workspace", error)
            return
        status, hints = "new", 0
        if app.store is not None:
            try:
                app.remember_position("exercise", self.exercise_id)
                status = app.store.exercise_status(self.exercise_id)
                hints = int(app.store.hints_shown(self.exercise_id))
            except Exception as error:
                self.from_worker(self.tutor.report_error, "while_progress", error)
        seen = self._read_file()
        self.from_worker(self._opened, seen, status, hints)
        try:
            self._watch_loop(seen, status)
        finally:
            if self._child:
                self._child.discard()
            if self._snapshot is not None:
                shutil.rmtree(self._snapshot.parent, ignore_errors=True)

    def _watch_loop(self, seen: bytes | None, status: str) -> None:
        app = self.tutor
        # A learner who has been here before sees a verdict at once; a new exercise waits for a save.
        graded: bytes | None = seen if status == "new" else None
        force = status != "new"
        visit = force  # that first verdict shows where the learner stands: a visit is not an attempt
        busy = False  # "checking…" is on screen
        opened = time.monotonic()
        signature, changed_at = self._file_stat(), time.monotonic()
        while not self._stop.is_set() and not app.closing.is_set():
            now = self._file_stat()
            if now != signature:
                signature, changed_at = now, time.monotonic()
            force = force or self._force.is_set()
            if force or self._pending is not None or time.monotonic() - changed_at < SETTLE:
                current = self._read_file()
                if current != seen:  # a change the stat did not show (same size, one mtime tick) counts too
                    seen, changed_at = current, time.monotonic()
                    self.from_worker(self._disk_changed, current)
                quiet = time.monotonic() - changed_at
                if not force and not current and current != graded and quiet < RECORD_AFTER:
                    # emptied or gone: most likely an editor between its truncate and its write
                    if not busy:
                        busy = True
                        self.from_worker(self._grading_started)
                elif force or current != graded:
                    visiting, visit = visit and not self._force.is_set(), False
                    self._force.clear()
                    explicit = not visiting and (force or (current is not None and current == self._saved_bytes))
                    self._take_pending()  # whatever comes now, that verdict is not the settled one
                    if not busy:
                        busy = True
                        self.from_worker(self._grading_started)
                    result = self._grade_bytes(current)
                    if self._read_file() != current:
                        continue  # saved again while grading: grade what is there now
                    force, graded, busy = False, current, False
                    if result is not None and explicit:
                        self._saved_bytes = None
                        self._record_check(result)
                    elif result is not None and not visiting:
                        with self._pending_lock:
                            self._pending = (current, result)
                    self.from_worker(self._graded, result, current)
                    continue
                elif busy:  # the file went back to the bytes on screen while a newer version was graded
                    busy = False
                    self.from_worker(self._graded, None, graded)
                if quiet >= RECORD_AFTER and self._pending is not None and self._pending[0] == current:
                    self._record_pending()  # a settled save: the one attempt it makes
            if self._child is None and time.monotonic() - opened > 0.3:  # not while the screen first paints
                self._spawn_child()
            self._wake.wait(app.watch_interval)
            self._wake.clear()

    def _take_pending(self) -> tuple[bytes | None, Any] | None:
        with self._pending_lock:
            pending, self._pending = self._pending, None
        return pending

    def _record_pending(self, check: bool = False) -> None:
        """Record the verdict waiting for its file to settle (if `check`: only if the file still holds
        its bytes; the watcher has just compared them)."""
        pending = self._take_pending()
        if pending is None or (check and self._read_file() != pending[0]):
            return
        self._record_check(pending[1])

    def _spawn_child(self) -> None:
        try:
            from tutor.grading import sandbox

            self._child = sandbox.spawn()
        except Exception:  # grading starts its own child then, and reports what fails
            self._child = False

    def _grade_bytes(self, data: bytes | None) -> Any:
        """Grade exactly `data` (a private copy of it), or the missing file; None if grading failed."""
        child, self._child = self._child or None, None
        try:
            from tutor import grading

            if data is None:
                return grading.grade(self.exercise_id, home=self.tutor.home, child=child)
            if self._snapshot is None:
                folder = Path(tempfile.mkdtemp(prefix="tutor-grade-"))
                self._snapshot = folder / f"{self.exercise_id}.py"
            self._snapshot.write_bytes(data)
            return grading.grade(self.exercise_id, file=self._snapshot, home=self.tutor.home, child=child)
        except Exception as error:
            self.from_worker(self._grading_failed, error)
            return None

    def _record_check(self, result: Any) -> None:
        data = result.to_json("en")
        if not started(data):  # an untouched stub is not an attempt
            return
        status = data.get("status", "error")
        self.tutor.record("check", self.exercise_id, self.exercise.concept, status if status in ("pass", "fail") else "error")
        if status == "pass":  # the course's next step follows from the pass once it is in the store
            self.from_worker(self._find_step)

    def _pass_on_screen(self) -> bool:
        return self.graded is not None and self.graded.status == "pass"

    def _find_step(self) -> None:
        """After a pass: where `n` goes, and the course's next step (`c`), read from the store. Never this
        exercise itself (the pass may not be recorded yet: it is looked up again once it is)."""
        if not self._pass_on_screen() or not self.is_mounted:
            return
        self.next_exercise = self.next_unsolved()
        self.step = None
        self.find_next_step()
        if self.step is not None and self.step.kind == "exercise" and self.step.id == self.exercise_id:
            self.step = None
        self._show_result()
        self.refresh_bindings()

    def _opened(self, data: bytes | None, status: str, hints: int) -> None:
        self.passed = status == "passed"
        self.hints_shown = hints
        if data is not None:
            self._show_file(data)
        self.relabel()
        self.refresh_bindings()

    def _show_file(self, data: bytes) -> None:
        """Show `data` in the editor: editable if it is UTF-8 text, else read-only with the reason."""
        editor = self.query_one("#editor", CodeEditor)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            reason = self.t("not_utf8", at=error.start)
            text = safe_text(data.decode("utf-8", errors="backslashreplace"), limit=None)
        else:
            control = _control_at(text)
            reason = None if control is None else self.t("control_chars", line=control[0], shown=control[1])
            if reason:
                text = safe_text(text, limit=None)
        changed = editor.read_only != (reason is not None)
        self.read_only_reason = reason
        editor.read_only = reason is not None
        editor.show(text)
        self._saved_text = editor.text
        self._disk_diverged = False
        if reason and editor.has_focus:
            self.query_one("#exercise-side").focus()
        if changed:
            self.refresh_bindings()

    def _disk_changed(self, data: bytes | None) -> None:
        """The file changed on disk: follow it, unless that would throw away unsaved edits here."""
        if data is None:
            return
        editor = self.query_one("#editor", CodeEditor)
        if self.dirty and editor.text.encode("utf-8") != data:
            if not self._disk_diverged:
                self.say(self.t("changed_on_disk"), severity="warning", timeout=8)
            self._disk_diverged = True
            return
        self._show_file(data)
        self._show_result()

    @property
    def dirty(self) -> bool:
        editor = self.query_one("#editor", CodeEditor)
        return not editor.read_only and editor.text != self._saved_text

    def _save_file(self) -> bytes | None:
        """Write the editor's text to the file (never when read-only); the bytes written, or None."""
        editor = self.query_one("#editor", CodeEditor)
        if self.path is None:
            return None
        if editor.read_only:
            self.say(self.read_only_reason or self.t("read_only_file"), severity="warning", timeout=8)
            return None
        text = editor.text
        self._saved_bytes = text.encode("utf-8")  # set before the file changes: the watcher may see it at once
        try:
            if self._disk_diverged:  # saving here replaces the other editor's version: keep a copy
                from tutor.workspace import backup

                backup(self.path, self.tutor.home)
                self._disk_diverged = False
            from tutor.workspace import save

            save(self.path, text)
        except OSError as error:  # a WorkspaceError says what is wrong and what to do, in both languages
            why = error.words.get(self.lang) if hasattr(error, "words") else safe_text(error, one_line=True)
            self.say(self.t("save_failed", why=why), severity="error", timeout=10)
            self._saved_bytes = None
            return None
        self._saved_text = text
        self._wake.set()  # the watcher sees it now rather than at its next tick
        return text.encode("utf-8")

    # -- verdicts -------------------------------------------------------------------------------------

    def _grading_started(self) -> None:
        self.grading = True
        self._show_result()

    def _graded(self, result: Any, data: bytes | None) -> None:
        """A verdict for `data`, the bytes on disk (None: the one on screen is still right, or grading failed)."""
        self.grading = False
        if result is not None:
            self.graded, self.graded_bytes = result, data
        if result is not None:  # a new verdict: its first lines (verdict, diagnosis) come into view
            self.query_one("#exercise-side", VerticalScroll).scroll_home(animate=False)
        if result is not None and result.status == "pass":
            self.passed = True
            editor = self.query_one("#editor", CodeEditor)
            if editor.has_focus:  # so that n, c and s work, and never type into the code
                self.query_one("#exercise-side").focus()
            self._find_step()
        self._show_result()
        self.refresh_bindings()
        if result is not None:
            self.verdicts += 1
            self.verdict_time = time.perf_counter()
        if self._after_verdict is not None and self._after_verdict[0] == data:
            then = self._after_verdict[1]
            self._after_verdict = None
            line, _style = verdict(self.result or {}, self.lang, self.path or "")
            self.say(line, timeout=4)
            self._leave_now(then)

    def _grading_failed(self, error: Exception) -> None:
        self.grading = False
        self._show_result()
        self.tutor.report_error("while_grading", error, id=self.exercise_id)

    # -- actions --------------------------------------------------------------------------------------

    def say(self, message: str, **options: Any) -> None:
        """A notification, never parsed as markup: messages carry paths and errors."""
        self.notify(message, markup=False, **options)

    def action_save(self, _shown: bool = True) -> None:
        """Save and check; with nothing to save, check again (what ctrl+s means to a learner)."""
        if not self.dirty and not self._disk_diverged:
            self.action_check()
            return
        if self._save_file() is not None:
            self.say(self.t("saved"), timeout=2)

    def action_check(self, _shown: bool = True) -> None:
        self._force.set()
        self._wake.set()

    def action_edit(self, _shown: bool = True) -> None:
        self.query_one("#editor", CodeEditor).focus()

    def action_editor(self, _shown: bool = True) -> None:
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command or self.path is None:
            self.say(self.t("no_editor"), severity="warning")
            return
        if self.dirty:
            self._save_file()
        failure: Exception | None = None
        try:
            with self.app.suspend():
                try:  # inside: Textual's suspend() gives the terminal back only when its body returns
                    subprocess.run([*shlex.split(command), str(self.path)], check=False)
                except (OSError, ValueError, subprocess.SubprocessError) as error:  # no such program, bad quoting
                    failure = error
        except Exception as error:  # no terminal to hand over (web, tests)
            failure = error
        if failure is not None:
            self.say(self.t("editor_failed", why=safe_text(failure, one_line=True)), severity="error")
        self._wake.set()

    async def action_hint(self, _shown: bool = True) -> None:
        hints = self.exercise.hints
        if self.hints_shown >= len(hints):
            self.say(self.t("no_more_hints"))
            return
        self.hints_shown += 1
        exercise = self.exercise
        self._record_pending(check=True)  # a verdict on screen came before this hint: it was not helped
        index = self.hints_shown - 1  # the store counts hints from 0; read now, not when the thread runs
        self.run_worker(
            lambda: self.tutor.record("hint", exercise.id, exercise.concept, "shown", index=index),
            thread=True,
            exit_on_error=False,
        )
        await self._show_hints()
        newest = self.query(".hint").last()
        side = self.query_one("#exercise-side", VerticalScroll)
        # the newest hint's text, not only the heading, comes into view (once it is laid out)
        self.call_after_refresh(side.scroll_to_widget, newest, animate=False, top=True)

    def action_solution(self, _shown: bool = True) -> None:
        if not self.passed:
            self.say(self.t("solution_locked"))
            return
        exercise = self.exercise
        self._record_pending(check=True)  # the pass came before the solution was seen: not helped
        with self.guarded("while_solution"):
            code = exercise.solution_path.read_text(encoding="utf-8")
            self.tutor.record("solution", exercise.id, exercise.concept, "shown")
            self.app.push_screen(SolutionScreen(f"{self.t('solution')} · {exercise.id}", code))

    def next_unsolved(self) -> str | None:
        """The first exercise not yet passed, in course order (as rustlings does): after passing adam with
        nesterov still open, `n` goes back to nesterov rather than on to xavier_init."""
        course = self.tutor.course
        ids = [e for e in course.exercise_ids() if e in course.exercises]
        statuses: dict = {}
        if self.tutor.store is not None:
            with self.guarded("while_progress"):
                statuses = dict(self.tutor.store.exercise_statuses())
        return next((e for e in ids if e != self.exercise_id and statuses.get(e) != "passed"), None)

    def action_next(self, _shown: bool = True) -> None:
        if not self.passed:
            self.say(self.t("pass_first"))
            return
        target = self.next_unsolved()
        if target is None:
            self.say(self.t("all_passed") + (" " + self.t("all_passed_step") if self.step is not None else ""))
            return
        self._leave(lambda: self.tutor.open_exercise(target))

    def action_next_step(self, _shown: bool = True) -> None:
        """The course's next step (`tutor.progress.next`), offered after a pass: leave (asking first if
        there are unsaved edits), then open it."""
        step = self.step
        if step is not None and self._pass_on_screen():
            self._leave(lambda: self.tutor.open_step(step))

    def action_reset(self, _shown: bool = True) -> None:
        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            with self.guarded("while_reset"):
                from tutor.workspace import reset

                if self.dirty:
                    self._save_file()  # so that the backup holds what the learner last typed
                backup = reset(self.exercise_id, self.tutor.home)
                self._saved_text = self.query_one("#editor", CodeEditor).text  # follow the stub, not a conflict
                self._wake.set()
                self.say(self.t("reset_done", path=safe_text(backup, one_line=True)), timeout=8)

        self.app.push_screen(ConfirmScreen(self.t("confirm_reset", id=self.exercise_id)), confirmed)

    def action_leave(self, _shown: bool = True) -> None:
        self._leave(None)

    def _leave(self, then: Callable[[], None] | None) -> None:
        """Leave the screen (then run `then`); with unsaved edits, ask first."""
        if not self.dirty:
            self._leave_now(then)
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self._discarded = True
                self._leave_now(then)
            elif choice == "save":
                data = self._save_file()
                if data is not None:  # leave once the verdict for what was saved is in (and recorded)
                    self._after_verdict = (data, then or (lambda: None))
                    self.grading = True
                    self._show_result()

        self.app.push_screen(LeaveScreen(), chosen)

    def ask_before_quit(self, quit: Callable[[], None]) -> bool:
        """The app is about to quit: with unsaved edits, ask as leaving does (the same dialog: save and
        check, then `quit` / discard, then `quit` / stay) and return True; without, return False."""
        if self.path is None or self._discarded or not self.dirty:
            return False
        if not isinstance(self.app.screen, LeaveScreen):  # already asking: not a second dialog
            self._leave(quit)
        return True

    def _leave_now(self, then: Callable[[], None] | None) -> None:
        if self.app.screen is self:
            self.dismiss()
        if then is not None:
            then()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enables the shown or the hidden binding of a key (see BINDINGS), or neither."""
        state = self._key_state(action)
        if not parameters:
            return state is not False
        return state is True if parameters[0] else state is None

    def _key_state(self, action: str) -> bool | None:
        """True: the key works and the footer shows it; None: it works, not shown; False: it does not work."""
        try:
            editor = self.query_one("#editor", CodeEditor)
        except Exception:  # not composed yet
            return None
        if editor.has_focus and action in self.TYPED:
            return False  # these letters are typed into the code there
        if action == "next_step":
            return True if self.step is not None and self._pass_on_screen() else False
        if action == "next" and self.passed and self.next_exercise is None:
            return None  # says that every exercise has passed (the next step is offered with c)
        if action in ("next", "solution") and not self.passed:
            return None  # says why not
        if action == "editor" and not (os.environ.get("VISUAL") or os.environ.get("EDITOR")):
            return None  # says how to set it
        if action in ("edit", "save") and editor.read_only:
            return None  # ctrl+s says why not; i lets the learner scroll the file
        if editor.has_focus:
            return True if action in self.IN_EDITOR else None
        if action == "save":
            return True if self.dirty else None
        if action == "check":
            return None
        if self.passed and action not in self.AFTER_PASS:
            return None
        return True

    def on_unmount(self) -> None:
        self._stop.set()
        self._wake.set()
        # Leaving (or quitting) right after a save: its verdict is the settled one if the file still holds it.
        try:
            self._record_pending(check=True)
        except Exception:
            pass
        # Quitting the app with unsaved edits must not lose them (leaving the screen asks first).
        try:
            if self.path is not None and self.dirty and not self._discarded:
                self._save_file()
        except Exception:
            pass
