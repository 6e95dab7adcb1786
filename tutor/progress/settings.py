"""The learner's settings read straight from the checkpoint file, without opening the store.

The app needs the language and the theme before its first paint, and opening the store (TinyDB, the
history, FSRS) costs more than the rest of its start-up; so it reads them here and opens the store in a
worker once the home screen is on screen. Read-only and forgiving: a missing or damaged file gives {}
(the store, when it opens, repairs the file and says so). Settings have the same shape in every schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from tutor import paths

STATE_FILE = "state.json"  # in the progress folder: settings + the checkpoint (see tutor.progress.store)


def read_settings(home: Path | None = None) -> dict[str, object]:
    """The settings saved in `<home>/progress` (default: the data home), as `Store.get_setting` sees them."""
    try:
        tables = json.loads((paths.progress_dir(home) / STATE_FILE).read_bytes())
        return {doc["name"]: doc["value"] for doc in tables["settings"].values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
