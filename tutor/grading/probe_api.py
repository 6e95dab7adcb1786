"""Helpers for probes: the trusted functions that run inside the sandbox's child and call learner code.

A probe finds the learner's class or function (`entry`), calls it (`attempt` turns a learner's exception
into a one-line description naming the line of their file), and returns raw outputs. It never decides
pass or fail: the parent does. This module imports nothing from tutor, so a probe that uses it does not
bring the reference engine into the child.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from types import ModuleType


TODO = " — this part is still a TODO"  # ends the description of a NotImplementedError (the stubs' TODOs)


class ProbeError(Exception):
    """A problem with the learner's file as a whole, said in one line (e.g. "your file defines no class Adam")."""


def entry(module: ModuleType, name: str, kind: str = "class") -> Callable:
    """The learner's class or function called `name`, or a ProbeError saying what is missing."""
    obj = module.__dict__.get(name)
    if obj is None:
        raise ProbeError(f"your file defines no {kind} `{name}` (the exercise asks for `{name}`; names are case-sensitive)")
    if not callable(obj):
        raise ProbeError(f"`{name}` in your file is not a {kind} (it is of type {type(obj).__name__})")
    return obj


def describe(exc: BaseException, module: ModuleType | None) -> str:
    """One line: where in the learner's file the exception came from, and what it was."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if isinstance(exc, NotImplementedError):
        what = f"NotImplementedError: {exc}" if str(exc) else "NotImplementedError"
        what += TODO
    filename = getattr(module, "__file__", None)
    where = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            where = f"line {lineno} in {frame.f_code.co_name}"
    if where is None and isinstance(exc, SyntaxError) and exc.lineno:
        where = f"line {exc.lineno}"
    return f"{where}: {what}" if where else what


def attempt(module: ModuleType, call: Callable[[], object]) -> tuple[object, str | None]:
    """Run `call`; return (value, None) or (None, description of the learner's exception).

    MemoryError goes up: the sandbox reports it as running out of memory, not as a wrong answer.
    """
    try:
        return call(), None
    except MemoryError:
        raise
    except Exception as exc:  # the learner's bug, reported to them as such
        return None, describe(exc, module)
