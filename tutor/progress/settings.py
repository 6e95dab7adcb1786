"""The learner's settings: which ones exist and what values they may take, and reading them straight from
the checkpoint file without opening the store.

The app needs the language and the theme before its first paint, and opening the store (TinyDB, the
history, FSRS) costs more than the rest of its start-up; so it reads them here and opens the store in a
worker once the home screen is on screen. Read-only and forgiving: a missing or damaged file gives {}
(the store, when it opens, repairs the file and says so). Settings have the same shape in every schema.

Every setting is checked by content where it comes in (`Store.set_setting`, an import, a checkpoint on
disk): a setting the app could choke on later (a language "xx", a position naming a screen or an id that
cannot exist) is refused, or, found on disk, set aside with a notice. `check_setting` is that one check.
"""

from __future__ import annotations

import json
from pathlib import Path

from tutor import paths
from tutor.text import Text
from tutor.progress.storage import Worded

STATE_FILE = "state.json"  # in the progress folder: settings + the checkpoint (see tutor.progress.store)

LANGUAGES = ("en", "ko")
THEMES = ("textual-dark", "textual-light")  # the app's themes (tutor.app switches between these two)
MAX_PREDICTED = 1000


class InvalidSetting(Worded):
    """A setting that does not exist or a value it cannot take; `words` says which in English and Korean
    (names and values quoted verbatim); `str()` is the English."""


def _position_id(screen: str):
    from tutor.progress.history import CONCEPT_ID, EXERCISE_ID

    return {"lesson": CONCEPT_ID, "exercise": EXERCISE_ID, "lab": EXERCISE_ID}.get(screen)


def check_setting(name: object, value: object) -> None:
    """Raise InvalidSetting (a ValueError; one line in both languages, saying what is wrong) unless `name` is a known setting and `value` one
    it may take: language en|ko, theme one of THEMES, last_position {"screen": lesson|exercise|lab,
    "id": an id of that kind}, predicted a list of exercise ids."""
    from tutor.progress.history import EXERCISE_ID

    if name == "language":
        if value not in LANGUAGES:
            raise InvalidSetting(
                Text(f"language must be one of {', '.join(LANGUAGES)}, not {_show(value)}", f"\"language\"에 {_show(value)}은(는) 쓸 수 없습니다({_quoted(LANGUAGES)} 중 하나)")
            )
    elif name == "theme":
        if value not in THEMES:
            raise InvalidSetting(
                Text(f"theme must be one of {', '.join(THEMES)}, not {_show(value)}", f"\"theme\"에 {_show(value)}은(는) 쓸 수 없습니다({_quoted(THEMES)} 중 하나)")
            )
    elif name == "last_position":
        ok = isinstance(value, dict) and set(value) == {"screen", "id"} and isinstance(value["id"], str)
        pattern = _position_id(value["screen"]) if ok and isinstance(value["screen"], str) else None
        if pattern is None or not pattern.fullmatch(value["id"]):
            raise InvalidSetting(
                Text(
                    f"last_position must name a lesson, an exercise or a lab by its id, not {_show(value)}",
                    f"\"last_position\"은(는) 강의, 실습, 실험 중 하나를 id로 가리켜야 합니다. {_show(value)}은(는) 쓸 수 없습니다",
                )
            )
    elif name == "predicted":
        if not (isinstance(value, list) and len(value) <= MAX_PREDICTED and all(isinstance(v, str) and EXERCISE_ID.fullmatch(v) for v in value)):
            raise InvalidSetting(
                Text(f"predicted must be a list of exercise ids, not {_show(value)}", f"\"predicted\"는 실습 id의 목록이어야 합니다. {_show(value)}은(는) 쓸 수 없습니다")
            )
    else:
        raise InvalidSetting(Text(f"unknown setting {_show(name)}", f"{_show(name)}은(는) 알 수 없는 설정입니다"))


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def _show(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def valid_settings(docs: object) -> tuple[dict[str, object], list[Text]]:
    """Settings from a checkpoint's `settings` table ({doc_id: {name, value}}): the valid ones, and one line
    per document that is not a valid setting. Raises TypeError when the table is not a table at all."""
    if not isinstance(docs, dict):
        raise TypeError("the settings table is not an object")
    good: dict[str, object] = {}
    bad: list[Text] = []
    for doc in docs.values():
        try:
            if not isinstance(doc, dict) or "name" not in doc or "value" not in doc:
                raise InvalidSetting(Text(f"malformed setting {_show(doc)}", f"설정 {_show(doc)}의 모양이 잘못되었습니다"))
            check_setting(doc["name"], doc["value"])
        except InvalidSetting as exc:
            bad.append(exc.words)
        else:
            good[doc["name"]] = doc["value"]
    return good, bad


def read_settings(home: Path | None = None) -> dict[str, object]:
    """The valid settings saved in `<home>/progress` (default: the data home), as `Store.get_setting` sees them."""
    from tutor.progress.storage import CorruptFile, decode_json_object

    try:
        folder = (home or paths.data_home()) / "progress"
        tables = decode_json_object((folder / STATE_FILE).read_bytes())
        return valid_settings(tables["settings"])[0]
    except (OSError, CorruptFile, KeyError, TypeError):
        return {}
