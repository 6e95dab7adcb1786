"""The Textual app: the course, the progress store, the learner's settings and the global keys.

Screens live in `tutor/screens/`, styles in `tutor/tutor.tcss`. `create_app()` builds the app from a
home folder and settings (tests pass temporary ones); `run_app()` is what `tutor` with no command runs.
Nothing heavy is imported here: grading, SymPy and the labs load inside workers when first needed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from tutor import paths
from tutor.content import Course, load_course
from tutor.screens.base import Call
from tutor.widgets.commands import JumpProvider
from tutor.widgets.i18n import tr
from tutor.widgets.support import LockedStore, log_exception, setup_log

THEMES = ("textual-dark", "textual-light")


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
    BINDINGS = [
        Binding("question_mark", "help", "help"),
        Binding("f2", "toggle_language", "language", show=False),
        Binding("f3", "toggle_theme", "theme", show=False),
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
            if store.notice:
                self.notify(str(store.notice), severity="warning", timeout=10)
            if store.read_only:
                self.notify(tr("read_only", self.lang), severity="warning", timeout=10)
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
        """Record an attempt; safe to call from worker threads."""
        if self.store is None or getattr(self.store, "read_only", False):
            return
        try:
            self.store.record(kind, item, concept, outcome, **detail)
        except Exception as error:
            self.report_error("while_recording", error)

    # -- global actions -----------------------------------------------------------------------------

    def action_help(self) -> None:
        from tutor.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_language(self) -> None:
        self.lang = "ko" if self.lang == "en" else "en"
        self.save_setting("language", self.lang)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.save_setting("theme", self.theme)

    def get_system_commands(self, screen: Screen) -> Any:
        yield SystemCommand(tr("language", self.lang), "English ↔ 한국어", self.action_toggle_language)
        yield SystemCommand(tr("theme", self.lang), "dark ↔ light", self.action_toggle_theme)
        yield SystemCommand(tr("help", self.lang), "?", self.action_help)
        yield SystemCommand(tr("quit", self.lang), "ctrl+q", self.action_quit)

    # -- navigation (screens call these; the command palette too) ----------------------------------

    def open_lesson(self, concept_id: str) -> None:
        from tutor.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(concept_id))

    def open_quiz(self, concept_id: str) -> None:
        from tutor.screens.quiz import QuizScreen

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

    def open_position(self, position: dict) -> None:
        """Open a remembered place ({"screen": lesson|exercise|lab, "id": ...})."""
        where, ident = position.get("screen"), position.get("id")
        opener = {"lesson": self.open_lesson, "exercise": self.open_exercise, "lab": self.open_lab}.get(where)
        if opener and ident:
            opener(ident)

    def remember_position(self, screen: str, ident: str) -> None:
        self.save_setting("last_position", {"screen": screen, "id": ident})

    # -- errors -------------------------------------------------------------------------------------

    def report_error(self, what: str, error: BaseException, *, quiet: bool = False, **values: object) -> None:
        """A failure the app survives: a log line with the traceback, and a notification. `what` is the
        i18n key of what was going on ("while_grading", with `values` such as id=...): the learner reads
        it in their language, the log keeps it in English for bug reports."""
        log_exception(tr(what, "en", **values), error)
        if isinstance(error, ImportError) and quiet:
            return
        doing = tr(what, self.lang, **values)
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
        self.exit(return_code=1, message=tr("unexpected", self.lang, what=error.__class__.__name__, log=self.log_file))


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
    app = create_app(lang=lang, open_next=open_next)
    app.run()
    return app.return_code or 0
