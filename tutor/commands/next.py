"""`tutor next [--open] [--json]`: where you stand in the course and the one thing to do now.

Prints the next step (in the learner's language) and the course progress line; `--open` starts the app
on that step. The choice is `tutor.progress.next`'s, the same as the app's home screen.
"""

from __future__ import annotations

import json

from tutor.cli import CommandError
from tutor.commands import language

COMMANDS = {
    "lesson": "tutor next --open",
    "quiz": "tutor next --open",
    "exercise": "tutor check {id}",
    "review": "tutor review",
    "lab": "tutor lab {id}",
}
WORDS = {
    "en": {"next": "Next: {title}", "how": "Open it: tutor next --open (or c on the app's home screen)", "cli": "From the shell: {command}"},
    "ko": {"next": "다음 할 일: {title}", "how": "열기: tutor next --open (앱의 홈 화면에서는 c)", "cli": "셸에서: {command}"},
}


def next(args) -> int:  # noqa: A001 - the command's name
    from tutor.commands.progress import _course, _open
    from tutor.progress.next import overview
    from tutor.safetext import safe_text

    course = _course()
    if course is None:
        if language(args) == "ko":
            raise CommandError("강의 자료를 불러오지 못해 다음 할 일을 보여 줄 수 없습니다(위 줄 참고).")
        raise CommandError("the course did not load, so there is no next step to show (see the line above)")
    with _open() as store:
        progress, step = overview(store, course)
        lang = language(args, store)
    if getattr(args, "json", False):
        print(json.dumps({"next": step.to_json(), "progress": progress.to_json()}, ensure_ascii=False, indent=2))
        return 0
    if getattr(args, "open", False):
        from tutor.app import run_app

        return run_app(lang=getattr(args, "lang", None), open_next=True)
    words = WORDS[lang]
    print(words["next"].format(title=safe_text(step.title.get(lang))))
    print(f"  {step.reason.get(lang)}")
    print(f"  {words['how']}")
    if step.kind in ("exercise", "review", "lab"):
        print(f"  {words['cli'].format(command=COMMANDS[step.kind].format(id=step.id))}")
    print()
    print(progress.line(lang))
    return 0
