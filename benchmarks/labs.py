"""How long each lab takes: with the reference engine in-process, and with the learner's code in the sandbox.

    python benchmarks/labs.py [--repeat N] [--lab ID ...]

The learner path uses a temporary TUTOR_HOME in which every exercise that ships a reference solution is
copied into the workspace and recorded as passed, so each part whose exercise exists runs in a sandboxed
child (the "learner parts" column says how many did). Times are wall-clock seconds, the median of
--repeat runs; the target is 3 s per lab on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tutor import paths  # noqa: E402
from tutor.labs import LABS, run_lab  # noqa: E402


def learner_home(root: Path) -> Path:
    """A data home where every exercise with a shipped solution has been passed with that solution."""
    from tutor.progress import Store
    from tutor.workspace import learner_file

    with Store.open(root) as store:
        for folder in sorted(paths.exercises_dir().iterdir()):
            solution = folder / "solution.py"
            if not solution.is_file() or not (folder / "stub.py").is_file():
                continue
            shutil.copy(solution, learner_file(folder.name, root))
            store.record("check", folder.name, "bench", "pass")
    return root


def timed(lab_id: str, repeat: int, **kwargs) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run_lab(lab_id, **kwargs)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lab", action="append", choices=list(LABS), help="only these labs")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cores: {os.cpu_count()}, load average: {load:.2f}, median of {args.repeat} runs, seconds")
    print(f"{'lab':<18} {'reference':>9} {'learner':>8}  learner parts")
    with tempfile.TemporaryDirectory() as tmp:
        home = learner_home(Path(tmp))
        worst = 0.0
        for lab_id in args.lab or LABS:
            ref_time, _ = timed(lab_id, args.repeat, use_learner=False)
            learner_time, result = timed(lab_id, args.repeat, home=home)
            pieces = [name for name, part in result.parts.items() if part.exercise]
            mine = sum(result.used[name] == "learner" for name in pieces)
            worst = max(worst, ref_time, learner_time)
            print(f"{lab_id:<18} {ref_time:9.2f} {learner_time:8.2f}  {mine}/{len(pieces)}")
    print(f"slowest: {worst:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
