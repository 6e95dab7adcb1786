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

from tutor.commands import WORDS, language, say
from tutor.text import Text
from tutor.cli import CommandError
from tutor.progress import ImportFileError, Store, StoreError
from tutor.progress.mastery import EXPLAINED
from tutor.safetext import cells, safe_text

def why_not_recorded(exc: BaseException, lang: str) -> str:
    """One clause, in the learner's language, saying why the store could not record and what to do."""
    from tutor import paths

    reason = getattr(exc, "reason", "error")
    home = ""
    if reason in ("unwritable", "no-space"):
        try:
            home = safe_text(str(paths.data_home()), limit=200, one_line=True)
        except OSError:
            home = safe_text(os.environ.get("TUTOR_HOME", "~"), limit=200, one_line=True)
    words_of = getattr(exc, "words", None)  # StoreError, InvalidAttempt: the line in both languages
    detail = words_of.get(lang) if isinstance(words_of, Text) else str(exc)
    key = f"not_recorded_{reason.replace('-', '_')}"
    if key not in WORDS:  # no advice of our own: the store's words say what happened
        return safe_text(detail, limit=300, one_line=True)
    return say(key, lang, home=home)


def not_recorded(what: str, exc: BaseException, lang: str) -> str:
    """The line a command prints (to stderr) when it could not record `what` (hint | solution)."""
    return say(f"{what}_not_recorded", lang, why=why_not_recorded(exc, lang))


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


def _course(args):
    from tutor.content import ContentError, load_course

    try:
        return load_course()
    except (ContentError, OSError, KeyError) as exc:
        print(f"tutor: {say('course_not_loaded', language(args), why=exc)}", file=sys.stderr)
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
        course = _course(args)
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
        head = tuple(say(f"column_{c}", lang) for c in ("concept", "mastery", "exercises", "due"))
        labels = [f"{r['id']} {r['title'][lang]}" for r in rows]
        width = max([cells(head[0])] + [cells(label) for label in labels]) + 2
        print(_line(head[0], width, *head[1:]))
        for label, row in zip(labels, rows):
            exercises = f"{row['exercises_passed']}/{row['exercises_total']}" if row["exercises_total"] else "-"
            mastery = f"{round(row['mastery'] * 100)}%" if row["practised"] else "-"
            print(_line(label, width, mastery, exercises, str(row["reviews_due"])))
        print()
        explained = EXPLAINED[lang]
        print(textwrap.fill(explained, 78 if cells(explained) == len(explained) else 40))  # Hangul takes two cells
        today, later = len(plan.items), (f" (+{plan.deferred})" if plan.deferred else "")
        print(say("reviews_due_see" if today else "reviews_due", lang, n=f"{today}{later}"))
    return 0


def review(args) -> int:
    with _open(args) as store:
        course = _course(args)
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
            kind = say(f"kind_{entry.kind}", lang)
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
