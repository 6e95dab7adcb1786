"""`grade(exercise_id, file=None, home=None)`: check the learner's file, run its probe, judge, report.

File problems (missing, empty, not UTF-8, too large) and sandbox problems (syntax error, missing class,
timeout, memory, crash) give status "error" with a one-line message; otherwise the judge's outcomes become
the Exercism-style tests, and its diagnosis names any known mistake.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import logging
import os
import tomllib
from pathlib import Path
from types import ModuleType

import numpy as np

from tutor import paths, workspace
from tutor.text import Text
from tutor.grading import judges, probes
from tutor.grading.judges import common
from tutor.grading.probe_api import TODO
from tutor.grading.results import Result, T, TestResult, ko_error
from tutor.grading import sandbox

MAX_FILE_BYTES = 1 << 20


def _file_problem(path: Path, exercise_id: str, in_workspace: bool) -> Text | None:
    if not path.exists():
        if not in_workspace:  # a file named with --file: `tutor path` would not make it
            return T(f"there is no file at {path}", f"{path}에 파일이 없습니다")
        return T(
            f"there is no file at {path} (`tutor path {exercise_id}` creates it from the stub)",
            f"{path}에 파일이 없습니다(`tutor path {exercise_id}`로 스텁에서 만들 수 있습니다)",
        )
    if not path.is_file():
        return T(f"{path} is not a file", f"{path}은(는) 파일이 아닙니다")
    try:
        data = path.read_bytes()
    except OSError as exc:  # e.g. no permission: a verdict like any other file problem, not a traceback
        return T(f"cannot read {path}: {exc.strerror or exc}", f"{path}을(를) 읽을 수 없습니다: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return T(f"{path} is larger than 1 MiB; is it the right file?", f"{path}이(가) 1 MiB보다 큽니다. 올바른 파일인가요?")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return T(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8",
            f"{path}이(가) UTF-8 텍스트가 아닙니다({exc.start}번째 바이트). UTF-8로 저장하세요",
        )
    if not text.strip():
        return T(
            f"{path} is empty: write your code there (`tutor reset {exercise_id}` brings the stub back)",
            f"{path}이(가) 비어 있습니다. 코드를 작성하세요(`tutor reset {exercise_id}`로 스텁을 되돌릴 수 있습니다)",
        )
    return None


def _error(exercise_id: str, message: Text, output: str = "", seed: int | None = None) -> Result:
    return Result(exercise=exercise_id, status="error", message=message, output=output, seed=seed)


def grade(
    exercise_id: str,
    file: Path | str | None = None,
    home: Path | None = None,
    *,
    seed: int | None = None,
    child: sandbox.Child | None = None,
) -> Result:
    """Grade `file` (default: the learner's workspace file) as exercise `exercise_id`.

    KeyError for an unknown exercise id. `seed` makes the random inputs reproducible; `child` is a
    sandbox child started earlier (`sandbox.spawn()`), used or discarded here.
    """
    judge = judges.judge_for(exercise_id)
    path = Path(file) if file is not None else workspace.learner_file(exercise_id, home)
    problem = _file_problem(path, exercise_id, in_workspace=file is None)
    if problem:
        if child is not None:
            child.discard()
        return _error(exercise_id, problem)
    seed = int.from_bytes(os.urandom(4), "big") if seed is None else seed  # not `secrets`: hashlib's start-up
    args = judge.build(judges.Draws(seed))
    probe = sandbox.run_probe(path, judge.probe, args, time_limit=judge.time_limit, child=child)
    if probe.status != "ok":
        result = _error(exercise_id, T(probe.message, probe.message_ko or _korean_sandbox_message(probe.message)), probe.stdout, seed)
        result.started = not (probe.status == "error" and probe.message.endswith(TODO))
        return result
    names = _check_names(exercise_id, judge.checks)
    problem = common.outputs_problem(judge.probe, args, probe.outputs)
    if problem is not None:  # shortened, padded or reshaped on the way: fail every check, judge nothing
        tests = [TestResult(names[key], "fail", problem) for key in judge.checks]
        return Result(exercise_id, "fail", problem, _with_output(tests, probe.stdout), [], probe.stdout, seed, probe.seconds)
    try:
        verdict = judge.judge(args, probe.outputs)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        logging.getLogger(__name__).exception("could not judge the outputs of %s for %s", path, exercise_id)
        return _error(
            exercise_id,
            T("the results that came back from your code are malformed", "코드에서 돌아온 결과의 형식이 올바르지 않습니다"),
            probe.stdout,
            seed,
        )
    tests = [TestResult(name=names[key], status=o.status, message=o.message) for key, o in verdict.outcomes_in(judge.checks)]
    # not started: the learner's code got no further than the untouched stub (the stub runs only if it may be)
    started = not (common.stopped_at_todo(probe.outputs) and common.todo_only(probe.outputs, _stub_outputs(exercise_id, judge, args)))
    if not started:  # a stub never earns credit, whatever a judge made of its errors
        tests = [t if t.status == "error" else TestResult(t.name, "error", NOT_STARTED) for t in tests]
    status = "pass" if all(t.status == "pass" for t in tests) else "fail"
    message = (verdict.summary if started else NOT_STARTED) if status == "fail" else None
    return Result(
        exercise_id, status, message, _with_output(tests, probe.stdout), verdict.diagnosis if started else [],
        probe.stdout, seed, probe.seconds, started=started,
    )


def _stub_outputs(exercise_id: str, judge, args: dict) -> dict:
    """What the untouched stub gives on these inputs: the course's own file, run here like a variant."""
    function = getattr(probes, judge.probe.rpartition(":")[2])
    try:
        stub = _stub(exercise_id)
    except OSError:  # no course files here: judge by the TODOs alone
        logging.getLogger(__name__).warning("cannot read the stub of %s", exercise_id)
        return {}
    with np.errstate(all="ignore"):
        return function(stub, **copy.deepcopy(args))


@functools.lru_cache(maxsize=None)
def _stub(exercise_id: str) -> ModuleType:
    path = paths.exercises_dir() / exercise_id / "stub.py"
    spec = importlib.util.spec_from_file_location(f"tutor_stub_{exercise_id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NOT_STARTED = T(
    "not started: your code still raises NotImplementedError where the stub says TODO",
    "아직 시작하지 않음: 코드가 스텁의 TODO 자리에서 여전히 NotImplementedError를 냅니다",
)


def _with_output(tests: list[TestResult], stdout: str) -> list[TestResult]:
    """What the learner's code printed goes with the first check that did not pass (Exercism's `output`)."""
    if stdout and tests:
        at = next((i for i, t in enumerate(tests) if t.status != "pass"), 0)
        tests[at] = TestResult(tests[at].name, tests[at].status, tests[at].message, stdout)
    return tests


def _check_names(exercise_id: str, keys: tuple[str, ...]) -> dict[str, Text]:
    """The checks' names from the exercise's meta.toml (same order as the judge's keys)."""
    # Only this exercise's meta.toml: loading the whole course would double the time of a check.
    try:
        meta = tomllib.loads((paths.exercises_dir() / exercise_id / "meta.toml").read_text(encoding="utf-8"))
        checks = tuple(Text(c["en"], c["ko"]) for c in meta.get("checks", []))
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError):
        checks = ()
    if len(checks) != len(keys):
        return {key: Text(key.replace("_", " "), key.replace("_", " ")) for key in keys}
    return dict(zip(keys, checks))


def _korean_sandbox_message(message: str) -> str:
    """Korean for the child's own error text (the sandbox's own messages come with `message_ko`)."""
    if message.startswith("syntax error on line"):
        return message.replace("syntax error on line", "문법 오류, 줄", 1)
    if message.startswith("your file defines no"):
        name = message.split("`")[1]
        return f"파일에 `{name}`이(가) 정의되어 있지 않습니다(이름은 대소문자를 구분합니다)"
    if message.startswith("your code called sys.exit"):
        return "코드가 sys.exit()를 호출했습니다. 채점기는 프로그램을 끝내는 대신 값을 돌려받아야 합니다"
    return ko_error(message)
