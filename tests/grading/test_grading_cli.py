"""`tutor check`, `list`, `hint`, `reset`, `solution`, `path` as a learner (or a teacher's CI) uses them."""

import json
from pathlib import Path

import pytest

from tutor import paths, workspace
from tutor.cli import main
from tutor.grading import variants


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    return tmp_path


def solve(home, exercise_id):
    target = workspace.learner_file(exercise_id, home)
    target.write_text((paths.exercises_dir() / exercise_id / "solution.py").read_text())
    return target


def test_check_of_the_stub_is_not_started_exit_1_quiet_and_not_recorded(home, capsys):
    assert main(["check", "adam"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "· adam — not started"
    assert "NotImplementedError" not in out and "✗" not in out and "tutor check adam" in out
    assert (home / "workspace" / "adam.py").read_text() == (paths.exercises_dir() / "adam" / "stub.py").read_text()
    from tutor.progress import Store

    with Store.open(home) as store:
        assert store.exercise_status("adam") == "new"
        assert store.review_queue() == [] and store.concept_mastery().get("0101", 0) == 0


def test_check_all_on_a_fresh_home_records_nothing_and_says_not_started_quietly(home, capsys):
    solve(home, "sgd")
    assert main(["check", "--all"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("✓ sgd — ")  # in course order, sgd first
    assert sum(line.startswith("· ") and line.endswith("— not started") for line in lines) == 15
    assert "NotImplementedError" not in out and "✗" not in out
    assert lines[-1] == "1 of 16 exercises pass, 15 not started"
    from tutor.progress import Store

    with Store.open(home) as store:
        statuses = store.exercise_statuses()
        assert statuses.get("sgd") == "passed"
        assert all(statuses.get(e, "new") == "new" for e in statuses if e != "sgd")
        assert all(item.item == "sgd" or item.kind != "exercise" for item in store.review_queue())


def test_check_all_in_korean_and_json_mark_not_started(home, capsys):
    assert main(["--lang", "ko", "check", "adam", "sgd", "--no-record"]) == 1
    out = capsys.readouterr().out
    assert "· adam — 시작하지 않음" in out and "실습 2개 중 0개 통과, 2개 시작하지 않음" in out
    assert main(["check", "adam", "--json", "--no-record"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "fail" and data["started"] is False and data["diagnosis"] == []


def test_check_of_a_solution_passes_with_exit_0_and_is_recorded(home, capsys):
    solve(home, "sgd")
    assert main(["check", "sgd"]) == 0
    assert "✓ sgd" in capsys.readouterr().out
    from tutor.progress import Store

    with Store.open(home) as store:
        assert store.exercise_status("sgd") == "passed"


def test_no_record_leaves_progress_untouched(home, capsys):
    solve(home, "sgd")
    assert main(["check", "sgd", "--no-record"]) == 0
    from tutor.progress import Store

    with Store.open(home) as store:
        assert store.exercise_status("sgd") == "new"


def test_usage_errors_exit_2(home, capsys):
    assert main(["check", "nope"]) == 2
    assert "unknown exercise id 'nope'" in capsys.readouterr().err
    assert main(["check"]) == 2
    assert main(["check", "sgd", "adam", "--file", "x.py"]) == 2
    assert main(["check", "sgd", "--all"]) == 2
    assert main(["check", "--all", "--file", "x.py"]) == 2
    assert main(["hint", "nope"]) == 2


def test_json_for_one_file_is_exercism_results_v2_with_diagnosis(home, capsys):
    bad = Path(variants.__file__).parent / "adam" / "no_bias_correction.py"
    assert main(["check", "adam", "--file", str(bad), "--json", "--no-record"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 2 and data["status"] == "fail" and data["message"]
    assert {"name", "status", "message", "output"} <= set(data["tests"][0])
    assert data["started"] is True
    assert data["diagnosis"][0]["variant"] == "no_bias_correction" and data["diagnosis"][0]["concept"] == "0101"
    assert data["diagnosis"][0]["message"]["en"] and data["diagnosis"][0]["message"]["ko"]


def test_json_for_several_exercises_lists_each_result(home, capsys):
    solve(home, "sgd")
    assert main(["check", "sgd", "momentum", "--json", "--no-record"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "fail"
    assert [(r["exercise"], r["status"]) for r in data["results"]] == [("sgd", "pass"), ("momentum", "fail")]


def test_korean_output(home, capsys):
    bad = Path(variants.__file__).parent / "sgd" / "climbs_gradient.py"
    assert main(["--lang", "ko", "check", "sgd", "--file", str(bad), "--no-record"]) == 1
    out = capsys.readouterr().out
    assert "다음: tutor hint sgd" in out and "갱신" in out and "진단: " in out and "(0097 다시 보기)" in out


def test_human_output_names_the_concept_once_after_the_diagnosis(home, capsys):
    bad = Path(variants.__file__).parent / "adam" / "no_bias_correction.py"
    assert main(["check", "adam", "--file", str(bad), "--no-record"]) == 1
    why = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  why: ")]
    assert len(why) == 1 and why[0].endswith("(see 0101)") and why[0].count("0101") == 1


def test_output_of_each_test_is_capped_at_500_characters(home, capsys, tmp_path):
    noisy = tmp_path / "sgd.py"
    noisy.write_text("print('x' * 3000)\nclass SGD:\n    def __init__(self, lr=0.01):\n        pass\n    def update(self, params, grads):\n        pass\n")
    assert main(["check", "sgd", "--file", str(noisy), "--json", "--no-record"]) == 1
    outputs = [t["output"] for t in json.loads(capsys.readouterr().out)["tests"] if t["output"]]
    assert outputs and all(len(o) <= 500 for o in outputs)


def test_hints_come_one_at_a_time_and_are_recorded(home, capsys):
    assert main(["hint", "sgd"]) == 0
    assert capsys.readouterr().out.startswith("Hint 1 of ")
    assert main(["hint", "sgd"]) == 0
    assert capsys.readouterr().out.startswith("Hint 2 of ")
    from tutor.progress import Store

    with Store.open(home) as store:
        assert store.hints_shown("sgd") == 2
    assert main(["hint", "sgd", "--all"]) == 0
    assert "Hint 1 of" in capsys.readouterr().out


def test_solution_only_after_passing(home, capsys):
    assert main(["solution", "sgd"]) == 1
    assert "tutor check sgd" in capsys.readouterr().err
    solve(home, "sgd")
    assert main(["check", "sgd"]) == 0
    capsys.readouterr()
    assert main(["solution", "sgd"]) == 0
    assert "class SGD" in capsys.readouterr().out


def test_reset_keeps_a_backup_and_needs_confirmation(home, capsys):
    mine = solve(home, "momentum")
    assert main(["reset", "momentum"]) == 1  # not a terminal and no --yes: nothing changes
    assert "--yes" in capsys.readouterr().err and "class Momentum" in mine.read_text() and "TODO" not in mine.read_text()
    assert main(["reset", "momentum", "--yes"]) == 0
    out = capsys.readouterr().out
    backups = list((home / "workspace" / ".backup").glob("momentum.*.py"))
    assert len(backups) == 1 and str(backups[0]) in out
    assert "TODO" in mine.read_text() and "TODO" not in backups[0].read_text()


def test_path_creates_the_file_from_the_stub_once(home, capsys):
    assert main(["path", "dropout"]) == 0
    path = capsys.readouterr().out.strip()
    assert path == str(home / "workspace" / "dropout.py")
    (home / "workspace" / "dropout.py").write_text("# mine\n")
    assert main(["path", "dropout"]) == 0
    assert (home / "workspace" / "dropout.py").read_text() == "# mine\n"


def test_list_shows_concepts_with_exercise_status(home, capsys):
    solve(home, "sgd")
    main(["check", "sgd"])
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_id = {r["id"]: r for r in rows}
    assert by_id["0097"]["exercises"][0] == {"id": "sgd", "title": by_id["0097"]["exercises"][0]["title"], "status": "passed"}
    assert by_id["0101"]["title"]["ko"] and by_id["0101"]["questions"] >= 0
    assert main(["list"]) == 0
    assert "✓ sgd" in capsys.readouterr().out


def test_an_error_keeps_what_the_code_printed_in_json(home, capsys, tmp_path):
    learner = tmp_path / "sgd.py"
    learner.write_text('print("hello \\x1b[2J from learner")\nraise RuntimeError("boom")\n')
    assert main(["check", "sgd", "--file", str(learner), "--json", "--no-record"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "error" and data["tests"] == []
    assert data["output"] == "hello ␛[2J from learner\n"


def test_a_check_does_not_pay_for_what_it_does_not_use(home):
    """The grading parent's start-up is what a check waits for (ARCHITECTURE, "Why a check costs what it
    costs"): it must not import the course's loader, numpy.random, OpenSSL's hashlib or Textual."""
    import subprocess
    import sys

    solve(home, "adam")
    code = (
        "import sys\n"
        "from tutor.cli import main\n"
        "code = main(['check', 'adam'])\n"
        "print(code, sorted(m for m in sys.modules if m in {'tutor.content', 'numpy.random', 'hashlib', 'textual', 'secrets'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines()[-1] == "0 []", out.stdout + out.stderr


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_process_to_be_had_is_a_verdict_in_one_line_not_an_unexpected_error(home, capsys, monkeypatch, lang):
    """fork fails (a process limit reached, no memory): every child the check starts fails to start; the
    learner gets one line saying so, in their language, and the exit status 1."""
    import errno

    from tutor.grading import sandbox

    def no_fork(*args, **kwargs):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    solve(home, "sgd")
    monkeypatch.setattr(sandbox.subprocess, "Popen", no_fork)
    assert main(["check", "sgd", "--lang", lang]) == 1
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert ("could not start a process" if lang == "en" else "프로세스를 시작하지 못했습니다") in said
    assert "unexpected" not in said and "Traceback" not in said


@pytest.mark.parametrize(("lang", "why"), [("en", "why: "), ("ko", "진단: ")])
def test_a_failed_check_leads_with_the_diagnosis_then_the_evidence(home, capsys, lang, why):
    """The verdict line, then what went wrong (the named mistake), then where it showed, then the checks."""
    target = workspace.learner_file("sgd", home)
    target.write_text((paths.exercises_dir() / "sgd" / "solution.py").read_text().replace("-=", "+="))
    assert main(["check", "sgd", "--lang", lang]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("✗ sgd — ")
    assert lines[1].startswith(f"  {why}") and "0097" in lines[1], lines
    assert lines[2].startswith("  → ") and "0.95" in lines[2], lines
    assert lines[3].startswith("  ✗ "), lines


def test_a_store_that_cannot_open_still_shows_the_verdict_and_says_it_was_not_recorded(home, capsys, monkeypatch):
    """No --lang, the store refusing to open: the verdict (with its diagnosis) in the saved or default
    language, one line saying it was not recorded, exit 1 — never an unexpected error."""
    from tutor.progress import Store, StoreError
    from tutor.text import Text

    def refuse(*args, **kwargs):
        raise StoreError(Text("the store is broken", "저장소가 망가졌습니다"))

    target = workspace.learner_file("sgd", home)
    target.write_text((paths.exercises_dir() / "sgd" / "solution.py").read_text().replace("-=", "+="))
    monkeypatch.setattr(Store, "open", classmethod(lambda cls, *a, **k: refuse()))
    assert main(["check", "sgd"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("✗ sgd — ") and "why: " in captured.out
    assert "not recorded" in captured.err and "unexpected" not in captured.err
