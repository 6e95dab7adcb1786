"""The learner's exercise files: `<data home>/workspace/<id>.py`, created from the stub on first use.

Nothing here overwrites a learner's file without first copying it to `workspace/.backup/`.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from tutor import paths


def stub_path(exercise_id: str) -> Path:
    """The shipped stub of an exercise; KeyError if there is no such exercise."""
    path = paths.exercises_dir() / exercise_id / "stub.py"
    if not exercise_id.replace("_", "").isalnum() or not path.is_file():
        raise KeyError(exercise_id)
    return path


def learner_file(exercise_id: str, home: Path | None = None) -> Path:
    """The learner's file for an exercise, copied from the stub if it does not exist yet."""
    stub = stub_path(exercise_id)
    path = paths.workspace_dir(home) / f"{exercise_id}.py"
    if not path.exists():
        try:
            with path.open("xb") as fh:  # "x": never clobber a file that appeared meanwhile
                fh.write(stub.read_bytes())
        except FileExistsError:
            pass
    return path


def backup(path: Path, home: Path | None = None) -> Path:
    """Copy a learner's file to workspace/.backup/<name>.<timestamp>.py and return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = paths.backup_dir(home) / f"{path.stem}.{stamp}{path.suffix}"
    shutil.copy2(path, target)
    return target


def reset(exercise_id: str, home: Path | None = None) -> Path | None:
    """Put the stub back. Returns the backup of the learner's previous file (None if there was none)."""
    stub = stub_path(exercise_id)
    path = paths.workspace_dir(home) / f"{exercise_id}.py"
    saved = backup(path, home) if path.exists() else None
    tmp = path.with_suffix(".py.tmp")
    tmp.write_bytes(stub.read_bytes())
    os.replace(tmp, path)
    return saved
