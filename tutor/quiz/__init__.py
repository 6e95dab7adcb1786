"""Quiz questions: generate them, read learners' answers safely, and judge them.

The API the TUI and the CLI use::

    from tutor.quiz import instantiate, check
    instance = instantiate(question, seed)      # question: a tutor.content.Question
    verdict = check(instance, "λW")             # verdict.status: "right" | "wrong" | "unreadable"
    warm_up()                                   # optional: start SymPy's worker before the first check

- ``answers``: ``Instance``, ``Verdict``, ``instantiate``, ``check`` (see that module for the rules).
- ``parse``: the whitelisted expression grammar and ``AnswerParseError`` (nothing is ever ``eval``-ed).
- ``symbolic``: equivalence of two expressions (numbers first, SymPy in a timed child process).
- ``generators``: the numeric question generators named in ``questions.toml``.

Importing this package does not import SymPy (it is only ever loaded in the checking process).
"""

from tutor.quiz.answers import KINDS, STATUSES, Instance, Verdict, check, instantiate
from tutor.quiz.generators import GENERATORS, Generated, Tolerance
from tutor.quiz.parse import AnswerParseError, parse, parse_number
from tutor.quiz.symbolic import warm_up

__all__ = [
    "GENERATORS",
    "KINDS",
    "STATUSES",
    "AnswerParseError",
    "Generated",
    "Instance",
    "Tolerance",
    "Verdict",
    "check",
    "instantiate",
    "parse",
    "parse_number",
    "warm_up",
]
