"""`tutor list | hint ID | reset ID | solution ID | path ID`: the course and the learner's exercise files.

Text in the learner's language (--lang, else their saved setting, else English), or JSON for `list --json`.
Unknown exercise ids are usage errors (exit 2).
"""

from __future__ import annotations

import json
import sys

from tutor.commands import language
from tutor.cli import CommandError, UsageError

STATUS_MARK = {"passed": "✓", "failed": "✗", "started": "…", "new": "·"}
WORDS = {
    "en": {
        "exercises": "exercises",
        "labs": "labs",
        "questions": "questions",
        "hint": "Hint {i} of {n}",
        "no_hints": "{id} has no hints",
        "all_hints": "(that was the last hint; `tutor check {id}` tells you what still differs)",
        "confirm": "Replace {path} with the stub? Your file is backed up first. [y/N] ",
        "needs_yes": "resetting replaces your file with the stub: add --yes to confirm",
        "kept": "kept your file; nothing changed",
        "backup": "your previous file is saved at {path}",
        "reset": "{path} is the stub again",
        "locked": "the solution opens once `tutor check {id}` passes (status now: {status}); `tutor hint {id}` helps meanwhile",
    },
    "ko": {
        "exercises": "실습",
        "labs": "실험",
        "questions": "문제",
        "hint": "힌트 {i}/{n}",
        "no_hints": "{id}에는 힌트가 없습니다",
        "all_hints": "(마지막 힌트였습니다. `tutor check {id}`로 아직 다른 부분을 확인하세요)",
        "confirm": "{path}을(를) 스텁으로 되돌릴까요? 먼저 백업합니다. [y/N] ",
        "needs_yes": "되돌리면 파일이 스텁으로 바뀝니다. 확인하려면 --yes를 붙이세요",
        "kept": "파일을 그대로 두었습니다",
        "backup": "이전 파일은 {path}에 저장했습니다",
        "reset": "{path}이(가) 다시 스텁이 되었습니다",
        "locked": "해답은 `tutor check {id}`를 통과한 뒤에 열립니다(현재 상태: {status}). 그동안 `tutor hint {id}`가 도움이 됩니다",
    },
}


def _store(read_only: bool = False):
    from tutor.progress import Store, StoreError

    try:
        store = Store.open(read_only=read_only)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    notice = store.notice if read_only else store.repair_notice  # a writer says itself why it could not record
    if notice:
        print(f"tutor: {notice}", file=sys.stderr)
    return store


def _exercise(exercise_id: str):
    from tutor.content import load_course

    course = load_course()
    if exercise_id not in course.exercises:
        raise UsageError(f"unknown exercise id {exercise_id!r} (`tutor list` shows the ids)")
    return course.exercise(exercise_id)


def list(args) -> int:  # noqa: A001 - the subcommand's name
    from tutor.content import load_course

    course = load_course()
    with _store(read_only=True) as store:
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
    words = WORDS[lang]
    for row in rows:
        parts = [f"{row['id']}  {row['title'][lang]}"]
        if row["exercises"]:
            parts.append(f"{words['exercises']}: " + " ".join(f"{STATUS_MARK[e['status']]} {e['id']}" for e in row["exercises"]))
        if row["labs"]:
            parts.append(f"{words['labs']}: " + ", ".join(row["labs"]))
        if row["questions"]:
            parts.append(f"{words['questions']}: {row['questions']}")
        print("  ·  ".join(parts))
    return 0


def hint(args) -> int:
    exercise = _exercise(args.id)
    with _store() as store:
        lang = language(args, store)
        words = WORDS[lang]
        hints = exercise.hints
        if not hints:
            raise CommandError(words["no_hints"].format(id=exercise.id))
        shown = store.hints_shown(exercise.id)
        upto = len(hints) if args.all else min(shown + 1, len(hints))
        first = 1 if args.all else upto
        problem = None
        for i in range(first, upto + 1):
            print(f"{words['hint'].format(i=i, n=len(hints))}: {hints[i - 1].get(lang)}")
            if i > shown and problem is None:
                problem = _record(store, "hint", exercise, index=i - 1)  # the store counts from 0
        if upto == len(hints):
            print(words["all_hints"].format(id=exercise.id))
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
    with _store(read_only=True) as store:
        words = WORDS[language(args, store)]
    path = workspace_dir() / f"{exercise.id}.py"
    if not args.yes and path.exists():
        if not sys.stdin.isatty():
            raise CommandError(words["needs_yes"])
        if input(words["confirm"].format(path=path)).strip().lower() not in ("y", "yes", "예", "네"):
            print(words["kept"])
            return 0
    saved = workspace.reset(exercise.id)
    if saved:
        print(words["backup"].format(path=saved))
    print(words["reset"].format(path=path))
    return 0


def solution(args) -> int:
    exercise = _exercise(args.id)
    with _store() as store:
        lang = language(args, store)
        status = store.exercise_status(exercise.id)
        if status != "passed":
            raise CommandError(WORDS[lang]["locked"].format(id=exercise.id, status=status))
        text = exercise.solution_path.read_text(encoding="utf-8")
        problem = _record(store, "solution", exercise)
    print(text, end="" if text.endswith("\n") else "\n")
    return _say_not_recorded("solution", problem, lang)


def path(args) -> int:
    from tutor import workspace

    exercise = _exercise(args.id)
    print(workspace.learner_file(exercise.id))
    return 0
