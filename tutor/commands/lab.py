"""`tutor lab [NAME]`: list the labs, or run one and print its plot and notes as plain text."""

from __future__ import annotations

import shutil
import sys
import textwrap

from tutor.commands import language, say
from tutor.cli import UsageError


def _params(lab, args) -> dict:
    """--lr, --optimizer and --steps mapped onto the lab's own parameters (steps means epochs where a lab has those)."""
    params = {}
    if args.lr is not None:
        if "lr" not in lab.defaults:
            raise UsageError("lab_no_lr", id=lab.id)
        if args.lr <= 0:
            raise UsageError("lab_lr_positive")
        params["lr"] = args.lr
    if args.optimizer:
        if "optimizers" not in lab.defaults:
            raise UsageError("lab_no_optimizers", id=lab.id)
        params["optimizers"] = [name.lower() for name in args.optimizer]
    if args.steps is not None:
        name = next((n for n in ("steps", "epochs") if n in lab.defaults), None)
        if name is None:
            raise UsageError("lab_no_steps", id=lab.id)
        params[name] = args.steps
    return params


def lab(args) -> int:
    from tutor.labs import LABS, render, run_lab, summary

    lang = language(args)
    if not args.name:
        print(say("labs_header", lang))
        for lab_id, spec in LABS.items():
            print(f"  {lab_id:<18} {spec.title.get(lang)}  [{', '.join(spec.concepts)}]")
        return 0
    if args.name not in LABS:
        raise UsageError("unknown_lab", name=args.name, labs=", ".join(LABS))
    spec = LABS[args.name]
    columns = shutil.get_terminal_size((80, 24)).columns
    width = args.width or max(40, min(columns, 100))
    height = args.height or 24
    try:
        result = run_lab(args.name, seed=args.seed, use_learner=not args.reference, params=_params(spec, args))
    except ValueError as exc:
        raise UsageError("lab_bad_value", why=str(exc)) from None
    print(spec.title.get(lang))
    print(render(result, width=width, height=height, lang=lang, color=False))
    print()
    for line in summary(result, lang).splitlines():
        print(textwrap.fill(line, width=width, subsequent_indent="  ", break_long_words=False))
    print(f"({result.seconds:.1f} s, seed {args.seed})", file=sys.stderr)
    return 0
