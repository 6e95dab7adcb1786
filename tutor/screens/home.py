"""Home: the twenty concepts in order, grouped, with mastery and exercise status; reviews due; continue.

Enter opens the highlighted concept's lesson; `c` continues where the learner left off; `r` starts a
review session; `e` opens the highlighted concept's exercise; `l` and `t` switch language and theme (both remembered).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.content import GROUPS
from tutor.screens.base import TutorScreen
from tutor.widgets.footer import LocalFooter
from tutor.widgets.status import exercise_marks, mastery_bar


class HomeScreen(TutorScreen):
    BINDINGS = [
        Binding("c", "continue", "continue"),
        Binding("r", "review", "review"),
        Binding("e", "exercise", "exercise", show=False),
        Binding("l", "app.toggle_language", "language"),
        Binding("t", "app.toggle_theme", "theme"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title")
        yield Static(id="status", classes="status")
        yield OptionList(id="concepts")
        yield LocalFooter()

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        if self._away:
            self._away = False
            self.relabel()  # progress may have changed on the screen we come back from

    def on_resize(self) -> None:
        if self._shown:
            self._show_concepts()

    _shown = False
    _away = False

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.t("app_title"))
        self._show_status()
        self._show_concepts()
        self._shown = True

    def _show_status(self) -> None:
        app = self.tutor
        due = 0
        with self.guarded("reviews due"):
            due = app.store.due_count() if app.store is not None else 0
        parts = [self.t("reviews_due", n=due)]
        where = self._position_label(app.setting("last_position"))
        parts.append(self.t("continue_at", where=where) if where else self.t("start_here"))
        self.query_one("#status", Static).update("  ·  ".join(parts))

    def _position_label(self, position: object) -> str | None:
        if not isinstance(position, dict) or not position.get("id"):
            return None
        kind, ident = str(position.get("screen")), str(position["id"])
        course = self.tutor.course
        if kind == "lesson" and any(c.id == ident for c in course.concepts):
            return f"{ident} {course.concept(ident).title.get(self.lang)}"
        if kind == "exercise" and ident in course.exercises:
            return f"{self.t('exercise')} {ident}"
        if kind == "lab":
            return f"{self.t('lab')} {ident}"
        return None

    def _show_concepts(self) -> None:
        app = self.tutor
        mastery: dict[str, float] = {}
        statuses: dict[str, str] = {}
        if app.store is not None:
            with self.guarded("progress"):
                mastery = dict(app.store.concept_mastery())
                statuses = dict(app.store.exercise_statuses())
        options = self.query_one("#concepts", OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        # One line per concept: id, title (cut to fit, wide characters counted), mastery bar, exercises.
        width = options.size.width or self.app.size.width
        title_width = min(max(width - 50, 16), 44)
        rows: list[Option | None] = []
        for group, names in GROUPS.items():
            concepts = [c for c in app.course.concepts if c.group == group]
            if not concepts:
                continue
            rows.append(Option(Text(names[self.lang], style="bold"), disabled=True, id=f"group-{group}"))
            for concept in concepts:
                title = Text(concept.title.get(self.lang))
                title.truncate(title_width, overflow="ellipsis", pad=True)
                line = Text.assemble(f"{concept.id} ", title, " ", mastery_bar(mastery.get(concept.id)), "  ")
                line.append_text(exercise_marks([(e, statuses.get(e, "new")) for e in concept.exercises]))
                line.truncate(max(width - 2, 20), overflow="ellipsis")
                rows.append(Option(line, id=concept.id))
        options.add_options(rows)
        if highlighted and highlighted in {c.id for c in app.course.concepts}:
            options.highlighted = options.get_option_index(highlighted)
        elif app.course.concepts:
            options.highlighted = options.get_option_index(app.course.concepts[0].id)
        options.focus()

    def _highlighted_concept(self) -> str | None:
        option = self.query_one("#concepts", OptionList).highlighted_option
        return option.id if option is not None and option.id and not option.id.startswith("group-") else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.id.startswith("group-"):
            self.tutor.open_lesson(event.option.id)

    def action_continue(self) -> None:
        position = self.tutor.setting("last_position")
        if isinstance(position, dict) and self._position_label(position):
            self.tutor.open_position(position)
        elif self.tutor.course.concepts:
            self.tutor.open_lesson(self.tutor.course.concepts[0].id)

    def action_review(self) -> None:
        self.tutor.open_review()

    def action_exercise(self) -> None:
        concept_id = self._highlighted_concept()
        if concept_id:
            exercises = self.tutor.course.concept(concept_id).exercises
            if exercises:
                self.tutor.open_exercise(exercises[0])
            else:
                self.notify(self.t("no_exercise"))
