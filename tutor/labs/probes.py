"""The trusted functions the sandbox calls with a learner's module loaded: one entry point for every lab.

`tutor.grading.sandbox.run_probe(learner_file, "tutor.labs.probes:run_part", args, ...)` calls
`run_part(module, **args)` in the child. Arguments come as JSON text (params, earlier parts' outputs) so
that only plain data crosses the pipe. The global `np.random` is seeded with the lab's seed first: book
style code (a learner's Dropout, `sample_log_uniform`, `xavier_init`) draws from it, and the reference
path draws from a RandomState with the same seed, so a correct learner reproduces the reference numbers.

Everything is imported at the top: once the probe is loaded the child forgets the `tutor` package and
refuses to import from it again, so a lazy import here would fail inside the sandbox.
"""

from __future__ import annotations

import json

import numpy as np

from tutor.labs.base import no_progress
from tutor.labs.registry import LABS


def run_part(module, *, lab, part, seed, params="{}", inputs="{}"):
    """Compute part ``part`` of lab ``lab`` with the learner's ``module``; returns the part's outputs."""
    params = json.loads(params)
    inputs = {name: {k: np.asarray(v) if isinstance(v, list) else v for k, v in outputs.items()}
              for name, outputs in json.loads(inputs).items()}
    chosen = {p.name: p for p in LABS[lab].parts(params)}[part]
    np.random.seed(int(seed))
    return chosen.compute(module, seed=int(seed), params=params, inputs=inputs, progress=no_progress)
