"""`tutor next [--open] [--json]`: where you stand in the course and the one thing to do now.

Prints the next step (in the learner's language) and the course progress line; `--open` starts the app
on that step. The choice is `tutor.progress.next`'s, the same as the app's home screen.
"""

from __future__ import annotations

import json

from tutor.cli import CommandError
from tutor.commands import language, say

COMMANDS = {
    "lesson": "tutor next --open",
    "quiz": "tutor next --open",
    "exercise": "tutor check {id}",
    "review": "tutor review",
    "lab": "tutor lab {id}",
}


def next(args) -> int:  # noqa: A001 - the command's name
    from tutor.commands.progress import _open
    from tutor.content import ContentError, load_course
    from tutor.progress.next import overview

    try:
        course = load_course()
    except (ContentError, OSError, KeyError) as exc:
        raise CommandError("next_no_course", why=exc) from None
    with _open(args) as store:
        progress, step = overview(store, course)
        lang = language(args, store)
    if getattr(args, "json", False):
        print(json.dumps({"next": step.to_json(), "progress": progress.to_json()}, ensure_ascii=False, indent=2))
        return 0
    if getattr(args, "open", False):
        from tutor.app import run_app

        return run_app(lang=getattr(args, "lang", None), open_next=True)
    print(say("next_is", lang, title=step.title.get(lang)))
    print(f"  {step.reason.get(lang)}")
    print(f"  {say('next_how', lang)}")
    if step.kind in ("exercise", "review", "lab"):
        print(f"  {say('next_from_shell', lang, command=COMMANDS[step.kind].format(id=step.id))}")
    print()
    print(progress.line(lang))
    return 0
