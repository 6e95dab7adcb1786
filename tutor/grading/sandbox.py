"""The one way learner code runs: a child process with limits, whose raw outputs come back as data.

`run_probe(learner_file, probe, args, time_limit=...)` starts `tutor/grading/_child.py` in its own
session (so the whole process group can be killed), sends it the request on stdin, and reads two pipes
at once: the child's stdout+stderr (kept up to a cap, the rest drained and counted) and a private result
pipe (passed with `pass_fds`) carrying a codec frame. The wall-time limit is enforced here; the child
sets its own address-space, CPU and file-size limits. The caller (a judge) decides what the outputs mean.

`spawn()` starts a child before its request is known (it imports NumPy, then waits on stdin), so the CLI
can overlap the child's start-up with its own; this module imports NumPy only when a probe runs.
"""

from __future__ import annotations

import math
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
_CHILD = str(Path(__file__).resolve().with_name("_child.py"))
OUTPUT_CAP = 8192  # bytes of the learner's printed output kept for the results
OUTPUT_KILL = 4 << 20  # a check that prints this much is flooding: stop it rather than pass it
RESULT_CAP = 64 << 20  # a probe's outputs are small; more than this is an attack or a runaway
_THREADS_ONE = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class ProbeResult:
    status: str  # ok | error | timeout | memory | crash
    outputs: dict = field(default_factory=dict)
    message: str = ""  # one line for the learner ("" when ok)
    stdout: str = ""  # what the learner's code printed, capped
    seconds: float = 0.0


def blocked_roots() -> list[str]:
    """Folders learner code may not read: the tutor package (reference engine) and the course's exercises."""
    from tutor import paths

    return [str(Path(__file__).resolve().parents[1]), str(paths.exercises_dir())]


class Child:
    """A started child waiting for its request: start it early to hide Python's and NumPy's start-up."""

    def __init__(self) -> None:
        self.result_r, result_w = os.pipe()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | _THREADS_ONE
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", _CHILD, str(result_w), _PACKAGE_PARENT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(result_w,),
                start_new_session=True,
                env=env,
            )
        except BaseException:
            os.close(self.result_r)
            raise
        finally:
            os.close(result_w)
        self.used = False

    def discard(self) -> None:
        """Kill a child that will not be used."""
        if not self.used:
            self.used = True
            self._close()

    def _close(self) -> None:
        _kill_group(self.proc)
        os.close(self.result_r)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe and not pipe.closed:
                pipe.close()


def spawn() -> Child:
    """Start a child now; hand it to `run_probe(..., child=...)` later."""
    return Child()


def run_probe(
    learner_file: Path | str,
    probe: str,
    args: dict,
    *,
    time_limit: float,
    memory_mb: int = 1024,
    child: Child | None = None,
) -> ProbeResult:
    """Run trusted `probe` ("package.module:function") on the learner's module in a sandboxed child."""
    from tutor.grading import codec

    started = time.perf_counter()
    learner_file = os.path.abspath(learner_file)
    request = codec.encode(
        {
            "probe": probe,
            "args": args,
            "file": learner_file,
            "module_name": Path(learner_file).stem if Path(learner_file).stem.isidentifier() else "learner",
            "blocked": blocked_roots(),
            "memory_bytes": memory_mb << 20,
            "cpu_seconds": max(1, math.ceil(time_limit) + 1),
        }
    )
    if child is None or child.used:
        child = Child()
    child.used = True
    try:
        outcome = _collect(child.proc, child.result_r, request, started + time_limit)
    finally:
        child._close()
    timed_out, result_bytes, output, output_total = outcome
    stdout = output.decode("utf-8", errors="replace")
    if output_total > len(output):
        stdout += f"\n… ({output_total - len(output)} more bytes of output not shown)"
    result = _verdict(child.proc, timed_out, result_bytes, time_limit)
    result.stdout = stdout
    result.seconds = time.perf_counter() - started
    return result


def _collect(proc: subprocess.Popen, result_r: int, request: bytes, deadline: float):
    """Feed stdin, read both pipes until both close or the deadline passes. Returns what was read."""
    output = bytearray()
    output_total = 0
    result = bytearray()
    pending = memoryview(request)
    sel = selectors.DefaultSelector()
    os.set_blocking(proc.stdin.fileno(), False)
    sel.register(proc.stdin, selectors.EVENT_WRITE, "in")
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(result_r, selectors.EVENT_READ, "result")
    open_reads = 2
    try:
        while open_reads:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return True, bytes(result), bytes(output), output_total
            events = sel.select(min(remaining, 0.25))
            if not events and proc.poll() is not None:
                # The child is gone but something it started keeps a pipe open: do not wait for it.
                break
            for key, _ in events:
                if key.data == "in":
                    try:
                        pending = pending[os.write(key.fd, pending) :]
                    except BrokenPipeError:
                        pending = pending[:0]
                    if not pending:
                        sel.unregister(proc.stdin)
                        proc.stdin.close()
                    continue
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_reads -= 1
                elif key.data == "out":
                    output_total += len(chunk)
                    if len(output) < OUTPUT_CAP:
                        output += chunk[: OUTPUT_CAP - len(output)]
                    if output_total > OUTPUT_KILL:
                        return "flood", b"", bytes(output), output_total
                else:
                    result += chunk
                    if len(result) > RESULT_CAP:
                        return "flood", b"", bytes(output), output_total
        try:
            proc.wait(max(0.0, deadline - time.perf_counter()))
        except subprocess.TimeoutExpired:
            return True, bytes(result), bytes(output), output_total
        return False, bytes(result), bytes(output), output_total
    finally:
        sel.close()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _verdict(proc: subprocess.Popen, timed_out: bool | str, frame: bytes, time_limit: float) -> ProbeResult:
    from tutor.grading import codec

    timeout_message = f"timed out after {time_limit:g} s — an infinite loop?"
    if timed_out == "flood":
        return ProbeResult("crash", message=f"your code printed more than {OUTPUT_KILL >> 20} MiB; the grader stopped it — a print inside a loop?")
    if timed_out:
        return ProbeResult("timeout", message=timeout_message)
    code = proc.returncode
    if code is not None and code < 0:
        sig = -code
        if sig == signal.SIGXCPU:
            return ProbeResult("timeout", message=timeout_message)
        if sig == signal.SIGXFSZ:
            return ProbeResult("crash", message="your code wrote a file larger than 1 MiB; the grader stopped it")
        if sig == signal.SIGKILL:
            return ProbeResult("memory", message=_memory_message())
        return ProbeResult("crash", message=f"the Python process running your code crashed ({signal.Signals(sig).name})")
    if not frame:
        return ProbeResult(
            "crash",
            message=f"your code ended the process (exit status {code}) before the grader got any result — "
            "does it call os._exit() or sys.exit()?",
        )
    try:
        reply = codec.decode(frame)
        status = reply["status"]
        message = reply.get("message", "")
        if status not in ("ok", "error", "memory", "internal") or not isinstance(message, str):
            raise codec.CodecError("bad reply")
    except (codec.CodecError, TypeError, KeyError, AttributeError):
        return ProbeResult("crash", message="the grader received garbled results (did your code write to its files?)")
    if status == "memory":
        return ProbeResult("memory", message=_memory_message())
    if status == "internal":
        return ProbeResult("crash", message=f"the grader could not start: {message[:300]}")
    if status == "error":
        return ProbeResult("error", message=message[:300])
    outputs = reply.get("outputs")
    if not isinstance(outputs, dict):
        return ProbeResult("crash", message="the grader received garbled results")
    return ProbeResult("ok", outputs=outputs)


def _memory_message() -> str:
    return "ran out of memory (the limit is about 1 GiB) — is an array much larger than it should be?"
