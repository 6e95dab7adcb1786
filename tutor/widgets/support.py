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


class _LogFile(logging.FileHandler):
    """The log file, best effort: a home that cannot be written (read-only, full) loses the log line,
    never the caller (FileHandler opens its file outside its own error handling, and its error report
    would go to stderr, which is the app's screen)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            super().emit(record)
        except Exception:  # noqa: BLE001 - a log line is never worth an error
            pass

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def setup_log(home: Path) -> Path:
    """Send the app's log (tracebacks included) to `<home>/tutor.log`, and only there; return that path."""
    log_file = home / "tutor.log"
    for handler in list(_LOGGER.handlers):  # an earlier app's home (tests start many in one process)
        if getattr(handler, "baseFilename", None) != str(log_file):
            _LOGGER.removeHandler(handler)
            handler.close()
    if not _LOGGER.handlers:
        handler = _LogFile(log_file, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
        _LOGGER.propagate = False
    return log_file


def log_exception(what: str, error: BaseException) -> None:
    _LOGGER.error("%s", what, exc_info=(type(error), error, error.__traceback__))
