"""`python -m tutor`: the same entry point as the `tutor` console script."""

from tutor.cli import run

run()
