"""Grading results in the shape of Exercism's test-runner results.json (version 2), plus a diagnosis.

A judge returns `Outcome`s keyed by check; the grader turns them into a `Result`, whose `to_json(lang)`
is what `tutor check --json` prints: `version`, `status` (pass | fail | error), `started` (false when the
file gets no further than the stub: every call stops at a TODO's NotImplementedError where the stub's
does; "not started", shown quietly and never recorded), `message`, `tests` [{name, status, message, output}] and `diagnosis`
[{variant, concept, message: {en, ko}}]. A diagnosis message says what went wrong; the concept to revisit
is its own field (faces render it), so the message does not repeat it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tutor.text import Text
from tutor.grading.probe_api import TODO
from tutor.safetext import safe_text

OUTPUT_LIMIT = 500  # Exercism caps each test's output at 500 characters


def T(en: str, ko: str) -> Text:
    """A message in both languages."""
    return Text(en=en, ko=ko)


def num(x: object) -> str:
    """A number as a learner would write it down: six significant digits."""
    try:
        return f"{float(x) + 0.0:.6g}"  # + 0.0 turns -0.0 into 0.0
    except (TypeError, ValueError):
        return repr(x)


def ko_error(message: str) -> str:
    """The Korean wording of a one-line description of a learner's exception (see probe_api.describe)."""
    message = re.sub(r"\bline (\d+) in (<module>|\w+)", r"\2의 \1번째 줄", message)
    message = re.sub(r"^line (\d+):", r"\1번째 줄:", message)
    return message.replace(TODO, " — 아직 TODO로 남은 부분입니다")


def cap(text: str | None, limit: int = OUTPUT_LIMIT) -> str | None:
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Outcome:
    """One check's verdict: pass, fail or error (the learner's code raised), with a message if not pass."""

    status: str
    message: Text | None = None


PASS = Outcome("pass")


def fail(en: str, ko: str) -> Outcome:
    return Outcome("fail", T(en, ko))


@dataclass(frozen=True)
class Diagnosis:
    variant: str  # the known-wrong variant the learner's output matched
    concept: str  # the concept to revisit
    message: Text


@dataclass(frozen=True)
class TestResult:
    name: Text
    status: str
    message: Text | None = None
    output: str | None = None


@dataclass
class Result:
    exercise: str
    status: str  # pass | fail | error
    message: Text | None = None
    tests: list[TestResult] = field(default_factory=list)
    diagnosis: list[Diagnosis] = field(default_factory=list)
    output: str = ""  # everything the learner's code printed (capped by the sandbox)
    seed: int | None = None
    sandbox_seconds: float = 0.0  # time spent in the sandboxed child (benchmarks subtract it)
    started: bool = True  # False: no further than the untouched stub (see ARCHITECTURE: never a pass)

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    def to_json(self, lang: str = "en") -> dict:
        """Every string in it is safe to print or show (learner text included: see tutor.safetext)."""

        def text(t: Text | None) -> str | None:
            return safe_text(t.get(lang)) if t else None

        return {
            "version": 2,
            "exercise": self.exercise,
            "status": self.status,
            "started": self.started,
            "message": text(self.message),
            # what the learner's code printed before an error that left no check to carry it (our extension)
            "output": safe_text(cap(self.output)) or None if self.status == "error" and not self.tests else None,
            "tests": [
                {"name": text(t.name), "status": t.status, "message": text(t.message), "output": safe_text(cap(t.output)) or None}
                for t in self.tests
            ],
            "diagnosis": [
                {"variant": d.variant, "concept": d.concept, "message": {"en": safe_text(d.message.en), "ko": safe_text(d.message.ko)}}
                for d in self.diagnosis
            ],
        }
