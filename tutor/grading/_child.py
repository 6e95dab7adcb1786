"""The sandbox's child process: load the learner's file, call one trusted probe, send its raw outputs back.

Started by `tutor.grading.sandbox.run_probe` as `python -I _child.py RESULT_FD PACKAGE_PARENT`, with the
request (probe name, arguments, limits) on stdin. Before the learner's code runs, the child
- imports the probe, then forgets every `tutor` module and blocks importing them again (a meta-path hook),
- installs an audit hook that refuses to open files of the tutor package or of the course's exercises
  (solutions live there) and refuses to start processes (a convenience for honest mistakes: code in
  the same process can switch a Python hook off, so the OS layers below are the boundary),
- sets resource limits (address space, CPU time, file size, no core dumps),
- enters the OS layers this machine has (`tutor.grading.isolation`: no_new_privs, Landlock, seccomp);
  with `strict` in the request a missing layer means the learner's code does not run at all.
The result goes to the private pipe RESULT_FD as a codec frame. The parent trusts none of it beyond
"these are the numbers the learner's code produced", and decodes it within hard limits.
"""

import os
import sys

TEXT_CAP = 2000  # characters of any one string sent back (an exception message can be 100 MB)


def _shorten(value: object) -> object:
    """`value` with every string cut to TEXT_CAP characters, so a huge message cannot make a huge frame."""
    if isinstance(value, str):  # a str subclass's methods may lie: use str's own
        size = str.__len__(value)
        if size <= TEXT_CAP:
            return str.__add__("", value)
        return str.__getitem__(value, slice(0, TEXT_CAP)) + f" … [+{size - TEXT_CAP:,} chars]"
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shorten(v) for v in value]
    return value


def _describe(describe, exc: BaseException, module) -> str:
    """probe_api.describe, guarded: an exception whose __str__ raises or lies still gets a line."""
    try:
        text = describe(exc, module)
        return text if type(text) is str else type(exc).__name__
    except BaseException:  # noqa: BLE001 - a hostile __str__ may raise anything
        return f"{type(exc).__name__} (its message could not be read)"


def _send(fd: int, frame: bytes) -> None:
    view = memoryview(frame)
    while view:
        view = view[os.write(fd, view) :]


def main() -> None:
    result_fd = int(sys.argv[1])
    package_parent = sys.argv[2]
    os.set_inheritable(result_fd, False)
    inserted = package_parent not in sys.path  # an installed tutor is already importable from site-packages
    if inserted:
        sys.path.insert(0, package_parent)

    import importlib
    import linecache
    import resource

    from tutor.grading import codec, isolation, probe_api

    request = codec.decode(sys.stdin.buffer.read())
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)

    layers: dict[str, str] = {}

    def reply(**fields: object) -> None:
        try:
            frame = codec.encode(_shorten({**fields, "layers": layers}))
        except BaseException as exc:  # noqa: BLE001 - whatever the outputs are, a reply goes back
            what = _describe(lambda e, m: f"{type(e).__name__}: {e}", exc, None)
            frame = codec.encode(_shorten({"status": "error", "message": f"the results could not be sent back: {what}", "layers": layers}))
        _send(result_fd, frame)

    learner_file = request["file"]
    try:
        os.chdir(os.path.dirname(learner_file))
        module_name, _, function_name = request["probe"].partition(":")
        probe = getattr(importlib.import_module(module_name), function_name)
        with open(learner_file, "rb") as fh:
            source = fh.read().decode("utf-8")
        read_paths = isolation.read_roots(request["blocked"], learner_file)
    except Exception as exc:  # the grader's own fault (or an unreadable file): not the learner's code
        reply(status="internal", message=f"{type(exc).__name__}: {exc}")
        os._exit(0)
    linecache.cache[learner_file] = (len(source), None, source.splitlines(True), learner_file)
    if "\x00" in source:
        line = source.count("\n", 0, source.index("\x00")) + 1
        reply(status="error", message=f"your file contains a NUL byte (line {line}); save it as plain text", code="nul")
        os._exit(0)

    _seal(package_parent if inserted else None, request["blocked"], learner_file)
    memory, cpu = request["memory_bytes"], request["cpu_seconds"]
    for limit, value in (
        (resource.RLIMIT_AS, (memory, memory)),
        (resource.RLIMIT_CPU, (cpu, cpu + 1)),
        (resource.RLIMIT_FSIZE, (1 << 20, 1 << 20)),
        (resource.RLIMIT_CORE, (0, 0)),
    ):
        try:
            resource.setrlimit(limit, value)
        except (ValueError, OSError):  # e.g. macOS refuses RLIMIT_AS; the wall-time limit still holds
            pass
    try:
        layers.update(isolation.enter(read_paths, required=bool(request.get("strict")), only=tuple(request["layers"])))
    except OSError as exc:  # strict, and a layer is missing: the learner's code must not run unprotected
        reply(status="internal", message=f"the OS boundary is not complete: {exc}", code="boundary")
        os._exit(0)

    module = None
    try:
        code = compile(source, learner_file, "exec", dont_inherit=True)
        module = type(sys)(request["module_name"])
        module.__file__ = learner_file
        sys.modules[module.__name__] = module
        exec(code, module.__dict__)
        outputs = probe(module, **request["args"])
        reply(status="ok", outputs=outputs)
    except MemoryError:
        reply(status="memory", message="")
    except SyntaxError as exc:
        where = f" on line {exc.lineno}" if isinstance(exc.lineno, int) else ""
        reply(status="error", message=f"syntax error{where}: {exc.msg}")
    except probe_api.ProbeError as exc:
        reply(status="error", message=_describe(lambda e, m: str(e), exc, None))
    except SystemExit as exc:
        code = _describe(lambda e, m: repr(e.code), exc, None)
        reply(status="error", message=f"your code called sys.exit({code}); the grader needs your code to return values, not end the program")
    except BaseException as exc:  # the learner's exception at import time, or a BaseException they raised
        reply(status="error", message=_describe(probe_api.describe, exc, module))
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)  # skip atexit handlers and finalizers the learner may have registered


def _seal(package_parent: str | None, blocked: list[str], learner_file: str) -> None:
    """Make the tutor's own code unreachable from the learner's module."""
    for name in list(sys.modules):
        if name == "tutor" or name.startswith("tutor."):
            del sys.modules[name]
    if package_parent in sys.path:
        sys.path.remove(package_parent)

    def forbidden(name: str) -> bool:
        return name == "tutor" or name.startswith("tutor.")

    class BlockTutor:
        """Meta-path finder that refuses the tutor package: learner code must do the work itself."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            if forbidden(name):
                raise ImportError(f"the grader does not let exercise code import {name}")
            return None

    sys.meta_path.insert(0, BlockTutor())

    roots = tuple(os.path.realpath(p) + os.sep for p in blocked)
    allowed = os.path.realpath(learner_file)
    no_processes = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "pty.spawn"}

    def audit(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            if path != allowed and (path + os.sep).startswith(roots):
                raise PermissionError(f"the grader does not let exercise code read {path}")
        elif event == "import" and forbidden(str(args[0])):
            raise ImportError(f"the grader does not let exercise code import {args[0]}")
        elif event in no_processes:
            raise PermissionError("the grader does not let exercise code start processes")

    sys.addaudithook(audit)


if __name__ == "__main__":
    main()
