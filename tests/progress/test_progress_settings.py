"""Settings read without opening the store (the app's language and theme before its first paint) are
the ones the store saved, and a missing or damaged file means no settings rather than an error."""

from __future__ import annotations

import shutil
from pathlib import Path

from tutor.progress import Store
from tutor.progress.settings import read_settings

DATA = Path(__file__).parent / "data"


def test_settings_saved_by_the_store_are_read_back(home):
    with Store.open(home) as store:
        store.set_setting("language", "ko")
        store.set_setting("theme", "textual-light")
        store.record("quiz", "0097-q1", "0097", "right")
        assert read_settings(home) == {"language": "ko", "theme": "textual-light"}
    assert read_settings(home) == {"language": "ko", "theme": "textual-light"}


def test_a_version_0_file_has_its_settings_read(home):
    (home / "progress").mkdir(parents=True)
    shutil.copy(DATA / "v0-state.json", home / "progress" / "state.json")
    assert read_settings(home)["language"] == "ko"


def test_no_file_or_a_damaged_one_means_no_settings(home):
    assert read_settings(home) == {}
    (home / "progress").mkdir(parents=True)
    (home / "progress" / "state.json").write_text('{"settings": {"1": {"name": "lang"', encoding="utf-8")
    assert read_settings(home) == {}
    (home / "progress" / "state.json").write_text('{"settings": [1, 2]}', encoding="utf-8")
    assert read_settings(home) == {}
    assert (home / "progress" / "state.json").read_text(encoding="utf-8") == '{"settings": [1, 2]}'
