"""Shared fixtures for the lab tests: each lab computed once per seed with the reference engine."""

from __future__ import annotations

import pytest

from tutor.labs import run_lab

_CACHE: dict[tuple[str, int], object] = {}


def reference_result(lab_id: str, seed: int = 0):
    """The lab's default run with the reference engine (cached: several tests read the same numbers)."""
    key = (lab_id, seed)
    if key not in _CACHE:
        _CACHE[key] = run_lab(lab_id, seed=seed, use_learner=False)
    return _CACHE[key]


@pytest.fixture
def reference():
    return reference_result
