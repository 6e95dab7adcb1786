"""Exercise: the task, the learner's file in an editor, and watch mode that re-grades on every save.

The file on disk is the truth. A thread stats it every `app.watch_interval` seconds (mtime and size);
whenever it changes, from this editor (ctrl+s) or any other (`o` opens $EDITOR), it is graded again
in a thread worker, and the verdict, the per-check results and the diagnosis replace the old ones.
Hints come one key press at a time; the reference solution only after a pass; reset asks first and
keeps a backup; "passed → next" is a key press, never automatic.
"""

from __future__ import annotations

import ast
import os
import shlex
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from rich.text import Text as RichText
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from tutor.screens.base import TutorScreen
from tutor.screens.confirm import ConfirmScreen, SolutionScreen
from tutor.widgets.footer import LocalFooter
from tutor.widgets.results import render_results, verdict_line
from tutor.widgets.support import atomic_write

NARROW = 100  # below this many columns the editor goes under the task


class ExerciseScreen(TutorScreen):
    # Most important first: the footer drops keys from the end when they do not fit (80 columns, Korean).
    # `n` and `s` show only after a pass, when they are what the learner wants.
    BINDINGS = [
        Binding("escape", "leave", "back"),
        Binding("n", "next", "next"),
        Binding("s", "solution", "solution"),
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("o", "editor", "editor"),  # the key map: `e` opens an exercise, `c` continues (ARCHITECTURE.md)
        Binding("f5", "check", "check"),
        Binding("h", "hint", "hint"),
        Binding("i", "edit", "edit", show=False),
        Binding("R", "reset", "reset", show=False),
    ]

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.path: Path | None = None
        self.result: dict | None = None
        self.grading = False
        self.hints_shown = 0
        self.passed = False
        self._saved_text = ""
        self._signature: tuple[int, int] | None = None
        self._disk_diverged = False  # another editor saved while this one had unsaved edits
        self._stop_watching = threading.Event()  # stops the watching thread
        self.verdicts = 0  # how many verdicts were shown (benchmarks and tests watch it)
        self.verdict_time = 0.0

    @property
    def exercise(self):
        return self.tutor.course.exercise(self.exercise_id)

    def compose(self) -> ComposeResult:
        # The layout for the terminal's width is chosen before anything is styled: setting the class
        # on the first resize restyled the whole screen (a third of opening it).
        self.set_class(self.app.size.width < NARROW, "narrow", update=False)
        yield Static(id="title", classes="title")
        with Horizontal(id="exercise-main"):
            with VerticalScroll(id="exercise-side"):
                yield Static(id="verdict")
                yield Static(id="results")
                yield Static(id="hints")
                yield Static(id="task")
            yield TextArea.code_editor("", language="python", id="editor")
        yield LocalFooter()

    def on_mount(self) -> None:
        app = self.tutor
        app.remember_position("exercise", self.exercise_id)
        status = "new"
        if app.store is not None:
            with self.guarded("while_progress"):
                status = app.store.exercise_status(self.exercise_id)
                self.hints_shown = int(app.store.hints_shown(self.exercise_id))
        self.passed = status == "passed"
        with self.guarded("while_workspace"):
            from tutor.workspace import learner_file

            self.path = learner_file(self.exercise_id, app.home)
            self._load_from_disk()
        self.query_one("#exercise-side").focus()
        self._watch()
        if status != "new" and self.path is not None:
            self.action_check()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    # -- the text shown -----------------------------------------------------------------------------

    def relabel(self) -> None:
        exercise = self.exercise
        self.query_one("#title", Static).update(f"{exercise.id} · {exercise.title.get(self.lang)}")
        task = RichText()
        task.append(self.t("task") + "\n", style="bold")
        task.append(self.t("you_write", entry=", ".join(exercise.entry)) + "\n")
        docstring = self._stub_docstring()
        if docstring:
            task.append("\n" + docstring + "\n")
        task.append("\n" + self.t("checks") + "\n", style="bold")
        for check in exercise.checks:
            task.append(f"• {check.get(self.lang)}\n")
        if self.path is not None:
            task.append("\n" + self.t("your_file", path=self.path) + "\n", style="dim")
        self.query_one("#task", Static).update(task)
        self._show_hints()
        self._show_result()
        self.refresh_bindings()

    def _stub_docstring(self) -> str:
        try:
            return ast.get_docstring(ast.parse(self.exercise.stub_path.read_text(encoding="utf-8"))) or ""
        except (OSError, SyntaxError, ValueError):
            return ""

    def _show_hints(self) -> None:
        hints = self.exercise.hints[: self.hints_shown]
        text = RichText()
        if hints:
            text.append(self.t("hints") + "\n", style="bold")
            for i, hint in enumerate(hints, 1):
                text.append(f"{i}. {hint.get(self.lang)}\n")
        self.query_one("#hints", Static).update(text)

    def _show_result(self) -> None:
        verdict = self.query_one("#verdict", Static)
        results = self.query_one("#results", Static)
        if self.grading and self.result is None:
            verdict.update(self.t("grading"))
            verdict.set_classes("running")
            results.update("")
        elif self.result is None:
            verdict.update(self.t("not_checked"))
            verdict.set_classes("")
            results.update("")
        else:
            status = self.result.get("status", "error")
            verdict.update(verdict_line(self.result, self.lang) + (" …" if self.grading else ""))
            verdict.set_classes(status)
            results.update(render_results(self.result, self.lang))

    # -- the file -------------------------------------------------------------------------------------

    def _read_disk(self) -> str:
        assert self.path is not None
        return self.path.read_text(encoding="utf-8", errors="replace")

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path) if self.path is not None else None
        except OSError:
            return None
        return None if st is None else (st.st_mtime_ns, st.st_size)

    def _load_from_disk(self) -> None:
        self._signature = self._stat()
        text = self._read_disk()
        editor = self.query_one("#editor", TextArea)
        if editor.text != text:
            cursor = editor.cursor_location
            editor.load_text(text)
            last_row = max(editor.document.line_count - 1, 0)
            editor.cursor_location = (min(cursor[0], last_row), 0)
        self._saved_text = text
        self._disk_diverged = False

    @property
    def dirty(self) -> bool:
        return self.query_one("#editor", TextArea).text != self._saved_text

    def _watch(self) -> None:
        """Stat the file every `watch_interval` seconds in a thread; hand each change to `_poll`.

        A thread rather than a UI timer, so that a busy event loop does not delay seeing a save; a plain
        daemon thread rather than a Textual worker, because it lives as long as the screen and must
        never hold up the app's exit. It stops when the screen unmounts or the app closes.
        """
        app = self.tutor

        def watch() -> None:
            last = self._stat()
            while not self._stop_watching.wait(app.watch_interval) and not app.closing.is_set():
                signature = self._stat()
                if signature != last:
                    last = signature
                    self.from_worker(self._poll)

        threading.Thread(target=watch, name=f"watch {self.exercise_id}", daemon=True).start()

    def _poll(self) -> None:
        signature = self._stat()
        if signature is None or signature == self._signature:
            return
        self._signature = signature
        self.action_check()
        # The editor catches up a moment later: re-highlighting a file takes milliseconds that the
        # grading worker's thread would otherwise wait for before it even starts.
        self.set_timer(0.005, self._follow_disk)

    def _follow_disk(self) -> None:
        with self.guarded("while_reading_file"):
            disk = self._read_disk()
            if disk != self._saved_text:
                if self.dirty and self.query_one("#editor", TextArea).text != disk:
                    self.notify(self.t("changed_on_disk"), severity="warning", timeout=8)
                    self._saved_text = disk
                    self._disk_diverged = True
                else:
                    self._load_from_disk()

    def _save(self) -> bool:
        if self.path is None:
            return False
        text = self.query_one("#editor", TextArea).text
        try:
            if self._disk_diverged:  # saving here replaces the other editor's version: keep a copy
                from tutor.workspace import backup

                backup(self.path, self.tutor.home)
                self._disk_diverged = False
            atomic_write(self.path, text)
        except OSError as error:
            self.notify(self.t("save_failed", why=error), severity="error", timeout=10)
            return False
        self._saved_text = text
        return True

    # -- actions --------------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self._save():
            self.notify(self.t("saved"), timeout=2)
            self._poll()  # grade now rather than at the next tick

    def action_edit(self) -> None:
        self.query_one("#editor", TextArea).focus()

    def action_editor(self) -> None:
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(self.t("no_editor"), severity="warning")
            return
        if self.dirty:
            self._save()
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
            self.notify(self.t("editor_failed", why=failure), severity="error")
        self._poll()

    def action_check(self) -> None:
        if self.path is None:
            return
        self.grading = True
        self._show_result()
        self._grade()

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def _grade(self) -> None:
        worker = get_current_worker()
        exercise = self.exercise
        try:
            from tutor import grading

            data = grading.grade(exercise.id, home=self.tutor.home).to_json()
        except Exception as error:
            self.from_worker(self._grading_failed, error)
            return
        if worker.is_cancelled:  # a newer save is being graded; its verdict will be shown
            return
        status = data.get("status", "error")
        self.tutor.record("check", exercise.id, exercise.concept, status if status in ("pass", "fail") else "error")
        self.from_worker(self._graded, data)

    def _graded(self, data: dict) -> None:
        self.result = data
        self.grading = False
        if data.get("status") == "pass":
            self.passed = True
        self._show_result()
        self.refresh_bindings()
        self.verdicts += 1
        self.verdict_time = time.perf_counter()

    def _grading_failed(self, error: Exception) -> None:
        self.grading = False
        self._show_result()
        self.tutor.report_error("while_grading", error, id=self.exercise_id)

    def action_hint(self) -> None:
        hints = self.exercise.hints
        if self.hints_shown >= len(hints):
            self.notify(self.t("no_more_hints"))
            return
        self.hints_shown += 1
        exercise = self.exercise
        index = self.hints_shown - 1  # the store counts hints from 0; read now, not when the thread runs
        self.run_worker(
            lambda: self.tutor.record("hint", exercise.id, exercise.concept, "shown", index=index),
            thread=True,
            exit_on_error=False,
        )
        self._show_hints()
        self.query_one("#exercise-side", VerticalScroll).scroll_to_widget(self.query_one("#hints"), animate=False)

    def action_solution(self) -> None:
        if not self.passed:
            self.notify(self.t("solution_locked"))
            return
        exercise = self.exercise
        with self.guarded("while_solution"):
            code = exercise.solution_path.read_text(encoding="utf-8")
            self.tutor.record("solution", exercise.id, exercise.concept, "shown")
            self.app.push_screen(SolutionScreen(f"{self.t('solution')} · {exercise.id}", code))

    def action_next(self) -> None:
        if not self.passed:
            self.notify(self.t("pass_first"))
            return
        ids = [e for e in self.tutor.course.exercise_ids() if e in self.tutor.course.exercises]
        index = ids.index(self.exercise_id) + 1 if self.exercise_id in ids else len(ids)
        if index >= len(ids):
            self.notify(self.t("last_exercise"))
            return
        self.action_leave()
        self.tutor.open_exercise(ids[index])

    def action_reset(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            with self.guarded("while_reset"):
                from tutor.workspace import reset

                if self.dirty:
                    self._save()  # so that the backup holds what the learner last typed
                backup = reset(self.exercise_id, self.tutor.home)
                self._saved_text = self.query_one("#editor", TextArea).text  # the reset replaces it
                self._load_from_disk()
                self.result = None
                self._show_result()
                self.notify(self.t("reset_done", path=backup), timeout=8)

        self.app.push_screen(ConfirmScreen(self.t("confirm_reset", id=self.exercise_id)), confirmed)

    def action_leave(self) -> None:
        if self.path is not None and self.dirty and self._save():
            self.notify(self.t("saved"), timeout=2)
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "solution"):
            return self.passed  # hidden until the exercise passes
        return True

    def on_unmount(self) -> None:
        self._stop_watching.set()
        # Quitting the app with unsaved edits must not lose them.
        try:
            if self.path is not None and self.dirty:
                self._save()
        except Exception:
            pass
