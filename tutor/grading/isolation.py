"""The operating system's boundary around learner code: the few syscalls, in one small module.

Layers, each entered by the sandbox's child after its own imports and before the learner's module runs
(`enter(policy)`), in this order:

- ``no_new_privs``: PR_SET_NO_NEW_PRIVS, so nothing the child runs can gain privileges (and the kernel
  lets an unprivileged process install the two layers below).
- ``landlock``: the file system is read-only and only where the child needs it (the interpreter's
  standard library and shared libraries, each site-packages entry except the tutor package and the
  course, the learner's file); nothing may be written, created, removed, linked, renamed or truncated
  anywhere, no device ioctl (ABI 5+). With ABI 4+ TCP bind and connect are refused; with ABI 6+ signals
  and abstract unix sockets cannot reach outside the sandbox.
- ``seccomp``: default-deny. An allow-list of what CPython and NumPy need to compute (memory, futexes,
  reads and writes on descriptors, clocks, ...); new threads are allowed (``clone`` with CLONE_THREAD),
  new processes are not (``fork``, ``vfork``, ``clone`` without CLONE_THREAD, ``execve``); no sockets,
  no ``ptrace``/``process_vm_*``, no ``chmod``/``chown``/xattr writes (Landlock does not cover file
  metadata), signals only to the child itself, ``fcntl`` cannot aim SIGIO at another process, ``ioctl``
  only the terminal queries Python makes. Anything else fails with EPERM (``clone3`` with ENOSYS, so the
  C library falls back to ``clone``, whose flags a filter can read).

What the layers leave open, on purpose or by necessity: `stat`/`readlink` anywhere (names and sizes, no
contents); the descriptors the child holds — /dev/null, its output pipe and the result pipe, which the
learner's code can write anything to (the parent reads both as untrusted: capped, decoded within hard
limits, made safe); CPU, memory and time inside the limits; timing side channels; kernel bugs.

The parent's side: `become_subreaper()` (orphans of the child are re-parented to the parent rather than
to init, so `leftovers()` finds them and the sandbox kills them after every check).

Every layer that cannot start (another OS, an old kernel, another CPU) is reported as missing and the
child runs without it: grading never breaks because a layer is missing, and `tutor doctor` says which
layers are in force. Seccomp is built for x86-64 only (the one architecture whose filter is tested here).

macOS: a Seatbelt profile would be a spawn-time layer (``sandbox-exec -p PROFILE python ...``): it goes
in `child_command`, the one place that builds the child's command line.
"""

from __future__ import annotations

import ctypes
import errno
import os
import struct
import sys
import time

LAYERS = ("no_new_privs", "landlock", "seccomp")  # entered in the child, in this order

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_CHILD_SUBREAPER = 36
_PR_GET_SECCOMP = 21


class IsolationError(OSError):
    """A layer could not be entered (the reason is the message)."""


def _libc():
    if not sys.platform.startswith("linux"):
        raise IsolationError(errno.ENOSYS, f"not Linux ({sys.platform})")
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise IsolationError(err, f"{what}: {os.strerror(err)}")
    return result


def child_command(argv: list[str]) -> list[str]:
    """The child's command line; a spawn-time layer (a macOS Seatbelt profile) would wrap it here."""
    return argv


# ---------------------------------------------------------------------------------------------- prctl


def no_new_privs() -> None:
    libc = _libc()
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "PR_SET_NO_NEW_PRIVS")


def become_subreaper() -> bool:
    """Make this process a child subreaper; False where the OS has no such thing."""
    try:
        libc = _libc()
        _check(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "PR_SET_CHILD_SUBREAPER")
    except (IsolationError, OSError, AttributeError):
        return False
    return True


# ------------------------------------------------------------------------------------------- Landlock

_SYS_LANDLOCK_CREATE_RULESET = 444  # the same number on every architecture (asm-generic)
_SYS_LANDLOCK_ADD_RULE = 445
_SYS_LANDLOCK_RESTRICT_SELF = 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
_LANDLOCK_RULE_PATH_BENEATH = 1

_FS_EXECUTE = 1 << 0
_FS_WRITE_FILE = 1 << 1
_FS_READ_FILE = 1 << 2
_FS_READ_DIR = 1 << 3
_FS_ALL_V1 = (1 << 13) - 1  # execute … make_sym
_FS_REFER = 1 << 13  # ABI 2
_FS_TRUNCATE = 1 << 14  # ABI 3
_FS_IOCTL_DEV = 1 << 15  # ABI 5
_NET_BIND_TCP = 1 << 0  # ABI 4
_NET_CONNECT_TCP = 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
_SCOPE_SIGNAL = 1 << 1


def landlock_abi() -> int:
    """The kernel's Landlock ABI version (0: none, or not Linux)."""
    try:
        libc = _libc()
    except IsolationError:
        return 0
    libc.syscall.restype = ctypes.c_long
    version = libc.syscall(ctypes.c_long(_SYS_LANDLOCK_CREATE_RULESET), None, ctypes.c_size_t(0), ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION))
    return max(0, int(version))


def _handled_fs(abi: int) -> int:
    rights = _FS_ALL_V1
    if abi >= 2:
        rights |= _FS_REFER
    if abi >= 3:
        rights |= _FS_TRUNCATE
    if abi >= 5:
        rights |= _FS_IOCTL_DEV
    return rights


def landlock(read_paths: list[str], abi: int | None = None) -> str:
    """Restrict this process (and its future threads) to reading `read_paths`; returns what is in force."""
    libc = _libc()
    abi = landlock_abi() if abi is None else abi
    if abi < 1:
        raise IsolationError(errno.ENOSYS, "the kernel has no Landlock")
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:
        threads = 1
    if threads > 1:  # landlock_restrict_self covers the calling thread only (and the threads it starts)
        raise IsolationError(errno.EBUSY, f"{threads} threads already running; Landlock would cover only one")
    syscall = libc.syscall
    syscall.restype = ctypes.c_long
    handled_fs = _handled_fs(abi)
    if abi >= 6:
        attr = struct.pack("=QQQ", handled_fs, _NET_BIND_TCP | _NET_CONNECT_TCP, _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL)
    elif abi >= 4:
        attr = struct.pack("=QQ", handled_fs, _NET_BIND_TCP | _NET_CONNECT_TCP)
    else:
        attr = struct.pack("=Q", handled_fs)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _check(syscall(ctypes.c_long(_SYS_LANDLOCK_CREATE_RULESET), buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0)), "landlock_create_ruleset")
    try:
        for path in read_paths:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # gone or unreadable: nothing to allow
            try:
                is_dir = _fd_is_dir(fd)
                allowed = _FS_READ_FILE | (_FS_READ_DIR if is_dir else 0)
                rule = ctypes.create_string_buffer(struct.pack("=Qi", allowed, fd), 12)
                _check(syscall(ctypes.c_long(_SYS_LANDLOCK_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(_LANDLOCK_RULE_PATH_BENEATH), rule, ctypes.c_uint32(0)), f"landlock_add_rule {path}")
            finally:
                os.close(fd)
        _check(syscall(ctypes.c_long(_SYS_LANDLOCK_RESTRICT_SELF), ctypes.c_int(ruleset), ctypes.c_uint32(0)), "landlock_restrict_self")
    finally:
        os.close(ruleset)
    parts = [f"ABI {abi}", "file system read-only, only what the child needs"]
    parts.append("TCP bind/connect refused" if abi >= 4 else "TCP not covered (ABI < 4)")
    parts.append("signals and abstract sockets scoped" if abi >= 6 else "signals not scoped (ABI < 6)")
    return "; ".join(parts)


def _fd_is_dir(fd: int) -> bool:
    import stat

    return stat.S_ISDIR(os.fstat(fd).st_mode)


def read_roots(blocked: list[str], learner_file: str) -> list[str]:
    """What the child may read: the interpreter's folders, system libraries, sys.path, the learner's file.

    A folder that holds a blocked one (the tutor package, the course's exercises, a checkout's .git — of
    this tutor and of any other copy on sys.path) is replaced by its entries, recursively, minus the
    blocked ones: Landlock rules only ever add access.
    """
    blocked_real = {os.path.realpath(p) for p in blocked}
    for entry in sys.path:  # any other copy of tutor on the path (an old editable install, a checkout)
        if entry and os.path.isfile(os.path.join(entry, "tutor", "__init__.py")):
            blocked_real.update(os.path.realpath(os.path.join(entry, name)) for name in ("tutor", "exercises", ".git"))
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path]
    candidates += ["/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/share/zoneinfo", "/etc/localtime", "/dev/null", "/dev/urandom"]
    roots: list[str] = []
    seen: set[str] = set()

    def add(path: str, depth: int = 0) -> None:
        real = os.path.realpath(path)
        if real in seen or not os.path.exists(real):
            return
        seen.add(real)
        if real in blocked_real or any(real.startswith(b + os.sep) for b in blocked_real):
            return
        holds = [b for b in blocked_real if b.startswith(real + os.sep)]
        if not holds:
            roots.append(real)
            return
        if depth > 16:
            return
        try:
            names = os.listdir(real)
        except OSError:
            return
        for name in names:
            add(os.path.join(real, name), depth + 1)

    for path in candidates:
        if path:
            add(path)
    roots.append(os.path.realpath(learner_file))
    return roots


# -------------------------------------------------------------------------------------------- seccomp

# x86-64 syscall numbers (asm/unistd_64.h) that the child may make without conditions.
_X86_64_ALLOW = {
    "read": 0, "write": 1, "open": 2, "close": 3, "stat": 4, "fstat": 5, "lstat": 6, "poll": 7, "lseek": 8,
    "mmap": 9, "mprotect": 10, "munmap": 11, "brk": 12, "rt_sigaction": 13, "rt_sigprocmask": 14,
    "rt_sigreturn": 15, "pread64": 17, "pwrite64": 18, "readv": 19, "writev": 20, "access": 21, "pipe": 22,
    "select": 23, "sched_yield": 24, "mremap": 25, "msync": 26, "mincore": 27, "madvise": 28, "dup": 32,
    "dup2": 33, "pause": 34, "nanosleep": 35, "getitimer": 36, "alarm": 37, "setitimer": 38, "getpid": 39,
    "exit": 60, "uname": 63, "fsync": 74, "fdatasync": 75, "getdents": 78, "getcwd": 79, "chdir": 80,
    "fchdir": 81, "readlink": 89, "gettimeofday": 96, "getrlimit": 97, "getrusage": 98, "sysinfo": 99,
    "times": 100, "getuid": 102, "getgid": 104, "geteuid": 107, "getegid": 108, "getppid": 110, "getpgrp": 111,
    "getgroups": 115, "getresuid": 118, "getresgid": 120, "getpgid": 121, "getsid": 124, "rt_sigpending": 127,
    "rt_sigtimedwait": 128, "rt_sigsuspend": 130, "sigaltstack": 131, "statfs": 137, "fstatfs": 138,
    "getpriority": 140, "sched_getparam": 143, "sched_getscheduler": 145, "sched_get_priority_max": 146,
    "sched_get_priority_min": 147, "arch_prctl": 158, "gettid": 186, "getxattr": 191, "lgetxattr": 192,
    "fgetxattr": 193, "time": 201, "futex": 202, "sched_getaffinity": 204, "getdents64": 217,
    "set_tid_address": 218, "restart_syscall": 219, "fadvise64": 221, "timer_create": 222, "timer_settime": 223,
    "timer_gettime": 224, "timer_getoverrun": 225, "timer_delete": 226, "clock_gettime": 228,
    "clock_getres": 229, "clock_nanosleep": 230, "exit_group": 231, "epoll_wait": 232, "epoll_ctl": 233,
    "get_mempolicy": 239, "openat": 257, "newfstatat": 262, "readlinkat": 267, "faccessat": 269, "pselect6": 270,
    "ppoll": 271, "set_robust_list": 273, "get_robust_list": 274, "epoll_pwait": 281, "timerfd_create": 283,
    "timerfd_settime": 286, "timerfd_gettime": 287, "eventfd2": 290, "epoll_create1": 291, "dup3": 292,
    "pipe2": 293, "preadv": 295, "pwritev": 296, "getcpu": 309, "getrandom": 318, "membarrier": 324,
    "statx": 332, "rseq": 334, "close_range": 436, "faccessat2": 439, "epoll_pwait2": 441, "futex_waitv": 449,
}
# Allowed only with a condition on an argument (checked in the filter).
_X86_64_CLONE = 56  # only with CLONE_THREAD
_X86_64_CLONE3 = 435  # ENOSYS: glibc then uses clone
_X86_64_SELF_SIGNAL = {"kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297}
_X86_64_IOCTL = 16
_X86_64_FCNTL = 72
_X86_64_PRCTL = 157
_X86_64_PRLIMIT64 = 302

_CLONE_THREAD = 0x00010000
_IOCTL_OK = (0x5401, 0x5413, 0x5421, 0x5450, 0x5451, 0x541B)  # TCGETS TIOCGWINSZ FIONBIO FIONCLEX FIOCLEX FIONREAD
_FCNTL_DENIED = (8, 10, 15, 1024, 1026)  # F_SETOWN F_SETSIG F_SETOWN_EX F_SETLEASE F_NOTIFY
_PRCTL_OK = (15, 16, 0x53564D41)  # PR_SET_NAME PR_GET_NAME PR_SET_VMA

_AUDIT_ARCH_X86_64 = 0xC000003E
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_LD_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JSET = 0x45  # BPF_JMP | BPF_JSET | BPF_K
_RET = 0x06  # BPF_RET | BPF_K
_OFF_NR, _OFF_ARCH = 0, 4


def _arg_lo(i: int) -> int:
    return 16 + 8 * i  # little-endian: the low 32 bits first


def _arg_hi(i: int) -> int:
    return 20 + 8 * i


def _ins(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k & 0xFFFFFFFF)


def seccomp_supported() -> str | None:
    """None when this process could install the filter, else why not."""
    if not sys.platform.startswith("linux"):
        return f"not Linux ({sys.platform})"
    machine = os.uname().machine
    if machine != "x86_64":
        return f"the filter is built for x86-64 only (this CPU is {machine})"
    if struct.calcsize("P") != 8:
        return "a 32-bit Python"
    try:
        libc = _libc()
        mode = libc.prctl(_PR_GET_SECCOMP, 0, 0, 0, 0)
    except (IsolationError, OSError, AttributeError) as exc:
        return str(exc)
    if mode < 0:
        return "the kernel has no seccomp"
    return None


def seccomp_program(pid: int) -> bytes:
    """The BPF program: default EPERM, the allow-list above, the conditional calls; signals only to `pid`."""
    deny = _RET_ERRNO | errno.EPERM
    prog = [
        _ins(_LD_ABS, 0, 0, _OFF_ARCH),
        _ins(_JEQ, 1, 0, _AUDIT_ARCH_X86_64),
        _ins(_RET, 0, 0, _RET_KILL_PROCESS),  # another ABI (i386 via int 0x80): no
        _ins(_LD_ABS, 0, 0, _OFF_NR),
        _ins(0x35, 0, 1, 0x40000000),  # BPF_JGE: x32 syscalls
        _ins(_RET, 0, 0, deny),
    ]

    def block(nr: int, body: list[bytes]) -> None:
        """If nr matches, run body (which always returns); otherwise skip it."""
        prog.append(_ins(_JEQ, 0, len(body), nr))
        prog.extend(body)

    for nr in sorted(_X86_64_ALLOW.values()):
        block(nr, [_ins(_RET, 0, 0, _RET_ALLOW)])
    block(_X86_64_CLONE3, [_ins(_RET, 0, 0, _RET_ERRNO | errno.ENOSYS)])
    block(_X86_64_CLONE, [
        _ins(_LD_ABS, 0, 0, _arg_lo(0)),
        _ins(_JSET, 0, 1, _CLONE_THREAD),
        _ins(_RET, 0, 0, _RET_ALLOW),
        _ins(_RET, 0, 0, deny),
    ])
    for nr in _X86_64_SELF_SIGNAL.values():  # the first argument is the target process: only this one
        block(nr, [
            _ins(_LD_ABS, 0, 0, _arg_hi(0)),
            _ins(_JEQ, 0, 3, 0),
            _ins(_LD_ABS, 0, 0, _arg_lo(0)),
            _ins(_JEQ, 0, 1, pid),
            _ins(_RET, 0, 0, _RET_ALLOW),
            _ins(_RET, 0, 0, deny),
        ])

    def one_of(nr: int, arg: int, values: tuple[int, ...], allow: bool) -> None:
        """Allow (or deny) the call when argument `arg` (low 32 bits) is one of `values`."""
        hit, miss = (_RET_ALLOW, deny) if allow else (deny, _RET_ALLOW)
        body = [_ins(_LD_ABS, 0, 0, _arg_lo(arg))]
        for i, v in enumerate(values):
            body.append(_ins(_JEQ, len(values) - i, 0, v))  # jump to the `hit` return
        body += [_ins(_RET, 0, 0, miss), _ins(_RET, 0, 0, hit)]
        block(nr, body)

    one_of(_X86_64_IOCTL, 1, _IOCTL_OK, allow=True)
    one_of(_X86_64_FCNTL, 1, _FCNTL_DENIED, allow=False)
    one_of(_X86_64_PRCTL, 0, _PRCTL_OK, allow=True)
    block(_X86_64_PRLIMIT64, [  # reading a limit only (new limit NULL)
        _ins(_LD_ABS, 0, 0, _arg_lo(2)),
        _ins(_JEQ, 0, 3, 0),
        _ins(_LD_ABS, 0, 0, _arg_hi(2)),
        _ins(_JEQ, 0, 1, 0),
        _ins(_RET, 0, 0, _RET_ALLOW),
        _ins(_RET, 0, 0, deny),
    ])
    prog.append(_ins(_RET, 0, 0, deny))
    return b"".join(prog)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def seccomp() -> str:
    """Install the filter on this process (all its threads); no_new_privs must be set first."""
    why = seccomp_supported()
    if why:
        raise IsolationError(errno.ENOSYS, why)
    libc = _libc()
    code = seccomp_program(os.getpid())
    buf = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc.syscall.restype = ctypes.c_long
    # seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog): every thread, or none.
    result = libc.syscall(ctypes.c_long(317), ctypes.c_uint(1), ctypes.c_uint(1), ctypes.byref(prog))
    if result != 0:
        err = ctypes.get_errno()
        raise IsolationError(err, f"seccomp: {os.strerror(err) if result < 0 else 'a thread could not be synchronised'}")
    return f"default-deny filter, {len(code) // 8} instructions: no processes, sockets, ptrace or signals to others"


# ------------------------------------------------------------------------------------ the child's side


# The words of the reports above (and of sandbox.capabilities) in Korean, for `tutor doctor`: the reports
# stay English where they are data (`doctor --json`, a bug report); a Korean learner reads them through
# `in_korean`. Whatever is not here (an OS error's text) is shown as it came.
KOREAN = (
    (r"^in force", "적용됨"),
    (r"^missing", "없음"),
    (r"^available", "사용 가능"),
    (r"file system read-only, only what the child needs", "파일 시스템은 읽기 전용이고 자식 프로세스에 필요한 곳만 읽음"),
    (r"TCP bind/connect refused", "TCP bind/connect 거부"),
    (r"TCP not covered \(ABI < 4\)", "TCP는 막지 못함(ABI < 4)"),
    (r"signals and abstract sockets scoped", "시그널과 추상 소켓은 격리 안쪽으로만"),
    (r"signals not scoped \(ABI < 6\)", "시그널은 막지 못함(ABI < 6)"),
    (r"default-deny filter, (\d+) instructions: no processes, sockets, ptrace or signals to others",
     r"기본 거부 필터(명령어 \1개): 프로세스, 소켓, ptrace, 다른 프로세스로 보내는 시그널 금지"),
    (r"switched off", "꺼 둠"),
    (r"needs no_new_privs", "no_new_privs가 먼저 필요함"),
    (r"the kernel has no Landlock", "커널에 Landlock이 없음"),
    (r"the kernel has no seccomp", "커널에 seccomp가 없음"),
    (r"not Linux \((.*?)\)", r"리눅스가 아님(\1)"),
    (r"the filter is built for x86-64 only \(this CPU is (.*?)\)", r"필터는 x86-64용으로만 만들어짐(이 CPU는 \1)"),
    (r"a 32-bit Python", "32비트 파이썬"),
    (r"the OS has no child subreaper", "운영체제에 child subreaper가 없음"),
)


def in_korean(report: str) -> str:
    """A layer's report ("in force: …", "missing: why") in Korean, phrase by phrase."""
    import re

    for english, korean in KOREAN:
        report = re.sub(english, korean, report)
    return report


def enter(read_paths: list[str], *, required: bool = False, only: tuple[str, ...] = LAYERS) -> dict[str, str]:
    """Enter every layer in `only` this machine has; returns layer → "in force: …" or "missing: why".

    With `required`, a missing layer is an IsolationError instead (strict mode: run nothing unprotected).
    """
    report: dict[str, str] = {}
    steps = (("no_new_privs", no_new_privs), ("landlock", lambda: landlock(read_paths)), ("seccomp", seccomp))
    for name, step in steps:
        if name not in only:
            report[name] = "missing: switched off"
        elif name != "no_new_privs" and not report["no_new_privs"].startswith("in force"):
            report[name] = "missing: needs no_new_privs"
        else:
            try:
                detail = step()
                report[name] = "in force" + (f": {detail}" if detail else "")
            except (OSError, AttributeError, ValueError) as exc:
                report[name] = f"missing: {exc}"
        if required and not report[name].startswith("in force"):
            raise IsolationError(errno.EPERM, f"{name} {report[name]}")
    return report


# ----------------------------------------------------------------------------------- the parent's side


def boot_ticks() -> int:
    """Now, in the unit /proc gives a process's start time in: clock ticks since boot (0 where unknown)."""
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    if clock is None:
        return 0
    return int(time.clock_gettime(clock) * os.sysconf("SC_CLK_TCK"))


def _stat_fields(pid: int) -> tuple[int, int, int] | None:
    """(ppid, session id, start time in ticks since boot) of a process, from /proc; None if it is gone,
    or a zombie another process must reap (ours are kept: reaping them is the sweep's job)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    fields = data[data.rfind(b")") + 2 :].split()
    try:
        state, ppid, sid, start = fields[0], int(fields[1]), int(fields[3]), int(fields[19])
    except (IndexError, ValueError):
        return None
    if state == b"Z" and ppid != os.getpid():
        return None
    return ppid, sid, start


def processes() -> dict[int, tuple[int, int, int]]:
    """Every process visible here: pid → (ppid, sid, start ticks). Empty where there is no /proc."""
    table = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return table
    for name in names:
        if name.isdigit():
            fields = _stat_fields(int(name))
            if fields:
                table[int(name)] = fields
    return table


def _children() -> set[int] | None:
    """This process's children (every thread's), from /proc/self/task/*/children; None if the kernel
    does not list them."""
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return None
    if not os.path.exists(f"/proc/self/task/{os.getpid()}/children"):
        return None
    kids: set[int] = set()
    for tid in tids:
        try:
            with open(f"/proc/self/task/{tid}/children", "rb") as fh:
                kids.update(int(p) for p in fh.read().split())
        except (OSError, ValueError):  # a thread that just ended
            continue
    return kids


def leftovers(session: int, spare: set[int], *, subreaper: bool = True, since: int | None = None) -> list[int]:
    """Processes the sandbox left behind: in the child's `session`, or re-parented to us (we are a
    subreaper) from another session than ours and started at or after `since` (`boot_ticks()` when the
    child was given the learner's code; None: the child never was) — except the live children in `spare`.
    The start time spares what this process started itself before, e.g. a GUI editor the app launched
    that detached into its own session and so came back to us.

    As a subreaper every orphan of the child comes to us, so our own children are all there is to look
    at (cheap); otherwise every process on the machine is looked at for the child's session.
    """
    me, own_session = os.getpid(), os.getsid(0)
    kids = _children() if subreaper else None
    if kids is not None:
        table = {pid: fields for pid in kids - spare if (fields := _stat_fields(pid))}
    else:
        table = {pid: fields for pid, fields in processes().items() if pid not in spare and pid != me}
    return [
        pid for pid, (ppid, sid, start) in table.items()
        if sid == session or (since is not None and ppid == me and sid != own_session and start >= since)
    ]


def self_test_probe(module, **kwargs) -> dict:
    """The probe of `tutor doctor`'s self-test: the self-test file's `attempts(...)`, run as learner code."""
    return {"attempts": module.attempts(**kwargs)}
