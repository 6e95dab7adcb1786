"""Where things live: the learner's data home, their workspace, and the course data (lessons, exercises).

`TUTOR_HOME` overrides the data home (tests and teachers use it); otherwise the platform's user data
folder. The course data sits at the top of the repository in a checkout and inside the package
(`tutor/_course/`) in an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

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
