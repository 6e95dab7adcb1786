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
from tutor.text import Text
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
from tutor.progress.settings import STATE_FILE, InvalidSetting, check_setting, valid_settings
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
    """The progress store cannot do what was asked. `words` is the one line for the learner in English
    and Korean (a `Text`; `str()` is the English); `reason` says why, for a face to add what to do:
    busy (another tutor held the lock too long), unwritable (the data home cannot be written), no-space
    (the disk is full), read-only (opened so), error (anything else)."""

    def __init__(self, words: Text | str, reason: str = "error") -> None:
        self.words = Text(words, words) if isinstance(words, str) else words
        super().__init__(self.words.en)
        self.reason = reason


class ReadOnlyError(StoreError):
    """A write on a store opened read-only (or fallen back to read-only: see `reason`)."""


class StoreBusyError(StoreError):
    """Another process held the lock for longer than WRITE_WAIT seconds."""

    def __init__(self, words: Text) -> None:
        super().__init__(words, "busy")


class ImportFileError(StoreError):
    """An import file that is not a valid tutor export; nothing was changed."""


def _reason(exc: OSError) -> str:
    return paths.disk_problem(exc)[0]


def _why(exc: OSError) -> Text:
    """What went wrong with the disk, in both languages ("the disk is full", ...)."""
    return paths.disk_problem(exc)[1]


class Store:
    CHECKPOINT_EVERY = 100  # attempts between checkpoints: bounds the replay at open
    OPEN_WAIT = 2.0  # seconds to wait for the lock at open before falling back to read-only
    WRITE_WAIT = 5.0  # seconds a write waits for the lock before raising StoreBusyError

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        self._why_read_only = (Text("progress was opened read-only", "진행 기록을 읽기 전용으로 열었습니다"), "read-only")
        self._notices: list[Text] = []
        self._mutex = threading.RLock()  # the TUI records from worker threads
        self._history = History(folder / "history")
        self._db = TinyDB(folder / STATE_FILE, storage=AtomicJSONStorage, read_only=read_only)
        self._lock: FileLock | None = None if read_only else FileLock(folder / ".lock")
        self._model = Model()
        self._marks: dict[str, ShardMark] = {}
        self._settings: dict[str, object] = {}
        self._unsaved = 0  # attempts folded in since the checkpoint on disk
        self._settings_aside = False  # invalid settings on disk were already backed up and reported
        self._read_only_note: Text | None = None  # why it opened read-only (when it fell back to it)

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
            why = _why(exc)
            raise StoreError(
                Text(
                    f"cannot use {where} as your data home ({why.en}); set TUTOR_HOME to a folder you can write",
                    f"{where}을(를) 데이터 폴더로 쓸 수 없습니다({why.ko}). TUTOR_HOME을 쓸 수 있는 폴더로 지정하세요",
                ),
                _reason(exc),
            ) from None
        problem = None
        if not read_only:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                problem = exc
        if folder.exists() and not folder.is_dir():
            raise StoreError(Text(f"{folder} is a file, not a folder: move it away and run tutor again", f"{folder}은(는) 폴더가 아니라 파일입니다. 다른 곳으로 옮기고 tutor를 다시 실행하세요"))
        store = cls(folder, read_only)
        if problem is not None:
            why = _why(problem)
            store._make_read_only(Text(f"cannot create {folder} ({why.en})", f"{folder}을(를) 만들 수 없습니다({why.ko})"), _reason(problem))
        elif store._lock is not None:
            try:
                if not store._lock.acquire(cls.OPEN_WAIT):
                    store._make_read_only(Text("another tutor is writing it", "다른 tutor가 쓰고 있습니다"), "busy")
            except OSError as exc:
                why = _why(exc)
                if _reason(exc) == "unwritable":
                    store._make_read_only(Text(f"your data home cannot be written ({why.en})", f"데이터 폴더에 쓸 수 없습니다({why.ko})"), "unwritable")
                else:
                    lock = folder / ".lock"
                    store._make_read_only(
                        Text(f"cannot use its lock file {lock} ({why.en}; move it away)", f"잠금 파일 {lock}을(를) 쓸 수 없습니다({why.ko}. 다른 곳으로 옮기세요)"),
                        _reason(exc),
                    )
        if not store.read_only:
            behind = store._clock_behind()
            if behind is not None:
                store._make_read_only(behind, "clock")
        try:
            store._load()
        finally:
            if store._lock is not None and store._lock.held:
                store._lock.release()
        return store

    def _clock_behind(self) -> Text | None:
        """Why this machine's clock cannot judge the history (it says a time before 2000, or a month before
        the newest shard's), or None. Opening repairs attempts dated in the future; on a clock set back (a
        dead battery says 1970) that would set the learner's whole history aside."""
        now = datetime.now(timezone.utc)
        newest = max(self._history.shards(), default="")[:7]
        if now >= EARLIEST and newest <= f"{now:%Y-%m}":
            return None
        latest, clock = newest or "2000", f"{now:%Y-%m-%d}"
        return Text(
            f"this machine's clock says {clock}, before your latest progress ({latest}); set the date and time",
            f"이 컴퓨터의 시계가 {clock}(으)로 최근 진행 기록({latest})보다 이릅니다. 날짜와 시간을 맞추세요",
        )

    def _make_read_only(self, why: Text, reason: str) -> None:
        self.read_only = True
        self._why_read_only = (why, reason)
        self._db.storage.read_only = True
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        self._read_only_note = _safe(
            Text(
                f"progress opened read-only: {why.en}; nothing will be recorded",
                f"진행 기록을 읽기 전용으로 열었습니다: {why.ko}. 아무것도 기록되지 않습니다",
            )
        )

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
    def notices(self) -> list[Text]:
        """What the store did on the learner's behalf (or could not do), one entry per event, in English
        and Korean: why it opened read-only (if it fell back to it), then repairs. Faces say them with
        `notice_in`."""
        return ([self._read_only_note] if self._read_only_note else []) + self._notices

    def notice_in(self, lang: str, *, repairs_only: bool = False) -> str | None:
        """The notices as one line in `lang` ("en" or "ko"), or None. `repairs_only` leaves out the
        read-only line, for a command that will say itself that it could not record (and why), so the
        learner reads it once."""
        notes = self._notices if repairs_only else self.notices
        return "; ".join(note.get(lang) for note in notes) or None

    @property
    def read_only_why(self) -> Text | None:
        """Why nothing can be recorded (the real reason: busy, a read-only or full disk, opened so), or
        None when the store can write."""
        return self._why_read_only[0] if self.read_only else None

    @property
    def notice(self) -> str | None:
        """`notice_in("en")`: the English line (logs, tests)."""
        return self.notice_in("en")

    def _note(self, en: str, ko: str) -> None:
        text = _safe(Text(en, ko))
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
                why = _why(exc)
                self._make_read_only(Text(f"it could not be repaired or saved ({why.en})", f"고치거나 저장할 수 없었습니다({why.ko})"), _reason(exc))
        try:
            self._load_once(repair=False)
        except OSError as exc:
            why = _why(exc)
            raise StoreError(
                Text(f"cannot read your progress in {self.folder}: {why.en}", f"{self.folder}의 진행 기록을 읽을 수 없습니다: {why.ko}"), _reason(exc)
            ) from None

    def _load_once(self, repair: bool) -> None:
        if repair:
            remove_stale_temporaries(self.folder)
            for stray in self._history.strays():
                backup = move_aside(stray, self.folder / "backup")
                folder = stray == self._history.folder
                what = Text("a file, not a folder", "폴더가 아니라 파일") if folder else Text("not a file", "파일이 아님")
                self._note(f"moved {self._show(stray)} ({what.en}) aside to {backup}", f"{self._show(stray)}({what.ko})을(를) {backup}(으)로 옮겨 두었습니다")
            for folder in (self._history.folder, self.folder / "backup"):  # a copy killed half-way, too
                if folder.is_dir():
                    remove_stale_temporaries(folder)
        else:
            for stray in self._history.strays():
                self._note(
                    f"{self._show(stray)} is not what it should be (skipped); run a tutor command that records to set it aside",
                    f"{self._show(stray)}이(가) 있어야 할 모양이 아닙니다(건너뜀). 기록하는 tutor 명령을 실행하면 따로 옮겨 둡니다",
                )
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
            self._set_aside_state(exc.words, repair)
        except Exception as exc:  # anything a hostile file provokes in the upgrade: damaged, like the rest
            name = exc.__class__.__name__
            self._set_aside_state(Text(f"unexpected content ({name})", f"예상하지 못한 내용({name})"), repair)
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
                why = _why(exc)
                self._note(
                    f"could not update {STATE_FILE} ({why.en}); your attempts are safe in the history",
                    f"{STATE_FILE}을(를) 갱신하지 못했습니다({why.ko}). 풀이 기록은 history에 안전하게 있습니다",
                )

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
                raise CorruptFile(Text("a table is not an object", "표 하나가 객체가 아닙니다"))
            kinds = meta.get("kinds")
            self._model = Model.from_tables(tables, meta.get("count", 0), meta.get("last"), kinds)
            marks = meta.get("marks", {})
            if not isinstance(marks, dict):
                raise CorruptFile(Text("marks is not an object", "기록 위치(marks)가 객체가 아닙니다"))
            self._marks = {}
            for name, (inode, offset) in marks.items():
                if not SHARD.match(name) or type(inode) is not int or type(offset) is not int or offset < 0:
                    raise CorruptFile(Text("a history mark is malformed", "기록 위치 하나의 형식이 올바르지 않습니다"))
                self._marks[name] = ShardMark(inode, offset)
            if kinds is None and self._model.count:
                # A checkpoint from before the counts by kind: rebuilt from the history (nothing lost).
                self._model, self._marks = Model(), {}
                self._unsaved = 1
            pending = [validate(dict(doc)) for doc in self._db.table("pending").all()]
        except Exception as exc:  # whatever a damaged or hostile checkpoint provokes: it is damaged
            self._model, self._marks, self._settings = Model(), {}, {}
            words = getattr(exc, "words", None)  # what the checks here say, in both languages
            if not isinstance(words, Text):  # what a hostile file provoked: its class and its text
                words = Text(f"{exc.__class__.__name__}: {exc}", f"{exc.__class__.__name__}: {exc}")
            raise CorruptFile(
                Text(
                    f"unexpected content ({safe_text(words.en, limit=120, one_line=True)})",
                    f"예상하지 못한 내용({safe_text(words.ko, limit=120, one_line=True)})",
                )
            ) from None
        self._settings = settings
        if bad_settings:
            self._set_aside_settings(bad_settings, repair)
        if not self._marks and self._model.count:
            self._unsaved = 1  # a checkpoint without marks (a migration) must be rewritten
        return pending

    def _set_aside_settings(self, bad: list[Text], repair: bool) -> None:
        if repair and self._settings_aside:
            return
        if repair:
            self._settings_aside = True
            backup = move_aside(self._db.storage.path, self.folder / "backup", copy=True)
            self._unsaved = max(self._unsaved, 1)  # the next checkpoint leaves them out
            self._note(
                f"set aside {len(bad)} invalid setting(s) ({bad[0].en}); the old {STATE_FILE} is at {backup}",
                f"잘못된 설정 {len(bad)}개({bad[0].ko})를 따로 두었습니다. 이전 {STATE_FILE}은(는) {backup}에 있습니다",
            )
        else:
            self._note(f"ignored {len(bad)} invalid setting(s) ({bad[0].en})", f"잘못된 설정 {len(bad)}개({bad[0].ko})를 무시했습니다")

    def _set_aside_state(self, why: Text, repair: bool) -> None:
        path = self._db.storage.path
        self._db.storage.forget()
        self._model, self._marks, self._settings = Model(), {}, {}
        self._unsaved = 1
        if repair:
            backup = move_aside(path, self.folder / "backup")
            self._note(
                f"recovered an unreadable progress file ({why.en}); backup at {backup}; "
                "progress rebuilt from your attempt history (settings reset)",
                f"읽을 수 없는 진행 기록 파일을 복구했습니다({why.ko}). 백업은 {backup}에 있고, "
                "진행 상황은 풀이 기록으로 다시 만들었습니다(설정은 초기화됨)",
            )
        else:
            self._note(
                f"the progress file is unreadable ({why.en}); showing your attempt history only",
                f"진행 기록 파일을 읽을 수 없습니다({why.ko}). 풀이 기록만 보여 줍니다",
            )

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
                        self._note(
                            f"set aside {count} unreadable line(s) of history/{name} ({why.en}); the original is at {backup}",
                            f"history/{name}에서 읽을 수 없는 줄 {count}개를 따로 두었습니다({why.ko}). 원본은 {backup}에 있습니다",
                        )
                    else:
                        self._note(
                            f"skipped {count} unreadable line(s) in history/{name} ({why.en})",
                            f"history/{name}에서 읽을 수 없는 줄 {count}개를 건너뛰었습니다({why.ko})",
                        )
                if repair:
                    self._reset()
                    continue
            if result.oversized:
                for name in result.oversized:
                    size = f"{(self._history.folder / name).stat().st_size / 2**20:.0f} MB"
                    if repair:
                        backup = move_aside(self._history.folder / name, backups)
                        self._note(
                            f"history/{name} is {size}, far more than a month of attempts; moved aside to {backup}",
                            f"history/{name}은(는) {size}로 한 달 치 풀이 기록보다 훨씬 큽니다. {backup}(으)로 옮겨 두었습니다",
                        )
                    else:
                        self._note(
                            f"skipped history/{name}: {size}, far more than a month of attempts",
                            f"history/{name}을(를) 건너뛰었습니다: {size}로 한 달 치 풀이 기록보다 훨씬 큽니다",
                        )
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
                        self._note(
                            f"set aside an unfinished last line of history/{name} (it was never recorded) at {backup}",
                            f"history/{name}의 끝나지 않은 마지막 줄(기록된 적 없음)을 {backup}에 따로 두었습니다",
                        )
                    else:
                        self._history.end_last_line(name)
                        self._note(
                            f"the last line of history/{name} had lost its newline; restored",
                            f"history/{name}의 마지막 줄에 줄바꿈이 빠져 있어 되살렸습니다",
                        )
                continue  # read again: a completed line is then read, a cut shard is consistent
            for name in result.missing:
                self._note(
                    f"history/{name} has disappeared; progress rebuilt from the rest of the history",
                    f"history/{name}이(가) 사라졌습니다. 남은 풀이 기록으로 진행 상황을 다시 만들었습니다",
                )
            for name in result.shrunk:
                self._note(
                    f"history/{name} is shorter than when it was last read (part of it was lost); progress rebuilt from what is left",
                    f"history/{name}이(가) 지난번에 읽었을 때보다 짧습니다(일부가 사라짐). 남은 것으로 진행 상황을 다시 만들었습니다",
                )
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
        raise StoreError(Text("the attempt history kept changing while being read; try again", "풀이 기록이 읽는 동안 계속 바뀌었습니다. 다시 해 보세요"))

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
            raise ReadOnlyError(Text(f"progress is read-only here ({why.en})", f"여기서는 진행 기록이 읽기 전용입니다({why.ko})"), reason)
        with self._mutex:
            try:
                locked = self._lock.acquire(self.WRITE_WAIT)
            except OSError as exc:
                raise StoreError(_not_saved(exc), _reason(exc)) from None
            if not locked:
                raise StoreBusyError(
                    Text(
                        f"another tutor has held the progress lock for over {self.WRITE_WAIT:g} s",
                        f"다른 tutor가 진행 기록 잠금을 {self.WRITE_WAIT:g}초 넘게 쥐고 있습니다",
                    )
                )
            try:
                self._sync(repair=True)
                yield
            except OSError as exc:  # a full disk, a removed folder: one line for the learner
                raise StoreError(_not_saved(exc), _reason(exc)) from exc
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
                f"the old progress file is at {backup}",
                f"진행 기록 파일에는 풀이 {disk_count}개가 있었지만 지금 풀이 기록에는 {self._model.count}개뿐입니다. "
                f"이전 진행 기록 파일은 {backup}에 있습니다",
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
            self._note(
                f"the progress file was damaged ({exc.__class__.__name__}); backup at {backup}",
                f"진행 기록 파일이 손상되어 있었습니다({exc.__class__.__name__}). 백업은 {backup}에 있습니다",
            )
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
            raise StoreError(
                Text(
                    f"this machine's clock says {now:%Y-%m-%d}; set the date and time, then try again",
                    f"이 컴퓨터의 시계가 {now:%Y-%m-%d}입니다. 날짜와 시간을 맞춘 뒤 다시 해 보세요",
                )
            )
        detail = {k: v[:MAX_TEXT] if isinstance(v, str) else v for k, v in detail.items()}
        try:
            moment = now if time is None else check_time(time, now)
            attempt = validate(
                {**detail, "id": uuid.uuid4().hex, "time": format_time(moment), "kind": kind, "item": item, "concept": concept, "outcome": outcome},
                now,
            )
            encode(attempt)
        except InvalidAttempt:
            raise
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
            raise ImportFileError(
                Text(
                    f"{shown} is not a tutor progress export (no \"format\": \"{EXPORT_FORMAT}\")",
                    f"{shown}은(는) tutor 진행 기록 내보내기 파일이 아닙니다(\"format\": \"{EXPORT_FORMAT}\" 없음)",
                )
            )
        version = data.get("version")
        if type(version) is not int or version < 1:
            bad = safe_text(repr(version), limit=40)
            raise ImportFileError(
                Text(f"{shown}: \"version\" must be a whole number, not {bad}", f"{shown}: \"version\"은(는) {bad}이(가) 아니라 정수여야 합니다")
            )
        if version > EXPORT_VERSION:
            raise ImportFileError(
                Text(f"{shown} was written by a newer tutor (export version {version})", f"{shown}은(는) 더 새 tutor가 쓴 파일입니다(내보내기 버전 {version})")
            )
        raw_attempts, settings = data.get("attempts"), data.get("settings", {})
        if not isinstance(raw_attempts, list) or not isinstance(settings, dict):
            raise ImportFileError(
                Text(f"{shown}: \"attempts\" must be a list and \"settings\" an object", f"{shown}: \"attempts\"는 목록, \"settings\"는 객체여야 합니다")
            )
        for name, value in settings.items():
            try:
                check_setting(name, value)
            except InvalidSetting as exc:
                why = _safe(exc.words)
                raise ImportFileError(Text(f"{shown}: {why.en}; nothing imported", f"{shown}: {why.ko}. 아무것도 가져오지 않았습니다")) from None
        now = datetime.now(timezone.utc)
        attempts = []
        for number, raw in enumerate(raw_attempts, start=1):
            try:
                attempts.append(validate(raw, now))
            except InvalidAttempt as exc:
                why = _safe(exc.words)
                raise ImportFileError(
                    Text(f"{shown}: attempt {number}: {why.en}; nothing imported", f"{shown}: {number}번째 기록: {why.ko}. 아무것도 가져오지 않았습니다")
                ) from None
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
            what = (
                Text("a folder", "폴더")
                if stat.S_ISDIR(st.st_mode)
                else Text("a pipe", "파이프")
                if stat.S_ISFIFO(st.st_mode)
                else Text("a device or special file", "장치나 특수 파일")
            )
            raise ImportFileError(
                Text(f"{shown} is {what.en}, not a file: give the file `tutor export` wrote", f"{shown}은(는) 파일이 아니라 {what.ko}입니다. `tutor export`가 쓴 파일을 주세요")
            )
        if st.st_size > MAX_IMPORT:
            raise ImportFileError(_too_large(shown))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat
                raise ImportFileError(Text(f"{shown} is not a regular file", f"{shown}은(는) 일반 파일이 아닙니다"))
            chunks, size = [], 0
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_IMPORT:
                    raise ImportFileError(_too_large(shown))
        finally:
            os.close(fd)
    except OSError as exc:
        why = _why(exc)
        raise ImportFileError(Text(f"cannot read {shown}: {why.en}", f"{shown}을(를) 읽을 수 없습니다: {why.ko}")) from None
    try:
        return decode_json_object(b"".join(chunks))
    except CorruptFile as exc:
        raise ImportFileError(
            Text(f"{shown} is not a tutor progress export: {exc.words.en}", f"{shown}은(는) tutor 진행 기록 내보내기 파일이 아닙니다: {exc.words.ko}")
        ) from None


def _too_large(shown: str) -> Text:
    mb = MAX_IMPORT // 2**20
    return Text(f"{shown} is larger than {mb} MB: not a tutor progress export", f"{shown}은(는) {mb} MB보다 큽니다: tutor 진행 기록 내보내기 파일이 아닙니다")


def _safe(text: Text) -> Text:
    """Both languages made safe to show (paths and details in them come from outside)."""
    return Text(safe_text(text.en, one_line=True, limit=1000), safe_text(text.ko, one_line=True, limit=1000))


def _not_saved(exc: OSError) -> Text:
    why, todo = _why(exc), paths.disk_advice(_reason(exc))
    return Text(
        f"could not save your progress: {why.en}" + (f"; {todo.en}" if todo else ""),
        f"진행 기록을 저장하지 못했습니다: {why.ko}" + (f". {todo.ko}" if todo else ""),
    )


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
