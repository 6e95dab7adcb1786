"""The corpus of learner submissions under tests/grading/corpus/<exercise>/: each file says in its header
what the grader must answer (`# expect: pass`, `fail` or `error`),
and optionally a fragment of the message
(`# message: ...`) and the diagnosed variant (`# variant: ...`)."""

from pathlib import Path

import pytest

from tutor.grading import grade

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*/*.py"))


def expectations(path: Path) -> dict:
    found = {"message": [], "variant": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(": ")
        if key == "expect":
            found["expect"] = value.strip()
        elif key in found:
            found[key].append(value.strip())
    found.setdefault("expect", "error")  # an empty file has no header: it must be an error
    return found


def everything_said(result) -> str:
    parts = [result.message.en if result.message else ""]
    parts += [t.message.en for t in result.tests if t.message]
    parts += [d.message.en for d in result.diagnosis]
    return "\n".join(parts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_submission(path):
    want = expectations(path)
    result = grade(path.parent.name, file=path)
    assert result.status == want["expect"], result.to_json()
    said = everything_said(result)
    for fragment in want["message"]:
        assert fragment in said, said
    assert [d.variant for d in result.diagnosis][: len(want["variant"])] == want["variant"]
    if want["expect"] != "pass":
        assert result.started, "a file that does something is never 'not started'"
    if result.status == "error":
        assert result.message and "\n" not in result.message.en  # one line, never a traceback
        assert "Traceback" not in result.message.en


def test_empty_and_non_utf8_files_are_one_line_errors(tmp_path):
    empty = tmp_path / "sgd.py"
    empty.write_text("   \n")
    result = grade("sgd", file=empty)
    assert result.status == "error" and "is empty" in result.message.en
    latin = tmp_path / "adam.py"
    latin.write_bytes("# caf\xe9\nclass Adam: pass\n".encode("latin-1"))
    result = grade("adam", file=latin)
    assert result.status == "error" and "not UTF-8" in result.message.en and "UTF-8" in result.message.ko
    result = grade("adam", file=tmp_path / "missing.py")
    assert result.status == "error" and "no file" in result.message.en
    assert "tutor path" not in result.message.en  # it would make the workspace file, not this one


def test_an_unreadable_file_is_a_one_line_error(tmp_path, monkeypatch):
    locked = tmp_path / "sgd.py"
    locked.write_text("class SGD: pass\n")
    real = Path.read_bytes

    def read_bytes(self):
        if self == locked:  # chmod cannot lock a file from root, who runs some CI
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = grade("sgd", file=locked)
    assert result.status == "error" and "cannot read" in result.message.en and "Permission denied" in result.message.ko


def test_corpus_covers_every_exercise():
    assert {p.parent.name for p in FILES} >= {
        "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "lr_decay", "xavier_init", "he_init",
        "batchnorm_forward", "batchnorm_backward", "weight_decay", "dropout", "ensemble", "validation_split", "random_search",
    }
