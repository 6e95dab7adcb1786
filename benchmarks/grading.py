"""Grading speed, for the README's Performance section. Run: python benchmarks/grading.py

Prints, with every reference solution copied into a temporary workspace:
- `tutor check adam`: whole-process wall time (start Python, grade, record, print), median of 15 runs;
- `tutor check --all`: whole-process wall time for all 16 exercises, median of 5 runs;
- an Exercism-style check of the same Adam file (pytest running a test file with the expected values
  written in it, as Exercism's Python test runner does; plugins not loaded, so pytest at its fastest),
  alternated with `tutor check adam` so both meet the same load, and their ratio per pair;
- the sandbox's OS layers: what each costs to set up in a fresh child on this kernel (median of 7
  children), the parent's sweep for leftover processes, and a whole probe with and without the layers;
- per exercise, in one process: the time of `grade()`, how much of it is the sandboxed child (start-up,
  the learner's code, the pipe) and how much is the grader's own work (inputs, reference, judging).
Targets on a 2-core machine: one check ≤ 0.5 s and ≤ 0.6× the pytest check, all 16 ≤ 3 s.

First the tutor package and the course are compiled to bytecode, as `pip install` does: a source checkout
run with PYTHONDONTWRITEBYTECODE=1 (or freshly edited) would otherwise recompile every changed module on
every check, which no learner's installed tutor does.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wall(argv: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tutor", *argv], env=env, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"tutor {' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    return times


def exercism_style(workspace: Path) -> list[str]:
    """The command of an Exercism-style check: pytest on a test file with the expected values written in,
    importing the learner's adam.py (run in the folder this makes)."""
    import numpy as np

    from tutor.reference import Adam

    rng = np.random.default_rng(0)
    cases = []
    for shape, steps, lr in (((1,), 1, 0.001), ((3,), 5, 0.01), ((2, 3), 10, 0.1), ((4, 4), 3, 0.05)):
        w = rng.normal(size=shape)
        grads = [rng.normal(size=shape) for _ in range(steps)]
        params, ref = {"W": w.copy()}, Adam(lr=lr)
        for g in grads:
            ref.update(params, {"W": g.copy()})
        cases.append((w.tolist(), [g.tolist() for g in grads], lr, params["W"].tolist()))
    folder = workspace.parent / "exercism"
    folder.mkdir(exist_ok=True)
    shutil.copy(workspace / "adam.py", folder / "adam.py")
    tests = ["import numpy as np", "import pytest", "from adam import Adam", "", f"CASES = {cases!r}", ""]
    tests += [
        "@pytest.mark.parametrize('w, grads, lr, expected', CASES)",
        "def test_adam_steps(w, grads, lr, expected):",
        "    params, opt = {'W': np.array(w)}, Adam(lr=lr)",
        "    for g in grads:",
        "        opt.update(params, {'W': np.array(g)})",
        "    np.testing.assert_allclose(params['W'], expected, rtol=1e-7, atol=1e-10)",
        "",
    ]
    (folder / "adam_test.py").write_text("\n".join(tests))
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder / "adam_test.py")]


def paired(env: dict, pytest_argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """`tutor check adam` and the pytest check, alternated so both meet the same machine load."""
    tutor_times, pytest_times = [], []
    pytest_env = {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # bare pytest: the fastest it can be
    for _ in range(runs):
        tutor_times += wall(["check", "adam"], env, 1)
        started = time.perf_counter()
        done = subprocess.run(pytest_argv, cwd=Path(pytest_argv[-1]).parent, env=pytest_env, capture_output=True, text=True)
        pytest_times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"the Exercism-style check failed:\n{done.stdout}{done.stderr}")
    return tutor_times, pytest_times


LAYER_TIMER = """
import json, os, sys, time
import numpy as np
sys.path.insert(0, sys.argv[1])
from tutor.grading import isolation, sandbox
blocked = sandbox.blocked_roots()  # the parent's part: the child gets it in its request
t = [time.perf_counter()]
roots = isolation.read_roots(blocked, __file__)
t.append(time.perf_counter()); isolation.no_new_privs()
t.append(time.perf_counter()); isolation.landlock(roots)
t.append(time.perf_counter()); isolation.seccomp()
t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])] + [len(roots)]))
"""


def layer_costs(runs: int) -> None:
    from tutor.grading import isolation, sandbox

    if isolation.landlock_abi() < 1 or isolation.seccomp_supported():
        print("OS layers: not all available on this machine (see `tutor doctor`)")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(LAYER_TIMER)
    try:
        env = {**os.environ, **sandbox._THREADS_ONE}  # as the sandbox's child: one BLAS thread
        samples = [json.loads(subprocess.run([sys.executable, "-I", fh.name, str(ROOT)], capture_output=True, text=True, check=True, env=env).stdout) for _ in range(runs)]
    finally:
        os.unlink(fh.name)
    names = ("read_roots (what Landlock allows)", "no_new_privs", f"Landlock (ABI {isolation.landlock_abi()})", "seccomp filter")
    print(f"\nOS layers, set-up cost in a fresh child (median of {runs}; {int(samples[0][-1])} read-only roots):")
    for i, name in enumerate(names):
        print(f"  {name:<36} {statistics.median(s[i] for s in samples) * 1000:7.2f} ms")
    sandbox.subreaper()
    sweeps = []
    for _ in range(20):
        started = time.perf_counter()
        sandbox.sweep(-1)
        sweeps.append(time.perf_counter() - started)
    print(f"  {'parent: sweep for leftover processes':<36} {statistics.median(sweeps) * 1000:7.2f} ms  ({len(isolation.processes())} processes on the machine)")
    learner = Path(tempfile.mkdtemp()) / "f.py"
    learner.write_text("def f(x):\n    return x\n")
    probes: dict[tuple, list[float]] = {isolation.LAYERS: [], (): []}
    for _ in range(runs):  # alternated, so both meet the same load
        for layers in probes:
            sandbox.LAYERS = layers
            r = sandbox.run_probe(learner, "tutor.grading.probes:call", {"name": "f", "args": [1]}, time_limit=5)
            assert r.status == "ok", r
            probes[layers].append(r.seconds)
    for layers, label in ((isolation.LAYERS, "a whole probe, all layers"), ((), "a whole probe, no OS layers")):
        print(f"  {label:<36} {statistics.median(probes[layers]) * 1000:7.1f} ms")
    sandbox.LAYERS = isolation.LAYERS
    shutil.rmtree(learner.parent, ignore_errors=True)


def main() -> None:
    from tutor import paths
    from tutor.grading import grade
    from tutor.grading.judges import EXERCISES

    for folder in (ROOT / "tutor", paths.exercises_dir()):
        compileall.compile_dir(folder, quiet=1)
    home = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        workspace = home / "workspace"
        workspace.mkdir()
        for exercise_id in EXERCISES:
            shutil.copy(paths.exercises_dir() / exercise_id / "solution.py", workspace / f"{exercise_id}.py")
        env = {**os.environ, "TUTOR_HOME": str(home)}
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

        one, pytest_check = paired(env, exercism_style(workspace), 15)
        ratios = [t / p for t, p in zip(one, pytest_check)]
        print(f"tutor check adam      median {statistics.median(one):.3f} s   (min {min(one):.3f}, max {max(one):.3f})   target ≤ 0.5 s")
        print(f"pytest (Exercism-style) on the same adam.py, run alternately  median {statistics.median(pytest_check):.3f} s   (min {min(pytest_check):.3f}, max {max(pytest_check):.3f})")
        print(f"tutor check adam / pytest check, per pair: median {statistics.median(ratios):.2f} (max {max(ratios):.2f})   target ≤ 0.6")
        every = wall(["check", "--all"], env, 5)
        print(f"tutor check --all     median {statistics.median(every):.3f} s   (min {min(every):.3f}, max {max(every):.3f})   target ≤ 3 s")

        layer_costs(7)

        grade("sgd", home=home)  # warm the imports so the per-check figures are the grader's own
        print("\nper check, in-process (median of 5):   grade()   sandbox child   grader's own work")
        overheads = []
        for exercise_id in EXERCISES:
            totals, children = [], []
            for _ in range(5):
                started = time.perf_counter()
                result = grade(exercise_id, home=home)
                totals.append(time.perf_counter() - started)
                children.append(result.sandbox_seconds)
                assert result.passed, (exercise_id, result.to_json())
            own = statistics.median(t - c for t, c in zip(totals, children))
            overheads.append(own)
            print(f"  {exercise_id:<20} {statistics.median(totals):8.3f} s {statistics.median(children):12.3f} s {own * 1000:12.1f} ms")
        print(f"grader's own work per check: median {statistics.median(overheads) * 1000:.1f} ms, max {max(overheads) * 1000:.1f} ms")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
