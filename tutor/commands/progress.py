"""`tutor progress`, `tutor review`, `tutor export FILE`, `tutor import FILE`: thin faces on `tutor.progress`.

Text for a person (in the learner's language: --lang, else their saved setting, else English), or JSON
with --json. The store's notice (a recovered file, a read-only store) goes to stderr. `not_recorded` words
why an attempt could not be recorded, for every command that records (check, hint, solution).
"""

from __future__ import annotations

import json
import os
import textwrap
from collections import Counter
import sys
from pathlib import Path

from tutor.commands import language, say
from tutor.text import Text
from tutor.cli import CommandError
from tutor.progress import ImportFileError, Store, StoreError
from tutor.progress.mastery import EXPLAINED
from tutor.safetext import cells, safe_text

HEADERS = {
    "en": ("Concept", "Mastery", "Exercises", "Due"),
    "ko": ("개념", "숙달도", "실습", "복습"),
}
KIND_LABELS = {
    "en": {"question": "question", "exercise": "exercise", "lesson": "lesson"},
    "ko": {"question": "문제", "exercise": "실습", "lesson": "강의"},
}


# Why something was not recorded, by `StoreError.reason`, and what to do about it.
WHY_NOT_RECORDED = {
    "en": {
        "busy": "another tutor kept your progress busy for too long; try again in a moment",
        "unwritable": "your data home ({home}) cannot be written; make it writable, or set TUTOR_HOME to a folder you can write",
        "no-space": "the disk holding {home} is full; free some space and try again",
        "read-only": "progress was opened read-only",
        "error": "{detail}",
    },
    "ko": {
        "busy": "다른 tutor가 진행 기록을 너무 오래 쓰고 있었습니다. 잠시 뒤 다시 해 보세요",
        "unwritable": "데이터 폴더({home})에 쓸 수 없습니다. 쓰기 권한을 주거나 TUTOR_HOME을 쓸 수 있는 폴더로 지정하세요",
        "no-space": "{home}이(가) 있는 디스크가 가득 찼습니다. 공간을 비운 뒤 다시 해 보세요",
        "read-only": "진행 기록을 읽기 전용으로 열었습니다",
        "error": "{detail}",
    },
}
NOT_RECORDED = {
    "en": {"hint": "tutor: this hint was not recorded: {why}", "solution": "tutor: this look at the solution was not recorded: {why}"},
    "ko": {"hint": "tutor: 이 힌트는 기록되지 않았습니다: {why}", "solution": "tutor: 해답을 본 것이 기록되지 않았습니다: {why}"},
}


def why_not_recorded(exc: BaseException, lang: str) -> str:
    """One clause, in the learner's language, saying why the store could not record and what to do."""
    from tutor import paths

    reason = getattr(exc, "reason", "error")
    words = WHY_NOT_RECORDED.get(lang, WHY_NOT_RECORDED["en"])
    home = ""
    if reason in ("unwritable", "no-space"):
        try:
            home = safe_text(str(paths.data_home()), limit=200, one_line=True)
        except OSError:
            home = safe_text(os.environ.get("TUTOR_HOME", "~"), limit=200, one_line=True)
    words_of = getattr(exc, "words", None)  # StoreError, InvalidAttempt: the line in both languages
    detail = words_of.get(lang) if isinstance(words_of, Text) else str(exc)
    return words.get(reason, words["error"]).format(home=home, detail=safe_text(detail, limit=300, one_line=True))


def not_recorded(what: str, exc: BaseException, lang: str) -> str:
    """The line a command prints (to stderr) when it could not record `what` (hint | solution)."""
    lang = lang if lang in NOT_RECORDED else "en"
    return NOT_RECORDED[lang][what].format(why=why_not_recorded(exc, lang))


def _open(args=None, **kwargs) -> Store:
    """The store, its notice (if any) said on stderr in the learner's language."""
    try:
        store = Store.open(**kwargs)
    except StoreError as exc:
        raise CommandError(exc.words) from None
    notice = store.notice_in(language(args, store))
    if notice:
        print(f"tutor: {notice}", file=sys.stderr)
    return store


def _course():
    from tutor.content import ContentError, load_course

    try:
        return load_course()
    except (ContentError, OSError, KeyError) as exc:
        print(f"tutor: {say('course_not_loaded', language(), why=exc)}", file=sys.stderr)
        return None


def _title(course, concept_id: str, lang: str) -> str:
    try:
        return f"{concept_id} {course.concept(concept_id).title.get(lang)}" if course else concept_id
    except KeyError:
        return concept_id


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def _right(text: str, width: int) -> str:
    return " " * max(0, width - cells(text)) + text


def _line(label: str, width: int, mastery: str, exercises: str, due: str) -> str:
    return _pad(label, width) + _right(mastery, 8) + _right(exercises, 11) + _right(due, 6)


def progress_rows(store: Store, course, plan) -> list[dict]:
    mastery = store.concept_mastery()
    statuses = store.exercise_statuses()
    today = Counter(item.concept for item in plan.items)  # as `tutor review` offers them
    if course is not None:
        concepts = [(c.id, {"en": c.title.en, "ko": c.title.ko}, c.exercises) for c in course.concepts]
    else:
        concepts = [(cid, {"en": cid, "ko": cid}, ()) for cid in sorted(mastery)]
    return [
        {
            "id": cid,
            "title": title,
            "mastery": round(mastery.get(cid, 0.0), 4),
            "practised": cid in mastery,
            "exercises_passed": sum(statuses.get(e) == "passed" for e in exercises),
            "exercises_total": len(exercises),
            "reviews_due": today[cid],
        }
        for cid, title, exercises in concepts
    ]


def progress(args) -> int:
    with _open(args) as store:
        course = _course()
        plan = store.review_plan(course=course)  # what `tutor review` and the app offer today
        rows = progress_rows(store, course, plan)
        if args.json:
            data = {
                "concepts": rows,
                "reviews_due": len(plan.items),
                "deferred": plan.deferred,
                "attempts": store.attempt_counts(),
                "notice": store.notice_in(language(args, store)),  # in the output language
                "notices": [{"en": n.en, "ko": n.ko} for n in store.notices],  # one per event, both languages
            }
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        lang = language(args, store)
        head = HEADERS[lang]
        labels = [f"{r['id']} {r['title'][lang]}" for r in rows]
        width = max([cells(head[0])] + [cells(label) for label in labels]) + 2
        print(_line(head[0], width, *head[1:]))
        for label, row in zip(labels, rows):
            exercises = f"{row['exercises_passed']}/{row['exercises_total']}" if row["exercises_total"] else "-"
            mastery = f"{round(row['mastery'] * 100)}%" if row["practised"] else "-"
            print(_line(label, width, mastery, exercises, str(row["reviews_due"])))
        print()
        print(textwrap.fill(EXPLAINED[lang], 40 if lang == "ko" else 78))  # Hangul takes two columns
        today, later = len(plan.items), (f" (+{plan.deferred})" if plan.deferred else "")
        print(say("reviews_due_see" if today else "reviews_due", lang, n=f"{today}{later}"))
    return 0


def review(args) -> int:
    with _open(args) as store:
        course = _course()
        plan = store.review_plan(course=course)
        items = plan.items
        if args.json:
            print(
                json.dumps(
                    {"reviews_due": len(items), "deferred": plan.deferred, "cap": plan.cap, "items": [i.to_json() for i in items]},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return 0
        lang = language(args, store)
        if not items:
            if plan.deferred:
                print(say("done_for_today", lang, n=plan.deferred))
            else:
                print(say("nothing_due", lang))
            return 0
        for number, entry in enumerate(items, start=1):
            kind = KIND_LABELS[lang][entry.kind]
            print(f"{number:>2}. [{kind}] {safe_text(entry.label(lang), one_line=True)} — {_title(course, entry.concept, lang)}")
            print(f"    {entry.reason.get(lang)}")
        if plan.deferred:
            print()
            print(say("deferred", lang, n=plan.deferred, cap=plan.cap))
    return 0


def export(args) -> int:
    if os.path.lexists(args.file) and not args.force:
        raise CommandError("file_exists", path=args.file)
    if os.path.isdir(args.file):
        raise CommandError("is_a_folder", path=args.file)
    with _open(args) as store:
        try:
            count = store.export(Path(args.file))
        except OSError as exc:
            raise CommandError("cannot_write", path=args.file, why=exc.strerror or exc) from None
    print(say("exported", language(args), n=count, path=args.file))
    return 0


def import_(args) -> int:
    lang = language(args)  # before: the import may bring another language setting with it
    with _open(args) as store:
        try:
            result = store.import_(Path(args.file))
        except ImportFileError as exc:
            raise CommandError(exc.words) from None
        except StoreError as exc:  # the disk or the lock: attempts already added stay, and are skipped next time
            raise CommandError("import_unfinished", why=why_not_recorded(exc, lang)) from None
    print(say("imported", lang, added=result["added"], skipped=result["skipped"], path=args.file))
    return 0
