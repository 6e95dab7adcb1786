"""Issue 11: what the learner reads in a lab is whole and in their language.

Keys under plots wrap rather than lose a label at the TUI's widths (76 and 80 columns), whoever's code
ran; progress labels follow ``lang``.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import reference_result

from tutor.labs import LABS, render, run_lab
from tutor.labs.optimizers import OPTIMIZERS

YOURS = {"en": " (yours)", "ko": " (내 코드)"}


def _labels(result, lang: str) -> list[str]:
    """Every series' label as the learner must be able to read it in full, by lab."""
    en = lang == "en"

    def mark(part):
        return YOURS[lang] if result.used.get(part) == "learner" else ""

    lab = result.lab
    if lab == "optimizer_paths":  # short titles, "*" for the learner's code, explained under the grid
        star = ["(* your code)" if en else "(* 내 코드)"] if "learner" in result.used.values() else []
        return [f"{OPTIMIZERS[n]}{'*' if result.used[n] == 'learner' else ''} lr={result.data[n]['lr']:g}"
                for n in result.data] + star
    if lab == "optimizer_compare":
        return [f"{OPTIMIZERS[n]}{mark(n)} lr={result.data[n]['lr']:g}" for n in result.data]
    if lab == "symmetry":
        return ["random init", "equal init"] if en else ["무작위 초깃값", "균일한 초깃값"]
    if lab == "activations":
        names = {"std1": ("std 1", "표준편차 1"), "std001": ("std 0.01", "표준편차 0.01"),
                 "xavier": ("Xavier", "Xavier"), "he": ("He", "He")}
        return [names[p][0 if en else 1] + mark(p) for p in names]
    if lab == "batchnorm":
        return [f"BN{mark('bn')}", "no BN" if en else "BN 없음",
                "(x: epoch, y: train accuracy)" if en else "(x: 에폭, y: 훈련 정확도)",
                *[f"W std {s:g}" if en else f"표준편차 {s:g}" for s in result.params["scales"]]]
    if lab == "overfitting":
        return ["train", "test", "(x: epoch, * your code)"] if en else ["훈련", "시험", "(x: 에폭, * 내 코드)"]
    if lab == "ensemble":
        return ([f"ensemble of the first k{mark('ensemble')}", "network k alone", "── their mean"] if en
                else [f"앞의 k개 앙상블{mark('ensemble')}", "k번째 신경망 하나", "── 평균"])
    if lab == "random_search":
        return (["round 1", "round 2", "stopped early", "(left: y = weight decay)"] if en
                else ["1차", "2차", "조기 중단", "(왼쪽: y = 가중치 감소)"])
    raise AssertionError(f"no labels listed for lab {lab}")


def _with_learner(result, every: bool):
    """``result`` as if the learner's code had run every part that has an exercise (or every other one)."""
    pieces = [name for name, part in result.parts.items() if part.exercise]
    mine = pieces if every else pieces[::2]
    return dataclasses.replace(result, used={**result.used, **{name: "learner" for name in mine}})


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _all_optimizers(lab_id):
    """optimizer labs with all six optimizers (the longest keys); the other labs as they are."""
    if lab_id in ("optimizer_paths", "optimizer_compare"):
        return run_lab(lab_id, use_learner=False, params={"optimizers": list(OPTIMIZERS)})
    return reference_result(lab_id)


@pytest.mark.parametrize("every", [True, False], ids=["all-learner", "mixed"])
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width", [76, 80])
@pytest.mark.parametrize("lab_id", list(LABS))
def test_every_series_label_is_shown_whole(lab_id, width, lang, every):
    for base in {id(r): r for r in (reference_result(lab_id), _all_optimizers(lab_id))}.values():
        result = _with_learner(base, every)
        text = render(result, width=width, height=24, lang=lang)
        lines = text.splitlines()
        assert len(lines) <= 24
        flat = _flat(text)
        missing = [label for label in _labels(result, lang) if _flat(label) not in flat]
        assert not missing, f"{lab_id} at {width} columns in {lang} lost {missing}:\n{text}"


def test_the_walkthroughs_cut_legend_is_whole():
    """optimizer_compare in Korean at 76 columns with the learner's Adam ended its key at "x Adam (내 "."""
    result = dataclasses.replace(reference_result("optimizer_compare"),
                                 used={**reference_result("optimizer_compare").used, "adam": "learner"})
    text = render(result, width=76, height=24, lang="ko")
    assert "Adam (내 코드) lr=" in _flat(text)


def test_a_key_wraps_between_items_and_never_past_the_width():
    from tutor.labs.plotting import cells, key_lines, marked

    items = [*marked(["Momentum (내 코드) lr=0.01", "AdaGrad (내 코드) lr=1.5", "Nesterov (내 코드) lr=0.1"]),
             "(x: 에폭, y: 훈련 정확도, 아주 긴 설명이 붙은 항목 하나가 한 줄보다 길어도 잘리지 않아야 합니다)"]
    for width in (40, 76, 80):
        lines = key_lines(items, width)
        assert all(cells(line) <= width for line in lines), lines
        assert all(_flat(item) in _flat(" ".join(lines)) for item in items)
    assert key_lines(marked(["SGD", "Adam"]), 80) == ["* SGD   o Adam"]
    assert key_lines([], 80) == []


# What a Korean progress line may say verbatim: names, as the learner reads them in the book and in their
# own code (optimizers, initialisers, BN, and the functions and classes the exercises define).
NAMES = {*OPTIMIZERS.values(), "Xavier", "He", "BN"}
HANGUL = re.compile(r"[가-힣]")


def _progress_labels(lab_id: str, lang: str) -> list[str]:
    labels: list[str] = []
    run_lab(lab_id, use_learner=False, lang=lang, progress=lambda fraction, label: labels.append(label))
    return labels


@pytest.mark.parametrize("lab_id", list(LABS))
def test_progress_labels_are_korean_but_for_names(lab_id):
    names = NAMES | {w for part in LABS[lab_id].parts(LABS[lab_id].defaults) for w in part.what.split("/") if w}
    labels = _progress_labels(lab_id, "ko")
    assert labels and labels[-1] == "완료"
    english = []
    for label in set(labels):
        rest = re.sub(r"[A-Za-z_]\w*", lambda m: "" if m.group() in names else m.group(), label)
        if re.search(r"[A-Za-z]", rest):
            english.append(label)
    assert not english, f"{lab_id}: English left in Korean progress labels: {sorted(english)}"


@pytest.mark.parametrize("lab_id", list(LABS))
def test_progress_labels_in_english_have_no_korean(lab_id):
    labels = _progress_labels(lab_id, "en")
    assert labels[-1] == "done" and not [label for label in labels if HANGUL.search(label)]
