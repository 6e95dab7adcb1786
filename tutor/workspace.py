"""The learner's exercise files: `<data home>/workspace/<id>.py`, created from the stub on first use.

Nothing here overwrites a learner's file without first copying it to `workspace/.backup/`. A file-system
problem (a read-only or full home, a folder without permission) raises WorkspaceError, which says in
one line, in English and Korean, what is wrong and what to do; nothing half-written is left behind.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tutor import paths
from tutor.text import Text

class WorkspaceError(OSError):
    """A learner's file could not be made, saved or backed up. `words` (a Text) is the one line for the
    learner; `reason` is no-space | unwritable | error. An OSError, so callers catching OSError still do."""

    def __init__(self, path: Path, exc: OSError) -> None:
        from tutor.safetext import safe_text

        reason, why = paths.disk_problem(exc)
        super().__init__(exc.errno, exc.strerror, str(path))
        self.reason = reason
        shown = safe_text(str(path), limit=300, one_line=True)
        todo = paths.disk_advice(reason)
        self.words = Text(
            f"cannot write {shown}: {why.en}" + (f"; {todo.en}" if todo else ""),
            f"{shown}에 쓸 수 없습니다: {why.ko}" + (f". {todo.ko}" if todo else ""),
        )

    def __str__(self) -> str:
        return self.words.en


@contextmanager
def _writing(path: Path, *partial: Path):
    """Turn an OSError into WorkspaceError naming `path`, removing the half-written `partial` files."""
    try:
        yield
    except WorkspaceError:
        raise
    except OSError as exc:
        for leftover in partial:
            try:
                leftover.unlink()
            except OSError:
                pass
        raise WorkspaceError(path, exc) from exc


def _folder(home: Path | None, backups: bool = False) -> Path:
    try:
        home = home or paths.data_home()
    except OSError as exc:
        raise WorkspaceError(Path(os.environ.get("TUTOR_HOME") or "~"), exc) from exc
    with _writing(home / "workspace" / (".backup" if backups else "")):
        return paths.backup_dir(home) if backups else paths.workspace_dir(home)


def stub_path(exercise_id: str) -> Path:
    """The shipped stub of an exercise; KeyError if there is no such exercise."""
    path = paths.exercises_dir() / exercise_id / "stub.py"
    if not exercise_id.replace("_", "").isalnum() or not path.is_file():
        raise KeyError(exercise_id)
    return path


def learner_file(exercise_id: str, home: Path | None = None) -> Path:
    """The learner's file for an exercise, copied from the stub if it does not exist yet."""
    stub = stub_path(exercise_id)
    path = _folder(home) / f"{exercise_id}.py"
    if not path.exists():
        content = stub.read_bytes()
        try:
            with _writing(path, path), path.open("xb") as fh:  # "x": never clobber a file that appeared meanwhile
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        except FileExistsError:
            pass
    return path


def backup(path: Path, home: Path | None = None) -> Path:
    """Copy a learner's file to workspace/.backup/<name>.<timestamp>.py and return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = _folder(home, backups=True) / f"{path.stem}.{stamp}{path.suffix}"
    with _writing(target, target):
        shutil.copy2(path, target)
    return target


def save(path: Path, text: str) -> None:
    """Replace the learner's file by `text` (UTF-8, newlines as given), atomically: a crash or a full
    disk leaves the old file or the new one, whole, and no temporary file."""
    from tutor.progress.storage import atomic_write

    with _writing(path):
        atomic_write(path, text.encode("utf-8"))


def reset(exercise_id: str, home: Path | None = None) -> Path | None:
    """Put the stub back. Returns the backup of the learner's previous file (None if there was none)."""
    stub = stub_path(exercise_id)
    path = _folder(home) / f"{exercise_id}.py"
    saved = backup(path, home) if path.exists() else None
    tmp = path.with_suffix(".py.tmp")
    with _writing(path, tmp):
        tmp.write_bytes(stub.read_bytes())
        os.replace(tmp, path)
    return saved
