"""The one way learner code runs: a child process with limits, whose raw outputs come back as data.

`run_probe(learner_file, probe, args, time_limit=...)` starts `tutor/grading/_child.py` in its own
session, sends it the request on stdin, and reads two pipes at once: the child's stdout+stderr (kept up
to a cap, the rest drained and counted) and a private result pipe (passed with `pass_fds`) carrying a
codec frame. The child enters the OS layers of `tutor.grading.isolation` before the learner's module
runs; this side
- enforces the wall-time limit against a monotonic deadline (a parent stopped and continued kills a child
  still running at once; a child that finished meanwhile is not dropped: its frame is read to the end);
- is a child subreaper, and after every check kills the child's process group and whatever it left
  behind (`isolation.leftovers`: its session, and processes re-parented here from another session);
- decodes the frame within hard limits (`codec`): anything wrong with it is the status "error", never
  an exception;
- passes every string that came from the child (messages, printed output, strings among the outputs)
  through `tutor.safetext.safe_text`, here and only here.
The caller (a judge) decides what the outputs mean.

`spawn()` starts a child before its request is known (it imports NumPy, then waits on stdin), so the CLI
can overlap the child's start-up with its own; this module imports NumPy only when a probe runs.
`strict`: set `sandbox.STRICT = True` (what `tutor check --strict` does) or TUTOR_STRICT=1, and a child
that cannot enter every OS layer refuses to run the learner's code.
"""

from __future__ import annotations

import math
import os
import selectors
import signal
import subprocess
import sys
import threading
import time

from tutor.grading import isolation
from tutor.safetext import safe_text

# os.path, not pathlib, and no dataclasses here: the CLI imports this module to start a check's child
# before anything else, and those two imports would hold the child back by ~7 ms.
_GRADING = os.path.dirname(os.path.realpath(__file__))
_PACKAGE_PARENT = os.path.dirname(os.path.dirname(_GRADING))
_CHILD = os.path.join(_GRADING, "_child.py")
OUTPUT_CAP = 8192  # bytes of the learner's printed output kept for the results
OUTPUT_KILL = 4 << 20  # a check that prints this much is flooding: stop it rather than pass it
RESULT_CAP = 64 << 20  # a probe's outputs are small; more than this is an attack or a runaway
MESSAGE_CAP = 600  # characters of a one-line message from the child
_THREADS_ONE = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
STRICT = False  # refuse to run learner code without every OS layer (also TUTOR_STRICT=1)
LAYERS = isolation.LAYERS  # the layers children enter (tests switch some off to show what each one stops)

_live: set[int] = set()  # sandbox children not yet finished (a sweep after another check spares them)
_live_lock = threading.Lock()
_subreaper: bool | None = None


def strict() -> bool:
    return STRICT or os.environ.get("TUTOR_STRICT") == "1"


def subreaper() -> bool:
    """Make this process a child subreaper, once; whether it is one."""
    global _subreaper
    if _subreaper is None:
        _subreaper = isolation.become_subreaper()
    return _subreaper


class ProbeResult:
    """What a probe gave: `status` ok | error | timeout | memory | crash; `outputs` (when ok); `message`,
    one line for the learner ("" when ok), made safe; `stdout`, what the learner's code printed, capped and
    made safe; `seconds`; `message_ko`, the message in Korean when the sandbox wrote it ("" for the
    learner's own text); `layers`, what the child said it entered (informative, not proof)."""

    def __init__(
        self, status: str, outputs: dict | None = None, message: str = "", stdout: str = "",
        seconds: float = 0.0, message_ko: str = "", layers: dict | None = None,
    ) -> None:
        self.status, self.outputs, self.message, self.stdout = status, outputs if outputs is not None else {}, message, stdout
        self.seconds, self.message_ko, self.layers = seconds, message_ko, layers if layers is not None else {}

    def __repr__(self) -> str:
        return f"ProbeResult({self.status!r}, message={self.message!r}, seconds={self.seconds:.3f})"


def blocked_roots() -> list[str]:
    """What learner code may not read: the tutor package (reference engine), the course's exercises, and
    the .git folder of a source checkout (its objects hold the solutions too)."""
    from tutor import paths

    roots = [os.path.dirname(_GRADING), str(paths.exercises_dir())]
    git = os.path.join(_PACKAGE_PARENT, ".git")
    if os.path.exists(git):
        roots.append(git)
    return roots


class Child:
    """A started child waiting for its request: start it early to hide Python's and NumPy's start-up."""

    def __init__(self) -> None:
        subreaper()
        self.result_r, result_w = os.pipe()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | _THREADS_ONE
        try:
            with _live_lock:  # registered before a concurrent sweep can see it
                self.proc = subprocess.Popen(
                    isolation.child_command([sys.executable, "-I", _CHILD, str(result_w), _PACKAGE_PARENT]),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    pass_fds=(result_w,),
                    start_new_session=True,
                    env=env,
                )
                _live.add(self.proc.pid)
        except BaseException:
            os.close(self.result_r)
            raise
        finally:
            os.close(result_w)
        self.used = False
        self.asked = threading.Event()  # set once the child has its whole request (or never will)
        self.asked_at: int | None = None  # isolation.boot_ticks() as the request went out: nothing older is its doing

    def discard(self) -> None:
        """Kill a child that will not be used."""
        if not self.used:
            self.used = True
            self._close()

    def _close(self) -> None:
        self.asked.set()
        _kill_group(self.proc)
        with _live_lock:
            _live.discard(self.proc.pid)
        sweep(self.proc.pid, self.asked_at)
        os.close(self.result_r)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe and not pipe.closed:
                pipe.close()


_prestarted: Child | None = None


def prestart() -> None:
    """Start a child for a check that is about to be asked for; the next `spawn()` hands it out. The CLI
    calls this before it even parses its arguments, so the child's start-up overlaps all of its own."""
    global _prestarted
    discard_prestarted()
    try:
        _prestarted = Child()
    except OSError:  # no process to be had now (a limit, memory): `spawn()` tries again and says why
        _prestarted = None


def discard_prestarted() -> None:
    """Kill the child `prestart` made if nothing took it (`tutor check --help`, a usage error)."""
    global _prestarted
    child, _prestarted = _prestarted, None
    if child is not None:
        child.discard()


def spawn() -> Child:
    """Start a child now (or take the one `prestart` made); hand it to `run_probe(..., child=...)` later."""
    global _prestarted
    child, _prestarted = _prestarted, None
    return child if child is not None else Child()


def run_probe(
    learner_file: str | os.PathLike,
    probe: str,
    args: dict,
    *,
    time_limit: float,
    memory_mb: int = 1024,
    child: Child | None = None,
) -> ProbeResult:
    """Run trusted `probe` ("package.module:function") on the learner's module in a sandboxed child."""
    from tutor.grading import codec

    started = time.monotonic()
    learner_file = os.path.abspath(learner_file)
    request = codec.encode(
        {
            "probe": probe,
            "args": args,
            "file": learner_file,
            "module_name": stem if (stem := os.path.splitext(os.path.basename(learner_file))[0]).isidentifier() else "learner",
            "blocked": blocked_roots(),
            "memory_bytes": memory_mb << 20,
            "cpu_seconds": max(1, math.ceil(time_limit) + 1),
            "strict": strict(),
            "layers": list(LAYERS),
        }
    )
    if child is None or child.used:
        try:
            child = Child()
        except OSError as exc:  # no process to be had (a process limit, memory): a verdict that says so
            why = exc.strerror or str(exc)
            return ProbeResult(
                "crash",
                message=f"the grader could not start a process to run your code: {why}; close some programs and try again",
                message_ko=f"채점기가 코드를 실행할 프로세스를 시작하지 못했습니다: {why}. 다른 프로그램을 닫고 다시 해 보세요",
            )
    child.used = True
    child.asked_at = isolation.boot_ticks()
    try:
        outcome = _collect(child.proc, child.result_r, request, started + time_limit, restart=time_limit, asked=child.asked)
    finally:
        child._close()
    ended, result_bytes, output, output_total = outcome
    stdout = safe_text(output.decode("utf-8", errors="replace"), limit=OUTPUT_CAP)
    if output_total > len(output):
        stdout += f"\n… ({output_total - len(output)} more bytes of output not shown)"
    result = _verdict(child.proc, ended, result_bytes, time_limit, memory_mb)
    result.message = safe_text(result.message, limit=MESSAGE_CAP, one_line=True)
    result.message_ko = safe_text(result.message_ko, limit=MESSAGE_CAP, one_line=True)
    result.stdout = stdout
    result.seconds = time.monotonic() - started
    return result


def _collect(
    proc: subprocess.Popen, result_r: int, request: bytes, deadline: float, restart: float | None = None, asked: threading.Event | None = None
):
    """Feed stdin, read both pipes until both close, the child is gone, or the (monotonic) deadline passes.

    With `restart`, the deadline becomes `restart` seconds after the request is fully written: a parent
    stopped before the child even had its request does not count that against the learner's code.
    `asked` is set then too (the CLI does its own work while the child runs).

    Returns (how it ended: "done" | "timeout" | "flood" | "too_big", result bytes, output, output total).
    A child that has exited is never reported as timed out: what it wrote is drained and used.
    """
    output = bytearray()
    output_total = 0
    result = bytearray()
    pending = memoryview(request)
    sel = selectors.DefaultSelector()
    if proc.stdin is not None and not proc.stdin.closed:
        os.set_blocking(proc.stdin.fileno(), False)
        sel.register(proc.stdin, selectors.EVENT_WRITE, "in")
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(result_r, selectors.EVENT_READ, "result")
    reads = {proc.stdout.fileno(): "out", result_r: "result"}

    def take(kind: str, chunk: bytes) -> str | None:
        nonlocal output_total
        if kind == "out":
            output_total += len(chunk)
            if len(output) < OUTPUT_CAP:
                output.extend(chunk[: OUTPUT_CAP - len(output)])
            if output_total > OUTPUT_KILL:
                return "flood"
        else:
            result.extend(chunk)
            if len(result) > RESULT_CAP:
                return "too_big"
        return None

    def drain() -> str | None:
        """Read what is left in the pipes without waiting (the child is gone; a leftover may hold them)."""
        for fd, kind in reads.items():
            os.set_blocking(fd, False)
            while True:
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:  # drained (BlockingIOError) or gone
                    break
                if not chunk:
                    break
                stop = take(kind, chunk)
                if stop:
                    return stop
        return None

    def finish(how: str):
        return how, bytes(result), bytes(output), output_total

    try:
        while reads:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if proc.poll() is None:
                    return finish("timeout")
                break  # it finished while we were not looking (e.g. this process was stopped)
            events = sel.select(min(remaining, 0.25))
            if not events and proc.poll() is not None:
                break  # the child is gone but something it started keeps a pipe open
            for key, _ in events:
                if key.data == "in":
                    try:
                        pending = pending[os.write(key.fd, pending) :]
                    except BrokenPipeError:
                        pending = pending[:0]
                    if not pending:
                        sel.unregister(proc.stdin)
                        proc.stdin.close()
                        if restart is not None:
                            deadline = time.monotonic() + restart
                        if asked is not None:
                            asked.set()
                    continue
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    sel.unregister(key.fileobj)
                    reads.pop(key.fd, None)
                    continue
                stop = take(key.data, chunk)
                if stop:
                    return finish(stop)
        stop = drain()
        if stop:
            return finish(stop)
        try:
            proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:  # both pipes closed, the child still running
            return finish("timeout")
        stop = drain()
        return finish(stop or "done")
    finally:
        sel.close()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def sweep(session: int, since: int | None = None, rounds: int = 50) -> list[int]:
    """Kill whatever the child (whose session is `session`, given its request at `since`) left behind;
    returns the pids killed."""
    killed: list[int] = []
    for _ in range(rounds):
        with _live_lock:
            found = isolation.leftovers(session, spare=set(_live), subreaper=subreaper(), since=since)
        if not found:
            break
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                continue
            killed.append(pid)
        for pid in found:
            try:
                os.waitpid(pid, 0)  # ours (re-parented here): reap it; others die with their parents
            except (ChildProcessError, OSError):
                pass
    return killed


def _signal_name(sig: int) -> str:
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


def _verdict(proc: subprocess.Popen, ended: str, frame: bytes, time_limit: float, memory_mb: int) -> ProbeResult:
    """What happened, in words: from how the collection ended, the exit status and the frame."""
    from tutor.grading import codec

    timeout = ProbeResult(
        "timeout",
        message=f"timed out after {time_limit:g} s — an infinite loop?",
        message_ko=f"제한 시간 {time_limit:g} s을(를) 넘었습니다 — 무한 루프인가요?",
    )
    if ended == "flood":
        return ProbeResult(
            "crash",
            message=f"your code printed more than {OUTPUT_KILL >> 20} MiB; the grader stopped it — a print inside a loop?",
            message_ko="코드가 출력을 너무 많이 내서 채점기가 멈췄습니다 — 반복문 안에 print가 있나요?",
        )
    if ended == "too_big":
        return _malformed(f"more than {RESULT_CAP >> 20} MiB of results")
    if ended == "timeout":
        return timeout
    reply, problem = None, None
    if frame:
        try:
            reply = codec.decode(frame)
            if not isinstance(reply, dict) or reply.get("status") not in ("ok", "error", "memory", "internal"):
                raise codec.CodecError("not a reply")
            if not isinstance(reply.get("message", ""), str):
                raise codec.CodecError("the message is not text")
            if reply["status"] == "ok" and not isinstance(reply.get("outputs"), dict):
                raise codec.CodecError("no outputs")
        except codec.CodecError as exc:
            reply, problem = None, str(exc)
    if reply is not None:  # a result that arrived is used, however the process ended afterwards
        return _from_reply(reply, memory_mb)
    code = proc.returncode
    if code is not None and code < 0:
        sig = -code
        name = _signal_name(sig)
        if sig == signal.SIGXCPU:
            return ProbeResult(
                "timeout",
                message=f"used more than {math.ceil(time_limit) + 1} s of CPU time — an infinite loop?",
                message_ko=f"CPU 시간을 {math.ceil(time_limit) + 1}초 넘게 썼습니다 — 무한 루프인가요?",
            )
        if sig == signal.SIGXFSZ:
            return ProbeResult("crash", message="your code wrote a file larger than 1 MiB; the grader stopped it", message_ko="코드가 1 MiB보다 큰 파일을 써서 채점기가 멈췄습니다")
        if sig == signal.SIGSEGV:
            return ProbeResult(
                "crash",
                message="the Python process running your code crashed (SIGSEGV, a segmentation fault) — a recursion too deep, or ctypes?",
                message_ko="코드를 실행하던 파이썬 프로세스가 비정상 종료했습니다(SIGSEGV, 세그멘테이션 오류) — 재귀가 너무 깊거나 ctypes를 썼나요?",
            )
        if sig == signal.SIGKILL:
            return ProbeResult(
                "crash",
                message=f"the Python process running your code was killed (SIGKILL) — by the system for using too much memory (the limit is about {memory_mb >> 10 or 1} GiB), or by your code",
                message_ko=f"코드를 실행하던 파이썬 프로세스가 강제 종료되었습니다(SIGKILL) — 메모리를 너무 많이 썼거나(제한은 약 {memory_mb >> 10 or 1} GiB) 코드가 스스로 종료했습니다",
            )
        return ProbeResult(
            "crash",
            message=f"the Python process running your code crashed ({name})",
            message_ko=f"코드를 실행하던 파이썬 프로세스가 비정상 종료했습니다({name})",
        )
    if problem is not None:
        return _malformed(problem)
    return ProbeResult(
        "crash",
        message=f"your code ended the process (exit status {code}) before the grader got any result — does it call os._exit() or sys.exit()?",
        message_ko=f"채점기가 결과를 받기 전에 코드가 프로세스를 끝냈습니다(종료 상태 {code}) — os._exit()나 sys.exit()를 호출하나요?",
    )


def _malformed(detail: str) -> ProbeResult:
    return ProbeResult(
        "error",
        message=f"the grader received malformed results ({detail}) — does your code write to the grader's pipe?",
        message_ko=f"채점기가 형식이 잘못된 결과를 받았습니다({detail}) — 코드가 채점기의 파이프에 무언가를 쓰나요?",
    )


def _safe_outputs(value: object) -> object:
    """The outputs with every string (keys too) made safe; arrays and numbers as they are."""
    if isinstance(value, str):
        return safe_text(value, limit=MESSAGE_CAP)
    if isinstance(value, dict):
        return {safe_text(k, limit=200): _safe_outputs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe_outputs(v) for v in value]
    return value


def _from_reply(reply: dict, memory_mb: int) -> ProbeResult:
    status, message = reply["status"], reply.get("message", "")
    layers = reply.get("layers") if isinstance(reply.get("layers"), dict) else {}
    layers = {safe_text(k, limit=40): safe_text(v, limit=300, one_line=True) for k, v in layers.items()}
    if status == "memory":
        return ProbeResult(
            "memory",
            message=f"ran out of memory (the limit is about {memory_mb >> 10 or 1} GiB) — is an array much larger than it should be?",
            message_ko=f"메모리가 부족합니다(제한은 약 {memory_mb >> 10 or 1} GiB) — 배열이 필요 이상으로 크지 않나요?",
            layers=layers,
        )
    if status == "internal":
        if reply.get("code") == "boundary":
            return ProbeResult("crash", message=f"strict mode: {message}", message_ko=f"엄격 모드: 운영체제 격리가 완전하지 않습니다 ({message})", layers=layers)
        return ProbeResult("crash", message=f"the grader could not start: {message}", message_ko=f"채점기를 시작하지 못했습니다: {message}", layers=layers)
    if status == "error":
        if reply.get("code") == "nul":
            line = message.split("line ")[-1].split(")")[0]
            return ProbeResult("error", message=message, message_ko=f"파일에 NUL 바이트가 있습니다({line}번째 줄). 일반 텍스트로 저장하세요", layers=layers)
        return ProbeResult("error", message=message, layers=layers)
    return ProbeResult("ok", outputs=_safe_outputs(reply["outputs"]), layers=layers)


# ------------------------------------------------------------------------- what is in force, and proof

SELF_TEST_FILE = '''"""tutor doctor's self-test: what learner code must not do, tried the way learner code would."""
import ctypes
import os
import socket

libc = ctypes.CDLL(None, use_errno=True)


def attempts(folder, port, secret):
    out = {}

    def attempt(name, act):
        try:
            act()
            out[name] = "done"
        except BaseException as exc:
            out[name] = f"refused ({type(exc).__name__}: {exc})"

    def spawn():  # through libc, which no Python audit hook sees
        pid = libc.fork()
        if pid == 0:
            libc._exit(0)
        if pid < 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))

    def read_secret():  # through libc too
        fd = libc.open(secret.encode(), os.O_RDONLY)
        if fd < 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))

    attempt("write", lambda: open(os.path.join(folder, "written"), "w").close())
    attempt("connect", lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close())
    attempt("spawn", spawn)
    attempt("signal", lambda: os.kill(os.getppid(), 0))
    attempt("read", read_secret)
    return out
'''
ATTEMPTS = {
    "write": ("write a file in a temporary folder", "임시 폴더에 파일 쓰기"),
    "connect": ("connect to a listener on 127.0.0.1", "127.0.0.1의 서버에 연결하기"),
    "spawn": ("start a process (libc fork)", "프로세스 시작하기(libc fork)"),
    "signal": ("signal the grader's process", "채점기 프로세스에 시그널 보내기"),
    "read": ("read the reference engine (libc open)", "참조 구현 읽기(libc open)"),
}


def capabilities() -> dict[str, str]:
    """What this machine offers, seen from the parent without starting a child: layer → detail."""
    abi = isolation.landlock_abi()
    seccomp_missing = isolation.seccomp_supported()
    found = {
        "no_new_privs": "available" if sys.platform.startswith("linux") else f"missing: not Linux ({sys.platform})",
        "landlock": f"available: ABI {abi}" if abi else "missing: the kernel has no Landlock",
        "seccomp": "available" if seccomp_missing is None else f"missing: {seccomp_missing}",
    }
    found = {k: v if k in LAYERS or v.startswith("missing") else "missing: switched off" for k, v in found.items()}
    found["subreaper"] = "in force" if subreaper() else "missing: the OS has no child subreaper"
    return found


def boundary_problem() -> tuple[str, str] | None:
    """None when the full OS boundary can be entered here; else why not, in (English, Korean)."""
    missing = [name for name, detail in capabilities().items() if detail.startswith("missing")]
    if not missing:
        return None
    names = ", ".join(missing)
    return (
        f"strict mode: the OS boundary is not complete on this machine ({names} missing; `tutor doctor` says why) — not grading",
        f"엄격 모드: 이 컴퓨터에서는 운영체제 격리가 완전하지 않습니다({names} 없음, 이유는 `tutor doctor`) — 채점하지 않습니다",
    )


def self_test(time_limit: float = 5.0) -> dict:
    """Run a real child that tries a forbidden write, connect, spawn, signal and read; check the side effects.

    Returns {"layers": what the child entered, "subreaper": bool, "attempts": {name: {"outcome", "detail",
    "side_effect"}}, "status": the child's status, "full": every layer in force and every attempt refused}.
    """
    import shutil
    import socket
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="tutor-selftest-"))
    target = folder / "target"
    target.mkdir()
    learner = folder / "selftest.py"
    learner.write_text(SELF_TEST_FILE, encoding="utf-8")
    listener = socket.socket()
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.setblocking(False)
        secret = os.path.join(os.path.dirname(_GRADING), "reference", "__init__.py")
        before = set(isolation.processes())
        result = run_probe(
            learner,
            "tutor.grading.isolation:self_test_probe",
            {"folder": str(target), "port": listener.getsockname()[1], "secret": secret},
            time_limit=time_limit,
        )
        connected = False
        try:
            listener.accept()[0].close()
            connected = True
        except (BlockingIOError, OSError):
            pass
        survivors = [pid for pid, (ppid, _, _) in isolation.processes().items() if pid not in before and ppid == os.getpid()]
        effects = {
            "write": any(target.iterdir()),
            "connect": connected,
            "spawn": bool(survivors),
            "signal": False,
            "read": False,
        }
    finally:
        listener.close()
        shutil.rmtree(folder, ignore_errors=True)
    found = result.outputs.get("attempts") if result.status == "ok" else None
    attempts = {}
    for name in ATTEMPTS:
        detail = found.get(name, "") if isinstance(found, dict) else ""
        detail = detail if isinstance(detail, str) else ""
        outcome = "refused" if detail.startswith("refused") and not effects[name] else ("done" if detail else "not tried")
        attempts[name] = {"outcome": outcome, "detail": detail, "side_effect": effects[name]}
    layers = dict(result.layers)
    layers["subreaper"] = "in force" if subreaper() else "missing: the OS has no child subreaper"
    full = (
        result.status == "ok"
        and all(layers.get(name, "").startswith("in force") for name in (*isolation.LAYERS, "subreaper"))
        and all(a["outcome"] == "refused" for a in attempts.values())
    )
    return {"status": result.status, "message": result.message, "layers": layers, "attempts": attempts, "full": full}
