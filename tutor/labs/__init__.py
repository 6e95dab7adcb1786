"""The chapter's experiments, computed with NumPy and drawn as terminal text (no Textual here).

API for the TUI and the CLI:

- ``LABS``: lab id → ``Lab`` with ``id``, ``title`` and ``description`` (``tutor.text.Text``, en/ko),
  ``concepts`` (concept ids it illustrates) and ``defaults`` (its parameters). The ids, as lessons link
  them (``lab:<id>``): optimizer_paths, optimizer_compare, symmetry, activations, batchnorm, overfitting,
  ensemble, random_search.
- ``run_lab(lab_id, *, seed=0, home=None, use_learner=True, params=None, progress=None, lang="en")
  -> LabResult``. Blocking (≤ 3 s): call it from a worker thread. ``params`` overrides ``Lab.defaults``
  (unknown names raise ValueError, as do unknown ids and out-of-range values); None values are ignored.
  ``progress`` is called as ``progress(fraction, label)`` with fraction in [0, 1], from the calling
  thread; ``lang`` is the language of those labels ("Adam (yours)" / "Adam (내 코드)").
  With ``use_learner``, each part of a lab whose exercise the learner has passed runs the learner's
  file in the sandbox (``tutor.grading.sandbox.run_probe``); if it fails, the reference engine steps in
  and a note says so. The same seed gives the same numbers.
- ``LabResult``: ``lab``, ``seed``, ``params``, ``data`` (part → dict of arrays/numbers), ``used``
  (part → "learner" | "reference"), ``notes`` (list of ``Text``: whose code ran, any fallback, and what
  the numbers show), ``seconds``; ``label(part, lang)`` gives "your Adam" / "내 Adam" or "Adam" (for
  sentences), ``mark(part, lang)`` gives " (yours)" / " (내 코드)" or "" (for plot titles and keys).
- ``render(result, *, width=80, height=24, lang="en", color=False) -> str``: the plot as text, at most
  ``width`` cells wide and ``height`` lines tall (80×24 fits). ``color=True`` keeps plotext's ANSI colour
  codes (for ``rich.text.Text.from_ansi``); series also differ by marker, so plain text reads alone.
  Plot titles and axis words follow ``lang``; the sentences are in ``summary``.
- ``summary(result, lang="en") -> str``: the notes, one per line, in that language.

Parameters by lab (CLI: ``--lr``, ``--steps``; the rest through ``params``):
optimizer_paths {steps, lr (all), lrs {name: lr}, optimizers [sgd momentum adagrad adam rmsprop nesterov]};
optimizer_compare {steps (iterations), lr, lrs, optimizers}; symmetry {steps, lr, value};
activations {activation: None | sigmoid | tanh | relu (which table to draw)}: data[init] has ``hist``,
``zeros``, ``std`` and ``grad`` (activation × layer: rms ∂L/∂W of a random gradient backpropagated);
batchnorm {scales, epochs, lr}; overfitting {epochs, weight_decay, dropout}; ensemble {members, epochs};
random_search {trials, trials2, epochs, top_k, validation_rate, lr_range, wd_range}.
"""

from __future__ import annotations

from tutor.labs.base import Lab, LabResult, Part
from tutor.labs.registry import LABS
from tutor.labs.runner import get_lab, run_lab

__all__ = ["LABS", "Lab", "LabResult", "Part", "get_lab", "render", "run_lab", "summary"]


def render(result: LabResult, *, width: int = 80, height: int = 24, lang: str = "en", color: bool = False) -> str:
    """``result`` drawn as text within ``width`` × ``height`` cells."""
    width, height = max(int(width), 40), max(int(height), 12)
    return LABS[result.lab].render(result, width, height, lang, color)


def summary(result: LabResult, lang: str = "en") -> str:
    return "\n".join(note.get(lang) for note in result.notes)
