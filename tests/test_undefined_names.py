"""Every name our own code uses is defined somewhere it can see: the benchmarks and scripts run only by
hand, so a name lost in an edit (benchmarks/tui.py lost `CHANGES` once) would otherwise wait for the next
person measuring. The compiler's own symbol tables, no linter: an implicit global that the module never
binds, imports or gets from builtins is a NameError waiting to happen."""

from __future__ import annotations

import builtins
import symtable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ["tutor", "benchmarks", "scripts", "docs/scripts"]
MODULE_NAMES = {"__file__", "__name__", "__doc__", "__builtins__", "__spec__", "__loader__", "__package__", "__path__"}


def undefined(source: str, name: str) -> list[str]:
    top = symtable.symtable(source, name, "exec")
    known = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported() or s.is_namespace()}
    known |= set(dir(builtins)) | MODULE_NAMES
    found = []

    def walk(table: symtable.SymbolTable) -> None:
        for symbol in table.get_symbols():
            implicit = symbol.is_global() and not symbol.is_declared_global() if table.get_type() != "module" else True
            if symbol.is_referenced() and implicit and symbol.get_name() not in known:
                found.append(f"{name}:{table.get_lineno()} in {table.get_name()}: {symbol.get_name()}")
        for child in table.get_children():
            walk(child)

    walk(top)
    return found


def test_the_check_finds_a_lost_name():
    source = "def main():\n    return {name: [] for name in CHANGES}\n"
    assert undefined(source, "tui.py") == ["tui.py:1 in main: CHANGES"]
    assert undefined("CHANGES = ()\n" + source, "tui.py") == []


@pytest.mark.parametrize("folder", OURS)
def test_our_code_uses_no_undefined_name(folder):
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    problems = [p for path in files for p in undefined(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert problems == []
