"""Benchmark of the progress store at 10,000 past attempts: record time (p50/p95), open time, and the
same operations with TinyDB's default JSONStorage for comparison.

    python benchmarks/progress.py [--attempts 10000] [--records 200]

Every record is fsync'd, so the figures depend on the disk; the script also prints one bare
append+fsync for reference. Targets (issue 4): record ≤ 5 ms p50, open ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from tutor.progress import Store

CONCEPTS = [f"{n:04}" for n in range(96, 116)]
EXERCISES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "lr_decay", "xavier_init", "he_init",
             "batchnorm_forward", "batchnorm_backward", "weight_decay", "dropout", "ensemble", "validation_split", "random_search"]


def history(count: int, seed: int = 0) -> list[dict]:
    """A plausible learner history: quiz answers, checks, hints, lessons over two years."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    moment, attempts = start, []
    for n in range(count):
        moment += timedelta(minutes=rng.expovariate(1 / 100))
        concept = rng.choice(CONCEPTS)
        kind = rng.choices(["quiz", "check", "hint", "lesson"], [6, 3, 1, 0.5])[0]
        item = {"quiz": f"{concept}-q{rng.randint(1, 5)}", "check": rng.choice(EXERCISES), "hint": rng.choice(EXERCISES), "lesson": concept}[kind]
        outcome = {"quiz": rng.choice(["right", "right", "wrong"]), "check": rng.choice(["pass", "fail", "error"]), "hint": "shown", "lesson": "read"}[kind]
        attempts.append({"id": f"bench-{n:06}", "time": moment.isoformat(timespec="microseconds"), "kind": kind, "item": item, "concept": concept, "outcome": outcome})
    return attempts


def ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
    return f"p50 {p50:7.2f} ms   p95 {p95:7.2f} ms"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bench_store(folder: Path, attempts: list[dict], records: int) -> None:
    home = folder / "home"
    export = folder / "export.json"
    export.write_text(json.dumps({"format": "tutor-progress", "version": 1, "settings": {}, "attempts": attempts}))
    with Store.open(home) as store:
        print(f"import + full rebuild of {len(attempts)} attempts: {timed(lambda: store.import_(export)) * 1000:.0f} ms")

    opens = []
    for _ in range(20):
        start = time.perf_counter()
        store = Store.open(home)
        opens.append(time.perf_counter() - start)
        store.close()
    print(f"open (checkpoint + replay):            {ms(opens)}")

    store = Store.open(home)
    times = []
    for n in range(records):
        times.append(timed(lambda: store.record("quiz", f"0097-q{n % 5}", "0097", "right" if n % 4 else "wrong")))
    print(f"record ({records} attempts, fsync'd):       {ms(times)}   (one checkpoint every {Store.CHECKPOINT_EVERY})")
    queue_time = timed(lambda: store.review_queue(course=None))
    print(f"review_queue over {len(store._model.cards)} cards:          {queue_time * 1000:7.2f} ms")
    while store._unsaved < Store.CHECKPOINT_EVERY - 1:  # the longest tail a crash can leave
        store.record("quiz", "0097-q1", "0097", "right")
    store._lock.close()  # leave without a final checkpoint: the next open replays the tail
    print(f"open after a crash ({store._unsaved} lines to replay):  {timed(lambda: Store.open(home).close()) * 1000:7.2f} ms")
    (home / "progress" / "state.json").unlink()
    print(f"open with state.json lost (rebuild):    {timed(lambda: Store.open(home).close()) * 1000:7.2f} ms")


def bench_tinydb_default(folder: Path, attempts: list[dict], records: int) -> None:
    path = folder / "tinydb-default.json"
    db = TinyDB(path, storage=JSONStorage)
    db.table("attempts").insert_multiple(attempts)
    db.close()
    start = time.perf_counter()
    db = TinyDB(path, storage=JSONStorage)
    db.table("attempts").all()
    opened = time.perf_counter() - start
    table = db.table("attempts")
    times = [timed(lambda: table.insert({"kind": "quiz", "item": "q", "concept": "0097", "outcome": "right"})) for _ in range(min(records, 50))]
    db.close()
    print(f"TinyDB default JSONStorage: open+read {opened * 1000:.1f} ms; insert {ms(times)} (no fsync at all)")


def bench_fsync(folder: Path) -> None:
    path = folder / "fsync.bin"
    times = []
    for _ in range(50):
        start = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        os.write(fd, b"x" * 150 + b"\n")
        os.fsync(fd)
        os.close(fd)
        times.append(time.perf_counter() - start)
    print(f"bare append + fsync on this disk:      {ms(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--dir", help="where to put the test files (default: a temporary folder)")
    args = parser.parse_args()
    attempts = history(args.attempts)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        print(f"progress store, {args.attempts} past attempts, in {folder}")
        bench_fsync(folder)
        bench_store(folder, attempts, args.records)
        bench_tinydb_default(folder, attempts, args.records)


if __name__ == "__main__":
    main()
