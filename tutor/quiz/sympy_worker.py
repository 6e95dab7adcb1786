"""The child process that runs SymPy for the quiz: ``python -I path/to/sympy_worker.py``.

SymPy's ``simplify`` has no time limit and can run for minutes on an unlucky input, and a thread cannot
be stopped. So the app sends the expression trees (JSON, one request per line on stdin) to this process,
waits a bounded time for the one-line JSON answer on stdout, and kills the process if it is too slow.
Running here also keeps SymPy's import (about 0.3 s) out of the app's start-up.

Protocol: the worker prints ``{"ready": true}`` once SymPy is imported; then for each request
``{"a": tree, "b": tree, "symbols": [...], "signed": [...]}`` (signed: the symbols that may be negative;
the others are positive) it prints ``{"zero": true | false}`` (whether a − b
simplifies to 0) or ``{"error": "..."}``. Trees are the ones ``tutor.quiz.parse`` builds.

This file imports only the standard library and SymPy, so that it can run as a script, and importing
it from the app (for ``to_sympy`` in tests) does not import SymPy.
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction

# A worker that tries to take more than this much memory is stopped by the OS instead of the machine.
MEMORY_LIMIT_BYTES = 1 << 30


def to_sympy(node, symbols):
    """Build a SymPy expression from a parse tree; ``symbols`` maps names to SymPy symbols."""
    import sympy

    kind = node[0]
    if kind == "num":
        value = Fraction(node[1])
        return sympy.Rational(value.numerator, value.denominator)
    if kind == "sym":
        return symbols[node[1]]
    if kind == "pi":
        return sympy.pi
    if kind == "e":
        return sympy.E
    if kind == "neg":
        return -to_sympy(node[1], symbols)
    if kind == "call":
        function = {"sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log, "abs": sympy.Abs, "cos": sympy.cos}
        return function[node[1]](to_sympy(node[2], symbols))
    a = to_sympy(node[1], symbols)
    b = to_sympy(node[2], symbols)
    if kind == "add":
        return a + b
    if kind == "sub":
        return a - b
    if kind == "mul":
        return a * b
    if kind == "div":
        return a / b
    if kind == "pow":
        return a**b
    raise ValueError(f"unknown node {kind!r}")


def difference_is_zero(a, b, names, signed=()) -> bool:
    """Whether a − b simplifies to 0, the symbols being positive reals, or any reals where ``signed``."""
    import sympy

    symbols = {name: sympy.Symbol(name, real=True) if name in signed else sympy.Symbol(name, positive=True)
               for name in names}
    difference = to_sympy(a, symbols) - to_sympy(b, symbols)
    return difference == 0 or sympy.simplify(difference) == 0


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform; the parent's time limit still applies


def main() -> None:
    _limit_memory()
    import sympy  # noqa: F401  (imported before "ready" so that requests are timed without it)

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        try:
            request = json.loads(line)
            reply = {"zero": bool(difference_is_zero(request["a"], request["b"], request["symbols"],
                                                     request.get("signed", ())))}
        except Exception as exc:  # noqa: BLE001 - any failure is reported, the worker keeps serving
            reply = {"error": f"{type(exc).__name__}: {exc}"[:200]}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
