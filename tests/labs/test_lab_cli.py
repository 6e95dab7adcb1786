"""`tutor lab` as a learner types it: flags after the command, one optimizer, clear usage errors."""

from tutor.cli import main


def test_lab_runs_one_optimizer_with_its_own_lr_in_korean(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    assert main(["lab", "optimizer_paths", "--optimizer", "sgd", "--lr", "0.5", "--steps", "10", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "SGD(학습률 0.5): 10번 갱신 후" in out
    assert "Adam" not in out.split("\n", 1)[1], "only the chosen optimizer is run"


def test_lab_usage_errors_are_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    assert main(["lab", "symmetry", "--optimizer", "sgd"]) == 2
    assert main(["lab", "optimizer_paths", "--optimizer", "nope"]) == 2
    assert main(["lab", "no_such_lab"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("tutor: ") for line in err)
