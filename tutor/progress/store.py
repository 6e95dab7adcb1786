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

Concurrency. Writers take an OS lock (`flock` on `.lock`) around each write, not for the life of
the store: the long-lived TUI and a short `tutor check` in another terminal can both record. Under
the lock a writer first reads whatever others appended since it last looked (only the new bytes),
then appends its own line; every process folds the same history in the same (time, id) order, so all
of them agree. Opening takes the lock briefly (to repair anything damaged); if another process holds
it for more than OPEN_WAIT seconds, the store opens read-only and says so in `notice`. Writes on a
read-only store raise ReadOnlyError.

Crash safety. An attempt is reported recorded (`record` returns) only after its line is fsync'd. A
kill at any point leaves: an unfinished last line (dropped: it was never reported recorded), a stale
checkpoint (the history is replayed), or a stray temporary file (removed). Nothing that cannot be read
is deleted: it is moved to `backup/` and `notice` says where.
"""

from __future__ import annotations

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
    History,
    InvalidAttempt,
    ShardMark,
    encode,
    format_time,
    parse_time,
    sort_key,
    validate,
)
from tutor.progress.model import Model
from tutor.progress.settings import STATE_FILE
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

if TYPE_CHECKING:  # the queue (with the course and FSRS) loads when first asked for, not at open
    from fsrs import Card

    from tutor.progress import queue
    from tutor.progress.queue import ReviewItem

EXPORT_FORMAT = "tutor-progress"
LIVE_COURSE = object()  # review_queue's default: load the installed course
EXPORT_VERSION = 1


class StoreError(Exception):
    """The progress store cannot do what was asked; the message is one line for the learner."""


class ReadOnlyError(StoreError):
    """A write on a store opened read-only."""


class StoreBusyError(StoreError):
    """Another process held the lock for longer than WRITE_WAIT seconds."""


class ImportFileError(StoreError):
    """An import file that is not a valid tutor export; nothing was changed."""


class Store:
    CHECKPOINT_EVERY = 100  # attempts between checkpoints: bounds the replay at open
    OPEN_WAIT = 2.0  # seconds to wait for the lock at open before falling back to read-only
    WRITE_WAIT = 5.0  # seconds a write waits for the lock before raising StoreBusyError

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        self._notices: list[str] = []
        self._mutex = threading.RLock()  # the TUI records from worker threads
        self._history = History(folder / "history")
        self._db = TinyDB(folder / STATE_FILE, storage=AtomicJSONStorage, read_only=read_only)
        self._lock: FileLock | None = None if read_only else FileLock(folder / ".lock")
        self._model = Model()
        self._marks: dict[str, ShardMark] = {}
        self._settings: dict[str, object] = {}
        self._unsaved = 0  # attempts folded in since the checkpoint on disk

    # Opening and closing

    @classmethod
    def open(cls, home: Path | None = None, *, read_only: bool = False) -> Store:
        """Open the store in `<home>/progress` (default: the data home). Never fails on damaged files:
        they are moved aside and `notice` says so."""
        try:
            folder = paths.progress_dir(home)
        except OSError as exc:
            raise StoreError(f"cannot create the progress folder: {exc}") from None
        store = cls(folder, read_only)
        if store._lock is not None:
            try:
                locked = store._lock.acquire(cls.OPEN_WAIT)
                why = "another tutor is writing it"
            except OSError as exc:
                locked, why = False, f"cannot use its lock file ({exc.strerror})"
            if not locked:
                store._make_read_only(f"progress opened read-only: {why}; nothing will be recorded")
        try:
            store._load()
        finally:
            if store._lock is not None and store._lock.held:
                store._lock.release()
        return store

    def _make_read_only(self, why: str) -> None:
        self.read_only = True
        self._db.storage.read_only = True
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        self._notices.append(why)

    def close(self) -> None:
        with self._mutex:
            if self._lock is not None:
                # A checkpoint makes the next open fast; if the lock is busy the history covers it.
                if self._unsaved and self._lock.acquire(0.5):
                    try:
                        self._sync(repair=True)
                        self._checkpoint()
                    except (OSError, StoreError):
                        pass  # the history has every attempt; the next open replays it
                    finally:
                        self._lock.release()
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
        """One line for the learner about something the store did on their behalf, or None."""
        return "; ".join(self._notices) or None

    # Loading, catching up, repairing

    def _load(self) -> None:
        repair = not self.read_only
        if repair:
            remove_stale_temporaries(self.folder)
            if self._history.folder.is_dir():
                remove_stale_temporaries(self._history.folder)
        pending: list[dict] = []
        try:
            raw = self._db.storage.read()
            if raw is not None:
                tables, migrated = migrations.upgrade(raw)
                if migrated and repair:
                    self._db.storage.write(tables)
                elif migrated:
                    self._db.storage.use(tables)  # read-only: the upgraded view, in memory only
                pending = self._load_checkpoint()
        except CorruptFile as exc:
            self._set_aside_state(str(exc), repair)
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
            self._checkpoint()

    def _load_checkpoint(self) -> list[dict]:
        """Read the checkpoint's tables through TinyDB; return pending attempts left by a migration."""
        try:
            meta = self._db.table("meta").get(doc_id=1) or {}
            self._settings = {doc["name"]: doc["value"] for doc in self._db.table("settings").all()}
            tables = {name: {str(d.doc_id): dict(d) for d in self._db.table(name).all()} for name in ("exercises", "cards", "concepts")}
            self._model = Model.from_tables(tables, meta.get("count", 0), meta.get("last"))
            self._marks = {name: ShardMark(int(inode), int(offset)) for name, (inode, offset) in meta.get("marks", {}).items()}
            pending = [validate(dict(doc)) for doc in self._db.table("pending").all()]
        except (KeyError, TypeError, ValueError, AttributeError, InvalidAttempt) as exc:
            self._model, self._marks, self._settings = Model(), {}, {}
            raise CorruptFile(f"unexpected content ({exc.__class__.__name__}: {exc})") from None
        if not self._marks and self._model.count:
            self._unsaved = 1  # a checkpoint without marks (a migration) must be rewritten
        return pending

    def _set_aside_state(self, why: str, repair: bool) -> None:
        path = self._db.storage.path
        self._db.storage.forget()
        self._model, self._marks, self._settings = Model(), {}, {}
        self._unsaved = 1
        if repair:
            backup = move_aside(path, self.folder / "backup")
            self._notices.append(
                f"recovered an unreadable progress file ({why}); backup at {backup}; "
                "progress rebuilt from your attempt history (settings reset)"
            )
        else:
            self._notices.append(f"the progress file is unreadable ({why}); showing your attempt history only")

    def _sync(self, repair: bool) -> None:
        """Fold in every history line written since we last looked (ours or another process's).

        With `repair` (the lock is held), also cut unfinished last lines and repair damaged shards."""
        for _ in range(4):
            result = self._history.read(self._marks)
            if result.bad_lines:
                for name, count in result.bad_lines.items():
                    if repair:
                        backup = move_aside(self._history.folder / name, self.folder / "backup", copy=True)
                        self._history.rewrite_without_bad_lines(name)
                        self._notices.append(
                            f"removed {count} unreadable line(s) from history/{name}; the original is at {backup}"
                        )
                    else:
                        self._notices.append(f"skipped {count} unreadable line(s) in history/{name}")
                if repair:
                    self._reset()
                    continue
            if repair:
                for name in result.torn:
                    self._history.cut_torn_tail(name, self._marks[name])
                    self._notices.append(f"dropped an unfinished last line in history/{name} (it was never recorded)")
            for name in result.missing:
                self._notices.append(f"history/{name} has disappeared; progress rebuilt from the rest of the history")
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
            self._unsaved += len(new)
            return
        raise StoreError("the attempt history kept changing while being read; try again")

    def _reset(self) -> None:
        self._model, self._marks = Model(), {}
        self._unsaved = 1

    def _refresh(self) -> None:
        """Cheap check (one directory scan) for attempts recorded by another process; fold them in
        under the lock when we can (so that anything damaged is repaired, not just skipped)."""
        if not self._history.changed_since(self._marks):
            return
        if self._lock is not None and self._lock.acquire(0.05):
            try:
                self._sync(repair=True)
            finally:
                self._lock.release()
        else:
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
            raise ReadOnlyError("progress is open read-only (another tutor is writing it); this was not recorded")
        with self._mutex:
            if not self._lock.acquire(self.WRITE_WAIT):
                raise StoreBusyError(f"another tutor has held the progress lock for over {self.WRITE_WAIT:g} s")
            try:
                self._sync(repair=True)
                yield
            except OSError as exc:  # a full disk, a removed folder: one line for the learner
                raise StoreError(f"could not save your progress: {exc.strerror or exc}") from exc
            finally:
                self._lock.release()

    def _checkpoint(self, settings: dict[str, object] | None = None) -> None:
        """Rewrite state.json (atomically) with the current derived tables and `settings` (default:
        the settings on disk now, which another process may have changed). Caller holds the lock."""
        self._settings = self._disk_settings() if settings is None else settings
        meta = {
            "schema": migrations.SCHEMA,
            "count": self._model.count,
            "last": list(self._model.last) if self._model.last else None,
            "marks": {name: [m.inode, m.offset] for name, m in self._marks.items()},
        }
        settings = {str(i): {"name": k, "value": v} for i, (k, v) in enumerate(self._settings.items(), start=1)}
        # One atomic write of all tables, not one per table through TinyDB's insert API: the checkpoint
        # must never mix tables from two different moments.
        self._db.storage.write({"meta": {"1": meta}, "settings": settings, **self._model.to_tables()})
        self._unsaved = 0

    def _disk_settings(self) -> dict[str, object]:
        """Settings as on disk now (another process may have changed one); caller holds the lock."""
        self._db.storage.forget()
        try:
            raw = self._db.storage.read()
            if raw is None:
                return dict(self._settings)
            migrations.upgrade(raw)
            return {doc["name"]: doc["value"] for doc in raw.get("settings", {}).values()}
        except (CorruptFile, KeyError, TypeError, AttributeError) as exc:
            # Damaged while we ran: keep it aside; our checkpoint replaces it with everything but
            # settings we had not seen yet (they are in the backup).
            backup = move_aside(self._db.storage.path, self.folder / "backup")
            self._db.storage.forget()
            self._notices.append(f"the progress file was damaged ({exc}); backup at {backup}")
            return dict(self._settings)

    def record(self, kind: str, item: str, concept: str, outcome: str, *, time: datetime | None = None, **detail) -> dict:
        """Record one attempt; return it (with its `id` and `time`) once it is on disk.

        kinds and outcomes: quiz right|wrong, check pass|fail|error, hint shown, solution shown,
        lesson read. `detail` is kept with the attempt (e.g. `index` of a hint, `passed`/`total`
        checks of a failed run, which mastery gives partial credit for). `time` is for tests and
        imports of old attempts; by default, now."""
        if "id" in detail:
            raise ValueError("'id' is assigned by the store")
        moment = time or datetime.now(timezone.utc)
        try:
            attempt = validate(
                {**detail, "id": uuid.uuid4().hex, "time": format_time(moment), "kind": kind, "item": item, "concept": concept, "outcome": outcome}
            )
            encode(attempt)
        except InvalidAttempt as exc:
            raise ValueError(str(exc)) from None
        except TypeError as exc:
            raise ValueError(f"attempt details must be JSON data: {exc}") from None
        with self._writing():
            last = self._model.last
            if time is None and last is not None and attempt["time"] <= last[0]:
                # Keep each process's attempts in strictly increasing time even if the clock steps back.
                attempt["time"] = format_time(parse_time(last[0]) + timedelta(microseconds=1))
            self._history.append([attempt], self._marks)
            if last is not None and sort_key(attempt) <= last:
                self._reset()
                self._sync(repair=True)
            else:
                self._model.apply(attempt)
                self._unsaved += 1
            if self._unsaved >= self.CHECKPOINT_EVERY:
                self._checkpoint()
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
        """Saved at once (atomically), so the next start sees it."""
        try:
            dump_json(value)
        except TypeError as exc:
            raise ValueError(f"a setting must be JSON data: {exc}") from None
        with self._writing():
            self._settings = self._disk_settings()
            self._settings[name] = value
            self._checkpoint(self._settings)

    # Queries

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
        set here are taken. A file that is not a valid export raises ImportFileError and changes nothing.
        Returns {"added": n, "skipped": m}."""
        path = Path(path)
        try:
            data = decode_json_object(path.read_bytes())
        except OSError as exc:
            raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
        except CorruptFile as exc:
            raise ImportFileError(f"{path} is not a tutor progress export: {exc}") from None
        if data.get("format") != EXPORT_FORMAT:
            raise ImportFileError(f"{path} is not a tutor progress export (no \"format\": \"{EXPORT_FORMAT}\")")
        if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
            raise ImportFileError(f"{path} was written by a newer tutor (export version {data.get('version')!r})")
        raw_attempts, settings = data.get("attempts"), data.get("settings", {})
        if not isinstance(raw_attempts, list) or not isinstance(settings, dict):
            raise ImportFileError(f"{path}: \"attempts\" must be a list and \"settings\" an object")
        attempts = []
        for number, raw in enumerate(raw_attempts, start=1):
            try:
                attempts.append(validate(raw))
                encode(attempts[-1])
            except (InvalidAttempt, TypeError) as exc:
                raise ImportFileError(f"{path}: attempt {number}: {exc}") from None
        with self._writing():
            added = self._merge(attempts)
            merged = {**settings, **self._disk_settings()}
            if merged != self._settings:
                self._checkpoint(merged)
        return {"added": added, "skipped": len(attempts) - added}


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
