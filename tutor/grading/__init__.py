"""Grading: run the learner's file in a sandbox, compare its raw outputs with the reference, diagnose.

`grade(exercise_id, file=None, home=None) -> Result` is the entry point; `tutor.grading.sandbox.run_probe`
is the one way learner code runs (labs use it too). This package's __init__ stays import-light because the
sandbox's child imports `tutor.grading` before the learner's code loads.
"""

from __future__ import annotations


def grade(exercise_id, file=None, home=None, **options):
    """Grade the learner's workspace file (or `file`) for `exercise_id`; see `tutor.grading.grader`."""
    from tutor.grading.grader import grade as _grade

    return _grade(exercise_id, file=file, home=home, **options)
