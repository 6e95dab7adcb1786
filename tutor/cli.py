"""The command line: argument parsing only. Each subcommand is one handler in `tutor/commands/`.

Exit codes: 0 success, 1 a check failed (or the command could not do its job), 2 usage errors (and
plain `tutor` without a terminal). No traceback reaches the learner: an unexpected error prints one
line and is logged in full to `<data home>/tutor.log`. Errors are said in the learner's language
(`tutor.commands.say`), and the output never fails on a stdout that cannot encode a character (LANG=C,
PYTHONIOENCODING=ascii): such characters are replaced.
"""

from __future__ import annotations

import importlib
import keyword
import os
import sys
from typing import TYPE_CHECKING

from tutor import __version__

if TYPE_CHECKING:
    import argparse

    from tutor.text import Text


class TutorError(Exception):
    """An error for the learner: a key of `tutor.commands.WORDS` and its values (or words already made in
    both languages, a `tutor.text.Text`, e.g. the progress store's), said in the learner's language by
    `main`."""

    def __init__(self, key: str | Text, **values: object) -> None:
        super().__init__(key if isinstance(key, str) else key.en)
        self.key = key
        self.values = values

    def say(self, lang: str) -> str:
        return _say(self.key, lang, **self.values)


def _say(key: str | Text, lang: str, **values: object) -> str:
    from tutor.commands import say
    from tutor.safetext import safe_text

    if isinstance(key, str):
        return say(key, lang, **values)
    return safe_text(key.get(lang), limit=1000, one_line=True)


def _own_words(exc: BaseException) -> Text | None:
    """The words an error of the core carries for the learner (`words`, both languages: a file-system
    problem in the workspace, the progress store's errors), or None."""
    from tutor.text import Text

    words = getattr(exc, "words", None)
    return words if isinstance(words, Text) else None


class UsageError(TutorError):
    """Bad arguments the parser could not catch (an unknown exercise id, say): exit status 2."""


class CommandError(TutorError):
    """The command cannot do what was asked (missing file, nothing to show): one line, exit status 1."""


class _Unused:
    """Stands in for the sub-parser of a command other than the one asked for: its arguments are dropped."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only` (the command `argv` names), that command's sub-parser alone, since argparse's
    work for sixteen others (each looks up its translations on disk) is 3 ms on every `tutor check`."""
    import argparse  # not for plain `tutor`, which starts the app at once (see main)

    parser = argparse.ArgumentParser(
        prog="tutor",
        description="Learn and write the techniques that make neural networks train. "
        "With no command, the app starts.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument("--lang", choices=("en", "ko"), help="language of the output (default: your setting)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # --lang is also accepted after the command; SUPPRESS keeps a top-level --lang when it is absent there.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("en", "ko"), default=argparse.SUPPRESS, help="language of the output")

    def add(name: str, handler: str, help: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Unused()  # type: ignore[return-value]
        p = sub.add_parser(name, help=help, description=help, parents=[common])
        p.set_defaults(handler=handler)
        return p

    p = add("check", "check", "grade exercises (your workspace files, or --file)")
    p.add_argument("ids", nargs="*", metavar="ID", help="exercise ids (see `tutor list`)")
    p.add_argument("--all", action="store_true", help="grade every exercise")
    p.add_argument("--file", help="grade this file as the (single) exercise ID")
    p.add_argument("--json", action="store_true", help="print Exercism-style results.json")
    p.add_argument("--no-record", action="store_true", help="do not record the attempt in your progress")
    p.add_argument("--strict", action="store_true", help="refuse to grade unless the full OS sandbox is in force (also TUTOR_STRICT=1)")

    p = add("list", "course", "concepts and exercises with your status")
    p.add_argument("--json", action="store_true")
    p = add("hint", "course", "show the next hint for an exercise")
    p.add_argument("id", metavar="ID")
    p.add_argument("--all", action="store_true", help="show every hint at once")
    p = add("reset", "course", "restore an exercise's stub (your file is backed up first)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = add("solution", "course", "show the reference solution (only once you have passed)")
    p.add_argument("id", metavar="ID")
    p = add("path", "course", "print the path of your file for an exercise (creating it from the stub)")
    p.add_argument("id", metavar="ID")

    p = add("progress", "progress", "mastery per concept, exercises passed, reviews due")
    p.add_argument("--json", action="store_true")
    p = add("review", "progress", "what is due for review, and why")
    p.add_argument("--json", action="store_true")
    p = add("next", "next", "where you stand in the course, and the one thing to do now")
    p.add_argument("--open", action="store_true", help="start the app on that step")
    p.add_argument("--json", action="store_true")
    p = add("export", "progress", "write your progress to a JSON file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p = add("import", "progress", "merge progress from a JSON file written by `tutor export`")
    p.add_argument("file", metavar="FILE")

    p = add("doctor", "doctor", "platform, Python, terminal, and which sandbox layers are in force (each proven by a self-test)")
    p.add_argument("--json", action="store_true")

    p = add("lab", "lab", "run one of the chapter's experiments and plot it as text")
    p.add_argument("name", nargs="?", metavar="NAME", help="lab name (omit to list the labs)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reference", action="store_true", help="use the reference engine, not your code")
    p.add_argument("--width", type=int, default=None)
    p.add_argument("--height", type=int, default=None)
    p.add_argument("--lr", type=float, default=None, help="learning rate (optimizer labs; all optimizers, or --optimizer)")
    p.add_argument("--optimizer", action="append", metavar="NAME", help="only this optimizer (repeatable): sgd, momentum, adagrad, adam, ...")
    p.add_argument("--steps", type=int, default=None, help="number of steps (optimizer_paths)")
    if only is not None and only not in sub.choices:  # not a command: the error lists them all
        return _parser()
    return parser


def _log_exception() -> str:
    """Append the traceback to the log; return where it went."""
    import datetime
    import traceback

    from tutor import paths

    try:
        log_file = paths.data_home() / "tutor.log"
        with log_file.open("a", encoding="utf-8") as log:
            log.write(f"{datetime.datetime.now().isoformat(timespec='seconds')} unexpected error\n")
            log.write(traceback.format_exc())
        return str(log_file)
    except Exception:  # the log is best effort: never let it hide the original error
        return "(could not write the log)"


def _lang(args: object) -> str:
    from tutor.commands import language

    return language(args)


def _replace_what_cannot_be_encoded() -> None:
    """A character the terminal's encoding lacks (✓ under LANG=C) is replaced, never an error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass  # not a text stream we can reconfigure (a test's capture): leave it


def run() -> None:
    """The `tutor` console script and `python -m tutor`: `main()`, its output flushed here (a reader that
    went away is exit status 141, never 0, and no "Exception ignored" at shutdown), then the exit.

    `tutor check` leaves at once (os._exit): Python's own shutdown, tearing down NumPy's and every
    module's objects, takes 20-30 ms that a learner would wait for after every save, and a check has
    nothing left for it to do (its threads joined, its sandbox children killed, the store synced and
    closed before `main` returns). Everything else (the app, with its threads and the SymPy worker's
    atexit) leaves the normal way.
    """
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: as main() does, never 0
        code = code or 141
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to fail at exit
        except (OSError, ValueError):
            pass
    except (OSError, ValueError):
        code = code or 1
    if _command_in(sys.argv[1:]) != "check":
        raise SystemExit(code)
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()
    os._exit(code)


def _command_in(argv: list[str]) -> str | None:
    """The command `argv` names, as the parser will read it: the first word that is not an option (nor
    the value of the top-level --lang)."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _replace_what_cannot_be_encoded()
    if _command_in(argv) == "check":
        # Start the sandbox child before anything else is imported: its Python and NumPy start-up then
        # overlaps all of this process's own (argument parsing, the grader, the store).
        from tutor.grading import sandbox

        sandbox.prestart()
    try:
        return _main(argv)
    finally:
        sandbox = sys.modules.get("tutor.grading.sandbox")
        if sandbox is not None:
            sandbox.discard_prestarted()  # not taken: `tutor check --help`, a usage error


def _main(argv: list[str]) -> int:
    # Plain `tutor` starts the app without importing argparse and building the parser: start-up counts.
    args = _parser(_command_in(argv)).parse_args(argv) if argv else None
    try:
        if args is None or args.command is None:
            from tutor.app import run_app  # it refuses to start without a terminal (exit 2)

            return run_app(lang=args.lang if args is not None else None)
        handlers = importlib.import_module(f"tutor.commands.{args.handler}")
        name = args.command + ("_" if keyword.iskeyword(args.command) else "")  # `import` -> import_
        return int(getattr(handlers, name)(args) or 0)
    except UsageError as exc:
        print(f"tutor: {exc.say(_lang(args))}", file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"tutor: {exc.say(_lang(args))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`tutor check --all | head -1`). Exit as a process killed by SIGPIPE does,
        # never 0: a pipeline must not turn a failed check into a success. Point stdout at /dev/null so
        # Python's final flush does not print a second error.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141
    except Exception as exc:
        words = _own_words(exc)
        if words is not None:  # a disk or a file the learner can fix: one line, in their language
            print(f"tutor: {_say(words, _lang(args))}", file=sys.stderr)
            return 1
        # last line of defence: one line for the learner, the traceback in the log
        where = _log_exception()
        from tutor.commands import say

        print(f"tutor: {say('unexpected', _lang(args), what=f'{exc.__class__.__name__}: {exc}', log=where)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    run()
