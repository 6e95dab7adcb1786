"""The CLI says every sentence through one words table (`tutor.commands.WORDS`, with `say`): no command
keeps its own table or `if lang == "ko"` lines, every key a command uses exists (an unknown key would be
printed as it is), and both languages of a sentence take the same values."""

from __future__ import annotations

import importlib
import re
import string
from pathlib import Path

import pytest

from tutor.commands import WORDS, say

TUTOR = Path(__file__).resolve().parents[1] / "tutor"
KEY_USE = re.compile(r"""\b(?:say|CommandError|UsageError)\(\s*["']([a-z_]+)["']\s*[,)]""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("module", ["next", "doctor", "check", "progress", "course", "lab"])
def test_these_commands_keep_no_words_of_their_own(module):
    source = (TUTOR / "commands" / f"{module}.py").read_text(encoding="utf-8")
    assert getattr(importlib.import_module(f"tutor.commands.{module}"), "WORDS", WORDS) is WORDS  # no table of its own
    chooses = re.search(r"""[=!]=\s*["']ko["']|["']ko["']\s*[=!]=|\[["']ko["']\]|in \(["']en["'], ["']ko["']\)""", source)
    assert not chooses, f"commands/{module}.py chooses a language itself: {chooses.group(0)}"  # ("ko": ... in JSON is data)


def test_every_key_the_cli_says_is_in_the_table():
    used = {
        (path.relative_to(TUTOR).as_posix(), key)
        for path in [TUTOR / "cli.py", *sorted((TUTOR / "commands").glob("*.py"))]
        for key in KEY_USE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the pattern finds nothing: it no longer matches how commands say things"
    missing = sorted((where, key) for where, key in used if key not in WORDS)
    assert not missing, missing


def test_both_languages_of_a_sentence_take_the_same_values():
    differ = {key: pair for key, pair in WORDS.items() if _fields(pair[0]) != _fields(pair[1])}
    assert not differ, differ


def test_say_fills_values_as_safe_text():
    shown = say("next_is", "ko", title="[bold]x\x1b[31m")
    assert shown.startswith("다음 할 일: [bold]x") and "\x1b" not in shown
