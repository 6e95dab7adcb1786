"""The labs' API as the TUI and the CLI use it: registry, parameters, progress, seeds, rendering."""

from __future__ import annotations

import re
import tomllib

import numpy as np
import pytest
from conftest import reference_result

from tutor import paths
from tutor.cli import main
from tutor.text import Text
from tutor.labs import LABS, render, run_lab, summary
from tutor.labs.plotting import cells, fit

IDS = ["optimizer_paths", "optimizer_compare", "symmetry", "activations", "batchnorm", "overfitting",
       "ensemble", "random_search"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_the_registry_has_every_lab_the_lessons_link_to():
    assert list(LABS) == IDS
    linked = set()
    for concept in paths.lessons_dir().glob("*/concept.toml"):
        linked.update(tomllib.loads(concept.read_text(encoding="utf-8")).get("labs", []))
        for lesson in concept.parent.glob("lesson.*.md"):
            linked.update(re.findall(r"\]\(lab:([a-z_]+)\)", lesson.read_text(encoding="utf-8")))
    assert linked <= set(LABS)


@pytest.mark.parametrize("lab_id", IDS)
def test_each_lab_describes_itself_in_both_languages(lab_id):
    lab = LABS[lab_id]
    for text in (lab.title, lab.description):
        assert isinstance(text, Text) and text.en and text.ko and text.en != text.ko
    assert lab.concepts and all(re.fullmatch(r"01\d\d|009\d", c) for c in lab.concepts)


def test_unknown_labs_and_parameters_are_refused():
    with pytest.raises(ValueError, match="unknown lab"):
        run_lab("nope", use_learner=False)
    with pytest.raises(ValueError, match="no parameter"):
        run_lab("ensemble", use_learner=False, params={"lr": 0.1})
    with pytest.raises(ValueError):
        run_lab("optimizer_paths", use_learner=False, params={"optimizers": ["sgd", "lbfgs"]})
    with pytest.raises(ValueError):
        run_lab("optimizer_paths", use_learner=False, params={"steps": 0})


def test_progress_is_reported_from_0_to_1_with_labels():
    calls = []
    run_lab("symmetry", use_learner=False, progress=lambda fraction, label: calls.append((fraction, label)))
    fractions = [f for f, _ in calls]
    assert fractions[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions)
    assert all(isinstance(label, str) for _, label in calls)
    assert len(calls) > 10  # reported while it runs, not only at the end


@pytest.mark.parametrize("lab_id", IDS)
def test_the_same_seed_gives_the_same_numbers(lab_id):
    first = reference_result(lab_id).data
    again = run_lab(lab_id, use_learner=False).data
    assert first.keys() == again.keys()
    for part in first:
        for key in first[part]:
            np.testing.assert_array_equal(first[part][key], again[part][key], err_msg=f"{part}.{key}")


@pytest.mark.parametrize("lab_id", ["optimizer_compare", "activations", "overfitting", "random_search"])
def test_another_seed_gives_other_data(lab_id):
    first, other = reference_result(lab_id).data, run_lab(lab_id, seed=1, use_learner=False).data
    assert any(
        not np.array_equal(first[part][key], other[part][key]) for part in first for key in first[part]
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("lab_id", IDS)
def test_plots_fit_80_by_24_in_both_languages(lab_id, lang):
    result = reference_result(lab_id)
    text = render(result, width=80, height=24, lang=lang)
    lines = text.splitlines()
    assert 8 <= len(lines) <= 24
    assert max(cells(line) for line in lines) <= 80
    assert "\x1b" not in text
    coloured = render(result, width=80, height=24, lang=lang, color=True)
    assert max(cells(ANSI.sub("", line)) for line in coloured.splitlines()) <= 80
    notes = summary(result, lang)
    assert notes and notes != summary(result, "ko" if lang == "en" else "en")


@pytest.mark.parametrize("lab_id", IDS)
def test_plots_also_fit_small_and_wide_areas(lab_id):
    result = reference_result(lab_id)
    for width, height in ((40, 12), (120, 40)):
        lines = render(result, width=width, height=height, lang="ko").splitlines()
        assert len(lines) <= height and max(cells(line) for line in lines) <= width


def test_korean_text_in_a_plot_line_keeps_the_line_within_the_width():
    line = "        훈련 손실 (평활화)          " + "x" * 40
    assert cells(line) > 80 - 20
    fitted = fit(line + " " * 20, 80)
    assert cells(fitted) <= 80 and "훈련 손실 (평활화)" in fitted


def test_tutor_lab_lists_and_runs_labs(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    assert main(["lab"]) == 0
    listing = capsys.readouterr().out
    assert all(lab_id in listing for lab_id in IDS)
    assert main(["--lang", "ko", "lab", "optimizer_paths", "--reference", "--lr", "0.5", "--steps", "10"]) == 0
    out = capsys.readouterr().out
    assert "lr=0.5" in out and "학습률 0.5" in out and "10번 갱신" in out
    assert main(["lab", "batchnorm", "--reference", "--steps", "2"]) == 0  # --steps means epochs here
    assert main(["lab", "nope"]) == 2
    assert main(["lab", "ensemble", "--lr", "0.1"]) == 2


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_activations_show_the_gradient_beside_the_histograms_at_80_by_24(lang):
    text = render(reference_result("activations"), width=80, height=24, lang=lang)
    lines = text.splitlines()
    assert len(lines) <= 24 and max(cells(line) for line in lines) <= 80
    heads = [line for line in lines if "∂L/∂W" in line]
    assert len(heads) == 3  # sigmoid, tanh, relu
    std001 = next(line for line in lines if line.startswith("std 0.01" if lang == "en" else "표준편차 0.01"))
    assert "e-06 / " in std001  # layer 1's vanishing gradient, beside layer 5's


@pytest.mark.parametrize("lab_id", IDS)
def test_no_lab_talks_about_a_note_the_learner_never_sees(lab_id):
    result = reference_result(lab_id)
    from tutor.labs import LABS

    lab = LABS[lab_id]
    texts = [summary(result, "en"), summary(result, "ko"), lab.description.en, lab.description.ko,
             lab.title.en, lab.title.ko, render(result, lang="en"), render(result, lang="ko")]
    for text in texts:
        lowered = text.lower()
        assert "seed note" not in lowered and "source note" not in lowered and "the note" not in lowered
        assert "원문" not in text and "노트" not in text
