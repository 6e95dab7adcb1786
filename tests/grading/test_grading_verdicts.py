"""The parent verifies what comes back: every judge checks the number, shapes and dtypes of all outputs
against the request it made and kept (missing, extra or shortened → fail, saying what), and a stub never
earns credit."""

import copy
import importlib.util

import numpy as np
import pytest

from tutor import paths
from tutor.grading import grade, probes, sandbox
from tutor.grading.judges import EXERCISES, Draws, judge_for
from tutor.grading.judges.common import expected_outputs, outputs_problem, stopped_at_todo, todo_only


def _module(exercise_id, name="solution"):
    path = paths.exercises_dir() / exercise_id / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"judged_{exercise_id}_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(exercise_id, module, seed=3):
    """What the probe returns for this exercise on `module`, run here (our own code)."""
    judge = judge_for(exercise_id)
    args = judge.build(Draws(seed))  # as the grader draws them
    function = getattr(probes, judge.probe.rpartition(":")[2])
    return judge, args, function(module, **copy.deepcopy(args))


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_judge_has_an_output_spec_and_the_solution_meets_it(exercise_id):
    judge, args, outputs = _outputs(exercise_id, _module(exercise_id))
    expected_outputs(judge.probe, args)  # no KeyError: every probe a judge uses is covered
    assert outputs_problem(judge.probe, args, outputs) is None


def _records(outputs):
    """The list of per-case / per-call records of any probe's outputs."""
    (key,) = outputs
    return outputs[key]


def _shortened(outputs):
    out = copy.deepcopy(outputs)
    records = _records(out)
    record = next((r for r in records if len(r.get("steps", r.get("outputs", []))) > 1), None)
    if record is not None:  # a scripted run: drop its later steps, as a learner who edits the case would
        record["steps" if "steps" in record else "outputs"][1:] = []
    else:
        del records[-1]
    return out


ATTACKS = {
    "a record missing": lambda o: _records(o).pop() and o,
    "a record added": lambda o: _records(o).append(copy.deepcopy(_records(o)[0])) or o,
    "later steps cut": _shortened,
    "a key missing": lambda o: _records(o)[0].pop("error") and o or o,
    "a key added": lambda o: _records(o)[0].update(passed=True) or o,
    "a wrong dtype": lambda o: _wrong_dtype(o),
}


def _wrong_dtype(outputs):
    """The first number or float array that came back, as an int (array): not what any probe sends."""
    out = copy.deepcopy(outputs)

    def walk(x):
        items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else ()
        for k, v in items:
            if isinstance(v, np.ndarray) or (isinstance(v, float) and k == "value"):
                x[k] = v.astype(np.int64) if isinstance(v, np.ndarray) else int(v)
                return True
            if walk(v):
                return True
        return False

    assert walk(out)
    return out


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_outputs_that_do_not_answer_the_request_fail_every_check_saying_what(exercise_id, attack, monkeypatch):
    """The sandbox's answer is replaced by the solution's outputs with one thing missing or added: the
    grade is a fail on every check, whose message says what did not come back (en and ko)."""
    judge, _, outputs = _outputs(exercise_id, _module(exercise_id), seed=5)
    forged = ATTACKS[attack](copy.deepcopy(outputs))
    monkeypatch.setattr(sandbox, "run_probe", lambda *a, **k: sandbox.ProbeResult("ok", forged))
    result = grade(exercise_id, file=paths.exercises_dir() / exercise_id / "solution.py", seed=5)
    assert result.status == "fail", (attack, result.to_json())
    assert all(t.status == "fail" for t in result.tests)
    assert "did not answer" in result.message.en or "do not answer" in result.message.en
    assert "채점기가 요청한 것과 맞지 않습니다" in result.message.ko


def test_the_probes_own_outputs_round_trip_the_spec_for_errors_at_every_step():
    """An error at step k leaves exactly k − 1 steps: that is an answer, not a shortened one."""
    judge, args, outputs = _outputs("adam", _module("adam", "stub"))
    assert outputs_problem(judge.probe, args, outputs) is None
    assert all(case["step"] == 1 and case["steps"] == [] for case in outputs["cases"])
    assert stopped_at_todo(outputs) and todo_only(outputs, outputs)
    bad = copy.deepcopy(outputs)
    bad["cases"][0]["step"] = 3  # an error "at step 3" with no steps before it
    assert outputs_problem(judge.probe, args, bad) is not None


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_an_untouched_stub_is_not_started_and_earns_nothing(exercise_id):
    result = grade(exercise_id, file=paths.exercises_dir() / exercise_id / "stub.py")
    assert result.started is False and result.to_json()["started"] is False
    assert result.status == "fail" and not any(t.status == "pass" for t in result.tests)
    assert result.diagnosis == []


def test_code_that_raises_before_calling_any_model_passes_no_check(tmp_path):
    learner = tmp_path / "ensemble.py"
    learner.write_text("def ensemble_predict(models, x):\n    raise ValueError('not yet')\n")
    result = grade("ensemble", file=learner)
    assert result.started is True
    assert not any(t.status == "pass" for t in result.tests), result.to_json()


def test_a_file_with_one_part_done_is_started(tmp_path):
    source = (paths.exercises_dir() / "lr_decay" / "stub.py").read_text()
    learner = tmp_path / "lr_decay.py"
    learner.write_text(source + "\n\ndef exponential_decay(lr0, step, k):\n    import math\n    return lr0 * math.exp(-k * step)\n")
    result = grade("lr_decay", file=learner)
    assert result.started is True and result.status == "fail"
    assert [t.status for t in result.tests].count("pass") == 1


def test_a_module_that_raises_not_implemented_at_import_is_not_started(tmp_path):
    learner = tmp_path / "sgd.py"
    learner.write_text("raise NotImplementedError('SGD')\n")
    result = grade("sgd", file=learner)
    assert result.status == "error" and result.started is False


def test_a_hostile_shortening_is_a_fail_that_says_what_was_missing_in_both_languages():
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus"
    result = grade("adam", file=corpus / "adam" / "hostile_first_step_only.py")
    assert result.status == "fail" and result.started
    assert "case 2 answered 1 of the 3 steps the grader asked for" in result.message.en
    assert "사례 2: 단계 3개를 요청했는데 1개만 답함" in result.message.ko


def test_a_layer_with_forward_done_and_backward_still_todo_is_started(tmp_path):
    learner = tmp_path / "dropout.py"
    learner.write_text(
        "import numpy as np\n\n\nclass Dropout:\n"
        "    def __init__(self, dropout_ratio=0.5):\n        self.dropout_ratio = dropout_ratio\n\n"
        "    def forward(self, x, train_flag=True):\n"
        "        if train_flag:\n            self.mask = np.random.rand(*x.shape) > self.dropout_ratio\n"
        "            return x * self.mask\n        return x * (1 - self.dropout_ratio)\n\n"
        "    def backward(self, dout):\n        # TODO\n        raise NotImplementedError('Dropout.backward')\n"
    )
    result = grade("dropout", file=learner)
    assert result.started is True and result.status == "fail"


def test_batchnorm_backward_stub_with_its_given_forward_is_not_started():
    """Its forward is given (it runs); only the TODO part decides."""
    result = grade("batchnorm_backward", file=paths.exercises_dir() / "batchnorm_backward" / "stub.py")
    assert result.started is False


def test_getting_further_than_the_stub_is_started_even_if_a_todo_stops_it_later():
    """Synthetic: the stub stops every case at step 1; a learner stopping at a TODO at step 3 did work."""
    todo = "line 9 in backward: NotImplementedError: Dropout.backward — this part is still a TODO"
    stub = {"cases": [{"error": todo, "step": 1, "outputs": []}]}
    further = {"cases": [{"error": todo, "step": 3, "outputs": [None, None]}]}
    assert todo_only(stub, stub) and stopped_at_todo(further) and not todo_only(further, stub)
    other = {"cases": [{"error": "line 9 in forward: ValueError: no", "step": 1, "outputs": []}]}
    assert not stopped_at_todo(other) and not todo_only(other, stub)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_a_seed_gives_the_same_inputs_and_another_seed_others(exercise_id):
    """`grade(..., seed=)` reproduces a check: its inputs are a function of the seed alone."""
    judge = judge_for(exercise_id)

    def plain(value):
        if isinstance(value, np.ndarray):
            return ("array", value.dtype.str, value.shape, value.tobytes())
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    first, again, other = (plain(judge.build(Draws(seed))) for seed in (11, 11, 12))
    assert first == again
    if exercise_id not in ("xavier_init", "he_init"):  # their inputs are shapes: the learner's code draws
        assert first != other


def test_draws_give_what_the_judges_ask_numpy_for():
    draws = Draws(0)
    assert draws.standard_normal((2, 3)).shape == (2, 3) and draws.standard_normal(4).dtype == np.float64
    assert isinstance(draws.uniform(0.5, 0.85), float) and 0.5 <= draws.uniform(0.5, 0.85) <= 0.85
    assert ((draws.uniform(-3, 2, size=(50,)) >= -3) & (draws.uniform(-3, 2, size=(50,)) <= 2)).all()
    assert set(draws.choice([-1.0, 1.0], size=(40,)).tolist()) == {-1.0, 1.0}
    assert 3 <= draws.integers(3, 7) < 7 and {draws.integers(3, 7) for _ in range(200)} == {3, 4, 5, 6}
    assert sorted(draws.permutation(30).tolist()) == list(range(30))
    assert 0 <= draws.random((5,)).min() and draws.random((5,)).max() < 1
    normal = Draws(1).standard_normal(20_000)
    assert abs(normal.mean()) < 0.03 and abs(normal.std() - 1) < 0.03


@pytest.mark.parametrize("forged", [[np.array([1.0, 2.0])], [np.array([1.0])], [1.0], [True], [["W"]]])
def test_a_forged_list_of_names_is_a_problem_not_an_exception(forged):
    """Which params were rebound comes back as names; an array, a float, a bool or a list there (learner
    code can reach the record it is handed) is an answer that does not fit, never a crash of the check."""
    judge, args, outputs = _outputs("adam", _module("adam"))
    outputs["cases"][0]["steps"][0]["rebound"] = forged
    assert outputs_problem(judge.probe, args, outputs) is not None
