"""Helpers the screens share: a thread-safe view of the progress store, and the error log.

Workers record attempts from their threads while the UI reads mastery on the main thread; the
progress store is not promised to be thread-safe, so every call goes through one lock.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

_LOGGER = logging.getLogger("tutor.app")


class LockedStore:
    """Forwards every call to the wrapped store under one re-entrant lock."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._lock = threading.RLock()

    @property
    def wrapped(self) -> Any:
        return self._store

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attr(*args, **kwargs)

        return call


def setup_log(home: Path) -> Path:
    """Send the app's log (tracebacks included) to `<home>/tutor.log`; return that path."""
    log_file = home / "tutor.log"
    if not any(getattr(h, "baseFilename", None) == str(log_file) for h in _LOGGER.handlers):
        handler = logging.FileHandler(log_file, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
        _LOGGER.propagate = False
    return log_file


def log_exception(what: str, error: BaseException) -> None:
    _LOGGER.error("%s", what, exc_info=(type(error), error, error.__traceback__))
