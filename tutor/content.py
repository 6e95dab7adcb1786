"""Loads the course (lessons/, exercises/, the glossary) from TOML and Markdown into frozen dataclasses.

Everything the TUI, the CLI, the quiz and the grader know about the course comes through `load_course()`.
A file that does not load raises `ContentError` naming the file, so a broken lesson fails CI, not a learner.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tutor import paths
from tutor.text import Text  # the course's words; `tutor.text` so that rooms needing only Text skip this module

LANGUAGES = ("en", "ko")
QUESTION_TYPES = ("choice", "numeric", "symbolic", "predict")

GROUPS: dict[str, dict[str, str]] = {
    "optimizers": {"en": "Optimizers", "ko": "최적화 기법"},
    "initialisation": {"en": "Weight initialisation", "ko": "가중치 초깃값"},
    "batchnorm": {"en": "Batch normalisation", "ko": "배치 정규화"},
    "regularisation": {"en": "Regularisation", "ko": "오버피팅과 규제"},
    "hyperparameters": {"en": "Hyperparameters", "ko": "하이퍼파라미터"},
}


class ContentError(Exception):
    """A course file is missing or malformed."""


@dataclass(frozen=True)
class Choice:
    text: Text
    why: Text | None  # the misconception a wrong choice stands for; None on the right one


@dataclass(frozen=True)
class Question:
    id: str
    concept: str
    type: str  # one of QUESTION_TYPES
    prompt: Text | None  # None for generated questions: the generator writes the prompt
    choices: tuple[Choice, ...] = ()
    answer: int | str | None = None  # choice index, or the symbolic answer's expression
    explanation: Text | None = None
    symbols: tuple[str, ...] = ()
    generator: str | None = None
    exercise: str | None = None  # predict questions: the exercise they come before


@dataclass(frozen=True)
class Exercise:
    id: str
    concept: str
    title: Text
    entry: tuple[str, ...]
    prerequisites: tuple[str, ...]
    checks: tuple[Text, ...]
    hints: tuple[Text, ...]
    folder: Path
    task: Text | None = None  # task.en.md / task.ko.md: what to write, in Markdown (None: not written yet)

    @property
    def stub_path(self) -> Path:
        return self.folder / "stub.py"

    @property
    def solution_path(self) -> Path:
        return self.folder / "solution.py"


@dataclass(frozen=True)
class Concept:
    id: str
    slug: str
    group: str
    title: Text
    lesson: Text  # Markdown
    exercises: tuple[str, ...]
    labs: tuple[str, ...]
    prerequisites: tuple[str, ...]
    questions: tuple[Question, ...]
    folder: Path


@dataclass(frozen=True)
class GlossaryTerm:
    en: str
    ko: str
    note: Text | None = None


@dataclass(frozen=True)
class Course:
    concepts: tuple[Concept, ...]
    exercises: dict[str, Exercise] = field(hash=False)
    glossary: tuple[GlossaryTerm, ...]

    def concept(self, concept_id: str) -> Concept:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)

    def exercise(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for c in self.concepts for q in c.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions():
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def exercise_ids(self) -> tuple[str, ...]:
        """Exercise ids in course order (by concept, then as the concept lists them)."""
        return tuple(e for c in self.concepts for e in c.exercises)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ContentError(f"{path}: missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from None


def _text(value: object, where: str) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES):
        raise ContentError(f"{where}: needs non-empty 'en' and 'ko' text")
    return Text(en=value["en"].strip(), ko=value["ko"].strip())


def _optional_text(value: object, where: str) -> Text | None:
    return None if value is None else _text(value, where)


def _question(raw: dict, concept_id: str, where: str) -> Question:
    qid = raw.get("id")
    qtype = raw.get("type")
    if not isinstance(qid, str) or not qid.startswith(concept_id):
        raise ContentError(f"{where}: question id {qid!r} must start with {concept_id}")
    where = f"{where} [{qid}]"
    if qtype not in QUESTION_TYPES:
        raise ContentError(f"{where}: type must be one of {', '.join(QUESTION_TYPES)}")
    generator = raw.get("generator")
    prompt = None if generator and "prompt" not in raw else _text(raw.get("prompt"), f"{where} prompt")
    choices = tuple(
        Choice(text=_text(c, f"{where} choice {i}"), why=_optional_text(c.get("why"), f"{where} choice {i} why"))
        for i, c in enumerate(raw.get("choices", []))
    )
    answer = raw.get("answer")
    if qtype in ("choice", "predict") and not generator:
        if len(choices) < 2 or not isinstance(answer, int) or not 0 <= answer < len(choices):
            raise ContentError(f"{where}: needs 2+ choices and an 'answer' index among them")
        missing_why = [i for i, c in enumerate(choices) if i != answer and c.why is None]
        if missing_why:
            raise ContentError(f"{where}: wrong choices {missing_why} need a 'why'")
    if qtype == "numeric" and not generator:
        raise ContentError(f"{where}: numeric questions name a generator")
    if qtype == "symbolic" and (not isinstance(answer, str) or not raw.get("symbols")):
        raise ContentError(f"{where}: symbolic questions need 'answer' and 'symbols'")
    if qtype == "predict" and not raw.get("exercise"):
        raise ContentError(f"{where}: predict questions name their exercise")
    return Question(
        id=qid,
        concept=concept_id,
        type=qtype,
        prompt=prompt,
        choices=choices,
        answer=answer,
        explanation=_optional_text(raw.get("explanation"), f"{where} explanation"),
        symbols=tuple(raw.get("symbols", ())),
        generator=generator,
        exercise=raw.get("exercise"),
    )


def _concept(folder: Path) -> Concept:
    meta = _read_toml(folder / "concept.toml")
    cid = meta["id"]
    lesson = {}
    for lang in LANGUAGES:
        path = folder / f"lesson.{lang}.md"
        try:
            lesson[lang] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError(f"{path}: {exc}") from None
    questions_file = folder / "questions.toml"
    raw_questions = _read_toml(questions_file).get("questions", []) if questions_file.exists() else []
    return Concept(
        id=cid,
        slug=meta["slug"],
        group=meta["group"],
        title=_text(meta.get("title"), f"{folder}/concept.toml title"),
        lesson=_text(lesson, f"{folder} lesson"),
        exercises=tuple(meta.get("exercises", ())),
        labs=tuple(meta.get("labs", ())),
        prerequisites=tuple(meta.get("prerequisites", ())),
        questions=tuple(_question(q, cid, str(questions_file)) for q in raw_questions),
        folder=folder,
    )


def _exercise(folder: Path) -> Exercise:
    meta = _read_toml(folder / "meta.toml")
    hints = _read_toml(folder / "hints.toml").get("hints", [])
    where = str(folder)
    return Exercise(
        id=meta["id"],
        concept=meta["concept"],
        title=_text(meta.get("title"), f"{where}/meta.toml title"),
        entry=tuple(meta.get("entry", ())),
        prerequisites=tuple(meta.get("prerequisites", ())),
        checks=tuple(_text(c, f"{where}/meta.toml check") for c in meta.get("checks", [])),
        hints=tuple(_text(h, f"{where}/hints.toml hint") for h in hints),
        folder=folder,
        task=_task(folder),
    )


def _task(folder: Path) -> Text | None:
    """The task in both languages from task.en.md and task.ko.md; None when neither file exists."""
    texts = {}
    for lang in LANGUAGES:
        path = folder / f"task.{lang}.md"
        try:
            texts[lang] = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError(f"{path}: {exc}") from None
    return _text(texts, f"{folder}/task.*.md") if texts else None


@dataclass(frozen=True)
class Heading:
    """A concept as a table of contents lists it (a `Concept` has the same fields, and more)."""

    id: str
    group: str
    title: Text
    exercises: tuple[str, ...]


def load_outline(root: Path | None = None) -> list[Heading]:
    """The concepts from their concept.toml files only: ~1 ms, where the whole course takes ~25 ms.

    The app paints its first screen from this. A file that does not read is left out here; loading the
    course reports it.
    """
    headings = []
    for path in sorted((root or paths.course_root()).glob("lessons/*/concept.toml")):
        try:
            meta = _read_toml(path)
            title = _text(meta.get("title"), str(path))
            headings.append(Heading(meta["id"], meta["group"], title, tuple(meta.get("exercises", ()))))
        except (ContentError, KeyError, TypeError):
            continue
    return headings


def load_course(root: Path | None = None) -> Course:
    """The whole course. Cached: course files do not change while tutor runs."""
    return _load_course(root or paths.course_root())


@lru_cache(maxsize=4)
def _load_course(root: Path) -> Course:
    lessons = root / "lessons"
    concept_dirs = sorted(p for p in lessons.iterdir() if p.is_dir() and (p / "concept.toml").exists())
    concepts = tuple(_concept(d) for d in concept_dirs)
    exercise_dirs = sorted(p for p in (root / "exercises").iterdir() if (p / "meta.toml").exists())
    exercises = {e.id: e for e in (_exercise(d) for d in exercise_dirs)}
    glossary_raw = _read_toml(lessons / "glossary.toml").get("terms", []) if (lessons / "glossary.toml").exists() else []
    glossary = tuple(
        GlossaryTerm(en=t["en"], ko=t["ko"], note=_optional_text(t.get("note"), "glossary note")) for t in glossary_raw
    )
    return Course(concepts=concepts, exercises=exercises, glossary=glossary)
