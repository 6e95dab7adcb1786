"""`tutor doctor [--json]`: the platform, Python, terminal, and which isolation layers are in force here.

Each layer is proven, not assumed: a real sandbox child tries a forbidden write, connect, spawn, signal
and read (`tutor.grading.sandbox.self_test`) and the parent checks what actually happened. What it prints
is what a bug report should carry. Exit status 0 when the full OS boundary is in force, 1 otherwise (a
working tutor that grades with fewer layers), so a teacher's CI can make it a precondition.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys

from tutor import __version__
from tutor.commands import in_language, language, say
from tutor.safetext import cells, safe_text

def report() -> dict:
    """Everything `tutor doctor` shows, as data."""
    from tutor.grading import isolation, sandbox

    size = shutil.get_terminal_size((0, 0))
    test = sandbox.self_test()
    return {
        "platform": {"system": platform.system(), "release": platform.release(), "machine": platform.machine(), "libc": " ".join(platform.libc_ver()).strip()},
        "python": {"version": platform.python_version(), "implementation": platform.python_implementation(), "executable": sys.executable},
        "tutor": {"version": __version__, "package": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))},
        "terminal": {
            "term": os.environ.get("TERM", ""),
            "stdout_is_tty": sys.stdout.isatty(),
            "encoding": sys.stdout.encoding,
            "size": f"{size.columns}x{size.lines}" if size.columns else "",
        },
        "landlock_abi": isolation.landlock_abi(),
        "capabilities": sandbox.capabilities(),
        "layers": test["layers"],
        "self_test": {"status": test["status"], "message": test["message"], "attempts": test["attempts"]},
        "full_boundary": test["full"],
    }


def doctor(args) -> int:
    data = report()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0 if data["full_boundary"] else 1
    from tutor.grading import isolation, sandbox

    lang = language(args)

    def words(key: str) -> str:
        return say("doctor_" + key.replace(" ", "_"), lang)

    p, py, t, term = data["platform"], data["python"], data["tutor"], data["terminal"]

    def line(text: object) -> None:
        print(safe_text(text, limit=400))

    line(f"{words('platform')}: {p['system']} {p['release']} {p['machine']} {p['libc']}".rstrip())
    line(f"{words('python')}: {py['implementation']} {py['version']} ({py['executable']})")
    line(f"{words('tutor')}: {t['version']} ({t['package']})")
    line(f"{words('terminal')}: TERM={term['term'] or '-'}, tty={'yes' if term['stdout_is_tty'] else 'no'}, {term['encoding']}, {term['size'] or '-'}")
    print(words("layers"))
    for name, detail in data["layers"].items():
        mark = "✓" if detail.startswith("in force") else "✗"
        line(f"  {mark} {name:<13} {in_language((detail, isolation.in_korean(detail)), lang)}")
    rlimits = words("rlimits")
    line(f"  ✓ {rlimits}{' ' * max(1, 14 - cells(rlimits))}{words('rlimits_value')}")
    print(words("selftest"))
    for name, attempt in data["self_test"]["attempts"].items():
        what = in_language(sandbox.ATTEMPTS[name], lang)
        mark = "✓" if attempt["outcome"] == "refused" else "✗"
        effect = words("effect") if attempt["side_effect"] else ""
        detail = attempt["detail"].removeprefix("refused ").removeprefix("done")
        line(f"  {mark} {what}: {words(attempt['outcome'])}{effect} {detail}".rstrip())
    if data["self_test"]["status"] != "ok":
        line(f"  ✗ {data['self_test']['message']}")
    print(words("full") if data["full_boundary"] else words("partial"))
    return 0 if data["full_boundary"] else 1
