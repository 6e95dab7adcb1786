"""Self-test of the course, as rustlings' `dev check`: every stub fails, every solution passes, every
known-wrong variant is diagnosed as itself, and every exercise's files load and agree with its judge."""

import tomllib
from pathlib import Path

import pytest

from tutor import paths
from tutor.content import load_course
from tutor.grading import grade
from tutor.grading.judges import EXERCISES, judge_for
from tutor.grading.variants import variants

VARIANT_FILES = sorted((Path(__file__).parents[2] / "tutor" / "grading" / "variants").glob("*/*.py"))


def test_sixteen_exercises_with_their_files():
    assert len(EXERCISES) == 16
    for exercise_id in EXERCISES:
        folder = paths.exercises_dir() / exercise_id
        for name in ("meta.toml", "stub.py", "solution.py"):
            assert (folder / name).is_file(), f"{exercise_id}/{name}"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_metadata_loads_and_names_every_check_of_the_judge(exercise_id):
    meta = tomllib.loads((paths.exercises_dir() / exercise_id / "meta.toml").read_text(encoding="utf-8"))
    judge = judge_for(exercise_id)
    assert meta["id"] == exercise_id and meta["concept"] == judge.concept
    assert len(meta["checks"]) == len(judge.checks)
    assert all(c["en"].strip() and c["ko"].strip() for c in meta["checks"])
    assert meta["title"]["en"] and meta["title"]["ko"] and meta["entry"]


def test_course_loader_sees_every_exercise_with_hints():
    course = load_course()
    assert set(EXERCISES) <= set(course.exercises)
    for exercise_id in EXERCISES:
        exercise = course.exercise(exercise_id)
        assert 2 <= len(exercise.hints) <= 4, exercise_id
        assert set(exercise.prerequisites) <= set(EXERCISES)
    assert course.exercise("adam").prerequisites == ("momentum", "rmsprop")
    assert course.exercise("batchnorm_backward").prerequisites == ("batchnorm_forward",)
    assert course.exercise("rmsprop").prerequisites == ("adagrad",)
    assert course.exercise("nesterov").prerequisites == ("momentum",)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_stub_is_not_started_and_passes_nothing(exercise_id):
    result = grade(exercise_id, file=paths.exercises_dir() / exercise_id / "stub.py")
    assert result.status == "fail" and result.started is False
    assert "TODO" in result.message.en and "TODO" in result.message.ko, result.message.en
    assert not any(t.status == "pass" for t in result.tests)
    assert result.diagnosis == []


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_solution_passes(exercise_id):
    result = grade(exercise_id, file=paths.exercises_dir() / exercise_id / "solution.py")
    assert result.status == "pass", result.to_json()
    assert all(t.status == "pass" for t in result.tests) and result.diagnosis == []


@pytest.mark.parametrize("path", VARIANT_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_known_wrong_variant_is_diagnosed_as_itself(path):
    result = grade(path.parent.name, file=path)
    assert result.status == "fail"
    assert [d.variant for d in result.diagnosis][:1] == [path.stem], result.to_json()
    diagnosis = result.diagnosis[0]
    assert diagnosis.concept == judge_for(path.parent.name).concept
    # the concept is a field of its own (faces render "see 0101"): the message does not repeat it
    assert diagnosis.concept not in diagnosis.message.en and diagnosis.concept not in diagnosis.message.ko
    assert diagnosis.message.en.strip() == diagnosis.message.en and diagnosis.message.ko.strip() == diagnosis.message.ko


def test_no_learner_facing_grading_text_mentions_the_authors_notes():
    """Stubs, meta and diagnoses cite the book; the He typo is one that circulates in study notes."""
    texts = [v.message.en + v.message.ko for e in EXERCISES for v in variants(e)]
    texts += [(paths.exercises_dir() / e / name).read_text(encoding="utf-8") for e in EXERCISES for name in ("stub.py", "meta.toml")]
    for text in texts:
        for word in ("seed note", "source note", "the seed's", "원문 노트", "시드 노트"):
            assert word not in text, (word, text[:120])
    for text in texts:  # the glossary's terms (시험 for test-time, 역 드롭아웃)
        assert "테스트" not in text and "inverted 드롭아웃" not in text, text[:120]


GAPS = {  # issue 12: each grading gap has a known-wrong variant that the self-test above diagnoses
    "validation_split": ("rounds_size_up", "sklearn_order"),
    "batchnorm_backward": ("no_mean_path", "forgets_gamma", "dgamma_from_unnormalised"),
    "batchnorm_forward": ("wrong_axis",),
    "xavier_init": ("glorot_fan_average",),
    "nesterov": ("alpha_not_squared", "velocity_reset_every_call", "velocity_updated_first"),
    "lr_decay": ("step_decay_ceil",),
    "he_init": ("one_over_two_sqrt_n",),
}


@pytest.mark.parametrize("exercise_id", GAPS)
def test_the_known_grading_gaps_have_their_variants(exercise_id):
    assert set(GAPS[exercise_id]) <= {v.id for v in variants(exercise_id)}


def test_at_least_three_variants_per_optimizer():
    for exercise_id in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"):
        assert len(variants(exercise_id)) >= 3, exercise_id
