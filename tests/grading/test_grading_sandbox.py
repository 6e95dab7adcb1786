"""The sandbox contract: learner code runs in a limited child, and only data comes back."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tutor.grading import codec
from tutor.grading.sandbox import run_probe

CALL = "tutor.grading.probes:call"


def probe(tmp_path, source, *, time_limit=2.0, args=(1.5,)):
    path = tmp_path / "learner.py"
    path.write_text(source, encoding="utf-8")
    return run_probe(path, CALL, {"name": "f", "args": list(args)}, time_limit=time_limit)


def test_outputs_come_back_as_arrays_and_prints_are_kept_apart(tmp_path):
    r = probe(tmp_path, "import numpy as np\nprint('hello')\ndef f(x):\n    return np.arange(3) * x\n")
    assert r.status == "ok"
    np.testing.assert_array_equal(r.outputs["value"], [0.0, 1.5, 3.0])
    assert r.stdout == "hello\n"


def test_infinite_loop_times_out_with_a_message_naming_the_limit(tmp_path):
    r = probe(tmp_path, "def f(x):\n    while True:\n        pass\n", time_limit=0.5)
    assert r.status == "timeout"
    assert r.message == "timed out after 0.5 s — an infinite loop?"


def test_huge_allocation_reports_memory(tmp_path):
    r = probe(tmp_path, "import numpy as np\ndef f(x):\n    return np.ones((60000, 60000))\n")
    assert r.status == "memory"
    assert "memory" in r.message


def test_sys_exit_and_os_exit_are_errors_not_passes(tmp_path):
    r = probe(tmp_path, "import sys\ndef f(x):\n    sys.exit(0)\n")
    assert r.status == "error" and "sys.exit(0)" in r.message
    r = probe(tmp_path, "import os\nos._exit(0)\n")
    assert r.status == "crash" and "os._exit" in r.message


def test_tutor_cannot_be_imported_or_read(tmp_path):
    r = probe(tmp_path, "from tutor.reference import SGD\n")
    assert r.status == "error" and "does not let exercise code import tutor.reference" in r.message
    bypass = (
        "import sys, importlib.util, tutor\n"
    )
    assert probe(tmp_path, bypass).status == "error"
    import tutor.reference.optimizers as ref

    sneaky = (
        "import sys, importlib.util\n"
        "def f(x):\n"
        "    sys.meta_path.pop(0)\n"
        f"    spec = importlib.util.spec_from_file_location('r', {ref.__file__!r})\n"
        "    m = importlib.util.module_from_spec(spec)\n"
        "    spec.loader.exec_module(m)\n"
        "    return 1\n"
    )
    r = probe(tmp_path, sneaky)
    assert r.outputs["value"] is None and "PermissionError" in r.outputs["error"]


def test_processes_cannot_be_started(tmp_path):
    r = probe(tmp_path, "import subprocess\ndef f(x):\n    return subprocess.run(['true']).returncode\n")
    assert "start processes" in r.outputs["error"]


def test_base_exception_and_syntax_error_are_one_line_errors(tmp_path):
    r = probe(tmp_path, "class Boom(BaseException):\n    pass\ndef f(x):\n    raise Boom('no')\n")
    assert r.status == "error" and r.message == "line 4 in f: Boom: no"
    r = probe(tmp_path, "def f(x):\n    return x +\n")
    assert r.status == "error" and r.message.startswith("syntax error on line 2")


def test_printed_output_is_capped_and_a_flood_is_stopped(tmp_path):
    r = probe(tmp_path, "def f(x):\n    for _ in range(200):\n        print('y' * 10000)\n    return 2\n", time_limit=5)
    assert r.status == "ok" and r.outputs["value"] == 2
    assert len(r.stdout) < 10_000 and "more bytes of output not shown" in r.stdout
    r = probe(tmp_path, "def f(x):\n    for _ in range(2000):\n        print('y' * 10000)\n    return 2\n", time_limit=5)
    assert r.status == "crash" and "printed more than 4 MiB" in r.message


def test_missing_function_is_named(tmp_path):
    r = probe(tmp_path, "def g(x):\n    return x\n")
    assert r.status == "error" and "defines no function `f`" in r.message


def test_codec_refuses_objects_and_round_trips_numbers():
    value = {"a": np.arange(6, dtype=np.int32).reshape(2, 3), "b": [1, 2.5, None, "s", float("nan")], "c": np.float64(3)}
    back = codec.decode(codec.encode(value))
    np.testing.assert_array_equal(back["a"], value["a"])
    assert back["c"] == 3.0 and back["b"][:4] == [1, 2.5, None, "s"]
    with pytest.raises(codec.CodecError):
        codec.encode({"x": np.array([object()])})
    forged = codec.encode({"x": np.zeros(2)}).replace(b"<f8", b"|O8")
    with pytest.raises(codec.CodecError):
        codec.decode(forged)


# ---- issue 9: the boundary between the child and the parent

import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import struct  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from tutor.cli import main  # noqa: E402
from tutor.grading import isolation, sandbox  # noqa: E402

LAYERS_HERE = isolation.landlock_abi() >= 1 and isolation.seccomp_supported() is None


def frame(header: bytes, body: bytes = b"") -> bytes:
    return struct.pack(">I", len(header)) + header + body


@pytest.mark.parametrize(
    "bad",
    [
        frame(b'{"v": ' + b"7" * 5000 + b"}"),
        frame(b"[" * 100_000 + b"]" * 100_000),
        frame(b"[" * 40 + b"]" * 40),
        frame(b'{"x": {"__nd__": ["<f8", [18446744073709551617], 0, 8]}}', bytes(8)),
        frame(b'{"x": {"__nd__": ["<f8", [4294967296, 4294967296, 0], 0, 0]}}'),
        frame(b'{"x": {"__nd__": ["<f8", [65536, 65536, 65536, 65536], 0, 0]}}'),
        frame(b'{"x": {"__nd__": ["<f8", [true], 0, 8]}}', bytes(8)),
        frame(b'{"x": {"__nd__": ["<f8", ' + b"[1]," * 0 + b"[" + b"1," * 40 + b"1], 0, 8]}}", bytes(8)),
        frame(b'{"x": {"__nd__": ["|O", [1], 0, 8]}}', bytes(8)),
        frame(b'{"x": {"__nd__": ["<f8", [4], 0, 32]}}', bytes(8)),
        struct.pack(">I", 1 << 30) + b"{}",
        b"\xff\xfe",
        frame(b"\xff\xfe"),
        frame(b"1e" + b"9" * 5000),
        # twenty descriptors of the same 8,000 bytes: 160,000 bytes made from 8,000 (an amplification)
        frame(b"[" + b",".join([b'{"__nd__": ["<f8", [1000], 0, 8000]}'] * 20) + b"]", bytes(8000)),
    ],
)
def test_every_malformed_frame_is_a_codec_error_never_another_exception(bad):
    with pytest.raises(codec.CodecError):
        codec.decode(bad)


def test_a_malformed_frame_is_status_error_with_a_message_in_both_languages(tmp_path):
    r = probe(tmp_path, "import os, sys, struct\nos.write(int(sys.argv[1]), struct.pack('>I', 8) + b'[' * 8)\nos._exit(0)\n")
    assert r.status == "error" and r.message.startswith("the grader received malformed results")
    assert r.message_ko.startswith("채점기가 형식이 잘못된 결과를 받았습니다")


def test_strings_from_the_child_are_made_safe_at_the_boundary(tmp_path):
    r = probe(tmp_path, "def f(x):\n    print('\\x1b]0;t\\x07\\x9b\\u202e')\n    return '\\x1b[2J\\ud800'\n")
    assert r.status == "ok"
    assert "\x1b" not in r.outputs["value"] and "\ud800" not in r.outputs["value"] and "␛[2J" in r.outputs["value"]
    assert "\x1b" not in r.stdout and "\x9b" not in r.stdout and "\u202e" not in r.stdout
    r = probe(tmp_path, "raise ValueError('\\ud800' + 'x' * 3_000_000)\n")
    assert r.status == "error" and len(r.message) <= sandbox.MESSAGE_CAP + 40
    r.message.encode("utf-8")


def test_printed_output_is_kept_in_an_error(tmp_path):
    r = probe(tmp_path, "print('looking at W1')\nraise KeyError('W1')\n")
    assert r.status == "error" and r.stdout == "looking at W1\n"


def test_a_nul_byte_gets_a_real_message(tmp_path):
    r = probe(tmp_path, "x = 1\ny = '\x00'\n")
    assert r.status == "error" and r.message == "your file contains a NUL byte (line 2); save it as plain text"


def test_a_segfault_is_a_crash_that_names_the_signal(tmp_path):
    r = probe(tmp_path, "t = ()\nfor _ in range(1_000_000):\n    t = (t,)\nhash(t)\n", time_limit=10)
    assert r.status == "crash" and "SIGSEGV" in r.message and "timed out" not in r.message


def test_a_frame_that_arrived_is_used_even_past_the_deadline(tmp_path):
    """The parent was stopped (here: did not look) until after the deadline; the child had finished."""
    learner = tmp_path / "learner.py"
    learner.write_text("def f(x):\n    return x * 2\n")
    request = codec.encode(
        {"probe": CALL, "args": {"name": "f", "args": [21]}, "file": str(learner), "module_name": "learner",
         "blocked": sandbox.blocked_roots(), "memory_bytes": 1 << 30, "cpu_seconds": 5, "strict": False, "layers": list(sandbox.LAYERS)}
    )
    child = sandbox.spawn()
    child.used = True
    try:
        child.proc.stdin.write(request)
        child.proc.stdin.close()
        child.proc.wait(30)  # it finished while "we were stopped"
        ended, frame_bytes, _, _ = sandbox._collect(child.proc, child.result_r, b"", time.monotonic() - 1)
    finally:
        child._close()
    assert ended == "done"
    assert codec.decode(frame_bytes)["outputs"]["value"] == 42


def test_the_parent_stopped_and_continued_still_gives_a_verdict(tmp_path):
    """SIGSTOP the whole `tutor check` for longer than the time limit, then continue it."""
    solution = tmp_path / "sgd.py"
    solution.write_text((Path(__file__).resolve().parents[2] / "exercises" / "sgd" / "solution.py").read_text())
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "check", "sgd", "--file", str(solution), "--json", "--no-record"], env=env, stdout=subprocess.PIPE)
    time.sleep(0.4)
    proc.send_signal(signal.SIGSTOP)
    time.sleep(3)
    proc.send_signal(signal.SIGCONT)
    out, _ = proc.communicate(timeout=60)
    assert json.loads(out)["status"] == "pass"


@pytest.mark.skipif(not isolation.become_subreaper(), reason="this OS has no child subreaper")
def test_a_survivor_is_killed_even_without_seccomp(tmp_path, monkeypatch):
    """Without seccomp a setsid+fork daemon can start: the subreaper sweep kills it after the check."""
    mark = uuid.uuid4().hex
    monkeypatch.setattr(sandbox, "LAYERS", ("no_new_privs", "landlock"))
    source = (
        "import ctypes, time\nlibc = ctypes.CDLL(None)\n"
        "if libc.fork() == 0:\n    libc.setsid()\n    if libc.fork() == 0:\n"
        f"        libc.prctl(15, b'{mark[:15]}')\n        while True:\n            time.sleep(0.1)\n    libc._exit(0)\n"
        "time.sleep(0.3)\ndef f(x):\n    return x\n"
    )
    r = probe(tmp_path, source)
    assert r.status == "ok"
    alive = [p for p in os.listdir("/proc") if p.isdigit() and _comm(p) == mark[:15]]
    assert alive == []
    # the control: the same file without the sweep leaves the daemon alive (so the test above can fail)
    monkeypatch.setattr(sandbox, "sweep", lambda *args, **kwargs: [])
    assert probe(tmp_path, source).status == "ok"
    time.sleep(0.2)
    alive = [int(p) for p in os.listdir("/proc") if p.isdigit() and _comm(p) == mark[:15]]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive


@pytest.mark.skipif(not isolation.become_subreaper(), reason="this OS has no child subreaper")
def test_the_sweep_spares_what_this_process_started_before_the_check(tmp_path):
    """The app runs the learner's $EDITOR; a GUI editor detaches into its own session and, the app being
    a subreaper, comes back to it. The sweep after the next check must not kill it (unsaved work)."""
    editor = subprocess.Popen(["sh", "-c", "setsid sleep 60 & exit 0"])  # a launcher that detaches and exits
    editor.wait()
    time.sleep(0.2)
    detached = [p for p, (ppid, _, _) in isolation.processes().items() if ppid == os.getpid() and _comm(str(p)) == "sleep"]
    assert detached, "the detached process did not come back to this subreaper"
    try:
        assert probe(tmp_path, "def f(x):\n    return x\n").status == "ok"
        assert all(isolation._stat_fields(pid) for pid in detached)  # alive after the check's sweep
    finally:
        for pid in detached:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _comm(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def test_strict_refuses_without_the_full_boundary(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(sandbox, "LAYERS", ("no_new_privs",))
    assert main(["check", "sgd", "--strict", "--no-record"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("strict mode: the OS boundary is not complete") and "\n" not in err
    monkeypatch.setenv("TUTOR_STRICT", "1")
    assert main(["--lang", "ko", "check", "sgd", "--no-record"]) == 2
    assert capsys.readouterr().err.startswith("엄격 모드")
    # and a child asked to be strict runs no learner code without every layer
    monkeypatch.setattr(sandbox, "STRICT", True)
    r = probe(tmp_path, "raise SystemExit('learner code ran')\n")
    assert r.status == "crash" and r.message.startswith("strict mode: the OS boundary is not complete")


@pytest.mark.skipif(not LAYERS_HERE, reason="this machine lacks Landlock or the seccomp filter")
def test_strict_grades_when_the_boundary_is_complete(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    monkeypatch.setattr(sandbox, "STRICT", False)
    assert main(["check", "sgd", "--strict", "--no-record", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["status"] == "fail"  # the stub, graded
    sandbox.STRICT = False


@pytest.mark.skipif(not LAYERS_HERE, reason="this machine lacks Landlock or the seccomp filter")
def test_doctor_proves_each_layer_with_a_real_child(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    assert main(["doctor", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["full_boundary"] and data["landlock_abi"] >= 1
    assert {a["outcome"] for a in data["self_test"]["attempts"].values()} == {"refused"}
    assert all(v.startswith("in force") for v in data["layers"].values())
    assert main(["doctor"]) == 0
    assert "boundary: full" in capsys.readouterr().out
    # the self-test notices when the layers are off (it can fail)
    monkeypatch.setattr(sandbox, "LAYERS", ("no_new_privs",))
    assert main(["doctor", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["self_test"]["attempts"]["write"] == {**data["self_test"]["attempts"]["write"], "outcome": "done", "side_effect": True}
    assert data["self_test"]["attempts"]["connect"]["side_effect"] is True


TECHNICAL = {"no_new_privs", "landlock", "seccomp", "subreaper", "ABI", "TCP", "bind", "connect", "ptrace", "Landlock", "child", "CPU", "GiB", "MiB"}


@pytest.mark.skipif(not LAYERS_HERE, reason="this machine lacks Landlock or the seccomp filter")
def test_doctor_says_its_layers_in_korean_and_aligns_them_by_terminal_cells(tmp_path, monkeypatch, capsys):
    import re

    from tutor.safetext import cells

    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    assert main(["--lang", "ko", "doctor"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("격리 계층"))
    rows = [line for line in out[start + 1 :] if line.startswith("  ✓")][:5]  # four layers, the limits
    assert len(rows) == 5, out
    for row in rows:
        english = [w for w in re.findall(r"[A-Za-z_]{4,}", row) if w not in TECHNICAL]
        assert english == [], row
    details = {cells(re.match(r"  ✓ (\S+)\s+", row).group(0)) for row in rows}
    assert details == {18}, rows  # every detail starts in the same terminal column


@pytest.mark.parametrize(
    "report",
    [
        "missing: not Linux (darwin)", "missing: the filter is built for x86-64 only (this CPU is aarch64)",
        "missing: the kernel has no seccomp", "missing: the kernel has no Landlock", "missing: switched off",
        "missing: needs no_new_privs", "available: ABI 2", "missing: the OS has no child subreaper", "missing: a 32-bit Python",
        "in force: ABI 3; file system read-only, only what the child needs; TCP not covered (ABI < 4); signals not scoped (ABI < 6)",
        "in force: ABI 7; file system read-only, only what the child needs; TCP bind/connect refused; signals and abstract sockets scoped",
        "in force: default-deny filter, 328 instructions: no processes, sockets, ptrace or signals to others",
    ],
)
def test_every_layer_report_has_its_korean(report):
    import re

    from tutor.grading.isolation import in_korean

    korean = in_korean(report)
    english = [w for w in re.findall(r"[A-Za-z_]{4,}", korean) if w not in TECHNICAL | {"darwin", "aarch", "Python"}]
    assert english == [] and re.search("[가-힣]", korean), korean
