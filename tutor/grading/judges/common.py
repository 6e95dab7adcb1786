"""Helpers the judges share: comparing plain outputs, saying where they first differ, matching variants."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tutor.text import Text
from tutor.grading import variants as known
from tutor.grading.probe_api import TODO
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
            return T(f"{where or 'the result'} should be a number, got {kind(got)}", f"{where or '결과'}는 숫자여야 하는데 {kind(got, 'ko')}입니다")
        if np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
            return None
        return T(f"{where or 'the result'}: expected {num(want)}, got {num(got)}", f"{where or '결과'}: 기대값 {num(want)}, 실제값 {num(got)}")
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return T(
                f"{where or 'the result'} should be a tuple of {len(want)}, got {kind(got)}",
                f"{where or '결과'}는 값 {len(want)}개의 튜플이어야 하는데 {kind(got, 'ko')}입니다",
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
                f"{where or '결과'}는 키가 {sorted(want)}인 딕셔너리여야 하는데 {keys if keys is not None else kind(got, 'ko')}입니다",
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
        return got, T(f"{where or 'the result'} should be an array of shape {want.shape}, got {kind(got)}", f"{where or '결과'}는 형상이 {want.shape}인 배열이어야 하는데 {kind(got, 'ko')}입니다")
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


NEAR = 1e-3  # a value outside the accepted band but this close (relative) is a "near miss"


def near_miss(got: object, want: object) -> bool:
    """True if `got` has `want`'s shape and differs from it only slightly (at most NEAR relative, about the
    effect of a different ε or of float32): the message should then say what usually causes that."""
    if not isinstance(want, np.ndarray) or not isinstance(got, np.ndarray) or got.shape != want.shape:
        return False
    if not (np.all(np.isfinite(got)) and np.all(np.isfinite(want))):
        return False
    scale = max(float(np.max(np.abs(want))), 1e-12) if want.size else 1.0
    return bool(np.all(np.abs(got - want) <= NEAR * np.maximum(np.abs(want), 1e-3 * scale)))


def with_note(message: Text, note: Text) -> Text:
    """`message`, then `note` as a sentence of its own (a note ends without a full stop: callers go on)."""
    return T(f"{message.en}. {note.en}", f"{message.ko}. {note.ko}")


def kind(value: object, lang: str = "en") -> str:
    """A short description of a returned value for messages, e.g. "None (a missing `return`?)"."""
    ko = lang == "ko"
    if value is None:
        return "None(`return`을 빠뜨렸나요?)" if ko else "None (a missing `return`?)"
    if isinstance(value, np.ndarray):
        return f"형상이 {value.shape}인 배열" if ko else f"an array of shape {value.shape}"
    if isinstance(value, float):
        return f"숫자 {num(value)}" if ko else f"the number {num(value)}"
    if isinstance(value, list):
        return f"값 {len(value)}개의 시퀀스" if ko else f"a sequence of {len(value)}"
    if isinstance(value, dict):
        return "딕셔너리" if ko else "a dict"
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


# -- what came back, against what was asked ---------------------------------------------------------------
#
# The probe runs in the child, next to the learner's code, which can reach every object there (the case
# it is handed included). So before any judge looks at a value, the parent checks the whole shape of the
# outputs against the request it made and still holds: one record per case or call, every scripted step
# answered (or an error at that step), the right keys, the right types and dtypes. A result shortened,
# padded or reshaped on the way is a fail that says what was missing, never a pass by omission.
#
# A spec is a dict (exactly these keys), a list (exactly these items) or an object with
# `problem(value, where) -> (en, ko) | None`. `where` is a Where: the path in both languages.

Problem = tuple[str, str] | None


@dataclass(frozen=True)
class Where:
    """A place in the outputs, said in English and Korean ("case 2, step 1" / "사례 2, 단계 1"); `key` is the
    last key passed, which names the items of a list under it (cases → "case 2")."""

    en: str = ""
    ko: str = ""
    key: str = ""

    def item(self, key: str | int) -> "Where":
        if isinstance(key, int):
            en, ko = _NOUNS.get(self.key, ("item", "항목"))
            return self.then(f"{en} {key + 1}", f"{ko} {key + 1}")
        return Where(self.en, self.ko, key) if key in _NOUNS else self.then(key, key)

    def then(self, en: str, ko: str) -> "Where":
        return Where(f"{self.en}, {en}" if self.en else en, f"{self.ko}, {ko}" if self.ko else ko)

    def name(self) -> tuple[str, str]:
        return (self.en or "the results", self.ko or "결과")


_NOUNS = {"cases": ("case", "사례"), "calls": ("call", "호출"), "steps": ("step", "단계"), "outputs": ("call", "호출")}


def _type(where: Where, expected: tuple[str, str], value: object) -> Problem:
    got = type(value).__name__
    en, ko = where.name()
    return f"{en} should be {expected[0]}, got {got}", f"{ko}은(는) {expected[1]}이어야 하는데 {got}입니다"


def _dtype(where: Where, value: np.ndarray) -> Problem:
    en, ko = where.name()
    return (
        f"{en} should be a float64 array, got dtype {value.dtype} with shape {value.shape}",
        f"{ko}은(는) float64 배열이어야 하는데 dtype {value.dtype}, 형상 {value.shape}입니다",
    )


def _array(value: np.ndarray, where: Where) -> Problem:
    return None if value.dtype == np.float64 and value.ndim >= 1 else _dtype(where, value)


class Plain:
    """A learner's value as the probes send it: None, a float, a str marker, a float64 array, or lists and
    dicts of those. What it should be is the judge's business; here only that it is one of these."""

    def problem(self, value: object, where: Where) -> Problem:
        if value is None or isinstance(value, (float, str)):
            return None
        if isinstance(value, np.ndarray):
            return _array(value, where)
        if isinstance(value, list):
            return next((p for i, v in enumerate(value) if (p := self.problem(v, where.then(f"[{i}]", f"[{i}]")))), None)
        if isinstance(value, dict):
            return next((p for k, v in value.items() if (p := self.problem(v, where.then(f"['{k}']", f"['{k}']")))), None)
        return _type(where, ("a value", "값"), value)


class Snapshot:
    """What the optimizer probe saw in params[key]: a float64 array of any shape, or a marker "<type>"."""

    def problem(self, value: object, where: Where) -> Problem:
        if isinstance(value, str):
            return None
        return _array(value, where) if isinstance(value, np.ndarray) else _type(where, ("an array", "배열"), value)


class Of:
    """A value of one of the given Python types (a bool is not an int here)."""

    def __init__(self, *types: type):
        self.types = types

    def problem(self, value: object, where: Where) -> Problem:
        ok = isinstance(value, self.types) and not (isinstance(value, bool) and bool not in self.types)
        names = "/".join(t.__name__ for t in self.types)
        return None if ok else _type(where, (names, names), value)


class Names:
    """A list of distinct names, each one of `allowed` (e.g. which params were rebound)."""

    def __init__(self, allowed):
        self.allowed = tuple(allowed)

    def problem(self, value: object, where: Where) -> Problem:
        ok = (
            isinstance(value, list)
            and all(type(v) in (int, str) and v in self.allowed for v in value)  # not an array, a bool, 1.0
            and len(set(value)) == len(value)
        )
        listed = f"{list(self.allowed)}"
        return None if ok else _type(where, (f"a list from {listed}", f"{listed} 중의 목록"), value)


class Progress:
    """A scripted run: {"error", "step", <key>: one entry per step done}. Without an error every step the
    grader asked for must be there; with one, exactly the steps before the one that failed (step 0 is the
    constructor). `items` are the specs of the steps asked for."""

    def __init__(self, key: str, items: list):
        self.key, self.items = key, items

    def problem(self, value: object, where: Where) -> Problem:
        found = check_outputs({"error": Of(str, type(None)), "step": Of(int), self.key: Of(list)}, value, where)
        if found:
            return found
        done, asked, step = value[self.key], len(self.items), value["step"]
        if value["error"] is None:
            ok = step == 0 and len(done) == asked
        else:
            ok = 0 <= step <= asked and len(done) == max(step - 1, 0)
        if not ok:
            en, ko = where.name()
            noun_en, noun_ko = _NOUNS[self.key]
            error_en = "" if value["error"] is None else f" and an error at {noun_en} {step}"
            error_ko = "" if value["error"] is None else f", {noun_ko} {step}에서 오류"
            return (
                f"{en} answered {len(done)} of the {asked} {noun_en}s the grader asked for{error_en}",
                f"{ko}: {noun_ko} {asked}개를 요청했는데 {len(done)}개만 답함{error_ko}",
            ) if len(done) < asked else (
                f"{en} answered {len(done)} {noun_en}s, but the grader asked for {asked}{error_en}",
                f"{ko}: {noun_ko} {asked}개를 요청했는데 {len(done)}개를 답함{error_ko}",
            )
        steps = Where(where.en, where.ko, self.key)
        return next((p for i, (spec, v) in enumerate(zip(self.items, done)) if (p := check_outputs(spec, v, steps.item(i)))), None)


def check_outputs(spec: object, value: object, where: Where | None = None) -> Problem:
    """None if `value` has exactly the shape `spec` describes; else (en, ko) saying what is missing or extra."""
    where = where if where is not None else Where()
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return _type(where, ("a record", "레코드"), value)
        missing = [k for k in spec if k not in value]
        extra = [k for k in value if k not in spec]
        if missing or extra:
            en, ko = where.name()
            parts_en = ([f"{missing} missing"] if missing else []) + ([f"{extra} not asked for"] if extra else [])
            parts_ko = ([f"{missing} 빠짐"] if missing else []) + ([f"요청하지 않은 {extra}"] if extra else [])
            return f"{en}: {', '.join(parts_en)}", f"{ko}: {', '.join(parts_ko)}"
        return next((p for k in spec if (p := check_outputs(spec[k], value[k], where.item(k)))), None)
    if isinstance(spec, list):
        if not isinstance(value, list):
            return _type(where, (f"a list of {len(spec)}", f"{len(spec)}개짜리 목록"), value)
        if len(value) != len(spec):
            en, ko = where.name()
            noun_en, noun_ko = _NOUNS.get(where.key, ("item", "항목"))
            return (
                f"{en}: the grader asked for {len(spec)} {noun_en}s and {len(value)} came back",
                f"{ko}: {noun_ko} {len(spec)}개를 요청했는데 {len(value)}개가 돌아옴",
            )
        return next((p for i, (s, v) in enumerate(zip(spec, value)) if (p := check_outputs(s, v, where.item(i)))), None)
    return spec.problem(value, where)


_ERROR = Of(str, type(None))


def expected_outputs(probe: str, args: dict) -> object:
    """The exact shape of what `probe` returns for `args`, derived from the request the parent holds."""
    name = probe.rpartition(":")[2]
    if name == "optimizer":
        return {
            "cases": [
                Progress(
                    "steps",
                    [
                        {"params": {k: Snapshot() for k in case["params"]}, "rebound": Names(case["params"]), "grads_changed": Names(g)}
                        for g in case["grads"]
                    ],
                )
                for case in args["cases"]
            ]
        }
    if name == "layer":
        return {"cases": [Progress("outputs", [Plain() for _ in case["steps"]]) for case in args["cases"]]}
    if name == "calls":
        return {
            "calls": [
                {"value": Plain(), "error": _ERROR, "changed_inputs": Of(bool), "returned_input": Names(range(len(call["args"])))}
                for call in args["calls"]
            ]
        }
    if name == "ensemble":
        return {"cases": [{"value": Plain(), "error": _ERROR, "counts": [Of(int) for _ in case["weights"]]} for case in args["cases"]]}
    raise KeyError(f"no output spec for probe {probe}")


def outputs_problem(probe: str, args: dict, outputs: object) -> Text | None:
    """None if the outputs answer exactly what was asked; else a message for the learner (en/ko)."""
    found = check_outputs(expected_outputs(probe, args), outputs)
    if found is None:
        return None
    en, ko = found
    return T(
        f"the results that came back do not answer what the grader asked: {en}. Nothing was compared: "
        "did your code change the inputs it was handed?",
        f"돌아온 결과가 채점기가 요청한 것과 맞지 않습니다: {ko}. 아무것도 비교하지 않았습니다. "
        "코드가 전달받은 입력을 바꾸지 않았나요?",
    )


def _stops(outputs: object) -> list[tuple[object, object]]:
    """(error, step) of every record in a probe's outputs (a case or a call), in order."""
    found: list[tuple[object, object]] = []

    def walk(x: object) -> None:
        if isinstance(x, dict):
            if "error" in x:
                found.append((x["error"], x.get("step")))
            else:
                for v in x.values():
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(outputs)
    return found


def stopped_at_todo(outputs: object) -> bool:
    """True if every record stopped at a NotImplementedError: the cheap test before comparing with the stub."""
    stops = _stops(outputs)
    return bool(stops) and all(isinstance(error, str) and error.endswith(TODO) for error, _ in stops)


def todo_only(outputs: object, stub_outputs: object) -> bool:
    """True if the learner's code got no further than the untouched stub: every record (case or call)
    stopped at a NotImplementedError (what the stubs' TODOs raise) at the same step as the stub's. What the
    stub itself runs (batchnorm_backward's given forward) does not count as started; anything more does."""
    mine, stub = _stops(outputs), _stops(stub_outputs)
    if not stub:  # the stub could not be run: the TODOs alone decide
        return stopped_at_todo(outputs)
    return stopped_at_todo(outputs) and len(mine) == len(stub) and all(step == at for (_, step), (_, at) in zip(mine, stub))
