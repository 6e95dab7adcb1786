"""SymPy costs about 0.3 s to import: neither importing the quiz nor checking an answer loads it here."""

import subprocess
import sys


def _modules_after(code: str) -> str:
    probe = code + "\nimport sys; print('sympy' in sys.modules)"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_quiz_does_not_import_sympy():
    assert _modules_after("import tutor.quiz, tutor.quiz.generators, tutor.quiz.symbolic") == "False"


def test_checking_a_symbolic_answer_runs_sympy_in_another_process():
    code = (
        "from tutor.content import Question\nfrom tutor.text import Text\n"
        "from tutor.quiz import instantiate, check\n"
        "q = Question(id='0111-t', concept='0111', type='symbolic', prompt=Text('p', 'p'), answer='lambda*W',"
        " symbols=('lambda', 'W'), explanation=Text('e', 'e'))\n"
        "assert check(instantiate(q), 'λW').status == 'right'\n"
    )
    assert _modules_after(code) == "False"
