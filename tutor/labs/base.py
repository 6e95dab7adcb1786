"""The shapes every lab is built from: a Lab is a list of Parts (each one pure computation) and a renderer.

A Part is the unit that can run with the learner's code: it names at most one exercise, and its
``compute(impl, *, seed, params, inputs, progress)`` takes the names that exercise defines from ``impl``
(the learner's module inside the sandbox, or the reference engine in-process) and returns a flat dict of
arrays and numbers. It calls ``progress(fraction, label)`` with a ``Text`` (words, in both languages) or
a ``str`` that is a name read the same in both (an optimizer, a function of the learner's); the runner
says it in the learner's language. Everything else a part needs (data, networks, other optimizers) comes from trusted
code, so the same function runs in both places and gives the same numbers for a correct learner.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from tutor.text import Text
from tutor import reference

# Reference functions that draw random numbers. In the reference path they are bound to a legacy
# RandomState seeded like the sandbox's global np.random, so a correct learner gets identical numbers.
_RANDOM_NAMES = ("Dropout", "sample_log_uniform", "xavier_init", "he_init", "split_validation")


class ReferenceImpl:
    """The reference engine seen through the same names as a learner's module."""

    def __init__(self, seed: int):
        self._rng = np.random.RandomState(seed)

    def __getattr__(self, name):
        value = getattr(reference, name)
        if name in _RANDOM_NAMES:
            return functools.partial(value, rng=self._rng)
        return value


def no_progress(fraction: float, label: Text | str) -> None:
    """The progress callback used when nobody listens (and always inside the sandbox)."""


def said(label: Text | str, lang: str) -> str:
    """A progress label in ``lang``: a ``Text`` in that language, a name (``str``) as it is."""
    return label.get(lang) if isinstance(label, Text) else label


YOURS = Text(" (yours)", " (내 코드)")  # the tag of a part the learner's code ran


@dataclass(frozen=True)
class Part:
    """One computation of a lab; ``exercise`` says whose code may supply ``what`` (e.g. "Adam")."""

    name: str
    compute: Callable[..., dict[str, Any]]
    exercise: str | None = None
    what: str = ""  # the learner's piece as the learner knows it: "Adam", "BatchNormalization", ...
    needs: tuple[str, ...] = ()  # earlier parts whose outputs arrive as `inputs`
    weight: float = 1.0  # share of the lab's running time, for progress reporting
    label: Text | None = None  # the progress line's name for the part ("no BN"); else ``what``


@dataclass(frozen=True)
class Lab:
    id: str
    title: Text
    concepts: tuple[str, ...]
    description: Text
    defaults: dict[str, Any]
    parts: Callable[[dict[str, Any]], list[Part]]
    render: Callable[..., str]  # render(result, width, height, lang, color) -> str
    findings: Callable[[Any], list[Text]]  # what the numbers show, from a LabResult

    def resolve(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """The lab's defaults updated with ``params``; unknown names or None values raise ValueError."""
        params = {k: v for k, v in (params or {}).items() if v is not None}
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            known = ", ".join(sorted(self.defaults)) or "none"
            raise ValueError(f"lab {self.id!r} has no parameter {', '.join(unknown)} (it has: {known})")
        return {**self.defaults, **params}


@dataclass
class LabResult:
    """What a lab computed, with whose code, and what it means.

    ``data[part]`` is that part's outputs (arrays and numbers); ``used[part]`` is "learner" or
    "reference"; ``notes`` are sentences in both languages: which implementations ran, any fallback,
    and the findings.
    """

    lab: str
    seed: int
    params: dict[str, Any]
    data: dict[str, dict[str, Any]]
    used: dict[str, str]
    parts: dict[str, Part] = field(repr=False)
    notes: list[Text] = field(default_factory=list)
    seconds: float = 0.0

    def label(self, part: str, lang: str = "en") -> str:
        """"your Adam" / "내 Adam" when the learner's code ran this part, else the plain name."""
        what = self.parts[part].what or part
        if self.used.get(part) == "learner":
            return f"내 {what}" if lang == "ko" else f"your {what}"
        return what

    def mark(self, part: str, lang: str = "en") -> str:
        """A short tag for plot titles and keys: " (yours)" / " (내 코드)" when the learner's code ran this part."""
        if self.used.get(part) != "learner":
            return ""
        return YOURS.get(lang)


def lab_rng(seed: int, *stream: int) -> np.random.Generator:
    """The trusted randomness of a lab (data, initial weights, batch order): the same in every process."""
    return np.random.default_rng([seed, *stream])
