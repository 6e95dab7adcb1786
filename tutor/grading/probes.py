"""Probes: trusted functions run in the sandbox's child that call the learner's code and return raw outputs."""
import numpy as np

from tutor.grading.probe_api import attempt, entry


def call(module, name, args):
    """Call the learner's function `name` with positional `args`; return its value (labs and tests use it)."""
    function = entry(module, name, "function")
    value, error = attempt(module, lambda: function(*args))
    return {"value": value, "error": error}
