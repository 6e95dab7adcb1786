"""Progress: a crash-safe record of every attempt, exercise status, mastery per concept, and FSRS review
scheduling. No Textual here: the TUI and the CLI both use this.

    with Store.open(home) as store:
        store.record("quiz", "0097-q1", "0097", "right")
        store.review_queue()

Modules: `store` (the Store and its file layout, why it is shaped so), `history` (the append-only
attempt journal), `storage` (atomic writes, the TinyDB storage, the lock), `model` (state derived from
the history; FSRS rules), `mastery` (the formula), `queue` (what to review and why), `migrations`.
"""

from tutor.progress.queue import ReviewItem
from tutor.progress.store import ImportFileError, ReadOnlyError, Store, StoreBusyError, StoreError

__all__ = ["ImportFileError", "ReadOnlyError", "ReviewItem", "Store", "StoreBusyError", "StoreError"]
