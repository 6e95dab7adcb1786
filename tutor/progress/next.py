"""Always a next step: where the learner stands in the course, and the one thing to do now.

`course_progress(store, course)` counts exercises passed, concepts studied (lesson read or anything
practised) and today's reviews (within the daily cap, and how many the cap defers). `next_step(store,
course)` picks, in this order:

1. reviews due from earlier days (what FSRS says is being forgotten comes before anything new);
2. an exercise started and not passed yet, the first in course order (finish what you began);
3. the first concept in course order not done: its lesson, then its quiz, then its exercises;
4. what is left in today's review (items missed today, weak topics);
5. the course is done and nothing is due: a lab of the least mastered concept that has one.

The home screen shows both (and `c` opens the step), `tutor next` prints them, every end screen of a
review offers the step. Core: no Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from tutor.content import Course
from tutor.text import Text


@dataclass(frozen=True)
class NextStep:
    kind: str  # lesson | quiz | exercise | review | lab
    id: str  # concept id (lesson, quiz), exercise id, lab id; "" for review
    title: Text
    reason: Text

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": {"en": self.title.en, "ko": self.title.ko},
            "reason": {"en": self.reason.en, "ko": self.reason.ko},
        }


@dataclass(frozen=True)
class CourseProgress:
    exercises_passed: int
    exercises: int
    concepts_studied: int
    concepts: int
    reviews_due: int  # today's review, within the daily cap
    deferred: int  # due items the cap leaves for tomorrow

    def line(self, lang: str) -> str:
        if lang == "ko":
            text = (
                f"실습 통과 {self.exercises_passed}/{self.exercises} · 공부한 개념 {self.concepts_studied}/{self.concepts}"
                f" · 복습할 항목 {self.reviews_due}개"
            )
            return text + (f" (+{self.deferred}개는 내일로)" if self.deferred else "")
        text = (
            f"Exercises passed {self.exercises_passed}/{self.exercises} · concepts studied "
            f"{self.concepts_studied}/{self.concepts} · reviews due {self.reviews_due}"
        )
        return text + (f" (+{self.deferred} tomorrow)" if self.deferred else "")

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


def overview(store, course: Course, now: datetime | None = None) -> tuple[CourseProgress, NextStep]:
    """Both at once (one review plan)."""
    now = _now(now)
    plan = store.review_plan(now, course=course)
    statuses = store.exercise_statuses()
    read = store.lessons_read()
    practised = store.practised()
    mastery = store.concept_mastery()
    progress = CourseProgress(
        exercises_passed=sum(statuses.get(e) == "passed" for e in course.exercise_ids()),
        exercises=len(course.exercise_ids()),
        concepts_studied=sum(1 for c in course.concepts if _studied(c, read, practised)),
        concepts=len(course.concepts),
        reviews_due=len(plan.items),
        deferred=plan.deferred,
    )
    return progress, _pick(course, plan, statuses, read, practised, mastery, now)


def course_progress(store, course: Course, now: datetime | None = None) -> CourseProgress:
    return overview(store, course, now)[0]


def next_step(store, course: Course, now: datetime | None = None) -> NextStep:
    return overview(store, course, now)[1]


def _studied(concept, read: dict, practised: set) -> bool:
    return concept.id in read or any(q.id in practised for q in concept.questions) or any(e in practised for e in concept.exercises)


def _review_step(count: int, reason: Text) -> NextStep:
    return NextStep("review", "", Text(f"Review: {count} item{'' if count == 1 else 's'}", f"복습: {count}개 항목"), reason)


def _pick(course: Course, plan, statuses: dict, read: dict, practised: set, mastery: dict, now: datetime) -> NextStep:
    if plan.due:
        return _review_step(
            len(plan.items),
            Text(
                f"{plan.due} of them {'is' if plan.due == 1 else 'are'} due: reviewing now keeps what you learned.",
                f"그중 {plan.due}개는 복습할 때가 되었습니다. 지금 복습하면 배운 것을 오래 기억합니다.",
            ),
        )
    for eid in course.exercise_ids():
        if statuses.get(eid) in ("started", "failed"):
            title = course.exercise(eid).title
            return NextStep(
                "exercise",
                eid,
                title,
                Text(
                    f"You started {title.en} and have not passed it yet: finish it.",
                    f"{title.ko} 실습을 시작했지만 아직 통과하지 못했습니다. 마저 끝내 보세요.",
                ),
            )
    for concept in course.concepts:
        title = Text(f"{concept.id} {concept.title.en}", f"{concept.id} {concept.title.ko}")
        quiz = [q for q in concept.questions if q.type != "predict"]
        if concept.id not in read and not _studied(concept, read, practised):
            return NextStep(
                "lesson",
                concept.id,
                Text(f"Lesson · {title.en}", f"강의 · {title.ko}"),
                Text("Next in the course: read its lesson.", "과정의 다음 순서입니다. 강의를 읽어 보세요."),
            )
        if quiz and not any(q.id in practised for q in quiz):
            return NextStep(
                "quiz",
                concept.id,
                Text(f"Quiz · {title.en}", f"퀴즈 · {title.ko}"),
                Text("You have read the lesson: check yourself with its quiz.", "강의를 읽었으니 퀴즈로 확인해 보세요."),
            )
        for eid in concept.exercises:
            if statuses.get(eid) != "passed":
                exercise = course.exercise(eid).title
                return NextStep(
                    "exercise",
                    eid,
                    exercise,
                    Text(
                        f"Now write it yourself: {exercise.en}.",
                        f"이제 직접 구현해 보세요: {exercise.ko}.",
                    ),
                )
    if plan.items:
        return _review_step(
            len(plan.items),
            Text(
                "Every lesson and exercise is done: practise what you missed and your weak topics.",
                "모든 강의와 실습을 마쳤습니다. 틀린 항목과 약한 주제를 연습해 보세요.",
            ),
        )
    with_labs = [c for c in course.concepts if c.labs]
    if with_labs:
        concept = min(with_labs, key=lambda c: (mastery.get(c.id, 0.0), c.id))
        return NextStep(
            "lab",
            concept.labs[0],
            Text(f"Lab · {concept.id} {concept.title.en}", f"실험 · {concept.id} {concept.title.ko}"),
            Text(
                "The course is done and nothing is due: see the ideas at work in a lab.",
                "과정을 모두 마쳤고 복습할 것도 없습니다. 실험으로 개념이 작동하는 모습을 확인해 보세요.",
            ),
        )
    return _review_step(0, Text("The course is done and nothing is due: come back tomorrow.", "과정을 모두 마쳤고 복습할 것도 없습니다. 내일 다시 오세요."))
