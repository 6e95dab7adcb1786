"""Schema versions of the progress checkpoint (`state.json`) and the functions that upgrade old ones.

`MIGRATIONS[n]` turns a version-n file (its TinyDB tables) into version n+1. Attempts that a
migration takes out of an old file go into a `pending` table: the store moves them into the attempt
history on load, skipping ids it already has, so a migration interrupted by a crash simply runs again.

Versions:
- 0: the first layout, TinyDB's default shape: an `attempts` table (kind, item, concept, outcome, time)
  and a `settings` table ({name, value}), no `meta` table, attempts rewritten with the whole file.
  Its themes were called "dark" and "light" (now "textual-dark", "textual-light").
- 1: `meta` ({schema, count, kinds, last, marks}), `settings`, and the derived tables `exercises`, `cards`,
  `concepts`; the attempts themselves live in the append-only history (see `tutor.progress.history`).
  A version-1 checkpoint without `kinds` (attempts by kind) is rebuilt from the history at open.
"""

from __future__ import annotations

import json
from typing import Callable

from tutor.text import Text
from tutor.progress.history import InvalidAttempt, validate
from tutor.progress.storage import CorruptFile

SCHEMA = 1
V0_TABLES = {"attempts", "settings", "_default"}
V0_THEMES = {"dark": "textual-dark", "light": "textual-light"}


def _v0_to_v1(tables: dict) -> dict:
    import hashlib  # here: OpenSSL's start-up is not for every check

    pending = {}
    for doc_id, doc in tables.get("attempts", {}).items():
        if not isinstance(doc, dict):
            raise CorruptFile(Text(f"version-0 attempt {doc_id} is not an object", f"버전 0의 기록 {doc_id}이(가) 객체가 아닙니다"))
        # A stable id, so that running this migration twice cannot duplicate an attempt.
        digest = hashlib.sha256(json.dumps([doc_id, doc], sort_keys=True).encode("utf-8")).hexdigest()
        try:
            pending[doc_id] = validate({**doc, "id": doc.get("id") or f"v0-{digest[:24]}"})
        except InvalidAttempt as exc:
            raise CorruptFile(Text(f"version-0 attempt {doc_id}: {exc.words.en}", f"버전 0의 기록 {doc_id}: {exc.words.ko}")) from None
    settings = {}
    for doc_id, doc in tables.get("settings", {}).items():
        if isinstance(doc, dict) and doc.get("name") == "theme" and doc.get("value") in V0_THEMES:
            doc = {**doc, "value": V0_THEMES[doc["value"]]}
        settings[doc_id] = doc
    return {"meta": {"1": {"schema": 1}}, "settings": settings, "pending": pending}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1}


def schema_of(tables: dict) -> int:
    meta = tables.get("meta")
    if meta is None:
        if set(tables) <= V0_TABLES:
            return 0
        raise CorruptFile(Text("not a tutor progress store (no schema version)", "tutor 진행 기록 파일이 아닙니다(스키마 버전 없음)"))
    docs = list(meta.values()) if isinstance(meta, dict) else []
    if len(docs) != 1 or not isinstance(docs[0], dict) or not isinstance(docs[0].get("schema"), int):
        raise CorruptFile(Text("the schema version is missing or malformed", "스키마 버전이 없거나 잘못되었습니다"))
    return docs[0]["schema"]


def upgrade(tables: dict) -> tuple[dict, bool]:
    """The tables at the current SCHEMA, and whether anything changed. Raises CorruptFile when the
    file is not one this version can read (unknown shape, or written by a newer tutor)."""
    if not all(isinstance(t, dict) for t in tables.values()):
        raise CorruptFile(Text("not a TinyDB database (tables must be objects)", "TinyDB 데이터베이스가 아닙니다(테이블은 객체여야 합니다)"))
    version = schema_of(tables)
    if version > SCHEMA:
        raise CorruptFile(
            Text(
                f"written by a newer tutor (schema {version}; this one reads up to {SCHEMA})",
                f"더 새 tutor가 쓴 파일입니다(스키마 {version}. 이 tutor는 {SCHEMA}까지 읽습니다)",
            )
        )
    changed = False
    while version < SCHEMA:
        tables = MIGRATIONS[version](tables)
        version += 1
        changed = True
    return tables, changed
