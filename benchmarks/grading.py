"""Grading speed, for the README's Performance section. Run: python benchmarks/grading.py

Prints, with every reference solution copied into a temporary workspace:
- `tutor check adam`: whole-process wall time (start Python, grade, record, print), median of 7 runs;
- `tutor check --all`: whole-process wall time for all 16 exercises, median of 5 runs;
- per exercise, in one process: the time of `grade()`, how much of it is the sandboxed child (start-up,
  the learner's code, the pipe) and how much is the grader's own work (inputs, reference, judging).
Targets on a 2-core machine: one check ≤ 0.5 s, all 16 ≤ 3 s.
"""

from __future__ import annotations

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


def main() -> None:
    from tutor import paths
    from tutor.grading import grade
    from tutor.grading.judges import EXERCISES

    home = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    try:
        workspace = home / "workspace"
        workspace.mkdir()
        for exercise_id in EXERCISES:
            shutil.copy(paths.exercises_dir() / exercise_id / "solution.py", workspace / f"{exercise_id}.py")
        env = {**os.environ, "TUTOR_HOME": str(home)}
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

        one = wall(["check", "adam"], env, 7)
        print(f"tutor check adam      median {statistics.median(one):.3f} s   (min {min(one):.3f}, max {max(one):.3f})   target ≤ 0.5 s")
        every = wall(["check", "--all"], env, 5)
        print(f"tutor check --all     median {statistics.median(every):.3f} s   (min {min(every):.3f}, max {max(every):.3f})   target ≤ 3 s")

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
