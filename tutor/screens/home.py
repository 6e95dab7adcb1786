"""Home: where the learner stands (exercises passed, concepts studied, reviews due), the one next thing
to do, and the twenty concepts in order, grouped, with mastery and exercise marks (and a legend for both).

Enter opens the highlighted concept's lesson; `c` opens the next step (`tutor.progress.next`); `r` starts a
review session; `e` opens the highlighted concept's exercise; `l` and `t` switch language and theme (both remembered).

It is the app's first screen, painted before the course and the progress store are loaded: the concept
list comes from the concept files alone at first, and the figures (mastery, statuses, reviews due) fill
in once the store is open.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor import content
from tutor.content import GROUPS, Heading, load_outline
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
        yield Static(" ", id="status", classes="status")  # one line already: nothing moves when it fills in
        yield Static(" ", id="next", classes="status")
        yield OptionList(id="concepts")
        yield Static(" ", id="legend", classes="muted")
        yield LocalFooter()

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        if self._away:
            self._away = False
            self.relabel()  # progress may have changed on the screen we come back from

    def on_resize(self) -> None:
        if self._shown and self._concepts_width() != self._shown_width:
            self._show_concepts()  # titles are cut to the width

    _shown = False
    _shown_width = 0
    _away = False
    _outline: list[Heading] | None = None

    def relabel(self) -> None:
        self.query_one("#title", Static).update(self.t("app_title"))
        self._show_status()
        self._show_concepts()
        self._shown = True

    def _show_status(self) -> None:
        app = self.tutor
        self.query_one("#legend", Static).update(self.t("legend"))
        if not app.store_opened or not app.course_loaded:
            return  # a moment: the lines fill in with the store and the course
        if app.store is None:
            self.query_one("#next", Static).update(self.t("start_here"))
            return
        from tutor.progress.next import overview

        with self.guarded("while_progress"):
            progress, step = overview(app.store, app.course)
            self.query_one("#status", Static).update(Text(progress.line(self.lang)))
            line = Text(self.t("next_at", title=step.title.get(self.lang)), style="bold")
            line.append("  " + step.reason.get(self.lang), style="not bold")
            line.truncate(max(self.app.size.width - 2, 20), overflow="ellipsis")
            self.query_one("#next", Static).update(line)

    def _concepts_width(self) -> int:
        return self.query_one("#concepts", OptionList).size.width or self.app.size.width

    def _concepts(self) -> tuple[Heading, ...] | tuple[content.Concept, ...]:
        if self.tutor.course_loaded:
            return self.tutor.course.concepts
        if self._outline is None:
            self._outline = load_outline(self.tutor.course_root)
        return tuple(self._outline)

    def _show_concepts(self) -> None:
        app = self.tutor
        mastery: dict[str, float] = {}
        statuses: dict[str, str] = {}
        if app.store is not None:
            with self.guarded("while_progress"):
                mastery = dict(app.store.concept_mastery())
                statuses = dict(app.store.exercise_statuses())
        all_concepts = self._concepts()
        options = self.query_one("#concepts", OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        # One line per concept: id, title (cut to fit, wide characters counted), mastery bar, exercises
        # (the last two once the store has been opened).
        width = self._shown_width = self._concepts_width()
        title_width = min(max(width - 50, 16), 44)
        rows: list[Option | None] = []
        for group, names in GROUPS.items():
            concepts = [c for c in all_concepts if c.group == group]
            if not concepts:
                continue
            rows.append(Option(Text(names[self.lang], style="bold"), disabled=True, id=f"group-{group}"))
            for concept in concepts:
                title = Text(concept.title.get(self.lang))
                title.truncate(title_width, overflow="ellipsis", pad=True)
                line = Text.assemble(f"{concept.id} ", title)
                if app.store_opened:
                    line.append_text(Text.assemble(" ", mastery_bar(mastery.get(concept.id)), "  "))
                    line.append_text(exercise_marks([(e, statuses.get(e, "new")) for e in concept.exercises]))
                line.truncate(max(width - 2, 20), overflow="ellipsis")
                rows.append(Option(line, id=concept.id))
        options.add_options(rows)
        if highlighted and highlighted in {c.id for c in all_concepts}:
            options.highlighted = options.get_option_index(highlighted)
        elif all_concepts:
            options.highlighted = options.get_option_index(all_concepts[0].id)
        options.focus()

    def _highlighted_concept(self) -> str | None:
        option = self.query_one("#concepts", OptionList).highlighted_option
        return option.id if option is not None and option.id and not option.id.startswith("group-") else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.id.startswith("group-"):
            self.tutor.open_lesson(event.option.id)

    def action_continue(self) -> None:
        if self.tutor.store is not None and self.tutor.course_loaded:
            self.tutor.open_step()
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
