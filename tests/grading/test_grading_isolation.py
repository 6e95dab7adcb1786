"""The OS layers of `tutor.grading.isolation`, each entered in a real child process and then attacked.

A layer this machine lacks is a skip that says why, never a pass.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tutor.grading import isolation

ROOT = Path(__file__).resolve().parents[2]
LANDLOCK = isolation.landlock_abi()
SECCOMP_MISSING = isolation.seccomp_supported()
needs_landlock = pytest.mark.skipif(LANDLOCK < 1, reason="this kernel has no Landlock")
needs_seccomp = pytest.mark.skipif(SECCOMP_MISSING is not None, reason=f"seccomp filter unavailable: {SECCOMP_MISSING}")


def run_child(tmp_path, body: str, *, layers: str = "all") -> dict:
    """Run `body` in a fresh Python after entering the layers; it fills the dict `out`, printed as JSON."""
    script = tmp_path / "child.py"
    script.write_text(
        "import json, os, socket, sys, threading\n"
        "import numpy as np\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from tutor.grading import isolation\n"
        f"roots = isolation.read_roots([{str(ROOT / 'tutor')!r}, {str(ROOT / 'exercises')!r}], {str(script)!r})\n"
        "out = {}\n"
        f"layers = {layers!r}\n"
        "if layers == 'all':\n"
        "    out['layers'] = isolation.enter(roots)\n"
        "elif layers == 'no-landlock':\n"
        "    isolation.landlock_abi = lambda: 0\n"
        "    out['layers'] = isolation.enter(roots)\n"
        "elif layers == 'strict-no-landlock':\n"
        "    isolation.landlock_abi = lambda: 0\n"
        "    try:\n"
        "        isolation.enter(roots, required=True)\n"
        "    except OSError as exc:\n"
        "        out['refused'] = str(exc)\n"
        "def attempt(name, f):\n"
        "    try:\n"
        "        out[name] = ['done', repr(f())]\n"
        "    except BaseException as exc:\n"
        "        out[name] = ['refused', f'{type(exc).__name__}: {exc}']\n"
        + textwrap.dedent(body)
        + "\nsys.stdout.write(json.dumps(out))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}  # as the sandbox does
    done = subprocess.run([sys.executable, "-I", str(script)], capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_landlock
def test_landlock_file_system_is_read_only_and_only_what_the_child_needs(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "existing").write_text("keep")
    out = run_child(
        tmp_path,
        f"""
        attempt('create', lambda: open({str(home / 'new')!r}, 'w'))
        attempt('append', lambda: open({str(home / 'existing')!r}, 'a'))
        attempt('truncate', lambda: os.truncate({str(home / 'existing')!r}, 0))
        attempt('unlink', lambda: os.unlink({str(home / 'existing')!r}))
        attempt('rename', lambda: os.rename({str(home / 'existing')!r}, {str(home / 'moved')!r}))
        attempt('link', lambda: os.link({str(home / 'existing')!r}, {str(home / 'hard')!r}))
        attempt('symlink', lambda: os.symlink('/etc/passwd', {str(home / 'sym')!r}))
        attempt('mkdir', lambda: os.mkdir({str(home / 'dir')!r}))
        attempt('read_home', lambda: open({str(home / 'existing')!r}).read())
        attempt('read_solution', lambda: open({str(ROOT / 'exercises' / 'adam' / 'solution.py')!r}).read())
        attempt('read_reference', lambda: open({str(ROOT / 'tutor' / 'reference' / 'optimizers.py')!r}).read())
        attempt('dir_fd', lambda: os.open('adam/solution.py', os.O_RDONLY, dir_fd=os.open({str(ROOT / 'exercises')!r}, os.O_RDONLY)))
        attempt('read_self', lambda: len(open(__file__).read()) > 0)
        attempt('numpy_lazy', lambda: float(np.linalg.norm(np.ones(4))))
        attempt('stdlib', lambda: __import__('decimal').Decimal('1.5') * 2)
        """,
    )
    assert out["layers"]["landlock"].startswith("in force"), out["layers"]
    for name in ("create", "append", "truncate", "unlink", "rename", "link", "symlink", "mkdir", "read_home", "read_solution", "read_reference", "dir_fd"):
        assert out[name][0] == "refused", (name, out[name])
    for name in ("read_self", "numpy_lazy", "stdlib"):
        assert out[name][0] == "done", (name, out[name])
    assert sorted(p.name for p in home.iterdir()) == ["existing"] and (home / "existing").read_text() == "keep"


@needs_landlock
@pytest.mark.skipif(LANDLOCK < 4, reason=f"Landlock ABI {LANDLOCK} has no TCP rules (needs 4)")
def test_landlock_refuses_tcp_even_without_seccomp(tmp_path):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    port = listener.getsockname()[1]
    try:
        out = run_child(
            tmp_path,
            f"""
            isolation.no_new_privs()
            isolation.landlock(roots)
            attempt('connect', lambda: socket.create_connection(('127.0.0.1', {port}), timeout=2))
            attempt('bind', lambda: socket.socket().bind(('127.0.0.1', 0)))
            """,
            layers="none",
        )
        assert out["connect"][0] == "refused" and out["bind"][0] == "refused", out
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


@needs_seccomp
def test_seccomp_refuses_processes_sockets_and_signals_to_others_but_threads_run(tmp_path):
    out = run_child(
        tmp_path,
        """
        import ctypes, signal
        libc = ctypes.CDLL(None, use_errno=True)
        attempt('fork', os.fork)
        attempt('libc_fork', lambda: (lambda r: r if r >= 0 else (_ for _ in ()).throw(OSError(ctypes.get_errno(), 'fork')))(libc.fork()))
        attempt('libc_system', lambda: (lambda r: r if r == 0 else (_ for _ in ()).throw(OSError(r, 'system')))(libc.system(b'true')))
        attempt('exec', lambda: os.execv('/bin/true', ['true']))
        attempt('posix_spawn', lambda: os.posix_spawn('/bin/true', ['true'], {}))
        attempt('socket', socket.socket)
        attempt('unix', lambda: socket.socket(socket.AF_UNIX))
        attempt('kill_parent', lambda: os.kill(os.getppid(), 0))
        attempt('kill_group', lambda: os.kill(0, 0))
        attempt('chmod', lambda: os.chmod(__file__, 0o777))
        attempt('ptrace', lambda: (lambda r: r if r >= 0 else (_ for _ in ()).throw(OSError(ctypes.get_errno(), 'ptrace')))(libc.ptrace(16, os.getppid(), 0, 0)))
        attempt('kill_self_0', lambda: os.kill(os.getpid(), 0))
        def work(box):
            box.append(float(np.dot(np.ones(50), np.ones(50))))
        box = []
        threads = [threading.Thread(target=work, args=(box,)) for _ in range(4)]
        attempt('threads', lambda: ([t.start() for t in threads], [t.join() for t in threads], box)[2])
        """,
    )
    assert out["layers"]["seccomp"].startswith("in force"), out["layers"]
    for name in ("fork", "libc_fork", "libc_system", "exec", "posix_spawn", "socket", "unix", "kill_parent", "kill_group", "chmod", "ptrace"):
        assert out[name][0] == "refused", (name, out[name])
    assert out["kill_self_0"][0] == "done"
    assert out["threads"] == ["done", repr([50.0] * 4)]


@needs_seccomp
def test_a_missing_layer_falls_back_and_strict_refuses(tmp_path):
    out = run_child(tmp_path, "attempt('socket', socket.socket)\n", layers="no-landlock")
    assert out["layers"]["landlock"].startswith("missing"), out["layers"]
    assert out["layers"]["seccomp"].startswith("in force") and out["socket"][0] == "refused"
    out = run_child(tmp_path, "", layers="strict-no-landlock")
    assert "landlock" in out["refused"]


def test_seccomp_program_jumps_stay_in_range():
    code = isolation.seccomp_program(os.getpid())
    assert len(code) % 8 == 0 and len(code) // 8 < 4096
    import struct

    for i in range(0, len(code), 8):
        op, jt, jf, _ = struct.unpack("=HBBI", code[i : i + 8])
        here = i // 8
        if op & 0x07 == 0x05:  # BPF_JMP: both targets inside the program
            assert here + 1 + max(jt, jf) < len(code) // 8


def test_read_roots_never_include_a_blocked_folder(tmp_path):
    roots = isolation.read_roots([str(ROOT / "tutor"), str(ROOT / "exercises")], str(tmp_path / "x.py"))
    for root in roots:
        for blocked in (ROOT / "tutor", ROOT / "exercises"):
            assert not str(blocked).startswith(root.rstrip("/") + "/") and root != str(blocked)
            assert not root.startswith(str(blocked) + "/")


@needs_landlock
def test_landlock_is_not_claimed_when_other_threads_already_run(tmp_path):
    """landlock_restrict_self covers only the calling thread: with another thread alive it says missing."""
    out = run_child(
        tmp_path,
        """
        import time
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        try:
            isolation.no_new_privs()
            out['landlock'] = isolation.landlock(roots)
        except OSError as exc:
            out['landlock'] = f'missing: {exc}'
        """,
        layers="none",
    )
    assert out["landlock"].startswith("missing") and "threads already running" in out["landlock"]
