"""`Text`: words for the learner in both languages, chosen by `get(lang)`.

Its own small module because every room uses it (grading's verdicts, the store's notices and errors, the
CLI) and most of them need nothing else of the course: importing `tutor.content` (the course's dataclasses)
for it would cost every `tutor check` a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A piece of text in both languages."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en
