"""The red team: hostile learner files, each graded by a real `tutor check` process, verdict AND side effects.

Every file in this folder (not test_*) is an attack. Its first comment lines say what it expects:

    # class: 1-8 (the classes of issue 9) or 9 (others)
    # exercise: the exercise id it is graded as
    # expect: the statuses it may get (never "pass" unless said)
    # message: a piece of the result's message (optional)
    # needs: OS layers the defence rests on (landlock, seccomp, subreaper): skipped, with the reason,
    #        where this machine lacks one
    # human: yes — also check the human output for raw terminal control
    # printed: a line the code printed, which the human output must show

Around each run: a temporary HOME, TUTOR_HOME and TMPDIR (which must stay as they were), the venv's
site-packages (unchanged), a TCP and a UDP listener on 127.0.0.1 and an abstract unix socket (no
connection may reach them), a marker in the environment (no process carrying it may survive), and an
untouched stub graded before and after (it must fail both times: nothing persisted).
A file that finds a forbidden thing readable raises "LEAK ..." — the result must never say LEAK.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import sysconfig
import uuid
from pathlib import Path

import pytest

from tutor.grading import isolation, sandbox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ATTACKS = sorted(p for p in HERE.glob("*.py") if not p.name.startswith(("test_", "conftest", "_")))
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def meta(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        m = re.match(r"# (\w+): (.*)$", line)
        if not m:
            break
        found[m.group(1)] = m.group(2).strip()
    return found


def available() -> dict[str, str | None]:
    """Layer → None when this machine has it, else why not."""
    abi = isolation.landlock_abi()
    return {
        "landlock": None if abi >= 1 else "this kernel has no Landlock",
        "landlock6": None if abi >= 6 else f"Landlock ABI {abi} does not scope signals (needs 6)",
        "seccomp": isolation.seccomp_supported(),
        "subreaper": None if sandbox.subreaper() else "this OS has no child subreaper",
    }


def snapshot(root: Path) -> dict[str, tuple]:
    files = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            files[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns, st.st_mode)
    return files


def site_packages() -> dict[str, tuple]:
    purelib = Path(sysconfig.get_paths()["purelib"])
    listing = {}
    for entry in purelib.iterdir():
        st = entry.lstat()
        listing[entry.name] = (st.st_mtime_ns, st.st_size, entry.read_bytes() if entry.suffix == ".pth" else b"")
    st = purelib.stat()
    listing["."] = (st.st_mtime_ns, st.st_mode, b"")
    return listing


def survivors(mark: str) -> list[int]:
    found = []
    needle = f"REDTEAM_MARK={mark}".encode()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
            if stat[stat.rfind(b")") + 2 :].split()[0] == b"Z":
                continue
            if needle in Path(f"/proc/{name}/environ").read_bytes() or mark.encode() in Path(f"/proc/{name}/cmdline").read_bytes():
                found.append(int(name))
        except OSError:
            continue
    return found


@pytest.fixture
def world(tmp_path):
    """The temporary world one attack runs in, and the listeners it must not reach."""
    home, tutor_home, tmpdir = tmp_path / "home", tmp_path / "tutor_home", tmp_path / "tmp"
    for d in (home, tutor_home, tmpdir):
        d.mkdir()
    (home / ".bashrc").write_text("# the learner's own\n")
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(8)
    tcp.setblocking(False)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.setblocking(False)
    unix_name = f"tutor-redteam-{uuid.uuid4().hex}"
    unix = socket.socket(socket.AF_UNIX)
    unix.bind("\0" + unix_name)
    unix.listen(8)
    unix.setblocking(False)
    mark = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "PYTEST", "PYTHON"))}
    env |= {
        "HOME": str(home),
        "TUTOR_HOME": str(tutor_home),
        "TMPDIR": str(tmpdir),
        "REDTEAM_PORT": str(tcp.getsockname()[1]),
        "REDTEAM_UDP": str(udp.getsockname()[1]),
        "REDTEAM_UNIX": unix_name,
        "REDTEAM_MARK": mark,
    }
    world = {"home": home, "tutor_home": tutor_home, "tmpdir": tmpdir, "env": env, "mark": mark, "tcp": tcp, "udp": udp, "unix": unix, "cwd": tmp_path}
    yield world
    for pid in survivors(mark):  # never leave one behind, whatever the test said
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for s in (tcp, udp, unix):
        s.close()


def tutor(world, *argv: str, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *argv], env=world["env"], cwd=world["cwd"], capture_output=True, timeout=timeout
    )


def nothing_reached(world) -> list[str]:
    reached = []
    for name in ("tcp", "unix"):
        try:
            world[name].accept()[0].close()
            reached.append(name)
        except (BlockingIOError, OSError):
            pass
    try:
        world["udp"].recv(100)
        reached.append("udp")
    except (BlockingIOError, OSError):
        pass
    return reached


def stub_fails(world) -> None:
    done = tutor(world, "check", "sgd", "--json", "--no-record")
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    data = json.loads(done.stdout)
    assert data["status"] == "fail" and data["started"] is False, data  # the stub: not started, no credit


@pytest.mark.parametrize("attack", ATTACKS, ids=[p.stem for p in ATTACKS])
def test_attack(attack: Path, world):
    info = meta(attack)
    missing = [f"{need}: {why}" for need in info.get("needs", "").split() if (why := available()[need])]
    if missing:
        pytest.skip("; ".join(missing))
    stub_fails(world)  # also lets tutor make its own files before the snapshot
    before = {k: snapshot(world[k]) for k in ("home", "tutor_home", "tmpdir")}
    packages = site_packages()

    submission = world["cwd"] / "submission" / attack.name  # a copy: an attack on its own file hits the copy
    submission.parent.mkdir()
    submission.write_bytes(attack.read_bytes())
    done = tutor(world, "check", info["exercise"], "--file", str(submission), "--json", "--no-record")
    out = done.stdout.decode("utf-8")  # the CLI's JSON is UTF-8 whatever the learner raised
    assert done.returncode == 1, f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}"
    result = json.loads(out)
    assert result["status"] in info["expect"].split(), result
    if "message" in info:
        assert info["message"] in (result["message"] or ""), result["message"]
    assert "LEAK" not in out, result
    assert len(out) < 64_000, f"the result is {len(out)} characters"
    assert not RAW_CONTROL.search(out)

    if info.get("human") == "yes":
        human = tutor(world, "check", info["exercise"], "--file", str(submission), "--no-record")
        text = human.stdout.decode("utf-8") + human.stderr.decode("utf-8")
        assert human.returncode == 1 and "unexpected error" not in text, text
        assert info.get("printed", "") in text
        assert not RAW_CONTROL.search(text.replace("\n", "")), repr(text[:500])
        assert len(text) < 64_000

    assert not survivors(world["mark"]), "a process the learner's code started is still alive"
    assert nothing_reached(world) == []
    after = {k: snapshot(world[k]) for k in ("home", "tutor_home", "tmpdir")}
    for k in before:
        assert after[k] == before[k], f"{k} changed: {set(after[k].items()) ^ set(before[k].items())}"
    assert site_packages() == packages, "site-packages changed"
    stub_fails(world)


def test_there_are_enough_attacks_across_the_classes():
    classes = [meta(p).get("class") for p in ATTACKS]
    assert len(ATTACKS) >= 40
    assert {"1", "2", "3", "4", "6", "7", "8"} <= set(classes)
    for p in ATTACKS:
        assert {"class", "exercise", "expect"} <= set(meta(p)), p.name
        assert "pass" not in meta(p)["expect"].split(), p.name


def test_the_harness_sees_side_effects_when_the_os_layers_are_off(world, monkeypatch):
    """Control: with Landlock and seccomp switched off, attacks on the file system and the network get
    through and this harness notices; the same files are refused in the real runs above."""
    monkeypatch.setattr(sandbox, "LAYERS", ("no_new_privs",))
    monkeypatch.setenv("HOME", str(world["home"]))
    monkeypatch.setenv("REDTEAM_PORT", world["env"]["REDTEAM_PORT"])
    before = snapshot(world["home"])
    r = sandbox.run_probe(HERE / "c2_home_bashrc.py", "tutor.grading.probes:call", {"name": "nothing", "args": []}, time_limit=5)
    assert r.status in ("ok", "error")
    assert snapshot(world["home"]) != before
    sandbox.run_probe(HERE / "c3_tcp_connect.py", "tutor.grading.probes:call", {"name": "nothing", "args": []}, time_limit=5)
    assert nothing_reached(world) == ["tcp"]
