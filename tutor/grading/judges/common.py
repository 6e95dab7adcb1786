"""Helpers the judges share: comparing plain outputs, saying where they first differ, matching variants."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tutor.content import Text
from tutor.grading import variants as known
from tutor.grading.results import T, ko_error, num


def first_difference(got: object, want: object, rtol: float, atol: float, where: str = "") -> Text | None:
    """None if `got` matches `want` (plain data: floats, arrays, lists, dicts); else what differs first."""
    if isinstance(want, np.ndarray):
        got, problem = as_array(got, want, where)
        if problem:
            return problem
        return _first_bad(got, want, np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True), where)
    if isinstance(want, float):
        if isinstance(got, np.ndarray) and got.size == 1:
            got = float(got.ravel()[0])
        if not isinstance(got, float):
            return T(f"{where or 'the result'} should be a number, got {kind(got)}", f"{where or '결과'}는 숫자여야 하는데 {kind(got)}입니다")
        if np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
            return None
        return T(f"{where or 'the result'}: expected {num(want)}, got {num(got)}", f"{where or '결과'}: 기대값 {num(want)}, 실제값 {num(got)}")
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return T(
                f"{where or 'the result'} should be a tuple of {len(want)}, got {kind(got)}",
                f"{where or '결과'}는 값 {len(want)}개의 튜플이어야 하는데 {kind(got)}입니다",
            )
        for i, (g, w) in enumerate(zip(got, want)):
            found = first_difference(g, w, rtol, atol, f"{where}[{i}]" if where else f"item {i}")
            if found:
                return found
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict) or set(got) != set(want):
            keys = sorted(got) if isinstance(got, dict) else None
            return T(
                f"{where or 'the result'} should be a dict with keys {sorted(want)}, got {keys if keys is not None else kind(got)}",
                f"{where or '결과'}는 키가 {sorted(want)}인 딕셔너리여야 하는데 {keys if keys is not None else kind(got)}입니다",
            )
        for key in want:
            found = first_difference(got[key], want[key], rtol, atol, f"{where}['{key}']" if where else f"['{key}']")
            if found:
                return found
        return None
    return None if got == want else T(f"{where or 'the result'}: expected {want!r}, got {got!r}", f"{where or '결과'}: 기대값 {want!r}, 실제값 {got!r}")


def as_array(got: object, want: np.ndarray, where: str) -> tuple[np.ndarray, Text | None]:
    """`got` as an array shaped like `want`, or a message saying why it is not one."""
    if isinstance(got, float) and want.size == 1:
        got = np.array([got]).reshape(want.shape)
    if not isinstance(got, np.ndarray):
        return got, T(f"{where or 'the result'} should be an array of shape {want.shape}, got {kind(got)}", f"{where or '결과'}는 형상이 {want.shape}인 배열이어야 하는데 {kind(got)}입니다")
    if got.shape != want.shape:
        return got, T(f"{where or 'the result'} has shape {got.shape}, expected {want.shape}", f"{where or '결과'}의 형상이 {got.shape}입니다. 기대한 형상은 {want.shape}입니다")
    return got, None


def _first_bad(got: np.ndarray, want: np.ndarray, ok: np.ndarray, where: str) -> Text | None:
    if ok.all():
        return None
    index = np.unravel_index(int(np.argmin(ok.ravel())), got.shape)
    at = f"{where}[{', '.join(map(str, index))}]" if where else f"element [{', '.join(map(str, index))}]"
    return T(f"{at}: expected {num(want[index])}, got {num(got[index])}", f"{at}: 기대값 {num(want[index])}, 실제값 {num(got[index])}")


def first_outside(got: object, want: np.ndarray, low: np.ndarray, high: np.ndarray, where: str, rel: float = 1e-7, abs_: float = 1e-10) -> Text | None:
    """Like `first_difference`, but every value in [low, high] (widened by rel·|x| + abs_) is right.

    For quantities that equivalent formulations compute slightly differently (ε placed elsewhere): the band
    is spanned by the extreme formulations; `want` (the book's value) is what the message shows.
    """
    got, problem = as_array(got, want, where)
    if problem:
        return problem
    lo, hi = np.minimum(low, high), np.maximum(low, high)
    slack = rel * np.maximum(np.abs(lo), np.abs(hi)) + abs_
    return _first_bad(got, want, (got >= lo - slack) & (got <= hi + slack), where)  # NaN is never inside


def kind(value: object) -> str:
    """A short description of a returned value for messages, e.g. "None (a missing `return`?)"."""
    if value is None:
        return "None (a missing `return`?)"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, float):
        return f"the number {num(value)}"
    if isinstance(value, list):
        return f"a sequence of {len(value)}"
    if isinstance(value, dict):
        return "a dict"
    return str(value)


def same(a: object, b: object, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    return first_difference(a, b, rtol, atol) is None


def error_text(error: str, during_en: str, during_ko: str) -> Text:
    return T(f"{during_en}: {error}", f"{during_ko}: {ko_error(error)}")


def quietly(call: Callable[[], object]) -> object:
    """Run our own (variant or reference) code on the learner's inputs without NumPy's warnings."""
    with np.errstate(all="ignore"):
        return call()


def run_variants(exercise: str, outputs_of: Callable, mine: object, reference: object, match: Callable[[object, object], bool]) -> list:
    """Diagnoses of the "run" variants whose outputs on the same inputs match the learner's."""
    found = []
    for variant in known.variants(exercise):
        if variant.match != "run":
            continue
        theirs = quietly(lambda: outputs_of(variant.module))
        if match(mine, theirs) and not match(reference, theirs):
            found.append(variant.diagnosis())
    return found
