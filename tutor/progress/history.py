"""The attempt history: an append-only journal of JSON lines, one shard per month (`history/YYYY-MM.jsonl`).

An attempt is recorded once its line has been appended and fsync'd: that is one small write and one
fsync, whatever the size of the history, which is what keeps `Store.record` fast at 10,000 attempts.
Lines are appended only while the store's lock is held.

A crash can leave at most one unfinished line at the end of a shard (no newline yet). Its write never
returned, so it was never reported recorded: readers stop before it, and the next writer, holding the
lock, cuts it off before appending. A complete line that is not a valid attempt (disk corruption) is
reported, and the repair copies the shard to `backup/` before rewriting it without that line.

Readers remember, per shard, its inode and how many bytes they have read, so catching up with another
process's appends reads only the new bytes.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tutor.progress.storage import atomic_write, fsync_dir, write_all

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


class InvalidAttempt(ValueError):
    """An attempt record that does not have the shape every reader relies on."""


def format_time(moment: datetime) -> str:
    """Canonical UTC time text: fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise InvalidAttempt("attempt times must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def validate(raw: object) -> dict:
    """Check an attempt from anywhere (a journal line, an import file); return it in canonical form."""
    if not isinstance(raw, dict):
        raise InvalidAttempt("an attempt must be a JSON object")
    for name in FIELDS:
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise InvalidAttempt(f"attempt field {name!r} must be a non-empty string")
    kind, outcome = raw["kind"], raw["outcome"]
    if kind not in OUTCOMES:
        raise InvalidAttempt(f"unknown attempt kind {kind!r} (expected one of {', '.join(KINDS)})")
    if outcome not in OUTCOMES[kind]:
        raise InvalidAttempt(f"outcome {outcome!r} is not valid for a {kind} (expected {', '.join(OUTCOMES[kind])})")
    try:
        moment = datetime.fromisoformat(raw["time"])
    except ValueError:
        raise InvalidAttempt(f"attempt time {raw['time']!r} is not an ISO 8601 time") from None
    attempt = dict(raw)
    attempt["time"] = format_time(moment)
    return attempt


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
    torn: dict[str, int] = field(default_factory=dict)  # shard -> bytes of an unfinished last line
    consistent: bool = True  # False: a shard shrank or was replaced under us; the caller must re-read all
    missing: list[str] = field(default_factory=list)  # shards read before that no longer exist


class History:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def shards(self) -> dict[str, os.stat_result]:
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return {}
        return {e.name: e.stat() for e in entries if SHARD.match(e.name)}

    def changed_since(self, marks: dict[str, ShardMark]) -> bool:
        """Cheap test (one directory scan) for appends by another process."""
        shards = self.shards()
        if shards.keys() != marks.keys():
            return True
        return any(st.st_ino != marks[n].inode or st.st_size != marks[n].offset for n, st in shards.items())

    def read(self, marks: dict[str, ShardMark]) -> ReadResult:
        """Read every complete line written after `marks`, advancing `marks` in place."""
        result = ReadResult()
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
                            result.consistent = False
                            return result
                        start = mark.offset
                    if start == st.st_size:
                        continue
                    if start:
                        fh.seek(start - 1)
                        if fh.read(1) != b"\n":
                            result.consistent = False
                            return result
                    data = fh.read()
            except FileNotFoundError:
                result.consistent = False
                return result
            end = data.rfind(b"\n") + 1
            if end < len(data):
                result.torn[name] = len(data) - end
            for line in data[:end].splitlines():
                try:
                    result.attempts.append(validate(json.loads(line.decode("utf-8"))))
                except (UnicodeDecodeError, json.JSONDecodeError, InvalidAttempt):
                    result.bad_lines[name] = result.bad_lines.get(name, 0) + 1
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
                write_all(fd, data)
                os.fsync(fd)
                st = os.fstat(fd)
            finally:
                os.close(fd)
            if created:
                fsync_dir(self.folder)  # the new file's name must survive a power cut too
            marks[name] = ShardMark(st.st_ino, st.st_size)

    def cut_torn_tail(self, name: str, mark: ShardMark) -> None:
        """Drop an unfinished last line left by a killed writer (caller holds the lock)."""
        fd = os.open(self.folder / name, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            os.ftruncate(fd, mark.offset)
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite_without_bad_lines(self, name: str) -> int:
        """Rewrite a shard keeping only valid attempts (the caller has backed it up); return lines dropped."""
        path = self.folder / name
        kept, dropped = [], 0
        for line in path.read_bytes().splitlines(keepends=True):
            try:
                if not line.endswith(b"\n"):
                    raise InvalidAttempt("unfinished line")
                validate(json.loads(line.decode("utf-8")))
                kept.append(line)
            except (UnicodeDecodeError, json.JSONDecodeError, InvalidAttempt):
                dropped += 1
        atomic_write(path, b"".join(kept))
        return dropped
