"""Progress: a crash-safe record of every attempt, exercise status, mastery per concept, and FSRS review
scheduling. No Textual here: the TUI and the CLI both use this.

    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right")
        store.review_queue()

Modules: `store` (the Store and its file layout, why it is shaped so), `history` (the append-only
attempt journal), `storage` (atomic writes, the TinyDB storage, the lock), `model` (state derived from
the history; FSRS rules), `mastery` (the formula), `queue` (what to review and why), `migrations`,
`settings` (the learner's settings read without opening the store: the app's first paint).
"""

from __future__ import annotations

import importlib

# Loaded on first use (PEP 562), not at import: a submodule such as `settings` (what the app reads before
# its first paint) must not pay for TinyDB, FSRS and the review queue.
_EXPORTS = {
    "ImportFileError": "tutor.progress.store",
    "ReadOnlyError": "tutor.progress.store",
    "ReviewItem": "tutor.progress.queue",
    "Store": "tutor.progress.store",
    "StoreBusyError": "tutor.progress.store",
    "StoreError": "tutor.progress.store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
