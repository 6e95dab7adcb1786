"""`tutor list | hint ID | reset ID | solution ID | path ID`: the course and the learner's exercise files.

Text in the learner's language (--lang, else their saved setting, else English), or JSON for `list --json`.
Unknown exercise ids are usage errors (exit 2).
"""

from __future__ import annotations

import json
import sys

from tutor.commands import language, say
from tutor.cli import CommandError, UsageError

STATUS_MARK = {"passed": "✓", "failed": "✗", "started": "…", "new": "·"}


def _store(args=None, read_only: bool = False):
    from tutor.progress import Store, StoreError

    try:
        store = Store.open(read_only=read_only)
    except StoreError as exc:
        raise CommandError(exc.words) from None
    # A writer says itself why it could not record: only the repairs here, so the learner reads it once.
    notice = store.notice_in(language(args, store), repairs_only=not read_only)
    if notice:
        print(f"tutor: {notice}", file=sys.stderr)
    return store


def _exercise(exercise_id: str):
    from tutor.content import load_course

    course = load_course()
    if exercise_id not in course.exercises:
        raise UsageError("unknown_id", id=exercise_id)
    return course.exercise(exercise_id)


def list(args) -> int:  # noqa: A001 - the subcommand's name
    from tutor.content import load_course

    course = load_course()
    with _store(args, read_only=True) as store:
        statuses = store.exercise_statuses()
        lang = language(args, store)
    rows = []
    for concept in course.concepts:
        exercises = [
            {
                "id": e,
                "title": {"en": course.exercise(e).title.en, "ko": course.exercise(e).title.ko} if e in course.exercises else None,
                "status": statuses.get(e, "new"),
            }
            for e in concept.exercises
        ]
        rows.append(
            {
                "id": concept.id,
                "group": concept.group,
                "title": {"en": concept.title.en, "ko": concept.title.ko},
                "exercises": exercises,
                "labs": [*concept.labs],
                "questions": len(concept.questions),
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        parts = [f"{row['id']}  {row['title'][lang]}"]
        if row["exercises"]:
            parts.append(f"{say('exercises', lang)}: " + " ".join(f"{STATUS_MARK[e['status']]} {e['id']}" for e in row["exercises"]))
        if row["labs"]:
            parts.append(f"{say('labs', lang)}: " + ", ".join(row["labs"]))
        if row["questions"]:
            parts.append(f"{say('questions', lang)}: {row['questions']}")
        print("  ·  ".join(parts))
    return 0


def hint(args) -> int:
    exercise = _exercise(args.id)
    with _store(args) as store:
        lang = language(args, store)
        hints = exercise.hints
        if not hints:
            raise CommandError("no_hints", id=exercise.id)
        shown = store.hints_shown(exercise.id)
        upto = len(hints) if args.all else min(shown + 1, len(hints))
        first = 1 if args.all else upto
        problem = None
        for i in range(first, upto + 1):
            print(f"{say('hint', lang, i=i, n=len(hints))}: {hints[i - 1].get(lang)}")
            if i > shown and problem is None:
                problem = _record(store, "hint", exercise, index=i - 1)  # the store counts from 0
        if upto == len(hints):
            print(say("all_hints", lang, id=exercise.id))
    return _say_not_recorded("hint", problem, lang)


def _record(store, kind: str, exercise, **detail):
    """Record; return the StoreError that kept it from being recorded, or None."""
    from tutor.progress import StoreError

    try:
        store.record(kind, exercise.id, exercise.concept, "shown", **detail)
    except StoreError as exc:
        return exc
    return None


def _say_not_recorded(what: str, problem, lang: str) -> int:
    """Say (stderr, one line) that `what` was shown but not recorded, and exit 1; or exit 0."""
    if problem is None:
        return 0
    from tutor.commands.progress import not_recorded

    print(not_recorded(what, problem, lang), file=sys.stderr)
    return 1


def reset(args) -> int:
    from tutor import workspace
    from tutor.paths import workspace_dir

    exercise = _exercise(args.id)
    with _store(args, read_only=True) as store:
        lang = language(args, store)
    path = workspace_dir() / f"{exercise.id}.py"
    if not args.yes and path.exists():
        if not sys.stdin.isatty():
            raise CommandError("needs_yes", id=exercise.id)
        if input(say("confirm_reset", lang, path=path)).strip().lower() not in ("y", "yes", "예", "네"):
            print(say("kept", lang))
            return 0
    saved = workspace.reset(exercise.id)
    if saved:
        print(say("backup", lang, path=saved))
    print(say("reset", lang, path=path))
    return 0


def solution(args) -> int:
    exercise = _exercise(args.id)
    with _store(args) as store:
        lang = language(args, store)
        status = store.exercise_status(exercise.id)
        if status != "passed":
            raise CommandError("locked", id=exercise.id, status=say(f"status_{status}", lang))
        text = exercise.solution_path.read_text(encoding="utf-8")
        problem = _record(store, "solution", exercise)
    print(text, end="" if text.endswith("\n") else "\n")
    return _say_not_recorded("solution", problem, lang)


def path(args) -> int:
    from tutor import workspace

    exercise = _exercise(args.id)
    print(workspace.learner_file(exercise.id))
    return 0
