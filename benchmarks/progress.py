"""Benchmark of the progress store at 10,000 and 100,000 past attempts: record time (p50/p95), open time,
and the same operations with TinyDB's default JSONStorage for comparison; and the lock's fairness.

    python benchmarks/progress.py [--attempts 10000 100000] [--records 200]
    python benchmarks/progress.py --fairness [--seconds 30]

Every record is fsync'd, so the figures depend on the disk; the script also prints one bare
append+fsync for reference. Targets (issues 4 and 10): record ≤ 5 ms p50, open ≤ 100 ms, at 10,000
and at 100,000 attempts.

--fairness: 4 processes run `tutor check`'s store work in a loop (open, record one check, close) beside 2
long-lived writers that record as fast as they can (the app, at its most eager) for --seconds; it prints
how many checks were recorded and how many were not (the target is 0), and how long a check waited.
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
    """A plausible learner history: quiz answers, checks, hints, lessons, ending an hour ago (every time
    must be from 2000 on and not in the future: at 100,000 attempts, about 19 years of them)."""
    rng = random.Random(seed)
    gaps = [timedelta(minutes=rng.expovariate(1 / 100)) for _ in range(count)]
    moment = datetime.now(timezone.utc) - timedelta(hours=1) - sum(gaps, timedelta())
    attempts = []
    for n in range(count):
        moment += gaps[n]
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
    if hasattr(os, "sync"):
        os.sync()  # the import's megabytes are written back now, not while the records below are timed

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


def _check_loop(home: Path, until: float, out) -> None:
    """`tutor check`'s store work, again and again: open, record one check, close."""
    from tutor.progress import StoreError

    recorded, unrecorded, waits = 0, 0, []
    n = 0
    while time.time() < until:
        start = time.perf_counter()
        try:
            with Store.open(home) as store:
                store.record("check", EXERCISES[n % len(EXERCISES)], "0097", "fail" if n % 3 else "pass")
            recorded += 1
        except StoreError:  # read-only (the lock was busy at open) or busy at the write: not recorded
            unrecorded += 1
        waits.append(time.perf_counter() - start)
        n += 1
        time.sleep(0.01)  # a person's next `tutor check` is never instant
    out.put(("check", recorded, unrecorded, waits))


def _long_lived_writer(home: Path, until: float, out) -> None:
    """The app at its most eager: one store, recording as fast as it can."""
    from tutor.progress import StoreError

    recorded, unrecorded, n = 0, 0, 0
    with Store.open(home) as store:
        while time.time() < until:
            try:
                store.record("quiz", f"{CONCEPTS[n % len(CONCEPTS)]}-q{n % 5}", CONCEPTS[n % len(CONCEPTS)], "right")
                recorded += 1
            except StoreError:
                unrecorded += 1
            n += 1
    out.put(("writer", recorded, unrecorded, []))


def bench_fairness(folder: Path, seconds: float) -> None:
    import multiprocessing

    home = folder / "fair"
    Store.open(home).close()
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    until = time.time() + seconds
    workers = [context.Process(target=_check_loop, args=(home, until, out)) for _ in range(4)]
    workers += [context.Process(target=_long_lived_writer, args=(home, until, out)) for _ in range(2)]
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    checks = [r for r in results if r[0] == "check"]
    writers = [r for r in results if r[0] == "writer"]
    waits = [w for r in checks for w in r[3]]
    recorded, unrecorded = sum(r[1] for r in checks), sum(r[2] for r in checks)
    print(f"lock fairness, {seconds:g} s: 4 check loops + 2 long-lived writers")
    print(f"  checks recorded {recorded}, NOT recorded {unrecorded}")
    print(f"  a check's open+record+close: {ms(waits)}   max {max(waits) * 1000:7.1f} ms")
    print(f"  long-lived writers recorded {sum(r[1] for r in writers)} ({sum(r[2] for r in writers)} not recorded)")
    with Store.open(home) as store:
        counts = store.attempt_counts()
    print(f"  the history holds {counts['total']} attempts (checks {counts['by_kind'].get('check', 0)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--fairness", action="store_true", help="measure the lock's fairness instead")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--dir", help="where to put the test files (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        if args.fairness:
            bench_fairness(folder, args.seconds)
            return
        bench_fsync(folder)
        for count in args.attempts:
            print(f"\nprogress store, {count} past attempts, in {folder}")
            run = folder / str(count)
            run.mkdir()
            attempts = history(count)
            bench_store(run, attempts, args.records)
            bench_tinydb_default(run, attempts, args.records)


if __name__ == "__main__":
    main()
