"""The sandbox's child process: load the learner's file, call one trusted probe, send its raw outputs back.

Started by `tutor.grading.sandbox.run_probe` as `python -I _child.py RESULT_FD PACKAGE_PARENT`, with the
request (probe name, arguments, limits) on stdin. Before the learner's code runs, the child
- imports the probe, then forgets every `tutor` module and blocks importing them again (a meta-path hook),
- installs an audit hook that refuses to open files of the tutor package or of the course's exercises
  (solutions live there) and refuses to start processes,
- sets resource limits (address space, CPU time, file size, no core dumps).
The result goes to the private pipe RESULT_FD as a codec frame. The parent trusts none of it beyond
"these are the numbers the learner's code produced".
"""

import os
import sys


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

    from tutor.grading import codec, probe_api

    request = codec.decode(sys.stdin.buffer.read())
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)

    def reply(**fields: object) -> None:
        try:
            frame = codec.encode(fields)
        except (codec.CodecError, ValueError, TypeError) as exc:
            frame = codec.encode({"status": "error", "message": f"the results could not be sent back: {exc}"})
        _send(result_fd, frame)

    learner_file = request["file"]
    try:
        os.chdir(os.path.dirname(learner_file))
        module_name, _, function_name = request["probe"].partition(":")
        probe = getattr(importlib.import_module(module_name), function_name)
        with open(learner_file, "rb") as fh:
            source = fh.read().decode("utf-8")
    except Exception as exc:  # the grader's own fault (or an unreadable file): not the learner's code
        reply(status="internal", message=f"{type(exc).__name__}: {exc}")
        os._exit(0)
    linecache.cache[learner_file] = (len(source), None, source.splitlines(True), learner_file)

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
        reply(status="error", message=f"syntax error on line {exc.lineno}: {exc.msg}")
    except probe_api.ProbeError as exc:
        reply(status="error", message=str(exc))
    except SystemExit as exc:
        reply(status="error", message=f"your code called sys.exit({exc.code!r}); the grader needs your code to return values, not end the program")
    except RecursionError as exc:
        reply(status="error", message=probe_api.describe(exc, module))
    except BaseException as exc:  # the learner's exception at import time, or a BaseException they raised
        reply(status="error", message=probe_api.describe(exc, module))
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
