"""The review queue: what to practise today, in what order, and why (in English and Korean).

FSRS (py-fsrs 6, in `tutor.progress.model`) says when each question and exercise is due; this module
decides what a day's review holds and in which order.

A day (DAY_STARTS local time to the next) holds at most CAP items: every question or exercise
practised today counts, and whatever the cap leaves out is counted and deferred to tomorrow
(`Plan.deferred`). Items missed today and offered again cost nothing more: they were counted once.

Order:
1. Weak concepts first. A concept is weak when at least WEAK_MISSES of its items (questions,
   exercises), and WEAK_SHARE of those tried, were missed at their last try: evidence of a gap, not a lack of evidence (a concept
   answered once is not weak). The WEAK_CONCEPTS weakest, ITEMS_PER_CONCEPT items each (up to
   MOST_PER_CONCEPT when fewer concepts are weak; WEAK_PLACES in all, a little over half a full day), interleaved
   (A1 B1 C1 A2 B2 C2: interleaved practice beats blocks). A weak concept's items: the ones missed
   last first, then due ones, then questions never tried, then the least retrievable. Exercises never
   attempted are not review items (they are the course's next steps, see `tutor.progress.next`).
2. Due items, one concept at a time in turns: the concept with the most forgotten item first, then
   the next; at most SIBLINGS_PER_DAY items of one concept a day (its other due questions wait for
   another day, as Anki buries siblings): one review keeps a concept alive, and twenty concepts
   must share thirty places.
3. A leech (LEECH_LAPSES lapses, lesson not reread since) sends the learner to its lesson instead.
4. Prerequisites: in front of an item the learner keeps failing (STRUGGLE_STREAK misses in a row for a
   question; more for an exercise, since writing code takes a few runs), the exercises it builds on
   (`Exercise.prerequisites`) or, for a question, the lessons of its concept's prerequisites.

An item answered right is not due again the same day: py-fsrs keeps a new card in "learning" for ten
minutes after a right answer; here it waits for the next day (a re-ask ten minutes later only
interrupts the learner). An item missed today comes back today: one more try after the explanation.

Every item carries a title for people (a question's prompt, shortened; an exercise's or concept's
title) in both languages: never a raw id. Without the course (it may fail to load while being edited)
the queue still works from the store alone, with plainer titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from fsrs import State

from tutor.content import Course, Question
from tutor.text import Text
from tutor.progress.history import parse_time
from tutor.progress.model import Model, scheduler
from tutor.safetext import char_cells

CAP = 30  # items a day, at most
DAY_STARTS = timedelta(hours=4)  # a late night still belongs to the day before (as in Anki)
LEECH_LAPSES = 8
STRUGGLE_STREAK = {"question": 3, "exercise": 5}
WEAK_MISSES = 2
WEAK_SHARE = 0.3
WEAK_CONCEPTS = 4
ITEMS_PER_CONCEPT = 4
MOST_PER_CONCEPT = 6
WEAK_PLACES = CAP // 2 + 1  # weak concepts lead, and fill a little over half of a full day
SIBLINGS_PER_DAY = 2
TITLE_CHARS = 60


@dataclass(frozen=True)
class ReviewItem:
    item: str  # question id, exercise id, or concept id (kind "lesson")
    kind: str  # question | exercise | lesson
    concept: str
    reason: Text
    retrievability: float | None  # FSRS probability of recall now; None for never-seen items and lessons
    due: datetime | None = None
    title: Text | None = None  # what the learner reads: never the raw id

    def label(self, lang: str) -> str:
        return (self.title or Text(self.item, self.item)).get(lang)

    def to_json(self) -> dict:
        return {
            "item": self.item,
            "kind": self.kind,
            "concept": self.concept,
            "title": {"en": self.title.en, "ko": self.title.ko} if self.title else None,
            "reason": {"en": self.reason.en, "ko": self.reason.ko},
            "retrievability": self.retrievability,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True)
class Plan:
    """Today's review: `items` in order (at most the day's remaining places, plus items missed today),
    `deferred` (due items the cap leaves for tomorrow), `practised_today` (items practised today)."""

    items: list[ReviewItem] = field(default_factory=list)
    deferred: int = 0
    due: int = 0  # of `items`, those due from before today (not practised today)
    practised_today: int = 0
    cap: int = CAP


# Generated questions write their prompt from a seed: their titles are these.
GENERATED = {
    "sgd_step": Text("One SGD step, by hand", "SGD 한 단계 직접 계산하기"),
    "momentum_step": Text("One Momentum step, by hand", "모멘텀 한 단계 직접 계산하기"),
    "step_decay_lr": Text("The learning rate after step decay", "계단식 감소 뒤의 학습률"),
    "adagrad_step": Text("One AdaGrad step, by hand", "AdaGrad 한 단계 직접 계산하기"),
    "rmsprop_step": Text("One RMSprop step, by hand", "RMSprop 한 단계 직접 계산하기"),
    "adam_step": Text("One Adam step, by hand", "Adam 한 단계 직접 계산하기"),
    "xavier_std": Text("Xavier initialisation: the standard deviation", "Xavier 초깃값의 표준편차"),
    "he_std": Text("He initialisation: the standard deviation", "He 초깃값의 표준편차"),
    "batchnorm_output": Text("Batch normalisation of a small batch, by hand", "작은 배치의 배치 정규화 직접 계산하기"),
    "weight_decay_grad": Text("The gradient with weight decay", "가중치 감소를 더한 기울기"),
    "dropout_test_output": Text("Dropout at test time: the output", "시험할 때 드롭아웃의 출력"),
    "log_uniform_value": Text("A value drawn on a log scale", "로그 스케일에서 뽑은 값"),
}


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def day_start(moment: datetime) -> datetime:
    """The start of the learner's day holding `moment` (local time, from DAY_STARTS), in UTC terms."""
    local = moment.astimezone()
    start = (local - DAY_STARTS).replace(hour=0, minute=0, second=0, microsecond=0) + DAY_STARTS
    return start.astimezone(moment.tzinfo)


def _ago(then: datetime, now: datetime) -> Text:
    days = (day_start(now) - day_start(then)).days
    if days <= 0:
        return Text("today", "오늘")
    if days == 1:
        return Text("yesterday", "어제")
    return Text(f"{days} days ago", f"{days}일 전")


@lru_cache(maxsize=2048)
def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """A prompt as a one-line title: Markdown marks dropped, the first line, cut at a word to `limit`
    terminal columns (Hangul takes two)."""
    line = next((part.strip() for part in text.strip().splitlines() if part.strip()), "")
    line = re.sub(r"^[#>\s]+", "", line)
    line = re.sub(r"`|\*\*|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", line)  # code and emphasis marks, not snake_case
    line = re.sub(r"\s+", " ", line).strip()
    widths = [char_cells(ch) for ch in line]
    if sum(widths) <= limit:
        return line
    end, used = 0, 0
    while used + widths[end] <= limit - 1:
        used += widths[end]
        end += 1
    cut = line[:end]
    if " " in cut[end // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


class _Names:
    """Titles, from the course when it is there."""

    def __init__(self, course: Course | None) -> None:
        self.course = course
        self._questions: dict[str, Question] | None = None

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

    def question(self, qid: str) -> Question | None:
        if self.course is None:
            return None
        if self._questions is None:
            self._questions = {q.id: q for q in self.course.questions()}
        return self._questions.get(qid)

    def known(self, entry: ReviewItem) -> bool:
        """Whether the course has this item (always, without a course: the store is all there is)."""
        if self.course is None:
            return True
        if entry.kind == "question":
            return self.question(entry.item) is not None
        if entry.kind == "exercise":
            return entry.item in self.course.exercises
        return any(c.id == entry.item for c in self.course.concepts)

    def title(self, item: str, kind: str, concept: str) -> Text:
        if kind == "exercise":
            title = self.exercise(item)
            return title if self.course else Text(f"exercise {item}", f"실습 {item}")
        if kind == "lesson":
            title = self.concept(item)
            return Text(f"Lesson: {title.en}", f"강의: {title.ko}")
        question = self.question(item)
        topic = self.concept(concept)
        if question is not None and question.generator in GENERATED:
            return GENERATED[question.generator]
        if question is None or question.prompt is None:
            return Text(f"{topic.en}: a worked calculation", f"{topic.ko}: 계산 문제")
        return Text(shorten(question.prompt.en), shorten(question.prompt.ko))

    def item(self, item: str, kind: str, concept: str, reason: Text, r: float | None, due: datetime | None = None) -> ReviewItem:
        return ReviewItem(item, kind, concept, reason, r, due, self.title(item, kind, concept))


def is_leech(model: Model, item: str) -> bool:
    card = model.cards[item]
    if card["lapses"] < LEECH_LAPSES:
        return False
    read = model.concepts.get(card["concept"], {}).get("lesson_read")
    return read is None or read < card["last_lapse"]


def effective_due(card: dict) -> datetime:
    """FSRS's due date, except that a right answer is not due again the same day."""
    due = card["card"].due
    if card["last_outcome"] == "+" and card["card"].state in (State.Learning, State.Relearning):
        due = max(due, day_start(parse_time(card["last_time"])) + timedelta(days=1))
    return due


def _due_reason(card: dict, r: float, now: datetime) -> Text:
    last = parse_time(card["last_time"])
    ago = _ago(last, now)
    if card["last_outcome"] == "+" and card["card"].state in (State.Learning, State.Relearning):
        return Text(
            f"Learned {ago.en}: one more go now fixes it in memory.",
            f"{ago.ko} 익힌 항목입니다. 한 번 더 풀면 기억에 오래 남습니다.",
        )
    if card["last_outcome"] == "-" and card["kind"] == "exercise":
        return Text(
            f"Your code did not pass its check {ago.en}: try it again.",
            f"{ago.ko} 채점을 통과하지 못한 실습입니다. 다시 도전해 보세요.",
        )
    if card["last_outcome"] == "-":
        return Text(f"You got this wrong {ago.en}: try it again.", f"{ago.ko} 틀렸던 항목입니다. 다시 도전해 보세요.")
    return Text(
        f"Due for review: last practised {ago.en}, estimated recall {_percent(r)}.",
        f"복습할 때가 되었습니다. 마지막 연습: {ago.ko}, 기억하고 있을 확률 약 {_percent(r)}.",
    )


def leech_lesson(card: dict, names: _Names) -> ReviewItem:
    title = names.concept(card["concept"])
    reason = Text(
        f"You have missed the same item {card['lapses']} times: reread the lesson on {title.en} before drilling it again.",
        f"같은 항목을 {card['lapses']}번 틀렸습니다. 다시 풀기 전에 {title.ko} 강의를 다시 읽어 보세요.",
    )
    return names.item(card["concept"], "lesson", card["concept"], reason, None)


@dataclass(frozen=True)
class _Due:
    """A due card, before it is worth building its reason and title (most are left for another day)."""

    r: float
    due: datetime
    item: str
    concept: str
    leech: bool


def due_entries(model: Model, now: datetime) -> list[_Due]:
    """Every item due now (a leech as its concept's lesson, once), most forgotten first."""
    entries: list[_Due] = []
    lessons: set[str] = set()
    for item, card in model.cards.items():
        due = effective_due(card)
        if due > now:
            continue
        leech = is_leech(model, item)
        if leech:
            if card["concept"] in lessons:
                continue
            lessons.add(card["concept"])
        entries.append(_Due(scheduler().get_card_retrievability(card["card"], now), due, item, card["concept"], leech))
    entries.sort(key=lambda e: (e.r, e.due, e.item))
    return entries


def _due_item(entry: _Due, model: Model, now: datetime, names: _Names) -> ReviewItem:
    card = model.cards[entry.item]
    if entry.leech:
        return leech_lesson(card, names)
    return names.item(entry.item, card["kind"], entry.concept, _due_reason(card, entry.r, now), entry.r, entry.due)


def missed(model: Model, cid: str) -> tuple[int, int]:
    """(missed, tried): of the concept's questions and exercises tried, how many were missed at their last try."""
    cards = [card for card in model.cards.values() if card["concept"] == cid]
    return sum(1 for card in cards if card["last_outcome"] == "-"), len(cards)


def weak_concepts(model: Model) -> list[str]:
    """Concepts with WEAK_MISSES or more items, and at least WEAK_SHARE of those tried, missed at their
    last try; most missed (then lowest mastery) first. Evidence of a gap, not a lack of evidence."""
    scores = model.mastery()
    counts: dict[str, list[int]] = {}
    for card in model.cards.values():
        count = counts.setdefault(card["concept"], [0, 0])
        count[0] += card["last_outcome"] == "-"
        count[1] += 1
    weak = [cid for cid, (misses, tried) in counts.items() if misses >= WEAK_MISSES and misses >= WEAK_SHARE * tried]
    return sorted(weak, key=lambda c: (-counts[c][0], scores.get(c, 0.0), c))


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


def weak_section(model: Model, now: datetime, names: _Names, today: datetime) -> list[ReviewItem]:
    columns: list[list[ReviewItem]] = []
    weak = weak_concepts(model)[:WEAK_CONCEPTS]
    per_concept = min(MOST_PER_CONCEPT, max(ITEMS_PER_CONCEPT, -(-WEAK_PLACES // len(weak)))) if weak else 0
    for cid in weak:
        title = names.concept(cid)
        misses, tried = missed(model, cid)
        reason = Text(
            f"Weak topic ({title.en}): {misses} of {tried} items missed at their last try.",
            f"약한 주제({title.ko}): 풀어 본 {tried}개 중 {misses}개를 마지막에 틀림.",
        )
        ranked = []
        for order, item in enumerate(_candidates(model, cid, names.course)):
            card = model.cards.get(item)
            if card is None:
                if names.course is not None and item in names.course.exercises:
                    continue  # never attempted: a next step in the course, not a review
                ranked.append(((2, 1.0, order), names.item(item, "question", cid, reason, None)))
                continue
            if is_leech(model, item):
                ranked.append(((0, 0.0, order), leech_lesson(card, names)))
                continue
            if card["last_outcome"] == "+" and parse_time(card["last_time"]) >= today:
                continue  # answered right today: enough for today
            r = scheduler().get_card_retrievability(card["card"], now)
            due = effective_due(card)
            group = 0 if card["last_outcome"] == "-" else 1 if due <= now else 3
            ranked.append(((group, r, order), names.item(item, card["kind"], cid, reason, r, due)))
        ranked.sort(key=lambda e: e[0])
        column: list[ReviewItem] = []
        for _, entry in ranked:
            if entry.item not in {e.item for e in column}:
                column.append(entry)
            if len(column) == per_concept:
                break
        columns.append(column)
    interleaved = []
    for row in range(per_concept):
        interleaved += [column[row] for column in columns if row < len(column)]
    return interleaved[:WEAK_PLACES]


def _in_turns(entries: list) -> list:
    """Due items one concept at a time (concepts in order of their most forgotten item), at most
    SIBLINGS_PER_DAY per concept: the other siblings wait for another day."""
    by_concept: dict[str, list] = {}
    for entry in entries:
        by_concept.setdefault(entry.concept, []).append(entry)
    ordered = []
    for row in range(SIBLINGS_PER_DAY):
        ordered += [column[row] for column in by_concept.values() if row < len(column)]
    return ordered


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
            out.append(names.item(pid, "exercise", pcid, reason, r))
        return out
    try:
        before = course.concept(entry.concept).prerequisites
    except KeyError:
        return []
    title = names.concept(entry.concept)
    return [
        names.item(
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


def plan(model: Model, now: datetime, course: Course | None, cap: int | None = None) -> Plan:
    cap = CAP if cap is None else cap
    names = _Names(course)
    today = day_start(now)
    practised = {(card["kind"], item) for item, card in model.cards.items() if parse_time(card["last_time"]) >= today}
    practised |= {("lesson", cid) for cid, c in model.concepts.items() if c.get("lesson_read") and parse_time(c["lesson_read"]) >= today}
    due = [_due_item(entry, model, now, names) for entry in _in_turns(due_entries(model, now))]
    queue: list[ReviewItem] = []
    taken: set[tuple[str, str]] = set()
    for entry in weak_section(model, now, names, today) + due:
        for candidate in _prerequisites(model, entry, names, now) + [entry]:
            if (candidate.kind, candidate.item) not in taken:
                taken.add((candidate.kind, candidate.item))
                queue.append(candidate)
    places = max(0, cap - len(practised))
    items: list[ReviewItem] = []
    deferred = 0
    for entry in queue:
        if not names.known(entry):
            continue  # not (or no longer) in the course: it could not be opened
        if (entry.kind, entry.item) in practised:
            items.append(entry)  # missed today, offered again: counted once already
        elif places > 0:
            items.append(entry)
            places -= 1
        elif entry.due is not None and entry.due <= now or entry.kind == "lesson":
            deferred += 1
    due = sum(1 for e in items if e.due is not None and e.due <= now and (e.kind, e.item) not in practised)
    return Plan(items, deferred, due, len(practised), cap)


def build(model: Model, now: datetime, limit: int, course: Course | None) -> list[ReviewItem]:
    return plan(model, now, course).items[:limit]


def due_count(model: Model, now: datetime, concept: str | None = None) -> int:
    """Items due now (a leech counts as its lesson), siblings and the daily cap aside: the whole debt."""
    return sum(1 for e in due_entries(model, now) if concept is None or e.concept == concept)
