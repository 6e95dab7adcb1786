"""The one function that makes outside text safe: attacked with what a hostile learner would print."""

import json

import pytest

from tutor.safetext import safe_text

HOSTILE = {
    "retitle": "\x1b]0;pwned\x07",
    "clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "wipe": "\x1b[2J\x1b[H",
    "csi8": "\x9b2J",
    "nul": "a\x00b",
    "rtl": "\u202eexe.txt",
    "isolate": "\u2066x\u2069",
    "cr_overwrite": "failed\rpassed",
    "backspace": "fail\x08\x08\x08\x08pass",
    "del": "a\x7fb",
    "surrogate": "bad \ud800 text",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_control_survives(name):
    out = safe_text(HOSTILE[name])
    for ch in out:
        code = ord(ch)
        assert ch in "\n\t" or not (code < 0x20 or 0x7F <= code <= 0x9F), (name, out)
        assert not 0xD800 <= code <= 0xDFFF, (name, out)
        assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c", (name, out)
    out.encode("utf-8")  # never raises
    json.dumps(out, ensure_ascii=False).encode("utf-8")


def test_visible_forms():
    assert safe_text("\x1b]0;t\x07") == "␛]0;t␇"
    assert safe_text("a\x00b") == "a␀b"
    assert safe_text("\x9b") == "\\x9b"
    assert safe_text("\u202e") == "<U+202E>"
    assert safe_text("\ud800") == "\\ud800"
    assert safe_text("x\r\ny") == "x\ny"
    assert safe_text("x\ry") == "x␍y"


def test_plain_text_unchanged():
    text = "expected 0.9, got 0.93 — 아직 통과하지 못했습니다\n\tline 2 ✓ ✗ λ √"
    assert safe_text(text) == text


def test_one_line():
    assert "\n" not in safe_text("a\nb", one_line=True)


def test_length_capped_with_a_note():
    out = safe_text("x" * 3_000_000, limit=100)
    assert len(out) < 130 and "2,999,900" in out
    # expansions count too: 1000 ESC bytes cannot grow past the limit
    assert len(safe_text("\u202e" * 1000, limit=100)) < 130


def test_hostile_objects():
    class Liar(str):
        def __str__(self):
            return "\x1b[2J"

        def __iter__(self):
            return iter("\x1b[2J")

        def replace(self, *a):
            return self

    assert safe_text(Liar("ok\x1b")) == "ok␛"

    class Raises:
        def __str__(self):
            raise RuntimeError

    assert safe_text(Raises()) == "<Raises>"
    assert safe_text(b"\xff\x1b") == "\\xff␛"
    assert safe_text(None) == ""


def test_first_unsafe_finds_what_safe_text_would_change():
    from tutor.safetext import first_unsafe

    assert first_unsafe("a\tb\r\nc") is None
    assert first_unsafe("ok\n\u202e") == 3
    assert first_unsafe("ok\x1b") == 2
    assert first_unsafe("ok\n", allowed="") == 2
