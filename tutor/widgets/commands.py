"""Command-palette entries (ctrl+p): jump to any concept's lesson or any exercise by typing its name."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.widgets.i18n import tr


class JumpProvider(Provider):
    def _targets(self) -> Iterator[tuple[str, Callable[[], Any]]]:
        app: Any = self.app
        lang = app.lang
        for concept in app.course.concepts:
            label = tr("jump_concept", lang, id=concept.id, title=concept.title.get(lang))
            yield label, partial(app.open_lesson, concept.id)
        for exercise_id in app.course.exercise_ids():
            if exercise_id in app.course.exercises:
                title = app.course.exercise(exercise_id).title.get(lang)
                yield tr("jump_exercise", lang, id=exercise_id, title=title), partial(app.open_exercise, exercise_id)

    async def discover(self) -> Hits:
        for label, callback in self._targets():
            yield DiscoveryHit(label, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, text=label)
