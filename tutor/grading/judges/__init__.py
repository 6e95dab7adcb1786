"""Judges: for each exercise, the inputs to send, the probe to run, and the verdict on its outputs.

A judge builds the arguments of its probe from a seeded generator (inputs are made here, in the parent,
and sent to the child, so nothing the learner's code does to NumPy can change them), then judges the raw
outputs against `tutor.reference` and the known-wrong variants. `checks` lists its check keys in the
order of the exercise's `[[checks]]` in meta.toml. A judge sees only outputs that answer exactly what it
asked: the grader checks them first against `common.expected_outputs(probe, args)` (number of cases,
calls and steps, keys, types, dtypes), so a judge may zip them with its inputs.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass, field

import numpy as np

from tutor.text import Text
from tutor.grading.results import Diagnosis, Outcome

# exercise id -> module defining `judge_for(exercise_id)`, in course order
_MODULES = {
    "sgd": "optimizers",
    "momentum": "optimizers",
    "nesterov": "optimizers",
    "lr_decay": "schedules",
    "adagrad": "optimizers",
    "rmsprop": "optimizers",
    "adam": "optimizers",
    "xavier_init": "init",
    "he_init": "init",
    "batchnorm_forward": "batchnorm",
    "batchnorm_backward": "batchnorm",
    "weight_decay": "regularization",
    "dropout": "regularization",
    "ensemble": "selection",
    "validation_split": "selection",
    "random_search": "selection",
}

EXERCISES = tuple(_MODULES)


@dataclass
class Verdict:
    outcomes: dict[str, Outcome]  # by check key
    diagnosis: list[Diagnosis] = field(default_factory=list)
    summary: Text | None = None  # the headline when something failed: the smallest failing case

    def outcomes_in(self, keys: tuple[str, ...]):
        """(key, outcome) in the order of `keys`; a judge must give an outcome for every key."""
        return [(key, self.outcomes[key]) for key in keys]


class Draws:
    """A check's random inputs from its seed: the few methods of NumPy's `Generator` that judges call.

    Importing `numpy.random` would cost every check about 5 ms, as much as all of the grader's own work,
    so the numbers come from SplitMix64 (Steele, Lea & Flood, 2014: a counter, three xor-shift-multiply
    rounds; it passes BigCrush), computed on whole arrays at once. Floats are float64 in [0, 1) from the
    top 53 bits, as NumPy makes them; `size` is an int, a shape, or None for one float.
    """

    _GOLDEN, _MIX1, _MIX2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)

    def __init__(self, seed: int) -> None:
        self._state = np.uint64(seed % 2**64)
        self._drawn = 0  # how many numbers the stream has given

    def _unit(self, size) -> np.ndarray:
        shape = () if size is None else (size,) if isinstance(size, int) else tuple(size)
        count = math.prod(shape)
        z = np.arange(self._drawn + 1, self._drawn + count + 1, dtype=np.uint64)
        self._drawn += count
        z *= self._GOLDEN  # uint64 arrays wrap around, as the algorithm wants
        z += self._state
        for shift, factor in ((30, self._MIX1), (27, self._MIX2)):
            z ^= z >> np.uint64(shift)
            z *= factor
        z ^= z >> np.uint64(31)
        z >>= np.uint64(11)
        return (z * 2.0**-53).reshape(shape)

    @staticmethod
    def _out(values: np.ndarray, size) -> float | np.ndarray:
        return float(values) if size is None else values

    def random(self, size=None):
        return self._out(self._unit(size), size)

    def uniform(self, low: float = 0.0, high: float = 1.0, size=None):
        return self._out(low + (high - low) * self._unit(size), size)

    def standard_normal(self, size=None):
        """Box–Muller: √(−2 ln(1 − u₁)) · cos(2π u₂)."""
        radius = np.sqrt(-2.0 * np.log1p(-self._unit(size)))
        return self._out(radius * np.cos(2.0 * np.pi * self._unit(size)), size)

    def choice(self, values: list[float], size=None):
        picks = np.asarray(values, dtype=np.float64)[(self._unit(size) * len(values)).astype(np.intp)]
        return self._out(picks, size)

    def integers(self, low: int, high: int) -> int:
        """An int in [low, high), as `Generator.integers`."""
        return low + int(self._unit(None) * (high - low))

    def permutation(self, n: int) -> np.ndarray:
        return np.argsort(self._unit(n), kind="stable")


class Judge:
    """The interface every exercise's judge implements."""

    exercise: str
    concept: str
    checks: tuple[str, ...]
    probe: str
    time_limit: float = 2.0

    def build(self, rng: Draws) -> dict:
        raise NotImplementedError

    def judge(self, args: dict, outputs: dict) -> Verdict:
        raise NotImplementedError


def judge_for(exercise_id: str) -> Judge:
    """The judge of an exercise; KeyError for an unknown id."""
    module = importlib.import_module(f"tutor.grading.judges.{_MODULES[exercise_id]}")
    return module.judge_for(exercise_id)
