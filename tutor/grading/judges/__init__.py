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
import random
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
    """A check's random inputs from its seed: the few methods of NumPy's `Generator` that judges call, drawn
    with Python's `random`. Importing `numpy.random` would cost every check about 5 ms, as much as all of
    the grader's own work. Arrays come back as float64 (`permutation`: int); `size` as NumPy takes it."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def _draw(self, size, one) -> float | np.ndarray:
        if size is None:
            return one()
        shape = (size,) if isinstance(size, int) else tuple(size)
        return np.array([one() for _ in range(math.prod(shape))], dtype=np.float64).reshape(shape)

    def standard_normal(self, size=None):
        return self._draw(size, lambda: self._random.gauss(0.0, 1.0))

    def uniform(self, low: float = 0.0, high: float = 1.0, size=None):
        return self._draw(size, lambda: self._random.uniform(low, high))

    def random(self, size=None):
        return self._draw(size, self._random.random)

    def choice(self, values: list[float], size=None):
        return self._draw(size, lambda: float(self._random.choice(values)))

    def integers(self, low: int, high: int) -> int:
        """An int in [low, high), as `Generator.integers`."""
        return self._random.randrange(low, high)

    def permutation(self, n: int) -> np.ndarray:
        order = list(range(n))
        self._random.shuffle(order)
        return np.array(order)


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
