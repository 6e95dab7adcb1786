"""The course as data: every concept, lesson, exercise, hint and glossary term loads and hangs together."""

import re

import pytest

from tutor.content import GROUPS, load_course

COURSE = load_course()
EXERCISE_IDS = {
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "lr_decay", "xavier_init", "he_init",
    "batchnorm_forward", "batchnorm_backward", "weight_decay", "dropout", "ensemble", "validation_split",
    "random_search",
}
LAB_IDS = {"optimizer_paths", "optimizer_compare", "symmetry", "activations", "batchnorm", "overfitting", "ensemble", "random_search"}
LINK = re.compile(r"\]\((exercise|lab):([a-z_]+)\)")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_the_twenty_concepts_of_the_seed_in_order():
    assert [c.id for c in COURSE.concepts] == [f"{n:04d}" for n in range(96, 116)]
    assert all(c.group in GROUPS for c in COURSE.concepts)


def test_every_exercise_of_the_course_exists_once():
    assert set(COURSE.exercises) == EXERCISE_IDS
    listed = COURSE.exercise_ids()
    assert sorted(listed) == sorted(EXERCISE_IDS), "each exercise belongs to exactly one concept"
    for exercise in COURSE.exercises.values():
        assert exercise.id in COURSE.concept(exercise.concept).exercises
        assert exercise.stub_path.is_file() and exercise.solution_path.is_file()
        assert set(exercise.prerequisites) <= EXERCISE_IDS


@pytest.mark.parametrize("exercise_id", sorted(EXERCISE_IDS))
def test_hints_are_progressive_bilingual_and_never_the_solution(exercise_id):
    exercise = COURSE.exercise(exercise_id)
    assert 2 <= len(exercise.hints) <= 4
    assert exercise.checks, "the learner is told what is checked"
    solution_lines = {
        line.strip() for line in exercise.solution_path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 25 and not line.strip().startswith(("#", '"""', "def ", "class ", "import", "from"))
    }
    for hint in exercise.hints:
        assert HANGUL.search(hint.ko), "the Korean hint is in Korean"
        for line in solution_lines:
            assert line not in hint.en and line not in hint.ko, f"a hint spells out the solution: {line}"


@pytest.mark.parametrize("concept", COURSE.concepts, ids=lambda c: c.id)
def test_lessons_in_both_languages_link_only_to_what_exists(concept):
    for lang in ("en", "ko"):
        text = concept.lesson.get(lang)
        assert text.startswith(f"# {concept.id} {concept.title.get(lang)}")
        assert "```text" in text or not concept.exercises, "algorithm lessons show their rule as a formula"
        links = LINK.findall(text)
        for kind, target in links:
            assert target in (EXERCISE_IDS if kind == "exercise" else LAB_IDS), f"{lang}: broken link {kind}:{target}"
        linked = {target for _, target in links}
        assert set(concept.exercises) | set(concept.labs) <= linked, f"{lang}: the practice section links every exercise and lab"
    assert HANGUL.search(concept.lesson.ko)


def test_he_init_lesson_corrects_the_seed_typo_in_both_languages():
    lesson = COURSE.concept("0108").lesson
    for text in (lesson.en, lesson.ko):
        assert "√(2/n)" in text and "1/(2√n)" in text


@pytest.mark.parametrize("concept", COURSE.concepts, ids=lambda c: c.id)
def test_each_concept_asks_at_least_five_questions_of_mixed_types(concept):
    assert len(concept.questions) >= 5
    assert len({q.type for q in concept.questions}) >= 2


def test_every_exercise_has_a_predict_question_before_it():
    predicted = {q.exercise for q in COURSE.questions() if q.type == "predict"}
    assert EXERCISE_IDS <= predicted


def test_question_ids_are_unique():
    ids = [q.id for q in COURSE.questions()]
    assert len(ids) == len(set(ids))


def test_glossary_covers_the_chapter_terms():
    terms = {t.ko: t.en for t in COURSE.glossary}
    for ko in ("최적화", "확률적 경사 하강법", "가중치 감소", "배치 정규화", "검증 데이터", "드롭아웃", "기울기 소실", "하이퍼파라미터"):
        assert any(term.startswith(ko) for term in terms), ko


def _display_width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("concept", COURSE.concepts, ids=lambda c: c.id)
def test_formula_and_code_blocks_fit_the_lesson_pane_at_80_columns(concept):
    """At 80×24 a code box in the lesson screen shows 68 cells; wider lines scroll out of sight."""
    for lang in ("en", "ko"):
        inside = False
        for line in concept.lesson.get(lang).splitlines():
            if line.startswith("```"):
                inside = not inside
            elif inside:
                assert _display_width(line) <= 68, f"{lang}: {line!r}"


def test_the_quick_outline_agrees_with_the_full_course():
    """The app's first paint lists concepts from load_outline(); it must say what the course says."""
    from tutor.content import load_outline

    outline = load_outline()
    assert [(h.id, h.group, h.title, h.exercises) for h in outline] == [
        (c.id, c.group, c.title, c.exercises) for c in COURSE.concepts
    ]
