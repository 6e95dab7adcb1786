"""`tutor check [ID ...|--all] [--file PATH] [--json] [--no-record]`: grade exercises and say what is wrong.

Exit status 0 when every exercise passes, 1 when any fails or errors, 2 for usage errors (unknown id,
--file with other than one id). Several exercises are graded concurrently (each in its own sandboxed
child). Each result is recorded in the progress store unless --no-record; a file that is still the stub
("not started": the code gets no further than the stub's TODOs, `"started": false` in the JSON) is
shown as one quiet line and never recorded.

--json prints Exercism's results.json (version 2, plus `diagnosis`) for one exercise; for several,
{"version": 2, "status": ..., "results": [one results.json per exercise]}.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
from pathlib import Path

from tutor.commands import in_language, language, say
from tutor.safetext import safe_text
from tutor.cli import UsageError

MARK = {"pass": "✓", "fail": "✗", "error": "✗"}  # "·" marks an exercise not started


def _exercise_ids(args) -> list[str]:
    from tutor.grading.judges import EXERCISES

    if args.all and args.ids:
        raise UsageError("ids_or_all")
    if args.file and len(args.ids) != 1:  # also --all: one file cannot be every exercise
        raise UsageError("file_one_id")
    if args.all:
        return list(EXERCISES)
    if not args.ids:
        raise UsageError("name_an_exercise")
    unknown = [e for e in args.ids if e not in EXERCISES]
    if unknown:
        raise UsageError("unknown_id", id=unknown[0])
    return list(dict.fromkeys(args.ids))


def check(args) -> int:
    from tutor.grading import sandbox  # imports no NumPy

    # The grader's arrays are tiny: one BLAS thread, as in the child, so NumPy's start-up here does not
    # spin the second core that the child needs for its own start-up (set before NumPy is first imported).
    for name, value in sandbox._THREADS_ONE.items():
        os.environ.setdefault(name, value)
    # The child `tutor.cli` started before parsing (or one started now): its Python and NumPy start-up
    # overlaps everything below.
    first = _spawn(sandbox)
    try:
        ids = _exercise_ids(args)
    except UsageError:
        _discard(first)
        raise
    file = Path(args.file).expanduser() if args.file else None

    if getattr(args, "strict", False) or sandbox.strict():  # the full OS boundary (or TUTOR_STRICT=1), or no grading
        problem = sandbox.boundary_problem()
        if problem:
            _discard(first)
            print(in_language(problem, language(args)), file=sys.stderr)
            return 2
        sandbox.STRICT = True

    workers = max(1, min(len(ids), (os.cpu_count() or 2) + 1))
    children = queue.SimpleQueue()
    children.put(first)
    for _ in range(workers - 1):
        children.put(_spawn(sandbox))

    from tutor.grading import grade

    lock = threading.Lock()
    taken = 0

    def one(exercise_id: str):
        nonlocal taken
        child = children.get()
        with lock:
            taken += 1
            warm_another = taken + children.qsize() < len(ids)
        if warm_another:  # the next task's child starts while this one is graded
            children.put(_spawn(sandbox))
        try:
            return grade(exercise_id, file=file, child=child)
        finally:
            if child is not None:
                child.asked.set()

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(one, e) for e in ids]
        # The store's imports and files while the first child runs the learner's code, not before: this
        # process's own work is what a check waits for, and the request goes out sooner without it.
        if first is not None:
            first.asked.wait()
        store, lang, problem = _open_store(args)
        results = [f.result() for f in futures]
    while not children.empty():
        _discard(children.get())
    lang, recorded = _record(store, args, results, lang, problem)

    if args.json:
        if len(results) == 1:
            payload = results[0].to_json(lang)
        else:
            overall = "pass" if all(r.passed for r in results) else "fail"
            payload = {"version": 2, "status": overall, "results": [r.to_json(lang) for r in results]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_human(results, lang, several=len(results) > 1)
    return 0 if recorded and all(r.passed for r in results) else 1  # an unrecorded result is never silent


def _spawn(sandbox):
    """A sandbox child started now, or None if no process can be had now: grading then tries again and
    its verdict says why."""
    try:
        return sandbox.spawn()
    except OSError:
        return None


def _discard(child) -> None:
    if child is not None:
        child.discard()


def _open_store(args):
    """(store or None, language, why the store could not open)."""
    from tutor.progress import Store, StoreError

    try:
        store = Store.open(read_only=bool(args.no_record))
    except (StoreError, OSError) as exc:
        return None, language(args), exc
    return store, language(args, store), None


def _record(store, args, results, lang, problem) -> tuple[str, bool]:
    """Record each result (unless --no-record); return the output language and whether all was recorded."""
    from tutor.grading.judges import judge_for
    from tutor.progress import StoreError

    if store is not None:
        try:
            with store:
                if not args.no_record:
                    for r in results:
                        if not r.started:  # an untouched stub is not a failed attempt: no review, no mastery change
                            continue
                        passed = sum(t.status == "pass" for t in r.tests)
                        store.record("check", r.exercise, judge_for(r.exercise).concept, r.status, passed=passed, total=len(r.tests))
        except (StoreError, OSError, ValueError) as exc:
            problem = exc
    if problem is not None and not args.no_record:
        from tutor.commands.progress import why_not_recorded

        print(say("check_not_recorded", lang, why=why_not_recorded(problem, lang)), file=sys.stderr)
        return lang, False
    return lang, True


def _print_human(results, lang: str, several: bool) -> None:
    for r in results:
        data = r.to_json(lang)
        if not r.started:  # one quiet line: the learner has not begun this one
            print(f"· {r.exercise} — {say('check_not_started', lang)}")
            if not several:
                print(f"  {say('check_next_start', lang, id=r.exercise)}")
            continue
        if r.status == "pass":
            print(f"✓ {r.exercise} — {say('check_passed', lang, n=len(r.tests))}")
            if not several:
                print(f"  {say('check_next_pass', lang, id=r.exercise)}")
            continue
        if r.status == "error":
            print(f"✗ {r.exercise} — {say('check_error', lang)}: {data['message']}")
        else:  # the verdict, then the diagnosis (what went wrong), the evidence, and every check
            bad = sum(t.status != "pass" for t in r.tests)
            print(f"✗ {r.exercise} — {say('check_failed', lang, k=bad, n=len(r.tests))}")
        for d in data["diagnosis"]:
            print(f"  {say('check_why', lang)}: {d['message'][lang]} ({say('check_see', lang, concept=d['concept'])})")
        if r.status != "error":
            print(f"  → {data['message']}")
            for t in data["tests"]:
                print(f"  {MARK[t['status']]} {t['name']}")
        if r.output.strip():
            lines = safe_text(r.output.strip()).splitlines()
            print(f"  {say('check_printed', lang)}")
            for line in lines[:5]:
                print(f"    {line[:200]}")
            if len(lines) > 5:
                print("    …")
        print(f"  {say('check_next', lang, id=r.exercise)}")
    if several:
        not_started = sum(not r.started for r in results)
        key = "check_summary_not_started" if not_started else "check_summary"
        print(say(key, lang, p=sum(r.passed for r in results), n=len(results), s=not_started))
