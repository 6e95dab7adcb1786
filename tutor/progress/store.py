"""The progress store: records attempts durably and answers what the app and the CLI ask about progress.

Layout of `<data home>/progress/`:
    history/YYYY-MM.jsonl   every attempt, append-only (the source of truth; `tutor.progress.history`)
    state.json              TinyDB file: settings + a checkpoint of the derived tables (exercise status,
                            FSRS cards, concept mastery sums) and how far into the history it goes
    .lock                   the writers' lock file
    backup/                 damaged files, moved aside with a timestamp, never deleted

Why this shape. The issue asks for ≤ 5 ms to record an attempt and ≤ 100 ms to open the store with
10,000 attempts; TinyDB's default storage rewrites the whole file on every insert (~57 ms at 10,000).
So an attempt costs one appended line and one fsync (~4 ms on an ordinary disk); `state.json` stays
small (a few hundred documents at most, whatever the number of attempts) and is rewritten atomically
only every CHECKPOINT_EVERY attempts, on close, and when a setting changes. Opening reads the
checkpoint and replays the few history lines written after it. If the checkpoint is lost or damaged,
the whole state is rebuilt from the history: only settings live in `state.json` alone.

Concurrency. Writers take an OS lock (`flock` on `.lock`, waiters served in turn: see `FileLock`)
around each write, not for the life of the store: the long-lived TUI and a short `tutor check` in another
terminal can both record. Under
the lock a writer first reads whatever others appended since it last looked (only the new bytes),
then appends its own line; every process folds the same history in the same (time, id) order, so all
of them agree. Opening takes the lock briefly (to repair anything damaged); if another process holds
it for more than OPEN_WAIT seconds, the store opens read-only and says so in `notice`. Writes on a
read-only store raise ReadOnlyError.

Crash safety. An attempt is reported recorded (`record` returns) only after its line is fsync'd. A
kill at any point leaves: an unfinished last line (never reported recorded; set aside in `backup/`),
a stale checkpoint (the history is replayed), or a stray temporary file (removed).

Damage (SQLite's promise is the model: what was acknowledged survives; damage is contained, backed up
and reported). Nothing is deleted or overwritten without a copy in `backup/` first, and every repair
says in `notice` what it set aside and where:
- a history line that does not decode, or is not a valid attempt by content (ids matching the course's
  patterns, known kinds and outcomes, a time from 2000 to a day ahead): the shard is copied, then
  rewritten without it; a complete last line that only lost its newline is kept (newline restored);
- `state.json` that does not decode or holds anything invalid (a setting the app does not know, an id
  that could not be the course's): moved aside and rebuilt from the history (invalid settings alone
  are set aside, the file copied first);
- a checkpoint about to be replaced by one built from less history than it describes (a shard deleted
  or emptied): copied first;
- a `history` that is a file, or a shard name that is a folder: moved aside.
When nothing can be written (a read-only or full disk), reading still works: the store opens read-only,
repairs nothing, and rebuilds a stale checkpoint in memory. Writes then raise StoreError (`reason`:
busy | unwritable | no-space | read-only | error), so a command can say why it recorded nothing.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB

from tutor import paths
from tutor.progress import migrations
from tutor.progress.history import (
    EARLIEST,
    MAX_TEXT,
    SHARD,
    History,
    InvalidAttempt,
    ShardMark,
    check_time,
    decode_attempt,
    encode,
    format_time,
    parse_time,
    sort_key,
    validate,
)
from tutor.progress.model import Model
from tutor.progress.settings import STATE_FILE, check_setting, valid_settings
from tutor.progress.storage import (
    AtomicJSONStorage,
    CorruptFile,
    FileLock,
    atomic_write,
    decode_json_object,
    dump_json,
    move_aside,
    remove_stale_temporaries,
)
from tutor.safetext import safe_text

if TYPE_CHECKING:  # the queue (with the course and FSRS) loads when first asked for, not at open
    from fsrs import Card

    from tutor.progress import queue
    from tutor.progress.queue import ReviewItem

EXPORT_FORMAT = "tutor-progress"
LIVE_COURSE = object()  # review_queue's default: load the installed course
EXPORT_VERSION = 1
MAX_IMPORT = 50 * 1024 * 1024  # bytes: an export of ~200,000 attempts; anything larger is refused unread
MAX_BUMP = timedelta(seconds=1)  # how far ahead of the clock `record` may stamp to keep times increasing


class StoreError(Exception):
    """The progress store cannot do what was asked; the message is one line for the learner.

    `reason` says why, for a face to word it in the learner's language: busy (another tutor held the
    lock too long), unwritable (the data home cannot be written), no-space (the disk is full),
    read-only (opened so), error (anything else)."""

    def __init__(self, message: str, reason: str = "error") -> None:
        super().__init__(message)
        self.reason = reason


class ReadOnlyError(StoreError):
    """A write on a store opened read-only (or fallen back to read-only: see `reason`)."""


class StoreBusyError(StoreError):
    """Another process held the lock for longer than WRITE_WAIT seconds."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "busy")


class ImportFileError(StoreError):
    """An import file that is not a valid tutor export; nothing was changed."""


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "no-space"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "unwritable"
    return "error"


def _strerror(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


class Store:
    CHECKPOINT_EVERY = 100  # attempts between checkpoints: bounds the replay at open
    OPEN_WAIT = 2.0  # seconds to wait for the lock at open before falling back to read-only
    WRITE_WAIT = 5.0  # seconds a write waits for the lock before raising StoreBusyError

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        self._why_read_only = ("progress was opened read-only", "read-only")
        self._notices: list[str] = []
        self._mutex = threading.RLock()  # the TUI records from worker threads
        self._history = History(folder / "history")
        self._db = TinyDB(folder / STATE_FILE, storage=AtomicJSONStorage, read_only=read_only)
        self._lock: FileLock | None = None if read_only else FileLock(folder / ".lock")
        self._model = Model()
        self._marks: dict[str, ShardMark] = {}
        self._settings: dict[str, object] = {}
        self._unsaved = 0  # attempts folded in since the checkpoint on disk
        self._settings_aside = False  # invalid settings on disk were already backed up and reported
        self._read_only_note: str | None = None  # why it opened read-only (when it fell back to it)

    # Opening and closing

    @classmethod
    def open(cls, home: Path | None = None, *, read_only: bool = False) -> Store:
        """Open the store in `<home>/progress` (default: the data home). Never fails on damaged files:
        they are moved aside and `notice` says so. On a home that cannot be written (read-only, full,
        busy) it opens read-only and `notice` says why."""
        try:
            folder = (home or paths.data_home()) / "progress"
        except OSError as exc:
            where = os.environ.get("TUTOR_HOME") or "your data home"
            raise StoreError(f"cannot use {where} as your data home ({_strerror(exc)}); set TUTOR_HOME to a folder you can write", _reason(exc)) from None
        problem = None
        if not read_only:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                problem = exc
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a folder: move it away and run tutor again")
        store = cls(folder, read_only)
        if problem is not None:
            store._make_read_only(f"cannot create {folder} ({_strerror(problem)})", _reason(problem))
        elif store._lock is not None:
            try:
                if not store._lock.acquire(cls.OPEN_WAIT):
                    store._make_read_only("another tutor is writing it", "busy")
            except OSError as exc:
                if _reason(exc) == "unwritable":
                    store._make_read_only(f"your data home cannot be written ({_strerror(exc)})", "unwritable")
                else:
                    store._make_read_only(f"cannot use its lock file {folder / '.lock'} ({_strerror(exc)}; move it away)", _reason(exc))
        try:
            store._load()
        finally:
            if store._lock is not None and store._lock.held:
                store._lock.release()
        return store

    def _make_read_only(self, why: str, reason: str) -> None:
        self.read_only = True
        self._why_read_only = (why, reason)
        self._db.storage.read_only = True
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        self._read_only_note = safe_text(f"progress opened read-only: {why}; nothing will be recorded", one_line=True, limit=1000)

    def close(self) -> None:
        with self._mutex:
            if self._lock is not None:
                # A checkpoint makes the next open fast; if the lock is busy the history covers it.
                try:
                    if self._unsaved and self._lock.acquire(0.5):
                        try:
                            self._sync(repair=True)
                            self._checkpoint()
                        finally:
                            self._lock.release()
                except (OSError, StoreError):
                    pass  # the history has every attempt; the next open replays it
                self._lock.close()
                self._lock = None
            self.read_only = True
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def notice(self) -> str | None:
        """One line for the learner about what the store did on their behalf (or could not do), or None."""
        return "; ".join(self.notices) or None

    @property
    def notices(self) -> list[str]:
        """The same, one entry per event: why it opened read-only (if it fell back to it), then repairs."""
        return ([self._read_only_note] if self._read_only_note else []) + self._notices

    @property
    def repair_notice(self) -> str | None:
        """The notice without the read-only line: for a command that will say itself that it could not
        record (and why), so the learner reads it once."""
        return "; ".join(self._notices) or None

    def _note(self, text: str) -> None:
        text = safe_text(text, one_line=True, limit=1000)
        if text not in self._notices:
            self._notices.append(text)

    # Loading, catching up, repairing

    def _load(self) -> None:
        if not self.read_only:
            try:
                self._load_once(repair=True)
                return
            except OSError as exc:
                # A repair could not be written (a full or read-only disk): read without repairing. (The
                # notices so far stay: each is added only once what it reports is done.)
                self._model, self._marks, self._settings, self._unsaved = Model(), {}, {}, 0
                self._db.storage.forget()
                self._make_read_only(f"it could not be repaired or saved ({_strerror(exc)})", _reason(exc))
        try:
            self._load_once(repair=False)
        except OSError as exc:
            raise StoreError(f"cannot read your progress in {self.folder}: {_strerror(exc)}", _reason(exc)) from None

    def _load_once(self, repair: bool) -> None:
        if repair:
            remove_stale_temporaries(self.folder)
            for stray in self._history.strays():
                backup = move_aside(stray, self.folder / "backup")
                what = "a file, not a folder" if stray == self._history.folder else "not a file"
                self._note(f"moved {self._show(stray)} ({what}) aside to {backup}")
            for folder in (self._history.folder, self.folder / "backup"):  # a copy killed half-way, too
                if folder.is_dir():
                    remove_stale_temporaries(folder)
        else:
            for stray in self._history.strays():
                self._note(f"{self._show(stray)} is not what it should be (skipped); run a tutor command that records to set it aside")
        pending: list[dict] = []
        try:
            raw = self._db.storage.read()
            if raw is not None:
                tables, migrated = migrations.upgrade(raw)
                if migrated and repair:
                    self._db.storage.write(tables)
                elif migrated:
                    self._db.storage.use(tables)  # read-only: the upgraded view, in memory only
                pending = self._load_checkpoint(repair)
        except OSError:
            raise
        except CorruptFile as exc:
            self._set_aside_state(str(exc), repair)
        except Exception as exc:  # anything a hostile file provokes in the upgrade: damaged, like the rest
            self._set_aside_state(f"unexpected content ({exc.__class__.__name__})", repair)
        if not self._tails_intact():
            self._reset()  # damaged in place under the checkpoint: read it all again (and repair it)
        self._sync(repair)
        if pending:
            if repair:
                self._merge(pending)
            else:
                known = {a["id"] for a in self._all_attempts()}
                extra = [a for a in pending if a["id"] not in known]
                if extra:
                    self._model = _fold(self._all_attempts() + extra)
        if repair and self._unsaved:
            try:
                self._checkpoint()
            except OSError as exc:  # the state stays in memory; the history has everything
                self._note(f"could not update {STATE_FILE} ({_strerror(exc)}); your attempts are safe in the history")

    def _tails_intact(self) -> bool:
        """Whether the shards that may have changed in place since the checkpoint still end as they did
        when it was taken (see `History.tail_intact`): the newest shard (the one being appended to) and any
        shard modified after the checkpoint was written. The others have not been touched since; checking
        only these keeps the open at 100,000 attempts (over 200 shards) fast."""
        shards = self._history.shards()
        try:
            since = os.stat(self._db.storage.path).st_mtime_ns
        except OSError:
            since = 0
        newest = max(shards, default=None)
        return all(
            self._history.tail_intact(name, mark)
            for name, mark in self._marks.items()
            if name in shards and (name == newest or shards[name].st_mtime_ns >= since)  # clocks are coarse: ties count
        )

    def _show(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.folder.parent))
        except ValueError:
            return str(path)

    def _load_checkpoint(self, repair: bool) -> list[dict]:
        """Read the checkpoint's tables through TinyDB; return pending attempts left by a migration."""
        try:
            raw = self._db.storage.read() or {}
            meta = self._db.table("meta").get(doc_id=1) or {}
            settings, bad_settings = valid_settings(raw.get("settings", {}))
            tables = {name: raw.get(name, {}) for name in ("exercises", "cards", "concepts")}
            if not all(isinstance(t, dict) for t in tables.values()):
                raise TypeError("a table is not an object")
            kinds = meta.get("kinds")
            self._model = Model.from_tables(tables, meta.get("count", 0), meta.get("last"), kinds)
            marks = meta.get("marks", {})
            if not isinstance(marks, dict):
                raise TypeError("marks is not an object")
            self._marks = {}
            for name, (inode, offset) in marks.items():
                if not SHARD.match(name) or type(inode) is not int or type(offset) is not int or offset < 0:
                    raise ValueError("a history mark is malformed")
                self._marks[name] = ShardMark(inode, offset)
            if kinds is None and self._model.count:
                # A checkpoint from before the counts by kind: rebuilt from the history (nothing lost).
                self._model, self._marks = Model(), {}
                self._unsaved = 1
            pending = [validate(dict(doc)) for doc in self._db.table("pending").all()]
        except Exception as exc:  # whatever a damaged or hostile checkpoint provokes: it is damaged
            self._model, self._marks, self._settings = Model(), {}, {}
            raise CorruptFile(f"unexpected content ({exc.__class__.__name__}: {safe_text(exc, limit=120, one_line=True)})") from None
        self._settings = settings
        if bad_settings:
            self._set_aside_settings(bad_settings, repair)
        if not self._marks and self._model.count:
            self._unsaved = 1  # a checkpoint without marks (a migration) must be rewritten
        return pending

    def _set_aside_settings(self, bad: list[str], repair: bool) -> None:
        if repair and self._settings_aside:
            return
        if repair:
            self._settings_aside = True
            backup = move_aside(self._db.storage.path, self.folder / "backup", copy=True)
            self._unsaved = max(self._unsaved, 1)  # the next checkpoint leaves them out
            self._note(f"set aside {len(bad)} invalid setting(s) ({bad[0]}); the old {STATE_FILE} is at {backup}")
        else:
            self._note(f"ignored {len(bad)} invalid setting(s) ({bad[0]})")

    def _set_aside_state(self, why: str, repair: bool) -> None:
        path = self._db.storage.path
        self._db.storage.forget()
        self._model, self._marks, self._settings = Model(), {}, {}
        self._unsaved = 1
        if repair:
            backup = move_aside(path, self.folder / "backup")
            self._note(
                f"recovered an unreadable progress file ({why}); backup at {backup}; "
                "progress rebuilt from your attempt history (settings reset)"
            )
        else:
            self._note(f"the progress file is unreadable ({why}); showing your attempt history only")

    def _sync(self, repair: bool) -> None:
        """Fold in every history line written since we last looked (ours or another process's).

        With `repair` (the lock is held), also set aside unfinished last lines and damaged lines. The
        marks advance only with the attempts they cover, so a repair that fails leaves them as they were."""
        backups = self.folder / "backup"
        for _ in range(8):  # each kind of repair needs one more pass at most
            marks = dict(self._marks)
            result = self._history.read(marks)
            if result.bad_lines:
                for name, count in result.bad_lines.items():
                    why = result.first_bad[name]
                    if repair:
                        backup = move_aside(self._history.folder / name, backups, copy=True)
                        self._history.rewrite_without_bad_lines(name)
                        self._note(f"set aside {count} unreadable line(s) of history/{name} ({why}); the original is at {backup}")
                    else:
                        self._note(f"skipped {count} unreadable line(s) in history/{name} ({why})")
                if repair:
                    self._reset()
                    continue
            if result.oversized:
                for name in result.oversized:
                    size = f"{(self._history.folder / name).stat().st_size / 2**20:.0f} MB"
                    if repair:
                        backup = move_aside(self._history.folder / name, backups)
                        self._note(f"history/{name} is {size}, far more than a month of attempts; moved aside to {backup}")
                    else:
                        self._note(f"skipped history/{name}: {size}, far more than a month of attempts")
                if repair:
                    self._reset()
                    continue
            if repair and result.torn:
                for name, tail in result.torn.items():
                    try:
                        decode_attempt(tail)
                    except InvalidAttempt:
                        backup = move_aside(self._history.folder / name, backups, data=tail, suffix=".unfinished")
                        self._history.cut_torn_tail(name, marks[name])
                        self._note(f"set aside an unfinished last line of history/{name} (it was never recorded) at {backup}")
                    else:
                        self._history.end_last_line(name)
                        self._note(f"the last line of history/{name} had lost its newline; restored")
                continue  # read again: a completed line is then read, a cut shard is consistent
            for name in result.missing:
                self._note(f"history/{name} has disappeared; progress rebuilt from the rest of the history")
            for name in result.shrunk:
                self._note(f"history/{name} is shorter than when it was last read (part of it was lost); progress rebuilt from what is left")
            new = sorted(result.attempts, key=sort_key)
            if not result.consistent or (new and self._model.last is not None and sort_key(new[0]) <= self._model.last):
                # A shard was replaced, or attempts arrived out of order (an import): fold everything again.
                self._reset()
                continue
            seen: set[str] = set()
            for attempt in new:
                if attempt["id"] not in seen:
                    seen.add(attempt["id"])
                    self._model.apply(attempt)
            self._marks = marks
            self._unsaved += len(new)
            return
        raise StoreError("the attempt history kept changing while being read; try again")

    def _reset(self) -> None:
        self._model, self._marks = Model(), {}
        self._unsaved = max(self._unsaved, 1)

    def _refresh(self) -> None:
        """Cheap check (one directory scan) for attempts recorded by another process; fold them in
        under the lock when we can (so that anything damaged is repaired, not just skipped)."""
        if not self._history.changed_since(self._marks):
            return
        if self._lock is not None:
            try:
                locked = self._lock.acquire(0.05)
            except OSError:
                locked = False
            if locked:
                try:
                    self._sync(repair=True)
                    return
                except OSError:
                    pass  # the repair could not be written: read without it
                finally:
                    self._lock.release()
        self._sync(repair=False)

    def _all_attempts(self) -> list[dict]:
        result = self._history.read({})
        attempts: dict[str, dict] = {}
        for attempt in result.attempts:
            attempts.setdefault(attempt["id"], attempt)
        return sorted(attempts.values(), key=sort_key)

    # Writing

    @contextmanager
    def _writing(self):
        if self.read_only or self._lock is None:
            why, reason = self._why_read_only
            raise ReadOnlyError(f"progress is read-only here ({why})", reason)
        with self._mutex:
            try:
                locked = self._lock.acquire(self.WRITE_WAIT)
            except OSError as exc:
                raise StoreError(f"could not save your progress: {_strerror(exc)}", _reason(exc)) from None
            if not locked:
                raise StoreBusyError(f"another tutor has held the progress lock for over {self.WRITE_WAIT:g} s")
            try:
                self._sync(repair=True)
                yield
            except OSError as exc:  # a full disk, a removed folder: one line for the learner
                raise StoreError(f"could not save your progress: {_strerror(exc)}", _reason(exc)) from exc
            finally:
                self._lock.release()

    def _checkpoint(self, settings: dict[str, object] | None = None) -> None:
        """Rewrite state.json (atomically) with the current derived tables and `settings` (default:
        the settings on disk now, which another process may have changed). Caller holds the lock.
        A checkpoint on disk that describes more attempts than ours is copied to backup/ first."""
        disk_settings, disk_count = self._disk_checkpoint()
        self._settings = disk_settings if settings is None else settings
        if disk_count > self._model.count:
            backup = move_aside(self._db.storage.path, self.folder / "backup", copy=True)
            self._note(
                f"the progress file described {disk_count} attempts but the history now holds {self._model.count}; "
                f"the old progress file is at {backup}"
            )
        meta = {
            "schema": migrations.SCHEMA,
            "count": self._model.count,
            "kinds": dict(self._model.kinds),
            "last": list(self._model.last) if self._model.last else None,
            "marks": {name: [m.inode, m.offset] for name, m in self._marks.items()},
        }
        settings = {str(i): {"name": k, "value": v} for i, (k, v) in enumerate(self._settings.items(), start=1)}
        # One atomic write of all tables, not one per table through TinyDB's insert API: the checkpoint
        # must never mix tables from two different moments.
        self._db.storage.write({"meta": {"1": meta}, "settings": settings, **self._model.to_tables()})
        self._unsaved = 0

    def _disk_checkpoint(self) -> tuple[dict[str, object], int]:
        """Settings and attempt count of the checkpoint on disk now (another process may have changed
        them); caller holds the lock. A damaged file is moved aside: ours replaces it."""
        self._db.storage.forget()
        try:
            raw = self._db.storage.read()
            if raw is None:
                return dict(self._settings), 0
            tables, _ = migrations.upgrade(raw)
            settings, bad = valid_settings(tables.get("settings", {}))
            if bad:
                self._set_aside_settings(bad, repair=True)
            count = (tables.get("meta", {}).get("1") or {}).get("count", 0)
            return settings, count if type(count) is int else 0
        except OSError:
            raise
        except Exception as exc:  # damaged while we ran: keep it aside; ours replaces it
            backup = move_aside(self._db.storage.path, self.folder / "backup")
            self._db.storage.forget()
            self._note(f"the progress file was damaged ({exc.__class__.__name__}); backup at {backup}")
            return dict(self._settings), 0

    def record(self, kind: str, item: str, concept: str, outcome: str, *, time: datetime | None = None, **detail) -> dict:
        """Record one attempt; return it (with its `id` and `time`) once it is on disk.

        kinds and outcomes: quiz right|wrong, check pass|fail|error, hint shown, solution shown,
        lesson read. `detail` is kept with the attempt (e.g. `index` of a hint, `passed`/`total`
        checks of a failed run, which mastery gives partial credit for); text longer than MAX_TEXT is
        cut. `time` is for tests and imports of old attempts; by default, now. Raises ValueError for
        an invalid attempt, StoreError when it cannot be recorded (see `StoreError.reason`)."""
        if "id" in detail:
            raise ValueError("'id' is assigned by the store")
        now = datetime.now(timezone.utc)
        if now < EARLIEST:  # a machine without a working clock (it says 1970): no time to stamp
            raise StoreError(f"this machine's clock says {now:%Y-%m-%d}; set the date and time, then try again")
        detail = {k: v[:MAX_TEXT] if isinstance(v, str) else v for k, v in detail.items()}
        try:
            moment = now if time is None else check_time(time, now)
            attempt = validate(
                {**detail, "id": uuid.uuid4().hex, "time": format_time(moment), "kind": kind, "item": item, "concept": concept, "outcome": outcome},
                now,
            )
            encode(attempt)
        except InvalidAttempt as exc:
            raise ValueError(str(exc)) from None
        except (TypeError, ValueError) as exc:
            raise ValueError(f"attempt details must be JSON data: {exc}") from None
        with self._writing():
            last = self._model.last
            if time is None and last is not None and attempt["time"] <= last[0]:
                # Keep this machine's attempts in strictly increasing time when the clock stalls or steps
                # back a little; never stamp an attempt with a time far ahead (a history holding a future
                # time, a clock set back by hours): that one is stamped now and the state refolded.
                previous = parse_time(last[0])
                if previous - now < MAX_BUMP:
                    attempt["time"] = format_time(previous + timedelta(microseconds=1))
            self._history.append([attempt], self._marks)
            if last is not None and sort_key(attempt) <= last:
                self._reset()
                self._sync(repair=True)
            else:
                self._model.apply(attempt)
                self._unsaved += 1
            if self._unsaved >= self.CHECKPOINT_EVERY:
                try:
                    self._checkpoint()
                except OSError:
                    pass  # recorded (the line is on disk); the checkpoint waits for room
        return dict(attempt)

    def _merge(self, attempts: list[dict]) -> int:
        """Add attempts whose ids the history lacks (imports, migrations). Caller holds the lock."""
        known = {a["id"] for a in self._all_attempts()}
        new: dict[str, dict] = {}
        for attempt in attempts:
            if attempt["id"] not in known:
                new.setdefault(attempt["id"], attempt)
        if new:
            self._history.append(sorted(new.values(), key=sort_key), self._marks)
            self._reset()
            self._sync(repair=True)
        self._checkpoint()
        return len(new)

    # Settings

    def get_setting(self, name: str, default: object = None) -> object:
        return self._settings.get(name, default)

    def set_setting(self, name: str, value: object) -> None:
        """Saved at once (atomically), so the next start sees it. Raises ValueError for a setting that
        does not exist or a value it cannot take (see `tutor.progress.settings.check_setting`)."""
        check_setting(name, value)
        with self._writing():
            settings, _ = self._disk_checkpoint()
            settings[name] = value
            self._checkpoint(settings)

    # Queries

    def attempt_counts(self) -> dict:
        """{"total": n, "by_kind": {kind: n}}: how many attempts the history holds."""
        with self._mutex:
            self._refresh()
            return {"total": self._model.count, "by_kind": dict(sorted(self._model.kinds.items()))}

    def exercise_status(self, exercise_id: str) -> str:
        """new | started (hint or solution seen, never checked) | failed | passed (stays passed)."""
        with self._mutex:
            self._refresh()
            return self._model.exercises.get(exercise_id, {}).get("status", "new")

    def exercise_statuses(self) -> dict[str, str]:
        """Status of every exercise with any activity; the others are "new"."""
        with self._mutex:
            self._refresh()
            return {eid: ex["status"] for eid, ex in self._model.exercises.items()}

    def hints_shown(self, exercise_id: str) -> int:
        with self._mutex:
            self._refresh()
            return self._model.exercises.get(exercise_id, {}).get("hints", 0)

    def concept_mastery(self) -> dict[str, float]:
        """Mastery in 0..1 per concept with any evidence (see `tutor.progress.mastery`); absent means 0."""
        with self._mutex:
            self._refresh()
            return self._model.mastery()

    def card(self, item: str) -> Card | None:
        """The FSRS card of a question or exercise (a copy), or None if never reviewed."""
        from fsrs import Card

        with self._mutex:
            self._refresh()
            entry = self._model.cards.get(item)
            return Card.from_dict(entry["card"].to_dict()) if entry else None

    def lapses(self, item: str) -> int:
        with self._mutex:
            self._refresh()  # like every query: see what other processes recorded
            entry = self._model.cards.get(item)
            return entry["lapses"] if entry else 0

    def review_queue(self, now: datetime | None = None, limit: int = 20, *, course=LIVE_COURSE) -> list[ReviewItem]:
        """What to practise next, most urgent first (see `tutor.progress.queue`). `course`: the Course to
        pick weak concepts' items and prerequisites from; by default `tutor.content.load_course()`;
        None (or a course that does not load) means the store alone."""
        from tutor.progress import queue

        now = _utc(now)
        if course is LIVE_COURSE:
            course = _course_or_none()
        with self._mutex:
            self._refresh()
            return queue.build(self._model, now, limit, course)

    def due_count(self, now: datetime | None = None, concept: str | None = None) -> int:
        """How many items are due now (a leech counts as its lesson), in all or in one concept."""
        from tutor.progress import queue

        with self._mutex:
            self._refresh()
            return queue.due_count(self._model, _utc(now), concept)

    def review_plan(self, now: datetime | None = None, *, course=LIVE_COURSE) -> queue.Plan:
        """Today's review: items in order within the daily cap, and how many are deferred to tomorrow."""
        from tutor.progress import queue

        now = _utc(now)
        if course is LIVE_COURSE:
            course = _course_or_none()
        with self._mutex:
            self._refresh()
            return queue.plan(self._model, now, course)

    def lessons_read(self) -> dict[str, str]:
        """Concept id → time its lesson was last read."""
        with self._mutex:
            self._refresh()
            return {cid: c["lesson_read"] for cid, c in self._model.concepts.items() if c.get("lesson_read")}

    def practised(self) -> set[str]:
        """Question and exercise ids with at least one answer or check recorded."""
        with self._mutex:
            self._refresh()
            return set(self._model.cards)

    def attempts(self) -> list[dict]:
        """Every recorded attempt, oldest first (reads the whole history: for export and tests)."""
        with self._mutex:
            return self._all_attempts()

    # Moving between machines

    def export(self, path: Path | str) -> int:
        """Write settings and every attempt to a JSON file (atomically); return the number of attempts."""
        with self._mutex:
            attempts = self._all_attempts()
            payload = {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "exported": format_time(datetime.now(timezone.utc)),
                "settings": self._settings,
                "attempts": attempts,
            }
            atomic_write(Path(path), dump_json(payload))
            return len(attempts)

    def import_(self, path: Path | str) -> dict[str, int]:
        """Merge a file written by `export`: attempts already here (same id) are skipped, settings not
        set here are taken. A file that is not a valid export (by shape or by content: every attempt and
        setting is checked as if recorded here now) raises ImportFileError naming the first problem, and
        changes nothing. Only a regular file of at most MAX_IMPORT bytes is read. Returns
        {"added": n, "skipped": m}."""
        path = Path(path)
        shown = safe_text(str(path), limit=200, one_line=True)
        data = _read_import(path, shown)
        if data.get("format") != EXPORT_FORMAT:
            raise ImportFileError(f"{shown} is not a tutor progress export (no \"format\": \"{EXPORT_FORMAT}\")")
        version = data.get("version")
        if type(version) is not int or version < 1:
            raise ImportFileError(f"{shown}: \"version\" must be a whole number, not {safe_text(repr(version), limit=40)}")
        if version > EXPORT_VERSION:
            raise ImportFileError(f"{shown} was written by a newer tutor (export version {version})")
        raw_attempts, settings = data.get("attempts"), data.get("settings", {})
        if not isinstance(raw_attempts, list) or not isinstance(settings, dict):
            raise ImportFileError(f"{shown}: \"attempts\" must be a list and \"settings\" an object")
        for name, value in settings.items():
            try:
                check_setting(name, value)
            except ValueError as exc:
                raise ImportFileError(f"{shown}: {safe_text(exc, limit=200, one_line=True)}; nothing imported") from None
        now = datetime.now(timezone.utc)
        attempts = []
        for number, raw in enumerate(raw_attempts, start=1):
            try:
                attempts.append(validate(raw, now))
                encode(attempts[-1])
            except (InvalidAttempt, TypeError, ValueError) as exc:
                raise ImportFileError(f"{shown}: attempt {number}: {safe_text(exc, limit=200, one_line=True)}; nothing imported") from None
        with self._writing():
            added = self._merge(attempts)
            current, _ = self._disk_checkpoint()
            merged = {**settings, **current}
            if merged != self._settings:
                self._checkpoint(merged)
        return {"added": added, "skipped": len(attempts) - added}


def _read_import(path: Path, shown: str) -> dict:
    """The import file's JSON object, read only if it is a regular file of at most MAX_IMPORT bytes: a
    device (/dev/zero), a pipe (which would block) or a folder is refused before a byte is read."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a pipe" if stat.S_ISFIFO(st.st_mode) else "a device or special file"
            raise ImportFileError(f"{shown} is {what}, not a file: give the file `tutor export` wrote")
        if st.st_size > MAX_IMPORT:
            raise ImportFileError(f"{shown} is larger than {MAX_IMPORT // 2**20} MB: not a tutor progress export")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat
                raise ImportFileError(f"{shown} is not a regular file")
            chunks, size = [], 0
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_IMPORT:
                    raise ImportFileError(f"{shown} is larger than {MAX_IMPORT // 2**20} MB: not a tutor progress export")
        finally:
            os.close(fd)
    except OSError as exc:
        raise ImportFileError(f"cannot read {shown}: {_strerror(exc)}") from None
    try:
        return decode_json_object(b"".join(chunks))
    except CorruptFile as exc:
        raise ImportFileError(f"{shown} is not a tutor progress export: {exc}") from None


def _fold(attempts: list[dict]) -> Model:
    model = Model()
    for attempt in sorted(attempts, key=sort_key):
        model.apply(attempt)
    return model


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return now.astimezone(timezone.utc)


def _course_or_none():
    from tutor.content import load_course

    try:
        return load_course()
    except Exception:  # the course may be mid-edit; the queue then works from the store alone
        return None
