"""Durable-file primitives for the progress store: atomic replace, a TinyDB storage built on it,
an inter-process lock, and moving damaged files aside.

Why each piece exists:
- `atomic_write`: a crash (or kill -9, or power loss) while a file is rewritten must leave either the
  old version or the new one, never a half-written mix. So the new bytes go to a temporary file in the
  same folder (same file system, so the rename is atomic), are flushed and fsync'd, `os.replace`d over
  the old file, and then the folder itself is fsync'd so the rename survives a power cut.
- `AtomicJSONStorage`: TinyDB's default JSONStorage truncates and rewrites the file in place; a crash in
  the middle leaves JSON that no longer loads. This storage writes every version with `atomic_write`.
- `FileLock`: `fcntl.flock` on a lock file (`msvcrt.locking` on Windows), so only one process writes
  at a time; the lock dies with its process, so a killed writer never leaves a stale lock behind. Waiters
  queue (a ticket file each, first come first served), so a short `tutor check` is not starved by
  long-lived writers that release and take the lock again and again.
- `decode_json`: the one way file bytes become JSON; whatever goes wrong (not UTF-8, not JSON, nested
  100,000 deep, too large, NaN) is `CorruptFile`, never another exception.
- `move_aside`: nothing damaged is ever deleted; it is moved (or copied, atomically: a copy that fails
  half-way on a full disk leaves nothing behind) to `backup/` with a timestamp.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from tutor.text import Text

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class Worded(ValueError):
    """Content refused, with its one line for the learner in English and Korean: `words` (a Text; one
    written where it is raised, so each message has one place). `str()` is the English."""

    def __init__(self, words: Text | str) -> None:
        self.words = Text(words, words) if isinstance(words, str) else words
        super().__init__(self.words.en)


class CorruptFile(Worded):
    """A file exists but its content is not what it must be (empty, not JSON, not UTF-8, wrong shape)."""


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable. Not possible on Windows: best effort there."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """`os.write` may write less than asked (signals, full disks): loop until everything is written."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` by `data` so that a crash at any point leaves the old or the new content."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a writer killed before its `os.replace`. Call only while holding the lock."""
    for tmp in folder.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def _no_constant(name: str) -> object:
    raise CorruptFile(Text(f"not valid JSON ({name} is not a number tutor writes)", f"올바른 JSON이 아닙니다({name}은(는) tutor가 쓰는 수가 아닙니다)"))


def decode_json(raw: bytes) -> object:
    """Parse bytes as JSON, or raise CorruptFile saying what is wrong (any decode problem at all)."""
    if not raw.strip():
        raise CorruptFile(Text("empty", "비어 있습니다"))
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except CorruptFile:
        raise
    except UnicodeDecodeError:
        raise CorruptFile(Text("not UTF-8 text", "UTF-8 텍스트가 아닙니다")) from None
    except json.JSONDecodeError as exc:
        raise CorruptFile(
            Text(f"not valid JSON ({exc.msg} at line {exc.lineno})", f"올바른 JSON이 아닙니다({exc.lineno}번째 줄 {exc.colno}번째 글자)")
        ) from None
    except RecursionError:
        raise CorruptFile(Text("JSON nested too deeply", "JSON이 너무 깊이 중첩되어 있습니다")) from None
    except MemoryError:
        raise CorruptFile(Text("too large to read", "너무 커서 읽을 수 없습니다")) from None
    except (ValueError, OverflowError, TypeError) as exc:  # a 5,000-digit number
        raise CorruptFile(Text(f"not valid JSON ({str(exc)[:80]})", "올바른 JSON이 아닙니다(너무 크거나 읽을 수 없는 수가 있습니다)")) from None


def decode_json_object(raw: bytes) -> dict:
    """Parse a file's bytes as a JSON object, or raise CorruptFile saying what is wrong."""
    data = decode_json(raw)
    if not isinstance(data, dict):
        raise CorruptFile(Text("not a JSON object", "JSON 객체가 아닙니다"))
    return data


def dump_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage:
    """TinyDB storage whose every write is an atomic, fsync'd replace of the whole file.

    It has TinyDB's storage interface (read, write, close) without subclassing `tinydb.storages.Storage`,
    so that this module (and `settings.read_settings`, the app's first paint) never imports TinyDB.

    `read()` raises `CorruptFile` for a file that exists but cannot be trusted, instead of TinyDB's
    default of failing somewhere later; the store decides what to do with it (back it up, start fresh).
    The parsed content is cached until the next write, because TinyDB reads the storage once per table
    access and the file only changes through this object while the store's lock is held.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict | None = None

    def read(self) -> dict | None:
        if self._cache is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            except IsADirectoryError:
                raise CorruptFile(Text("a folder, not a file", "파일이 아니라 폴더입니다")) from None
            self._cache = decode_json_object(raw)
        return self._cache

    def write(self, data: dict) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        atomic_write(self.path, dump_json(data))
        self._cache = data

    def use(self, data: dict) -> None:
        """Serve `data` (an upgraded view of the file) without writing it."""
        self._cache = data

    def forget(self) -> None:
        """Drop the cache: another process may have replaced the file."""
        self._cache = None

    def close(self) -> None:
        self._cache = None


def timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def move_aside(path: Path, backup_folder: Path, *, copy: bool = False, data: bytes | None = None, suffix: str = "") -> Path:
    """Move a damaged file (or folder) to `backup_folder` under a timestamped name; with `copy`, copy it
    there instead, or with `data`, save those bytes (a part of it) there. Return the backup's path.
    Copies are written atomically: on a full disk the copy fails whole and leaves no partial backup."""
    stamp = timestamp()
    if os.path.lexists(backup_folder) and not backup_folder.is_dir():  # a file where the folder goes
        os.replace(backup_folder, backup_folder.with_name(f"{backup_folder.name}.{stamp}.bak"))
    backup_folder.mkdir(parents=True, exist_ok=True)
    target = backup_folder / f"{path.name}{suffix}.{stamp}.bak"
    n = 1
    while os.path.lexists(target):
        n += 1
        target = backup_folder / f"{path.name}{suffix}.{stamp}-{n}.bak"
    if data is not None:
        atomic_write(target, data)
    elif copy:
        atomic_write(target, path.read_bytes())
    else:
        os.replace(path, target)
        fsync_dir(path.parent)
    fsync_dir(backup_folder)
    return target


class FileLock:
    """An exclusive inter-process lock on a file, re-entrant within one process (callers serialise threads).

    The kernel releases the lock when its holder dies, so a crashed or killed tutor never blocks the next.

    Fairness. `flock` itself has no queue: a long-lived writer that releases the lock and takes it again
    a moment later wins against a process polling for it, again and again (a `tutor check` beside the app
    used to give up after its wait). So a process that cannot take the lock at once takes a ticket: an
    empty file in `<lock>.queue/` named by the time it arrived. Only the oldest live ticket's holder may
    take the lock, and a process that finds tickets waiting queues behind them rather than taking the lock
    first. Tickets of processes that died (or older than STALE seconds) are ignored and removed. When no
    ticket can be written (a read-only or full disk), a waiter polls as before.
    """

    POLL = 0.002  # seconds between tries while waiting
    STALE = 60.0  # a ticket older than this belongs to no live waiter (waits are a few seconds)

    def __init__(self, path: Path) -> None:
        self.path = path
        self.queue = path.with_name(path.name + ".queue")
        self._fd: int | None = None
        self._depth = 0

    def acquire(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the lock; False if another process still holds it."""
        if self._depth:
            self._depth += 1
            return True
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not self._tickets() and self._try_lock():
            self._depth = 1
            return True
        deadline = time.monotonic() + timeout
        ticket = self._take_ticket()
        try:
            while not ((ticket is None or self._first(ticket)) and self._try_lock()):
                if time.monotonic() >= deadline:
                    return False
                time.sleep(self.POLL)
        finally:
            if ticket is not None:
                _unlink(self.queue / ticket)
        self._depth = 1
        return True

    def _tickets(self) -> list[str]:
        try:
            return sorted(e.name for e in os.scandir(self.queue))
        except OSError:
            return []

    def _take_ticket(self) -> str | None:
        name = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            self.queue.mkdir(exist_ok=True)
            os.close(os.open(self.queue / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except OSError:
            return None
        return name

    def _first(self, ticket: str) -> bool:
        """Whether no live waiter arrived before `ticket`; removes the tickets of dead waiters and anything
        in the queue that is not a ticket."""
        now = time.time_ns()
        first = True
        for name in self._tickets():
            if name == ticket:
                continue
            try:
                arrived, pid = (int(part) for part in name.split("-")[:2])
            except ValueError:
                arrived, pid = 0, 0
            if now - arrived > self.STALE * 1e9 or not _alive(pid):
                _unlink(self.queue / name)
            elif name < ticket:
                first = False
        return first

    def _try_lock(self) -> bool:
        assert self._fd is not None
        try:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                os.lseek(self._fd, 0, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
        except OSError:  # BlockingIOError on POSIX, PermissionError on Windows
            return False
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            else:
                os.lseek(self._fd, 0, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)

    @property
    def held(self) -> bool:
        return self._depth > 0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor also drops the lock
            self._fd = None
            self._depth = 0


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if fcntl is None:  # Windows: os.kill would end the process; rely on the tickets' age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
