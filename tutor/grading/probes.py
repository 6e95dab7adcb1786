"""Probes: trusted functions run in the sandbox's child that call the learner's code and return raw outputs."""
import numpy as np

from tutor.grading.probe_api import attempt, entry


def call(module, name, args):
    """Call the learner's function `name` with positional `args`; return its value (labs and tests use it)."""
    function = entry(module, name, "function")
    value, error = attempt(module, lambda: function(*args))
    return {"value": value, "error": error}


def _snapshot(value):
    """A float64 copy of what the learner left in params/grads, or the name of its type if not array-like."""
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        return f"<{type(value).__name__}>"
    return arr if arr.ndim else arr.reshape(1)


def _same(a, b):
    return isinstance(a, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


def optimizer(module, cls, cases):
    """Run the learner's optimizer class on each case: construct with kwargs, update step by step.

    A case is {"kwargs", "params": {key: array}, "grads": [{key: array} per step]}. For every step the
    probe records the parameter values, which keys were rebound to new objects (instead of being updated
    in place) and which gradients the update changed.
    """
    Optimizer = entry(module, cls)
    return {"cases": [_optimizer_case(module, Optimizer, case) for case in cases]}


def _optimizer_case(module, Optimizer, case):
    opt, error = attempt(module, lambda: Optimizer(**case["kwargs"]))
    if error:
        return {"error": error, "step": 0, "steps": []}
    params = {key: value.copy() for key, value in case["params"].items()}
    originals = dict(params)
    steps = []
    for number, given in enumerate(case["grads"], 1):
        grads = {key: g.copy() for key, g in given.items()}
        _, error = attempt(module, lambda: opt.update(params, grads))
        if error:
            return {"error": error, "step": number, "steps": steps}
        steps.append(
            {
                "params": {key: _snapshot(params.get(key)) for key in originals},
                "rebound": [key for key in originals if params.get(key) is not originals[key]],
                "grads_changed": [key for key in given if not _same(grads.get(key), given[key])],
            }
        )
    return {"error": None, "step": 0, "steps": steps}
