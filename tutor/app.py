"""The Textual app: the course, the progress store, the learner's settings and the global keys.

Screens live in `tutor/screens/`, styles in `tutor/tutor.tcss`. `create_app()` builds the app from a
home folder and settings (tests pass temporary ones); `run_app()` is what `tutor` with no command runs.
Nothing heavy is imported here: grading, SymPy and the labs load inside workers when first needed.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

from rich.text import Text as RichText
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from tutor import paths
from tutor.content import Course, load_course
from tutor.text import Text
from tutor.progress.settings import THEMES  # one list: the themes a setting may name
from tutor.safetext import safe_text
from tutor.screens.base import Call
from tutor.widgets.commands import JumpProvider
from tutor.widgets.i18n import tr
from tutor.widgets.support import LockedStore, log_exception, setup_log


def share_highlight_queries(warm: bool = False) -> None:
    """One compiled syntax-highlighting query per language for every code editor of the app.

    Textual compiles the tree-sitter highlight query whenever a TextArea gets a document: three
    times for each exercise screen (its editor is created, given its language, then loaded with the
    file), 15-50 ms each, which made opening an exercise slow. A compiled query is immutable (each
    search makes its own cursor), so one per language serves every editor. With `warm`, Python's is
    compiled now (the start-up worker calls this off the UI thread, after the first paint).
    """
    try:
        from textual.document._syntax_aware_document import SyntaxAwareDocument
    except ImportError:  # no tree-sitter: editors are plain text, nothing to share
        return
    if not getattr(SyntaxAwareDocument.prepare_query, "shared", False):
        compile_query = SyntaxAwareDocument.prepare_query
        compiled: dict[tuple[int, str], tuple[Any, Any]] = {}
        lock = threading.Lock()

        def prepare_query(document: Any, query: str) -> Any:
            key = (id(document.language), query)
            with lock:
                if key not in compiled:  # the language is kept with it: its id cannot be reused
                    compiled[key] = (document.language, compile_query(document, query))
                return compiled[key][1]

        prepare_query.shared = True  # type: ignore[attr-defined]
        SyntaxAwareDocument.prepare_query = prepare_query  # type: ignore[method-assign]
    if warm:  # what a TextArea for Python does, without a widget (this runs in a thread)
        from textual._tree_sitter import get_language
        from textual.widgets import TextArea

        language = get_language("python")
        if language is not None:
            SyntaxAwareDocument("", language).prepare_query(TextArea._get_builtin_highlight_query("python"))


def locale_language() -> str:
    """Korean when the locale says so (LC_ALL, then LANG), English otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


class TutorApp(App):
    CSS_PATH = "tutor.tcss"
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {JumpProvider}
    # The global keys (the key map is in ARCHITECTURE.md; `?` shows it). The footer drops f3, f2 and
    # ctrl+q first when a screen's keys need the room; never `?` or the palette (ctrl+p).
    BINDINGS = [
        Binding("question_mark,f1", "help", "help"),  # f1 where `?` is typed (the quiz's answer box, the editor)
        Binding("f2", "toggle_language", "language"),
        Binding("f3", "toggle_theme", "theme"),
        Binding("ctrl+q", "quit", "quit", priority=True),
    ]

    lang: reactive[str] = reactive("en")

    def __init__(
        self,
        home: Path,
        *,
        lang: str | None = None,
        course_root: Path | None = None,
        watch_interval: float = 0.01,
        seed: int | None = None,
        open_next: bool = False,
    ) -> None:
        super().__init__()
        self.open_next = open_next  # `tutor next --open`: open the next step once the course is loaded
        self.home = home
        self.course_root = course_root
        self.watch_interval = watch_interval
        self.seed = seed  # fixed seeds make generated questions and labs repeatable (tests, snapshots)
        self._lang_arg = lang
        self.course: Course = Course(concepts=(), exercises={}, glossary=())
        self.course_loaded = False
        self.closing = threading.Event()  # tells helper threads (file watchers) to stop
        self.store: Any = None
        self.store_opened = False  # True once opening was tried (self.store stays None if it failed)
        self.log_file = setup_log(home)
        self._position: dict | None = None  # a position not written yet (see remember_position)
        self._position_lock = threading.Lock()
        self._said_not_recorded: set[str] = set()  # why attempts were not recorded, each said once

    # -- start-up -----------------------------------------------------------------------------------
    # The home screen is the first screen (no blank one painted before it), composed in the learner's
    # language and theme and with the concept list from the concept files alone. The progress store
    # (TinyDB, FSRS: more than the rest of the start-up) and the whole course load after that first
    # paint, in a worker; the home screen then fills in mastery, statuses and what is due.

    def get_default_screen(self) -> Screen:
        from tutor.progress.settings import read_settings
        from tutor.screens.home import HomeScreen

        settings = read_settings(self.home)
        self.lang = self._lang_arg or str(settings.get("language") or "") or locale_language()
        if settings.get("theme") in THEMES:
            self.theme = str(settings["theme"])
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._load)

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _load(self) -> None:
        """The store first (the home screen's figures), then the course; each handed to the UI thread."""
        try:
            from tutor.progress import Store

            store = Store.open(self.home)
        except Exception as error:
            self.post_message(Call(self._store_opened, None, error))
        else:
            try:  # the first call loads the review queue and FSRS: here, not on the UI thread
                store.due_count()
            except Exception:
                pass  # the home screen asks again, and reports a failure
            self.post_message(Call(self._store_opened, store, None))
        try:
            course = load_course(self.course_root)
        except Exception as error:  # a broken course file: say so, still run
            self.post_message(Call(self.report_error, "while_course", error))
            return
        self.post_message(Call(self._course_loaded, course))
        try:
            share_highlight_queries(warm=True)  # the first exercise opens as fast as the next ones
        except Exception as error:
            log_exception("preparing the code editor", error)

    def on_call(self, message: Call) -> None:
        message.callback(*message.args)

    def _store_opened(self, store: Any, error: Exception | None) -> None:
        self.store_opened = True
        if error is not None:
            self.report_error("while_store", error, quiet=True)
        elif self.closing.is_set():  # the app quit while the store was opening
            store.close()
            return
        else:
            self.store = LockedStore(store)
            repairs = store.notice_in(self.lang, repairs_only=True)
            if repairs:
                self.notify(repairs, severity="warning", timeout=10)
            if store.read_only:  # the real reason: busy, a read-only or full disk, a lock file in the way
                self.notify(tr("read_only", self.lang, why=store.read_only_why.get(self.lang)), severity="warning", timeout=10)
        self._relabel_screens()

    def _course_loaded(self, course: Course) -> None:
        self.course = course
        self.course_loaded = True
        self._relabel_screens()
        if self.open_next:
            self.open_next = False
            self.open_step()

    def _relabel_screens(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "relabel") and screen.is_mounted:
                screen.relabel()
                screen.refresh_bindings()  # keys that depend on the course or the store

    def on_unmount(self) -> None:
        self.closing.set()
        if self.store is not None:
            try:
                self.store.close()
            except Exception as error:
                log_exception("closing the store", error)

    def setting(self, name: str, default: Any = None) -> Any:
        if self.store is None:
            return default
        try:
            return self.store.get_setting(name, default)
        except Exception as error:
            self.report_error("while_settings", error, quiet=True)
            return default

    def save_setting(self, name: str, value: Any) -> None:
        if self.store is None or getattr(self.store, "read_only", False):
            return
        try:
            self.store.set_setting(name, value)
        except Exception as error:
            self.report_error("while_settings", error, quiet=True)

    def record(self, kind: str, item: str, concept: str, outcome: str, **detail: Any) -> None:
        """Record an attempt; safe to call from worker threads. An attempt that cannot be recorded (a
        read-only store, a full disk: the store's words say why) is never dropped silently: the learner
        is told once per reason."""
        if self.store is None:
            return
        if self.store.read_only:
            self._not_recorded(self.store.read_only_why)
            return
        try:
            self.store.record(kind, item, concept, outcome, **detail)
        except Exception as error:
            words = getattr(error, "words", None)
            if isinstance(words, Text):
                log_exception(tr("while_recording", "en"), error)
                self._not_recorded(words)
            else:
                self.report_error("while_recording", error)

    def _not_recorded(self, why: Text) -> None:
        with self._position_lock:
            if why.en in self._said_not_recorded:
                return
            self._said_not_recorded.add(why.en)
        self.notify(tr("not_recorded", self.lang, why=why.get(self.lang)), severity="warning", timeout=10)

    # -- outside text is data -------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app (screens' `self.notify` ends here too) is plain text: messages
        are built from paths, errors, settings and imported ids, so Rich markup is never parsed (a
        `TUTOR_HOME` of `/tmp/[/x]` is shown as it is), and control characters are made visible."""
        super().notify(
            safe_text(message, limit=1000),
            title=safe_text(title, limit=200, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- global actions -----------------------------------------------------------------------------

    def action_help(self) -> None:
        from tutor.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_language(self) -> None:
        self.lang = "ko" if self.lang == "en" else "en"
        self.save_setting("language", self.lang)

    async def action_quit(self) -> None:
        """ctrl+q (and the palette's quit): a screen with unsaved edits (the exercise editor) asks first,
        through the dialog leaving it asks with; otherwise the app quits at once."""
        for screen in reversed(self.screen_stack):
            ask = getattr(screen, "ask_before_quit", None)
            if ask is not None and ask(self.exit):
                return
        self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.save_setting("theme", self.theme)

    def action_continue(self) -> None:
        """The next step (home's `c`, and the palette's "continue" from any screen): what the home
        screen's continue does, whichever screen is showing."""
        home = self.screen_stack[0] if self.screen_stack else None
        if home is not None and hasattr(home, "action_continue"):
            home.action_continue()

    def get_system_commands(self, screen: Screen) -> Any:
        lang = self.lang
        yield SystemCommand(tr("cmd_continue", lang), tr("cmd_continue_help", lang), self.action_continue)
        yield SystemCommand(tr("cmd_review", lang), tr("cmd_review_help", lang), self.open_review)
        yield SystemCommand(tr("cmd_language", lang), "English ↔ 한국어 (f2)", self.action_toggle_language)
        yield SystemCommand(tr("cmd_theme", lang), tr("cmd_theme_help", lang), self.action_toggle_theme)
        yield SystemCommand(tr("cmd_help", lang), tr("cmd_help_help", lang), self.action_help)
        yield SystemCommand(tr("cmd_quit", lang), "ctrl+q", self.action_quit)

    # -- navigation (screens call these; the command palette too) ----------------------------------

    def _has_concept(self, concept_id: str) -> bool:
        """Whether `concept_id` can be opened now; if not, the learner is told why. The home screen
        lists the concepts before the course has loaded (its first paint): a key pressed that early
        waits for the course rather than failing."""
        if not self.course_loaded:
            self.notify(tr("course_loading", self.lang), timeout=3)
            return False
        if not any(c.id == concept_id for c in self.course.concepts):
            self.notify(tr("unknown_link", self.lang, href=concept_id), severity="warning")
            return False
        return True

    def open_lesson(self, concept_id: str) -> None:
        from tutor.screens.lesson import LessonScreen

        if self._has_concept(concept_id):
            self.push_screen(LessonScreen(concept_id))

    def open_quiz(self, concept_id: str) -> None:
        from tutor.screens.quiz import QuizScreen

        if not self._has_concept(concept_id):
            return
        concept = self.course.concept(concept_id)
        questions = [q for q in concept.questions if q.type != "predict"] or list(concept.questions)
        if not questions:
            self.notify(tr("no_questions", self.lang))
            return
        self.push_screen(QuizScreen(questions, title=concept.title))

    def open_exercise(self, exercise_id: str) -> None:
        """Open an exercise; the first time, its predict-before-you-code questions come first."""
        from tutor.screens.exercise import ExerciseScreen
        from tutor.screens.quiz import QuizScreen

        if not self.course_loaded:
            self.notify(tr("course_loading", self.lang), timeout=3)
            return
        if exercise_id not in self.course.exercises:
            self.notify(tr("unknown_link", self.lang, href=f"exercise:{exercise_id}"), severity="warning")
            return
        exercise = self.course.exercise(exercise_id)
        predicted = list(self.setting("predicted", []) or [])
        predict = [q for q in self.course.questions() if q.type == "predict" and q.exercise == exercise_id]
        if predict and exercise_id not in predicted:
            self.save_setting("predicted", predicted + [exercise_id])
            self.push_screen(
                QuizScreen(predict, title=exercise.title, predict=True),
                lambda _result: self.push_screen(ExerciseScreen(exercise_id)),
            )
            return
        self.push_screen(ExerciseScreen(exercise_id))

    def open_lab(self, lab_id: str) -> None:
        from tutor.screens.lab import LabScreen

        self.push_screen(LabScreen(lab_id))

    def open_review(self) -> None:
        from tutor.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def reset_exercise(self, exercise_id: str) -> None:
        """Ask, then put the stub back in the learner's file (the old one is backed up first). An open
        exercise screen follows the file on disk."""
        from tutor.screens.confirm import ConfirmScreen

        if exercise_id not in self.course.exercises:
            self.notify(tr("unknown_link", self.lang, href=f"exercise:{exercise_id}"), severity="warning")
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                from tutor.workspace import reset

                backup = reset(exercise_id, self.home)
            except Exception as error:
                self.report_error("while_reset", error)
                return
            self.notify(tr("reset_done", self.lang, path=backup), timeout=8)

        self.push_screen(ConfirmScreen(tr("confirm_reset", self.lang, id=exercise_id)), confirmed)

    def open_step(self, step: Any = None) -> None:
        """Open the next step (`tutor.progress.next`), or `step` if given."""
        if step is None:
            if self.store is None or not self.course_loaded:
                return
            from tutor.progress.next import next_step

            try:
                step = next_step(self.store, self.course)
            except Exception as error:
                self.report_error("while_progress", error)
                return
        opener = {
            "lesson": self.open_lesson,
            "quiz": self.open_quiz,
            "exercise": self.open_exercise,
            "lab": self.open_lab,
            "review": lambda _id: self.open_review(),
        }.get(step.kind)
        if opener is not None:
            opener(step.id)

    def remember_position(self, screen: str, ident: str) -> None:
        """Remember where the learner is, for "continue". Written in a thread (the store writes and
        syncs a file: milliseconds a screen change should not wait for); each write takes the latest
        position, so an earlier one never lands after it."""
        self._position = {"screen": screen, "id": ident}

        def write() -> None:
            with self._position_lock:
                if self._position is not None:
                    position, self._position = self._position, None
                    self.save_setting("last_position", position)

        self.run_worker(write, thread=True, group="position", exit_on_error=False)



    # -- errors -------------------------------------------------------------------------------------

    def report_error(self, what: str, error: BaseException, *, quiet: bool = False, **values: object) -> None:
        """A failure the app survives: a log line with the traceback, and a notification. `what` is the
        i18n key of what was going on ("while_grading", with `values` such as id=...): the learner reads
        it in their language, the log keeps it in English for bug reports."""
        log_exception(tr(what, "en", **values), error)
        if isinstance(error, ImportError) and quiet:
            return
        doing = tr(what, self.lang, **values)
        words = getattr(error, "words", None)  # a core error that says itself what is wrong (a disk, a file)
        if isinstance(words, Text):
            message = tr("could_not", self.lang, what=doing, why=words.get(self.lang))
        else:
            message = tr("unexpected", self.lang, what=f"{doing}: {error.__class__.__name__}", log=self.log_file)
        try:
            self.notify(message, severity="error", timeout=8)
        except Exception:  # notifying from a dying app must not raise again
            pass

    def _handle_exception(self, error: Exception) -> None:
        """The last line of defence: log the traceback, leave with one line instead of a traceback."""
        log_exception("unhandled error", error)
        if self.is_headless:  # tests: fail loudly
            super()._handle_exception(error)
            return
        self._return_code = 1
        message = tr("unexpected", self.lang, what=error.__class__.__name__, log=self.log_file)
        self.exit(return_code=1, message=RichText(safe_text(message)))  # a Text: the log's path is not markup


def create_app(
    home: Path | None = None,
    *,
    lang: str | None = None,
    course_root: Path | None = None,
    watch_interval: float = 0.01,
    seed: int | None = None,
    open_next: bool = False,
) -> TutorApp:
    """Build the app on `home` (default: the data home) and the course at `course_root`."""
    return TutorApp(
        home or paths.data_home(),
        lang=lang,
        course_root=course_root,
        watch_interval=watch_interval,
        seed=seed,
        open_next=open_next,
    )


def run_app(lang: str | None = None, open_next: bool = False) -> int:
    """Run the app in this terminal (`tutor`, `tutor next --open`). Without one (stdin or stdout not a
    terminal: piped, redirected, a cron job) it says so in one line and returns 2, rather than waiting
    for keys that never come and writing escape codes into a pipe."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from tutor.commands import language, say

        print(f"tutor: {say('needs_terminal', lang or language())}", file=sys.stderr)
        return 2
    app = create_app(lang=lang, open_next=open_next)
    app.run()
    return app.return_code or 0
