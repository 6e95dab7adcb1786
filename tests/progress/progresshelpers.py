"""Shared helpers of the progress tests: fixed times, a tiny fake course, and forked writers.

The fake course is written to a temporary folder so that these tests never depend on the live
lessons, which other people are editing.
"""

from __future__ import annotations

import os
import select
import signal
from datetime import datetime, timedelta, timezone
from pathlib import Path

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def at(days: float = 0, hours: float = 0, minutes: float = 0) -> datetime:
    return T0 + timedelta(days=days, hours=hours, minutes=minutes)


def _text(en: str, ko: str) -> str:
    return f'{{ en = "{en}", ko = "{ko}" }}'


def make_course(root: Path) -> Path:
    """Concepts A (0097 SGD), B (0098 momentum), C (0100 RMSprop), D (0101 Adam, needing B and C),
    each with two questions; exercises sgd, momentum, rmsprop, adam (adam needs momentum, rmsprop)."""
    concepts = {
        "0097": ("sgd", "SGD", "확률적 경사 하강법", ["sgd"], []),
        "0098": ("momentum", "Momentum", "모멘텀", ["momentum"], ["0097"]),
        "0100": ("rmsprop", "RMSprop", "RMSprop", ["rmsprop"], ["0097"]),
        "0101": ("adam", "Adam", "Adam", ["adam"], ["0098", "0100"]),
    }
    prerequisites = {"adam": ["momentum", "rmsprop"]}
    for cid, (slug, en, ko, exercises, needs) in concepts.items():
        folder = root / "lessons" / f"{cid}-{slug}"
        folder.mkdir(parents=True)
        (folder / "concept.toml").write_text(
            f'id = "{cid}"\nslug = "{slug}"\ngroup = "optimizers"\ntitle = {_text(en, ko)}\n'
            f"exercises = {exercises!r}\nlabs = []\nprerequisites = {needs!r}\n".replace("'", '"'),
            encoding="utf-8",
        )
        (folder / "lesson.en.md").write_text(f"# {en}\n", encoding="utf-8")
        (folder / "lesson.ko.md").write_text(f"# {ko}\n", encoding="utf-8")
        questions = "".join(
            f'[[questions]]\nid = "{cid}-q{n}"\ntype = "symbolic"\nprompt = {_text("?", "?")}\n'
            f'answer = "x"\nsymbols = ["x"]\n\n'
            for n in (1, 2)
        )
        (folder / "questions.toml").write_text(questions, encoding="utf-8")
        for eid in exercises:
            ex = root / "exercises" / eid
            ex.mkdir(parents=True)
            (ex / "meta.toml").write_text(
                f'id = "{eid}"\nconcept = "{cid}"\ntitle = {_text(en + " exercise", ko + " 실습")}\n'
                f'entry = ["X"]\nprerequisites = {prerequisites.get(eid, [])!r}\n'.replace("'", '"'),
                encoding="utf-8",
            )
            (ex / "hints.toml").write_text(f"[[hints]]\nen = \"h\"\nko = \"h\"\n", encoding="utf-8")
    return root


def fork_writer(body) -> tuple[int, int]:
    """Run `body(write_line)` in a forked child; return (pid, read end of its pipe).

    Forking (rather than starting Python) keeps each child cheap, so a test can kill hundreds."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        os.close(read_fd)
        code = 0
        try:
            body(lambda line: os.write(write_fd, (line + "\n").encode()))
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_fd)
    return pid, read_fd


TIMEOUT = 60.0  # a child that is silent this long is stuck: fail rather than hang the suite


def _read(fd: int) -> bytes:
    ready, _, _ = select.select([fd], [], [], TIMEOUT)
    if not ready:
        raise TimeoutError(f"a forked writer said nothing for {TIMEOUT:g} s")
    return os.read(fd, 65536)


def wait_for_lines(fd: int, count: int) -> bytes:
    """Block until the child has written `count` lines; return what it wrote so far (all, if it died)."""
    data = b""
    while data.count(b"\n") < count and (chunk := _read(fd)):
        data += chunk
    return data


def read_lines(fd: int, already: bytes = b"", pid: int | None = None) -> list[str]:
    """Everything the child writes until it exits (or is killed; a stuck child `pid` is killed)."""
    chunks = [already]
    try:
        while chunk := _read(fd):
            chunks.append(chunk)
    except TimeoutError:
        if pid is not None:
            kill(pid)
        raise
    finally:
        os.close(fd)
    return b"".join(chunks).decode().split()


def kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
