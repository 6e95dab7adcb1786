"""The current state derived from the attempt history: exercise status, one FSRS card per question and
exercise, and the per-concept mastery sums.

The state is a pure fold of the history in (time, id) order, so any process can rebuild it from the
journal and get exactly the same tables; the store's `state.json` is only a checkpoint of this fold.

Scheduling rules (FSRS, py-fsrs 6, fuzzing off so that a replay gives the same dates):
- every question (quiz item = question id) and every exercise (check item = exercise id) is a card;
- wrong / fail / error → Again; right / pass → Good, or Hard when it comes after a hint (or a look
  at the solution) on that exercise, or right after a wrong try in the same session (a retry);
- repeated identical outcomes on one item within a session (SESSION, one hour) are one review, not
  many: watch mode re-checking a failing file on every save must not bury the card in Again ratings;
- a lapse is an Again rating actually applied to a card; py-fsrs 6 does not count them, so we do.
"""

from __future__ import annotations

import zlib
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING

import math

from tutor.progress import mastery
from tutor.progress.history import CONCEPT_ID, EXERCISE_ID, KINDS, QUESTION_ID, check_time, parse_time
from tutor.progress.storage import CorruptFile
from tutor.text import Text

if TYPE_CHECKING:
    from fsrs import Scheduler

SESSION = timedelta(hours=1)
POSITIVE = ("right", "pass")


# FSRS loads with the first card, not with the store: opening a store without cards (and reading its
# settings) stays cheap.
@cache
def scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def new_exercise(concept: str) -> dict:
    return {"concept": concept, "status": "new", "hints": 0, "hint_pending": False, "checks": 0, "solutions": 0}


def new_card(item: str, kind: str, concept: str, moment) -> dict:
    from fsrs import Card

    return {
        "kind": kind,  # question | exercise
        "concept": concept,
        "card": Card(card_id=zlib.crc32(item.encode("utf-8")), due=moment),
        "lapses": 0,
        "streak": 0,  # consecutive negative outcomes (raw attempts): "keeps failing"
        "reviews": 0,
        "last_outcome": None,  # "+" or "-"
        "last_time": None,
        "last_lapse": None,
    }


# The fields of a card row besides its FSRS card, as `new_card` makes them (for checking a checkpoint).
CARD_FIELDS = {"kind": "", "concept": "", "lapses": 0, "streak": 0, "reviews": 0, "last_outcome": None, "last_time": None, "last_lapse": None}
TIME_FIELDS = ("last_time", "last_lapse", "lesson_read")


def new_concept() -> dict:
    return {**mastery.new_aggregate(), "attempts": 0, "lesson_read": None}


class Model:
    def __init__(self) -> None:
        self.exercises: dict[str, dict] = {}
        self.cards: dict[str, dict] = {}
        self.concepts: dict[str, dict] = {}
        self.count = 0
        self.kinds: dict[str, int] = {}  # attempts folded in, by kind
        self.last: tuple[str, str] | None = None  # (time, id) of the last attempt folded in

    def apply(self, attempt: dict) -> None:
        kind, item, outcome = attempt["kind"], attempt["item"], attempt["outcome"]
        concept = self.concepts.setdefault(attempt["concept"], new_concept())
        concept["attempts"] += 1
        self.count += 1
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.last = (attempt["time"], attempt["id"])
        if kind == "lesson":
            concept["lesson_read"] = attempt["time"]
        elif kind in ("hint", "solution"):
            exercise = self._exercise(item, attempt["concept"])
            if kind == "hint":
                index = attempt.get("index")
                exercise["hints"] = max(exercise["hints"], index + 1) if isinstance(index, int) else exercise["hints"] + 1
            else:
                exercise["solutions"] += 1
            exercise["hint_pending"] = True  # the next pass was helped: Hard, not Good
            if exercise["status"] == "new":
                exercise["status"] = "started"
            mastery.add_evidence(concept, 0.0, mastery.WEIGHTS[kind])
        else:
            self._review(attempt, concept)

    def _exercise(self, item: str, concept: str) -> dict:
        return self.exercises.setdefault(item, new_exercise(concept))

    def _review(self, attempt: dict, concept: dict) -> None:
        kind, item, outcome = attempt["kind"], attempt["item"], attempt["outcome"]
        moment = parse_time(attempt["time"])
        positive = outcome in POSITIVE
        sign = "+" if positive else "-"
        exercise = None
        if kind == "check":
            exercise = self._exercise(item, attempt["concept"])
            exercise["checks"] += 1
            if positive:
                exercise["status"] = "passed"
            elif exercise["status"] != "passed":  # passed stays passed
                exercise["status"] = "failed"
        card = self.cards.get(item)
        if card is None:
            card = self.cards[item] = new_card(item, "exercise" if kind == "check" else "question", attempt["concept"], moment)
        in_session = card["last_time"] is not None and moment - parse_time(card["last_time"]) < SESSION
        card["streak"] = 0 if positive else card["streak"] + 1
        if not (in_session and card["last_outcome"] == sign):
            from fsrs import Rating

            if positive:
                retry = in_session and card["last_outcome"] == "-"
                hinted = exercise is not None and exercise["hint_pending"]
                rating = Rating.Hard if retry or hinted else Rating.Good
                weight = mastery.WEIGHTS["quiz" if kind == "quiz" else "helped" if hinted else "pass"]
                mastery.add_evidence(concept, 1.0, weight)
            else:
                rating = Rating.Again
                card["lapses"] += 1
                card["last_lapse"] = attempt["time"]
                mastery.add_evidence(concept, 0.0, mastery.WEIGHTS["quiz" if kind == "quiz" else "fail"])
            card["card"], _ = scheduler().review_card(card["card"], rating, moment)
            card["reviews"] += 1
            if exercise is not None:
                exercise["hint_pending"] = False
        card["last_outcome"] = sign
        card["last_time"] = attempt["time"]

    def mastery(self) -> dict[str, float]:
        return {cid: mastery.mastery(agg) for cid, agg in self.concepts.items() if agg["w"] > 0}

    # The checkpoint: TinyDB tables ({doc_id: document}) and back.

    def to_tables(self) -> dict[str, dict]:
        def table(rows: list[dict]) -> dict:
            return {str(i): row for i, row in enumerate(rows, start=1)}

        return {
            "exercises": table([{"id": k, **v} for k, v in self.exercises.items()]),
            "cards": table([{"item": k, **v, "card": v["card"].to_dict()} for k, v in self.cards.items()]),
            "concepts": table([{"id": k, **v} for k, v in self.concepts.items()]),
        }

    @classmethod
    def from_tables(cls, tables: dict, count: object, last: object, kinds: object) -> Model:
        """The model a checkpoint describes. Checks content, not only shape (ids match the course's
        patterns, numbers are numbers, times are times), so that nothing read here can break a face later;
        raises CorruptFile (a ValueError, its words in en and ko) for what it checks, and whatever else a hostile
        file provokes (KeyError, TypeError, ...) otherwise."""
        model = cls()
        for row in _rows(tables, "exercises"):
            eid = _match(row.pop("id"), EXERCISE_ID)
            model.exercises[eid] = _typed({**new_exercise(_match(row["concept"], CONCEPT_ID)), **row}, new_exercise(""))
            if model.exercises[eid]["status"] not in ("new", "started", "failed", "passed"):
                raise CorruptFile(Text("unknown exercise status", "알 수 없는 실습 상태"))
        cards = _rows(tables, "cards")
        if cards:
            from fsrs import Card
        for row in cards:
            item = row.pop("item")
            if not isinstance(item, str) or not (QUESTION_ID.fullmatch(item) or EXERCISE_ID.fullmatch(item)):
                raise CorruptFile(Text("a card's item is not a question or exercise id", "복습 카드의 항목이 문제나 실습의 id가 아닙니다"))
            template = CARD_FIELDS
            try:
                card = Card.from_dict(row.pop("card"))
            except Exception:  # noqa: BLE001 - py-fsrs reads a dict as it finds it: any error is a malformed card
                raise CorruptFile(Text("malformed card", "복습 카드의 형식이 올바르지 않습니다")) from None
            row = _typed({**template, **row}, template)
            if row["last_time"] is None:  # an attempt makes a card, and stamps it
                raise CorruptFile(Text("a card has no last attempt", "복습 카드에 마지막 기록이 없습니다"))
            _match(row["concept"], CONCEPT_ID)
            if row["kind"] not in ("question", "exercise") or row["last_outcome"] not in (None, "+", "-"):
                raise CorruptFile(Text("malformed card", "복습 카드의 형식이 올바르지 않습니다"))
            row["card"] = card
            model.cards[item] = row
        for row in _rows(tables, "concepts"):
            cid = _match(row.pop("id"), CONCEPT_ID)
            model.concepts[cid] = _typed({**new_concept(), **row}, {**new_concept(), "lesson_read": ""})
        if type(count) is not int or count < 0:
            raise CorruptFile(Text("the attempt count is not a count", "기록 개수가 올바른 수가 아닙니다"))
        model.count = count
        if kinds is not None:  # None: a checkpoint from before the counts by kind (the store rebuilds it)
            if not isinstance(kinds, dict) or any(k not in KINDS or type(v) is not int or v < 0 for k, v in kinds.items()):
                raise CorruptFile(Text("the attempt counts by kind are malformed", "종류별 기록 개수의 형식이 올바르지 않습니다"))
            if sum(kinds.values()) != count:
                raise CorruptFile(Text("the attempt counts by kind do not add up", "종류별 기록 개수의 합이 전체 개수와 맞지 않습니다"))
            model.kinds = dict(kinds)
        if last is not None:
            if not (isinstance(last, list) and len(last) == 2 and all(isinstance(x, str) for x in last)):
                raise CorruptFile(Text("the last attempt is malformed", "마지막 기록의 형식이 올바르지 않습니다"))
            check_time(parse_time(last[0]))
            model.last = (last[0], last[1])
        return model


TABLES_KO = {"exercises": "실습", "cards": "복습 카드", "concepts": "개념"}


def _rows(tables: dict, name: str) -> list[dict]:
    table = tables.get(name, {})
    if not isinstance(table, dict) or not all(isinstance(row, dict) for row in table.values()):
        raise CorruptFile(Text(f"the {name} table is malformed", f"{TABLES_KO[name]} 표의 형식이 올바르지 않습니다"))
    return [dict(row) for row in table.values()]


def _match(value: object, pattern) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise CorruptFile(Text("an id does not match the course's id patterns", "id가 과정의 id 형식과 맞지 않습니다"))
    return value


def _typed(row: dict, template: dict) -> dict:
    """`row` if each of the template's fields has the template value's type (a time where it is None or
    text: None or a valid time); raises CorruptFile otherwise."""
    for key, like in template.items():
        value = row.get(key)
        if key in TIME_FIELDS:
            if value is not None and not (isinstance(value, str) and check_time(parse_time(value))):
                raise CorruptFile(Text(f"{key} is not a time", "시각이어야 할 값 하나가 시각이 아닙니다"))
        elif isinstance(like, bool):
            if type(value) is not bool:
                raise CorruptFile(Text(f"{key} is not true or false", "참/거짓이어야 할 값 하나가 참/거짓이 아닙니다"))
        elif isinstance(like, int):
            if type(value) is not int or value < 0:
                raise CorruptFile(Text(f"{key} is not a count", "개수여야 할 값 하나가 개수가 아닙니다"))
        elif isinstance(like, float):
            if type(value) not in (int, float) or not math.isfinite(value):
                raise CorruptFile(Text(f"{key} is not a number", "수여야 할 값 하나가 수가 아닙니다"))
        elif like is None:
            if value is not None and not isinstance(value, str):
                raise CorruptFile(Text(f"{key} is not text", "글이어야 할 값 하나가 글이 아닙니다"))
        elif isinstance(like, list):  # a list of numbers (mastery's recent results)
            if not isinstance(value, list) or len(value) > 1000 or any(type(v) not in (int, float) or not math.isfinite(v) for v in value):
                raise CorruptFile(Text(f"{key} is not a list of numbers", "수의 목록이어야 할 값 하나가 수의 목록이 아닙니다"))
        elif isinstance(like, str) and not isinstance(value, str):
            raise CorruptFile(Text(f"{key} is not text", "글이어야 할 값 하나가 글이 아닙니다"))
    return row
