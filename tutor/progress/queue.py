"""The review queue: what to practise next, and why (in English and Korean).

Order:
1. Due cards (FSRS due date passed), by ascending retrievability: the most likely forgotten first.
   A leech (LEECH_LAPSES or more lapses, and the concept's lesson not read since the last one) is not
   drilled again: it sends the learner back to its concept's lesson instead.
2. The weakest concepts (mastery below WEAK, with some evidence), interleaved: up to WEAK_CONCEPTS
   concepts, ITEMS_PER_CONCEPT items each, taken in turns (A1 B1 C1 A2 B2 C2), because interleaved
   practice beats blocks. A weak concept's items: the ones missed last first, then the ones never
   tried, then the least retrievable; an item answered right within the session is left alone.
3. Prerequisites: in front of an item the learner keeps failing (STRUGGLE_STREAK wrong answers in a
   row for a question; for an exercise more failed runs, since a first run on the stub always fails), the
   exercises it builds on (`Exercise.prerequisites`: Adam → Momentum, RMSprop) or, for a question, the
   lessons of its concept's prerequisites (`Concept.prerequisites`).

Without the course (it may fail to load while being edited) the queue still works from the store
alone: due cards, leeches, and weak concepts' known cards; titles fall back to ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import State

from tutor.content import Course, Text
from tutor.progress.history import parse_time
from tutor.progress.model import SESSION, Model, scheduler

LEECH_LAPSES = 8
STRUGGLE_STREAK = {"question": 3, "exercise": 5}
WEAK = 0.6
WEAK_CONCEPTS = 4
ITEMS_PER_CONCEPT = 2


@dataclass(frozen=True)
class ReviewItem:
    item: str  # question id, exercise id, or concept id (kind "lesson")
    kind: str  # question | exercise | lesson
    concept: str
    reason: Text
    retrievability: float | None  # FSRS probability of recall now; None for never-seen items and lessons
    due: datetime | None = None

    def to_json(self) -> dict:
        return {
            "item": self.item,
            "kind": self.kind,
            "concept": self.concept,
            "reason": {"en": self.reason.en, "ko": self.reason.ko},
            "retrievability": self.retrievability,
            "due": self.due.isoformat() if self.due else None,
        }


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _ago(then: datetime, now: datetime) -> Text:
    days = (now - then).days
    if days <= 0:
        return Text("today", "오늘")
    if days == 1:
        return Text("yesterday", "어제")
    return Text(f"{days} days ago", f"{days}일 전")


class _Names:
    """Titles for reasons, from the course when it is there."""

    def __init__(self, course: Course | None) -> None:
        self.course = course

    def concept(self, cid: str) -> Text:
        try:
            return self.course.concept(cid).title if self.course else Text(cid, cid)
        except KeyError:
            return Text(cid, cid)

    def exercise(self, eid: str) -> Text:
        try:
            return self.course.exercise(eid).title if self.course else Text(eid, eid)
        except KeyError:
            return Text(eid, eid)


def is_leech(model: Model, item: str) -> bool:
    card = model.cards[item]
    if card["lapses"] < LEECH_LAPSES:
        return False
    read = model.concepts.get(card["concept"], {}).get("lesson_read")
    return read is None or read < card["last_lapse"]


def due_section(model: Model, now: datetime, names: _Names) -> list[ReviewItem]:
    entries: list[tuple[float, datetime, ReviewItem]] = []
    lessons: set[str] = set()
    for item, card in model.cards.items():
        fsrs_card = card["card"]
        if fsrs_card.due > now:
            continue
        r = scheduler().get_card_retrievability(fsrs_card, now)
        if is_leech(model, item):
            if card["concept"] in lessons:
                continue
            lessons.add(card["concept"])
            entries.append((r, fsrs_card.due, leech_lesson(card, names)))
            continue
        last = parse_time(card["last_time"])
        learning = fsrs_card.state in (State.Learning, State.Relearning) and now - last < timedelta(days=1)
        if card["last_outcome"] == "+" and learning:
            reason = Text(
                "Still being learned: one more go now fixes it in memory.",
                "아직 익히는 중입니다. 지금 한 번 더 풀어 보면 기억에 오래 남습니다.",
            )
        elif card["last_outcome"] == "-" and card["kind"] == "exercise":
            reason = Text(
                f"Your code did not pass its check {_ago(last, now).en}: try it again.",
                f"{_ago(last, now).ko} 채점을 통과하지 못한 실습입니다. 다시 도전해 보세요.",
            )
        elif card["last_outcome"] == "-":
            reason = Text(
                f"You got this wrong {_ago(last, now).en}: try it again.",
                f"{_ago(last, now).ko} 틀렸던 항목입니다. 다시 도전해 보세요.",
            )
        else:
            reason = Text(
                f"Due for review: last practised {_ago(last, now).en}, estimated recall {_percent(r)}.",
                f"복습할 때가 되었습니다. 마지막 연습: {_ago(last, now).ko}, 기억하고 있을 확률 약 {_percent(r)}.",
            )
        entries.append((r, fsrs_card.due, ReviewItem(item, card["kind"], card["concept"], reason, r, fsrs_card.due)))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in entries]


def leech_lesson(card: dict, names: _Names) -> ReviewItem:
    title = names.concept(card["concept"])
    return ReviewItem(
        card["concept"],
        "lesson",
        card["concept"],
        Text(
            f"You have missed the same item {card['lapses']} times: reread the lesson on {title.en} "
            "before drilling it again.",
            f"같은 항목을 {card['lapses']}번 틀렸습니다. 다시 풀기 전에 {title.ko} 강의를 다시 읽어 보세요.",
        ),
        None,
    )


def _candidates(model: Model, cid: str, course: Course | None) -> list[str]:
    items: list[str] = []
    if course is not None:
        try:
            concept = course.concept(cid)
            items = [q.id for q in concept.questions] + list(concept.exercises)
        except KeyError:
            pass
    items += [item for item, card in model.cards.items() if card["concept"] == cid and item not in items]
    return items


def weak_section(model: Model, now: datetime, names: _Names, taken: set[str]) -> list[ReviewItem]:
    scores = model.mastery()
    weak = sorted((m, cid) for cid, m in scores.items() if m < WEAK)[:WEAK_CONCEPTS]
    columns: list[list[ReviewItem]] = []
    for score, cid in weak:
        title = names.concept(cid)
        reason = Text(
            f"Weak topic: your mastery of {title.en} is {_percent(score)}.",
            f"약한 주제입니다: {title.ko} 숙달도 {_percent(score)}.",
        )
        ranked = []
        for order, item in enumerate(_candidates(model, cid, names.course)):
            card = model.cards.get(item)
            if card is None:
                kind = "exercise" if names.course and item in names.course.exercises else "question"
                ranked.append(((1, 1.0, order), ReviewItem(item, kind, cid, reason, None)))
                continue
            if is_leech(model, item):
                ranked.append(((0, 0.0, order), leech_lesson(card, names)))
                continue
            if card["last_outcome"] == "+" and now - parse_time(card["last_time"]) < SESSION:
                continue
            r = scheduler().get_card_retrievability(card["card"], now)
            group = 0 if card["last_outcome"] == "-" else 2
            ranked.append(((group, r, order), ReviewItem(item, card["kind"], cid, reason, r, card["card"].due)))
        ranked.sort(key=lambda e: e[0])
        column = []
        for _, entry in ranked:
            key = f"{entry.kind}:{entry.item}"
            if key not in taken:
                taken.add(key)
                column.append(entry)
            if len(column) == ITEMS_PER_CONCEPT:
                break
        columns.append(column)
    interleaved = []
    for row in range(ITEMS_PER_CONCEPT):
        interleaved += [column[row] for column in columns if row < len(column)]
    return interleaved


def _prerequisites(model: Model, entry: ReviewItem, names: _Names, now: datetime) -> list[ReviewItem]:
    card = model.cards.get(entry.item) if entry.kind != "lesson" else None
    course = names.course
    if card is None or card["streak"] < STRUGGLE_STREAK[entry.kind] or course is None:
        return []
    if entry.kind == "exercise":
        try:
            before = course.exercise(entry.item).prerequisites
        except KeyError:
            return []
        failing = names.exercise(entry.item)
        out = []
        for pid in before:
            pre = names.exercise(pid)
            try:
                pcid = course.exercise(pid).concept
            except KeyError:
                continue
            prev = model.cards.get(pid)
            r = scheduler().get_card_retrievability(prev["card"], now) if prev else None
            reason = Text(
                f"You keep failing {failing.en}: practise {pre.en} first, which it builds on.",
                f"{failing.ko}에서 계속 막히고 있습니다. 그 바탕이 되는 {pre.ko}부터 연습해 보세요.",
            )
            out.append(ReviewItem(pid, "exercise", pcid, reason, r))
        return out
    try:
        before = course.concept(entry.concept).prerequisites
    except KeyError:
        return []
    title = names.concept(entry.concept)
    return [
        ReviewItem(
            pcid,
            "lesson",
            pcid,
            Text(
                f"You keep missing questions on {title.en}: revisit {names.concept(pcid).en} first, which it builds on.",
                f"{title.ko} 문제를 계속 틀리고 있습니다. 그 바탕이 되는 {names.concept(pcid).ko}부터 다시 보세요.",
            ),
            None,
        )
        for pcid in before
    ]


def build(model: Model, now: datetime, limit: int, course: Course | None) -> list[ReviewItem]:
    names = _Names(course)
    queue = due_section(model, now, names)
    taken = {f"{e.kind}:{e.item}" for e in queue}
    queue += weak_section(model, now, names, taken)
    with_prerequisites: list[ReviewItem] = []
    for entry in queue:
        for pre in _prerequisites(model, entry, names, now):
            key = f"{pre.kind}:{pre.item}"
            if key not in taken:
                taken.add(key)
                with_prerequisites.append(pre)
        with_prerequisites.append(entry)
    return with_prerequisites[:limit]


def due_count(model: Model, now: datetime, concept: str | None = None) -> int:
    return sum(1 for e in due_section(model, now, _Names(None)) if concept is None or e.concept == concept)

