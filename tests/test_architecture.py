"""House rules that keep the core and the faces apart."""

import subprocess
import sys

CORE = ["tutor.paths", "tutor.content", "tutor.reference", "tutor.grading", "tutor.quiz", "tutor.progress", "tutor.labs"]


def test_core_never_imports_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the core imported Textual: {out.stdout}"


def test_cli_start_up_does_not_import_the_tui_or_sympy():
    """`tutor check` and friends must start fast: no Textual, no SymPy until needed."""
    code = "import sys, tutor.cli; print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sympy'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

