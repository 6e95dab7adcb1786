"""Runs a lab: each part with the learner's passing code in the sandbox, or with the reference engine.

Learner code never runs in this process. A part whose exercise the learner has passed goes to
`tutor.grading.sandbox.run_probe` (the child imports the learner's file and calls
`tutor.labs.probes:run_part`); if that fails or times out, the reference engine computes the part and a
note says why. Probes run in background threads (each waits on its own child process) while the
reference parts compute here, so a lab costs about one child start-up more than the reference alone.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import numpy as np

from tutor.text import Text
from tutor.labs._blas import one_blas_thread
from tutor.labs.base import YOURS, LabResult, Part, ReferenceImpl, no_progress, said
from tutor.labs.registry import LABS

PROBE = "tutor.labs.probes:run_part"
PROBE_TIME_LIMIT = 20.0  # seconds per part; a correct solution needs well under one


def get_lab(lab_id: str):
    try:
        return LABS[lab_id]
    except KeyError:
        raise ValueError(f"unknown lab {lab_id!r}; labs: {', '.join(LABS)}") from None


def run_lab(lab_id: str, *, seed: int = 0, home: Path | None = None, use_learner: bool = True,
            params: dict[str, Any] | None = None,
            progress: Callable[[float, str], None] | None = None, lang: str = "en") -> LabResult:
    """Compute lab ``lab_id``; see `tutor.labs` for the contract. Raises ValueError on a bad id or params."""
    started = time.perf_counter()
    lab = get_lab(lab_id)
    params = lab.resolve(params)
    parts = lab.parts(params)
    report = progress or no_progress
    notes: list[Text] = []
    sources = _learner_sources(parts, home, notes) if use_learner else {}

    data: dict[str, dict[str, Any]] = {}
    used: dict[str, str] = {}
    total = sum(p.weight for p in parts) or 1.0
    done = 0.0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for stage in ([p for p in parts if not p.needs], [p for p in parts if p.needs]):
            futures = {
                p.name: pool.submit(_probe, lab_id, p, seed, params, _inputs(p, data), sources[p.exercise])
                for p in stage if p.exercise in sources
            }
            for p in stage:
                if p.name not in futures:
                    data[p.name] = _reference(p, seed, params, data, report, done / total, p.weight / total,
                                              lang)
                    used[p.name] = "reference"
                    done += p.weight
            for name, future in futures.items():
                p = next(q for q in stage if q.name == name)
                report(done / total, p.what + YOURS.get(lang))
                outcome = future.result()
                if outcome.status == "ok":
                    data[name] = {k: _array(v) for k, v in outcome.outputs.items()}
                    used[name] = "learner"
                else:
                    notes.append(_fallback_note(p, outcome.status, outcome.message))
                    data[name] = _reference(p, seed, params, data, report, done / total, p.weight / total,
                                            lang)
                    used[name] = "reference"
                done += p.weight
    report(1.0, "완료" if lang == "ko" else "done")

    result = LabResult(lab=lab_id, seed=seed, params=params, data={p.name: data[p.name] for p in parts},
                       used=used, parts={p.name: p for p in parts})
    result.notes = [*_implementation_notes(result, parts, use_learner), *notes, *lab.findings(result)]
    result.seconds = time.perf_counter() - started
    return result


def _reference(part: Part, seed, params, data, report, start: float, share: float,
               lang: str) -> dict[str, Any]:
    def inner(fraction: float, label: Text | str) -> None:
        report(start + share * min(max(fraction, 0.0), 1.0), said(label, lang))

    inner(0.0, part.label or part.what or part.name)
    with one_blas_thread():
        return part.compute(ReferenceImpl(seed), seed=seed, params=params, inputs=_inputs(part, data),
                            progress=inner)


def _inputs(part: Part, data) -> dict[str, dict[str, Any]]:
    return {name: data[name] for name in part.needs}


def _array(value):
    return np.asarray(value) if isinstance(value, (list, tuple)) else value


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


class _Failed:
    """A probe that could not even start (no sandbox yet, a file that vanished): treated like an error."""

    outputs: dict = {}

    def __init__(self, message: str):
        self.status, self.message = "error", message


def _probe(lab_id: str, part: Part, seed: int, params, inputs, learner_file: Path):
    try:
        from tutor.grading.sandbox import run_probe
    except ImportError:
        return _Failed("the sandbox is not available")
    args = {"lab": lab_id, "part": part.name, "seed": seed,
            "params": json.dumps(_jsonable(params)), "inputs": json.dumps(_jsonable(inputs))}
    try:
        return run_probe(learner_file, PROBE, args, time_limit=PROBE_TIME_LIMIT)
    except Exception as exc:  # a sandbox failure must not take the lab down: the reference steps in
        return _Failed(f"{exc.__class__.__name__}: {exc}")


def _learner_sources(parts: list[Part], home, notes: list[Text]) -> dict[str, Path]:
    """exercise id → the learner's file, for the parts' exercises the learner has passed."""
    wanted = sorted({p.exercise for p in parts if p.exercise})
    if not wanted:
        return {}
    try:
        from tutor.progress import Store

        with Store.open(home, read_only=True) as store:
            passed = [e for e in wanted if store.exercise_status(e) == "passed"]
    except Exception as exc:  # no progress yet, or it cannot be read: the lab still runs
        notes.append(Text(
            en=f"Could not read your progress ({exc.__class__.__name__}); the reference engine was used.",
            ko=f"진행 기록을 읽지 못해({exc.__class__.__name__}) 참조 구현을 사용했습니다.",
        ))
        return {}
    from tutor.workspace import learner_file

    sources = {}
    for exercise in passed:
        try:
            sources[exercise] = Path(learner_file(exercise, home))
        except (KeyError, OSError):  # an exercise no longer shipped, an unreadable workspace: reference
            continue
    return sources


def _fallback_note(part: Part, status: str, message: str) -> Text:
    what = part.what or part.name
    why = {"timeout": "took too long", "memory": "used too much memory", "crash": "crashed"}.get(status, "failed")
    why_ko = {"timeout": "시간이 너무 오래 걸려", "memory": "메모리를 너무 많이 써서",
              "crash": "비정상 종료되어"}.get(status, "오류가 나서")
    detail = f": {message}" if message else ""
    return Text(
        en=f"Your {what} {why} in this lab{detail}. The reference {what} was used instead.",
        ko=f"내 {what} 코드가 이 실험에서 {why_ko}{detail} 참조 구현을 대신 사용했습니다.",
    )


def _implementation_notes(result: LabResult, parts: list[Part], use_learner: bool) -> list[Text]:
    pieces = [p for p in parts if p.exercise]
    if not pieces:
        return []
    mine = sorted({p.what for p in pieces if result.used[p.name] == "learner"})
    theirs = sorted({p.what for p in pieces if result.used[p.name] == "reference"} - set(mine))
    notes = []
    if mine:
        notes.append(Text(en=f"Your code ran here, in the sandbox: {', '.join(mine)}.",
                          ko=f"여기서 내 코드가 샌드박스에서 실행되었습니다: {', '.join(mine)}."))
    if theirs and use_learner:
        notes.append(Text(
            en=f"Reference engine: {', '.join(theirs)} (pass those exercises to see your own code here).",
            ko=f"참조 구현: {', '.join(theirs)} (해당 실습을 통과하면 여기서 내 코드가 쓰입니다).",
        ))
    elif theirs:
        notes.append(Text(en=f"Reference engine, as asked: {', '.join(theirs)}.",
                          ko=f"요청대로 참조 구현을 사용했습니다: {', '.join(theirs)}."))
    return notes
