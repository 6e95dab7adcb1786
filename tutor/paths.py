"""Where things live: the learner's data home, their workspace, and the course data (lessons, exercises).

`TUTOR_HOME` overrides the data home (tests and teachers use it); otherwise the platform's user data
folder. The course data sits at the top of the repository in a checkout and inside the package
(`tutor/_course/`) in an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.text import Text

_PACKAGE = Path(__file__).resolve().parent


def data_home() -> Path:
    """The learner's data folder (created on first use).

    A relative `TUTOR_HOME` is made absolute once, against the folder `tutor` started in, and written
    back to the environment: the same home for the rest of the process and for its children (the
    grading sandbox, `$EDITOR`), whatever folder they run in.
    """
    override = os.environ.get("TUTOR_HOME")
    if override:
        home = Path(override).expanduser()
        if not home.is_absolute():
            home = home.absolute()
            os.environ["TUTOR_HOME"] = str(home)
    else:
        from platformdirs import user_data_dir

        home = Path(user_data_dir("tutor", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home


def workspace_dir(home: Path | None = None) -> Path:
    """Where the learner's exercise files live: `<home>/workspace/<id>.py`."""
    path = (home or data_home()) / "workspace"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir(home: Path | None = None) -> Path:
    """Every version of a learner's file that tutor replaces is kept here first."""
    path = workspace_dir(home) / ".backup"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_dir(home: Path | None = None) -> Path:
    """The progress store's folder."""
    path = (home or data_home()) / "progress"
    path.mkdir(parents=True, exist_ok=True)
    return path


def course_root() -> Path:
    """The folder holding `lessons/` and `exercises/`."""
    installed = _PACKAGE / "_course"
    if (installed / "lessons").is_dir():
        return installed
    return _PACKAGE.parent


def lessons_dir() -> Path:
    return course_root() / "lessons"


def exercises_dir() -> Path:
    return course_root() / "exercises"


def disk_problem(exc: OSError) -> tuple[str, Text]:
    """What an OSError from the data home means, for the learner: (reason, words in both languages).

    reason: no-space | unwritable | error (as `tutor.progress.StoreError.reason`); the words say what is
    wrong in a clause that fits after "cannot write X: " (the OS's own wording when nothing better fits).
    """
    import errno

    from tutor.text import Text

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "no-space", Text("the disk is full", "디스크가 가득 찼습니다")
    if exc.errno == errno.EROFS:
        return "unwritable", Text("the file system is read-only", "읽기 전용 파일 시스템입니다")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "unwritable", Text("permission denied", "쓰기 권한이 없습니다")
    if exc.errno == errno.ENOENT:
        return "error", Text("no such file or folder", "그런 파일이나 폴더가 없습니다")
    if exc.errno == errno.ENOTDIR:
        return "error", Text("part of the path is a file, not a folder", "경로 중간에 폴더가 아니라 파일이 있습니다")
    if exc.errno == errno.EISDIR:
        return "error", Text("it is a folder", "폴더입니다")
    words = exc.strerror or exc.__class__.__name__
    return "error", Text(words, words)


def disk_advice(reason: str) -> Text | None:
    """What the learner can do about a `disk_problem` reason (None: nothing general to say)."""
    from tutor.text import Text

    if reason == "no-space":
        return Text("free some space and try again", "공간을 비운 뒤 다시 해 보세요")
    if reason == "unwritable":
        return Text(
            "make your data home writable, or set TUTOR_HOME to a folder you can write",
            "데이터 폴더를 쓸 수 있게 하거나 TUTOR_HOME을 쓸 수 있는 폴더로 지정하세요",
        )
    return None
