"""The attempt history: an append-only journal of JSON lines, one shard per month (`history/YYYY-MM.jsonl`).

An attempt is recorded once its line has been appended and fsync'd: that is one small write and one
fsync, whatever the size of the history, which is what keeps `Store.record` fast at 10,000 attempts.
Lines are appended only while the store's lock is held.

A crash can leave at most one unfinished line at the end of a shard (no newline yet). Its write never
returned, so it was never reported recorded: readers stop before it, and the next writer, holding the
lock, saves it in `backup/` and cuts it off before appending; a last line that is complete and valid but
lost its newline is kept (the newline restored). A complete line that is not a valid attempt (disk
corruption, a hand edit, a time out of range) is reported, and the repair copies the shard to `backup/`
before rewriting it without that line.

`validate` is the one check of an attempt, wherever it comes from (`Store.record`, an import, a journal
line): by shape and by content (ids matching the course's patterns, known kinds and outcomes, flat and
bounded details, a time checked by `check_time`). `decode_attempt` turns any decode problem of a line
(not UTF-8, not JSON, nested 100,000 deep, a 5,000-digit number) into InvalidAttempt.

Readers remember, per shard, its inode and how many bytes they have read, so catching up with another
process's appends reads only the new bytes.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tutor.text import Text
from tutor.progress.storage import CorruptFile, Worded, atomic_write, decode_json, fsync_dir, write_all

KINDS = ("quiz", "check", "hint", "solution", "lesson")
OUTCOMES = {
    "quiz": ("right", "wrong"),
    "check": ("pass", "fail", "error"),
    "hint": ("shown",),
    "solution": ("shown",),
    "lesson": ("read",),
}
FIELDS = ("id", "time", "kind", "item", "concept", "outcome")
SHARD = re.compile(r"^\d{4}-\d{2}\.jsonl$")
TAIL = 8192  # bytes read back from the end of each shard at open to check that it is still intact
MAX_SHARD = 64 * 1024 * 1024  # a month of attempts is well under 1 MB; a larger shard is damage, not read

# The course's id patterns (tests/progress/test_progress_ids.py proves every id of the live course matches
# them). Whatever comes in from a file (a journal line, an import) must match, so no id that a face could
# mistake for markup, a path or a control sequence ever gets in.
CONCEPT_ID = re.compile(r"\d{4}")
QUESTION_ID = re.compile(r"\d{4}-[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
EXERCISE_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")  # labs have ids of the same shape
ATTEMPT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
ITEM_ID = {"quiz": QUESTION_ID, "check": EXERCISE_ID, "hint": EXERCISE_ID, "solution": EXERCISE_ID, "lesson": CONCEPT_ID}
DETAIL_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
MAX_TEXT = 2000  # characters in any text detail (a typed quiz answer); `Store.record` cuts longer ones
MAX_COUNT = 100_000  # the largest `passed`/`total`/`index` detail

# When an attempt may have happened: not before 2000, and not more than a day ahead of this machine's clock
# (time zones and a slightly wrong clock, not a typo'd year). A time outside would wreck the review schedule
# (a card due in 2999) or overflow date arithmetic (9999-12-31 plus a microsecond).
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
AHEAD = timedelta(days=1)


class InvalidAttempt(Worded):
    """An attempt record that does not have the shape or the content every reader relies on. `words`
    says why in English and Korean (ids, values and field names quoted verbatim); `str()` is the English."""


def check_time(moment: datetime, now: datetime | None = None) -> datetime:
    """The one place attempt times are validated: timezone-aware, from 2000 on, at most a day ahead of
    `now` (default: the clock). Returns the time in UTC."""
    if not isinstance(moment, datetime):
        raise InvalidAttempt(Text("an attempt time must be a date and time", "기록 시각은 날짜와 시각이어야 합니다"))
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidAttempt(Text(f"attempt time {moment.isoformat()} has no time zone", f"기록 시각 {moment.isoformat()}에 시간대가 없습니다"))
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise InvalidAttempt(
            Text(f"attempt time {moment.isoformat()} is out of range", f"기록 시각 {moment.isoformat()}은(는) 다룰 수 있는 범위를 벗어났습니다")
        ) from None
    if utc < EARLIEST:
        raise InvalidAttempt(Text(f"attempt time {utc.isoformat()} is before 2000", f"기록 시각 {utc.isoformat()}은(는) 2000년보다 이릅니다"))
    now = now or datetime.now(timezone.utc)
    if utc > now + AHEAD:
        clock = now.isoformat(timespec="seconds")
        raise InvalidAttempt(
            Text(
                f"attempt time {utc.isoformat()} is in the future (this machine's clock says {clock})",
                f"기록 시각 {utc.isoformat()}은(는) 미래입니다(이 컴퓨터의 시계는 {clock})",
            )
        )
    return utc


def format_time(moment: datetime) -> str:
    """Canonical UTC time text: fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise InvalidAttempt(Text("attempt times must be timezone-aware", "기록 시각에는 시간대가 있어야 합니다"))
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def _check_detail(name: object, value: object) -> None:
    if not isinstance(name, str) or not DETAIL_NAME.fullmatch(name):
        shown = repr(str(name)[:40])
        raise InvalidAttempt(Text(f"unknown attempt field {shown}", f"{shown}은(는) 알 수 없는 기록 필드입니다"))
    if name in ("index", "passed", "total"):
        if type(value) is not int or not 0 <= value <= MAX_COUNT:
            raise InvalidAttempt(
                Text(f"attempt field {name!r} must be a whole number from 0 to {MAX_COUNT}", f"기록 필드 {name!r}은(는) 0부터 {MAX_COUNT}까지의 정수여야 합니다")
            )
    elif isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise InvalidAttempt(Text(f"attempt field {name!r} is longer than {MAX_TEXT} characters", f"기록 필드 {name!r}이(가) {MAX_TEXT}자보다 깁니다"))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidAttempt(Text(f"attempt field {name!r} is not a finite number", f"기록 필드 {name!r}이(가) 유한한 수가 아닙니다"))
    elif not (value is None or isinstance(value, (bool, int))) or (type(value) is int and abs(value) > 2**53):
        raise InvalidAttempt(Text(f"attempt field {name!r} must be text or a number", f"기록 필드 {name!r}은(는) 텍스트나 수여야 합니다"))


def validate(raw: object, now: datetime | None = None) -> dict:
    """Check an attempt from anywhere (`record`, a journal line, an import file) by shape and content;
    return it in canonical form. `now`: the clock to check the time against (default: now)."""
    if not isinstance(raw, dict):
        raise InvalidAttempt(Text("an attempt must be a JSON object", "기록은 JSON 객체여야 합니다"))
    for name in FIELDS:
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise InvalidAttempt(Text(f"attempt field {name!r} must be a non-empty string", f"기록 필드 {name!r}은(는) 비어 있지 않은 문자열이어야 합니다"))
    kind, outcome = raw["kind"], raw["outcome"]
    if kind not in OUTCOMES:
        raise InvalidAttempt(
            Text(
                f"unknown attempt kind {kind[:40]!r} (expected one of {', '.join(KINDS)})",
                f"{kind[:40]!r}은(는) 알 수 없는 기록 종류입니다({', '.join(map(repr, KINDS))} 중 하나여야 합니다)",
            )
        )
    if outcome not in OUTCOMES[kind]:
        raise InvalidAttempt(
            Text(
                f"outcome {outcome[:40]!r} is not valid for a {kind} (expected {', '.join(OUTCOMES[kind])})",
                f"결과 {outcome[:40]!r}은(는) {kind!r} 기록에 맞지 않습니다({', '.join(map(repr, OUTCOMES[kind]))} 중 하나여야 합니다)",
            )
        )
    if not ATTEMPT_ID.fullmatch(raw["id"]):
        raise InvalidAttempt(Text(f"attempt id {raw['id'][:80]!r} is not an attempt id", f"{raw['id'][:80]!r}은(는) 기록 id로 쓸 수 없습니다"))
    if not ITEM_ID[kind].fullmatch(raw["item"]):
        what = Text("concept", "개념") if kind == "lesson" else Text("question", "문제") if kind == "quiz" else Text("exercise", "실습")
        raise InvalidAttempt(Text(f"{raw['item'][:80]!r} is not the id of a {what.en}", f"{raw['item'][:80]!r}은(는) {what.ko}의 id가 아닙니다"))
    if not CONCEPT_ID.fullmatch(raw["concept"]):
        raise InvalidAttempt(Text(f"{raw['concept'][:80]!r} is not a concept id", f"{raw['concept'][:80]!r}은(는) 개념 id가 아닙니다"))
    for name, value in raw.items():
        if name not in FIELDS:
            _check_detail(name, value)
    passed, total = raw.get("passed"), raw.get("total")
    if isinstance(passed, int) and isinstance(total, int) and passed > total:
        raise InvalidAttempt(Text("attempt field 'passed' is more than 'total'", "기록 필드 'passed'가 'total'보다 큽니다"))
    try:
        moment = datetime.fromisoformat(raw["time"][:64])
    except ValueError:
        shown = repr(raw["time"][:80])
        raise InvalidAttempt(Text(f"attempt time {shown} is not an ISO 8601 time", f"기록 시각 {shown}은(는) ISO 8601 형식의 시각이 아닙니다")) from None
    attempt = dict(raw)
    attempt["time"] = format_time(check_time(moment, now))
    try:
        for value in attempt.values():
            if isinstance(value, str) and not value.isascii():
                value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800" in JSON): it could not be written as UTF-8
        raise InvalidAttempt(Text("attempt text is not valid Unicode", "기록의 텍스트가 올바른 유니코드가 아닙니다")) from None
    return attempt


def decode_attempt(line: bytes, now: datetime | None = None) -> dict:
    """A journal line (without its newline) as a valid attempt, or InvalidAttempt saying why not."""
    try:
        return validate(decode_json(line), now)
    except CorruptFile as exc:
        raise InvalidAttempt(exc.words) from None


def sort_key(attempt: dict) -> tuple[str, str]:
    """The order the derived state folds attempts in: by time, ties broken by id."""
    return attempt["time"], attempt["id"]


def encode(attempt: dict) -> bytes:
    return (json.dumps(attempt, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def shard_name(attempt: dict) -> str:
    return attempt["time"][:7] + ".jsonl"


@dataclass
class ShardMark:
    """How far a reader has read a shard: its inode (a rewritten shard is a new file) and byte offset."""

    inode: int
    offset: int


@dataclass
class ReadResult:
    attempts: list[dict] = field(default_factory=list)
    bad_lines: dict[str, int] = field(default_factory=dict)  # shard -> number of unreadable lines
    first_bad: dict[str, Text] = field(default_factory=dict)  # shard -> why its first unreadable line is
    torn: dict[str, bytes] = field(default_factory=dict)  # shard -> its last line, which has no newline
    consistent: bool = True  # False: a shard shrank or was replaced under us; the caller must re-read all
    missing: list[str] = field(default_factory=list)  # shards read before that no longer exist
    shrunk: list[str] = field(default_factory=list)  # shards (the same file) now shorter than read before
    oversized: list[str] = field(default_factory=list)  # shards too large to be a month of attempts (not read)


def _exists(entry: os.DirEntry) -> bool:
    try:
        entry.stat()
    except OSError:  # a dangling link: nothing there to set aside
        return False
    return True


class History:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def shards(self) -> dict[str, os.stat_result]:
        """The shard files (regular files named YYYY-MM.jsonl); none if the folder is missing or not a folder."""
        try:
            entries = list(os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return {}
        shards = {}
        for entry in entries:
            if SHARD.match(entry.name):
                try:
                    if entry.is_file():
                        shards[entry.name] = entry.stat()
                except OSError:
                    pass
        return shards

    def strays(self) -> list[Path]:
        """What stands where the journal should be but is not a shard file: the history folder itself if it
        is a file, or a shard name that is a folder (or anything else not a regular file)."""
        if self.folder.exists() and not self.folder.is_dir():
            return [self.folder]
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        return [Path(e.path) for e in entries if SHARD.match(e.name) and _exists(e) and not e.is_file()]

    def tail_intact(self, name: str, mark: ShardMark) -> bool:
        """Whether the last line a reader read from a shard (just before `mark`) is still a valid attempt.

        The checkpoint trusts what it has folded in; this one small read per shard at open catches the
        damage a crash or a power cut does to the end of a file in place (zeroed blocks, same size)."""
        if mark.offset == 0:
            return True
        try:
            with open(self.folder / name, "rb") as fh:
                st = os.fstat(fh.fileno())
                if st.st_ino != mark.inode or st.st_size < mark.offset:
                    return True  # replaced or cut short: the reader notices, says so and reads it all again
                start = max(0, mark.offset - TAIL)
                fh.seek(start)
                window = fh.read(mark.offset - start)
        except OSError:
            return True  # missing or unreadable: the reader notices
        if not window.endswith(b"\n"):
            return False
        lines = window[:-1].split(b"\n")
        if start > 0 and len(lines) == 1:
            return window.endswith(b"}\n")  # a line longer than the window: its end looks right
        try:
            decode_attempt(lines[-1])
        except InvalidAttempt:
            return False
        return True

    def changed_since(self, marks: dict[str, ShardMark]) -> bool:
        """Cheap test (one directory scan) for appends by another process."""
        shards = self.shards()
        if shards.keys() != marks.keys():
            return True
        return any(st.st_ino != marks[n].inode or st.st_size != marks[n].offset for n, st in shards.items())

    def read(self, marks: dict[str, ShardMark]) -> ReadResult:
        """Read every complete line written after `marks`, advancing `marks` in place."""
        result = ReadResult()
        now = datetime.now(timezone.utc)
        shards = self.shards()
        result.missing = sorted(name for name in marks if name not in shards)
        if result.missing:
            result.consistent = False
            return result
        for name, stat in sorted(shards.items()):
            mark = marks.get(name)
            if mark is not None and (mark.inode, mark.offset) == (stat.st_ino, stat.st_size):
                continue  # nothing new: do not even open it
            try:
                with open(self.folder / name, "rb") as fh:
                    st = os.fstat(fh.fileno())
                    start = 0
                    if mark is not None:
                        if mark.inode != st.st_ino or mark.offset > st.st_size:
                            if mark.inode == st.st_ino:
                                result.shrunk.append(name)
                            result.consistent = False
                            return result
                        start = mark.offset
                    if start == st.st_size:
                        continue
                    if st.st_size - start > MAX_SHARD:
                        result.oversized.append(name)
                        continue
                    if start:
                        fh.seek(start - 1)
                        if fh.read(1) != b"\n":
                            result.consistent = False
                            return result
                    data = fh.read()
            except (FileNotFoundError, IsADirectoryError):
                result.consistent = False
                return result
            end = data.rfind(b"\n") + 1
            if end < len(data):
                result.torn[name] = data[end:]
            for line in data[: end - 1].split(b"\n") if end else ():
                try:
                    result.attempts.append(decode_attempt(line, now))
                except InvalidAttempt as exc:
                    result.bad_lines[name] = result.bad_lines.get(name, 0) + 1
                    result.first_bad.setdefault(name, exc.words)
            marks[name] = ShardMark(st.st_ino, start + end)
        return result

    def append(self, attempts: list[dict], marks: dict[str, ShardMark]) -> None:
        """Append attempts and fsync; caller holds the lock and has read everything (no torn tails)."""
        by_shard: dict[str, bytes] = {}
        for attempt in attempts:
            name = shard_name(attempt)
            by_shard[name] = by_shard.get(name, b"") + encode(attempt)
        for name, data in by_shard.items():
            path = self.folder / name
            created = not path.exists()
            if created:
                self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            try:
                size = os.fstat(fd).st_size
                try:
                    write_all(fd, data)
                    os.fsync(fd)
                except OSError:
                    # A full disk may have taken part of the line: cut it, so that no half line is left
                    # behind for the next reader (nothing was reported recorded).
                    try:
                        os.ftruncate(fd, size)
                    except OSError:
                        pass
                    raise
                st = os.fstat(fd)
            finally:
                os.close(fd)
            if created:
                fsync_dir(self.folder)  # the new file's name must survive a power cut too
            marks[name] = ShardMark(st.st_ino, st.st_size)

    def cut_torn_tail(self, name: str, mark: ShardMark) -> None:
        """Drop an unfinished last line (the caller holds the lock and has set it aside)."""
        fd = os.open(self.folder / name, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            os.ftruncate(fd, mark.offset)
            os.fsync(fd)
        finally:
            os.close(fd)

    def end_last_line(self, name: str) -> None:
        """Give a complete last line back its lost newline (the caller holds the lock)."""
        fd = os.open(self.folder / name, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        try:
            write_all(fd, b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite_without_bad_lines(self, name: str) -> int:
        """Rewrite a shard keeping only valid attempts (the caller has backed it up); return lines dropped.
        A valid last line without its newline is kept, newline restored."""
        path = self.folder / name
        now = datetime.now(timezone.utc)
        kept, dropped = [], 0
        lines = path.read_bytes().split(b"\n")
        if not lines[-1]:
            lines.pop()  # the file ends with a newline, as it should
        for line in lines:
            try:
                decode_attempt(line, now)
                kept.append(line + b"\n")
            except InvalidAttempt:
                dropped += 1
        atomic_write(path, b"".join(kept))
        return dropped
