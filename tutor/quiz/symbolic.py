"""Are two expressions the same? A numeric spot-check first, then SymPy in a child process, timed.

``equivalent(expected, given, symbols)`` compares two parse trees (see ``tutor.quiz.parse``):

1. Evaluate both in floating point at a few random points. A quantity is a positive real (n, λ, η, β,
   t) unless the question declares it signed (``"g: signed"``: gradients, weights, inputs), and then it
   takes both signs, so that ``abs(g)`` is told from ``g``. A clear difference at any point means "not
   equivalent" at once, without SymPy.
2. If they agree, ask SymPy whether ``simplify(a − b) == 0``, in the worker process of
   ``tutor.quiz.sympy_worker``, waiting at most ``timeout`` seconds (the worker is killed when late).
3. If SymPy cannot confirm in time (or its ``simplify`` does not reach 0, which happens for true
   identities too), decide by the numbers at many more points spread over several orders of magnitude.

SymPy is never imported in this process.
"""

from __future__ import annotations

import atexit
import json
import math
import queue
import random
import subprocess
import sys
import threading
from pathlib import Path

from tutor.quiz import sympy_worker

from tutor.quiz.parse import declare, evaluate

SYMPY_TIMEOUT = 2.0  # seconds SymPy may spend on one comparison
STARTUP_TIMEOUT = 30.0  # seconds for the worker to start and import SymPy (slow machines, cold caches)
REL_TOL = 1e-7
QUICK_POINTS = 6
THOROUGH_POINTS = 40


def _points(symbols, count: int, seed: int, low: float, high: float) -> list[dict[str, float]]:
    """Values for the symbols with sizes log-uniform in [low, high] (deterministic for a seed): positive,
    and for signed symbols of either sign (all positive at the first point, all negative at the second,
    random after), so that both signs are always tried."""
    declared = declare(symbols)
    rng = random.Random(seed)
    points = []
    for k in range(count):
        values = {}
        for name in declared.names:
            size = math.exp(rng.uniform(math.log(low), math.log(high)))
            sign = 1.0
            if name in declared.signed:
                sign = 1.0 if k == 0 else -1.0 if k == 1 else rng.choice((-1.0, 1.0))
            values[name] = sign * size
        points.append(values)
    return points


def _agree(expected: tuple, given: tuple, points: list[dict[str, float]]) -> bool | None:
    """False if the trees differ at a point; True if they agree at enough points; None if undecidable."""
    compared = 0
    for values in points:
        try:
            a = evaluate(expected, values)
        except (ArithmeticError, ValueError):
            continue  # the expected answer has no real value here (a pole, say): skip the point
        try:
            b = evaluate(given, values)
        except (ArithmeticError, ValueError):
            return False
        scale = max(_largest_part(expected, values), _largest_part(given, values))
        if not math.isclose(a, b, rel_tol=REL_TOL, abs_tol=REL_TOL * scale):
            return False
        compared += 1
    return True if compared >= max(2, len(points) // 2) else None


def _largest_part(node: tuple, values: dict[str, float]) -> float:
    """The largest |value| of any part of the tree: the scale of its floating-point rounding error.

    Where terms cancel ((W+1)² − W² − 2W), the error is relative to the terms, not to the result.
    """
    try:
        largest = abs(evaluate(node, values))
    except (ArithmeticError, ValueError):
        largest = 0.0
    for child in node[1:]:
        if isinstance(child, tuple):
            largest = max(largest, _largest_part(child, values))
    return largest


def equivalent(expected: tuple, given: tuple, symbols, timeout: float = SYMPY_TIMEOUT) -> bool | None:
    """Whether ``given`` equals ``expected`` for all values of ``symbols`` (positive, or any sign where
    declared signed; see ``tutor.quiz.parse.declare``); None if it cannot tell."""
    declared = declare(symbols)
    quick = _agree(expected, given, _points(declared, QUICK_POINTS, seed=96, low=0.3, high=3.0))
    if quick is False:
        return False
    if _WORKER.difference_is_zero(expected, given, declared.names, timeout, signed=declared.signed) is True:
        return True
    thorough = _agree(expected, given, _points(declared, THOROUGH_POINTS, seed=115, low=0.01, high=100.0))
    if thorough is None:
        return quick
    return thorough


class _SympyWorker:
    """One long-lived ``tutor.quiz.sympy_worker`` process, started on first use, restarted after a kill."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one request at a time: the TUI may check from several threads
        self._process: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()

    def difference_is_zero(self, a: tuple, b: tuple, names: tuple[str, ...], timeout: float,
                           signed=frozenset()) -> bool | None:
        """SymPy's verdict on simplify(a − b) == 0, or None when it failed or took longer than ``timeout``."""
        request = json.dumps({"a": a, "b": b, "symbols": list(names), "signed": sorted(signed)}) + "\n"
        with self._lock:
            try:
                process = self._ensure_started()
                process.stdin.write(request)
                process.stdin.flush()
                reply = self._replies.get(timeout=timeout)
            except (OSError, queue.Empty, ValueError):
                self._stop()
                return None
        if reply is None:  # the worker died (memory limit, say)
            self._stop()
            return None
        return reply.get("zero")

    def warm_up(self) -> None:
        """Start the worker now (blocking), so that the first check does not wait for SymPy's import."""
        with self._lock:
            try:
                self._ensure_started()
            except (OSError, queue.Empty, ValueError):
                self._stop()

    def _ensure_started(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._replies = queue.Queue()
        # The worker file runs as a script in isolated mode (-I): it needs only the standard library and
        # SymPy, and neither the current folder (a learner's workspace) nor PYTHON* variables can shadow them.
        process = subprocess.Popen(
            [sys.executable, "-I", str(Path(sympy_worker.__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        self._process = process
        threading.Thread(target=_read_replies, args=(process, self._replies), daemon=True).start()
        ready = self._replies.get(timeout=STARTUP_TIMEOUT)
        if not ready or not ready.get("ready"):
            raise OSError("the SymPy worker did not start")
        return process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def close(self) -> None:
        with self._lock:
            self._stop()


def _read_replies(process: subprocess.Popen, replies: queue.Queue) -> None:
    """Forward each JSON line the worker prints; None when its output ends (it exited or was killed)."""
    for line in process.stdout:
        try:
            replies.put(json.loads(line))
        except ValueError:
            continue
    replies.put(None)


_WORKER = _SympyWorker()
atexit.register(_WORKER.close)


def warm_up() -> None:
    """Start the SymPy worker in the background (call when a quiz opens); returns at once."""
    threading.Thread(target=_WORKER.warm_up, daemon=True).start()
