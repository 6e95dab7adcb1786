"""Command-palette entries (ctrl+p): every lesson, exercise and lab by name, and resetting an exercise.

The app's own commands (continue, review, language, theme, help, quit) are its system commands
(`TutorApp.get_system_commands`); both lists are searched together, so the palette reaches everything.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.widgets.i18n import tr


def _lab_titles() -> dict[str, Any]:
    """Lab id → title (`Text`); the registry imports NumPy, so the palette loads it off the UI thread."""
    try:
        from tutor.labs import LABS
    except Exception:  # labs unavailable: the palette lists them by id
        return {}
    return {lab_id: lab.title for lab_id, lab in LABS.items()}


class JumpProvider(Provider):
    _labs: dict[str, Any] | None = None

    async def startup(self) -> None:
        if JumpProvider._labs is None:
            JumpProvider._labs = await asyncio.to_thread(_lab_titles)

    def _targets(self) -> Iterator[tuple[str, Callable[[], Any]]]:
        app: Any = self.app
        lang = app.lang
        course = app.course
        for concept in course.concepts:
            label = tr("jump_concept", lang, id=concept.id, title=concept.title.get(lang))
            yield label, partial(app.open_lesson, concept.id)
        exercise_ids = [e for e in course.exercise_ids() if e in course.exercises]
        for exercise_id in exercise_ids:
            title = course.exercise(exercise_id).title.get(lang)
            yield tr("jump_exercise", lang, id=exercise_id, title=title), partial(app.open_exercise, exercise_id)
        labs = JumpProvider._labs or {}
        lab_ids = dict.fromkeys(lab for concept in course.concepts for lab in concept.labs)
        for lab_id in lab_ids:
            title = labs[lab_id].get(lang) if lab_id in labs else lab_id
            yield tr("jump_lab", lang, id=lab_id, title=title), partial(app.open_lab, lab_id)
        for exercise_id in exercise_ids:
            yield tr("jump_reset", lang, id=exercise_id), partial(app.reset_exercise, exercise_id)

    async def discover(self) -> Hits:
        for label, callback in self._targets():
            yield DiscoveryHit(label, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, text=label)
