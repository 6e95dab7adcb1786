"""Labs with the learner's own code: run in the sandbox, named as theirs, replaced by the reference on failure.

The learner files below are written the way the book writes them (global np.random, no rng argument), so
a correct learner must reproduce the reference numbers exactly.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from conftest import reference_result

from tutor.labs import render, run_lab, summary
from tutor.labs import runner

OPTIMIZERS = '''
import numpy as np

class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr
    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]

class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None
    def update(self, params, grads):
        if self.v is None:
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]

class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None
    def update(self, params, grads):
        if self.h is None:
            self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)

class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
'''

LEARNER = {
    "sgd": OPTIMIZERS, "momentum": OPTIMIZERS, "adagrad": OPTIMIZERS, "adam": OPTIMIZERS,
    "xavier_init": '''
import numpy as np
def xavier_init(n_in, n_out):
    return np.random.standard_normal((n_in, n_out)) * (1.0 / np.sqrt(n_in))
''',
    "he_init": '''
import numpy as np
def he_init(n_in, n_out):
    return np.random.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
''',
    "batchnorm_backward": '''
import numpy as np
class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean, self.running_var = running_mean, running_var
    def forward(self, x, train_flag=True):
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        if train_flag:
            mean = x.mean(axis=0)
            var = ((x - mean) ** 2).mean(axis=0)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mean, var = self.running_mean, self.running_var
        self.std = np.sqrt(var + 1e-7)
        self.x_hat = (x - mean) / self.std
        self.train_flag = train_flag
        return self.gamma * self.x_hat + self.beta
    def backward(self, dout):
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * self.x_hat).sum(axis=0)
        n = dout.shape[0]
        return (self.gamma / (n * self.std)) * (n * dout - self.dbeta - self.x_hat * self.dgamma)
''',
    "weight_decay": '''
import numpy as np
def weight_decay_loss(params, lam):
    return 0.5 * lam * sum(float(np.sum(v ** 2)) for k, v in params.items() if k.startswith("W"))
def weight_decay_grads(params, grads, lam):
    return {k: g + lam * params[k] if k.startswith("W") else np.array(g, copy=True) for k, g in grads.items()}
''',
    "dropout": '''
import numpy as np
class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio, self.mask = dropout_ratio, None
    def forward(self, x, train_flag=True):
        if train_flag:
            self.mask = np.random.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)
    def backward(self, dout):
        return dout * self.mask
''',
    "ensemble": '''
import numpy as np
def ensemble_predict(models, x):
    return np.mean([model(x) for model in models], axis=0)
''',
    "validation_split": '''
import numpy as np
def split_validation(x, t, validation_rate=0.2):
    order = np.random.permutation(len(x))
    x, t = x[order], t[order]
    n = int(len(x) * validation_rate)
    return x[n:], t[n:], x[:n], t[:n]
''',
    "random_search": '''
import numpy as np
def sample_log_uniform(low, high, size):
    return 10 ** np.random.uniform(np.log10(low), np.log10(high), size)
def narrow_range(values, scores, top_k=5):
    best = np.argsort(-np.asarray(scores), kind="stable")[:top_k]
    values = np.asarray(values)[best]
    return float(values.min()), float(values.max())
''',
}


def _files(tmp_path, sources: dict[str, str]):
    files = {}
    for exercise, source in sources.items():
        path = tmp_path / f"{exercise}.py"
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        files[exercise] = path
    return files


@pytest.fixture
def learner(monkeypatch, tmp_path):
    """Make run_lab see these learner files as passed exercises."""

    def use(sources: dict[str, str]):
        files = _files(tmp_path, sources)
        monkeypatch.setattr(runner, "_learner_sources",
                            lambda parts, home, notes: {p.exercise: files[p.exercise] for p in parts if p.exercise in files})

    return use


@pytest.mark.parametrize("lab_id", ["optimizer_paths", "symmetry", "activations", "batchnorm", "overfitting",
                                    "ensemble", "random_search"])
def test_a_correct_learner_reproduces_the_reference_in_the_sandbox(learner, lab_id):
    learner(LEARNER)
    result = run_lab(lab_id)
    expected = reference_result(lab_id)
    pieces = [name for name, part in result.parts.items() if part.exercise]
    assert pieces and all(result.used[name] == "learner" for name in pieces)
    for part in expected.data:
        for key, value in expected.data[part].items():
            np.testing.assert_allclose(result.data[part][key], value, rtol=1e-9, atol=1e-12, err_msg=f"{part}.{key}")
    assert "Your code ran here" in summary(result, "en") and "내 코드" in summary(result, "ko")


def test_the_learners_pieces_are_named_as_theirs(learner):
    learner({"adam": OPTIMIZERS, "sgd": OPTIMIZERS})
    result = run_lab("optimizer_paths")
    assert result.used == {"sgd": "learner", "momentum": "reference", "adagrad": "reference", "adam": "learner"}
    assert result.label("adam", "en") == "your Adam" and result.label("adam", "ko") == "내 Adam"
    assert result.label("momentum", "en") == "Momentum"
    text = summary(result, "en")
    assert "your Adam (lr 0.3)" in text and "Reference engine: AdaGrad, Momentum" in text


def test_a_failing_learner_falls_back_to_the_reference_and_says_why(learner):
    broken = OPTIMIZERS.replace("self.iter += 1", "self.iter += 1\n        raise ValueError('oops')")
    learner({"adam": broken})
    result = run_lab("optimizer_paths")
    assert result.used["adam"] == "reference"
    np.testing.assert_array_equal(result.data["adam"]["x"], reference_result("optimizer_paths").data["adam"]["x"])
    text = summary(result, "en")
    assert "Your Adam failed in this lab" in text and "oops" in text and "reference Adam was used" in text
    assert "참조 구현을 대신 사용했습니다" in summary(result, "ko")


def test_a_learner_that_never_returns_is_stopped(learner, monkeypatch):
    monkeypatch.setattr(runner, "PROBE_TIME_LIMIT", 1.0)
    learner({"sgd": OPTIMIZERS.replace("for key in params:\n            params[key] -= self.lr",
                                       "while True:\n            pass\n        for key in params:\n            params[key] -= self.lr")})
    result = run_lab("symmetry")
    assert result.used["sgd"] == "reference"
    assert "took too long" in summary(result, "en")


def test_reference_is_used_when_asked_even_if_exercises_pass(learner):
    learner(LEARNER)
    result = run_lab("ensemble", use_learner=False)
    assert result.used == {"ensemble": "reference"}
    assert "as asked" in summary(result, "en")


def test_passed_exercises_in_the_learners_home_are_used(tmp_path):
    from tutor.progress import Store
    from tutor.workspace import learner_file

    with Store.open(tmp_path) as store:
        for exercise in ("sgd", "momentum"):
            learner_file(exercise, tmp_path).write_text(OPTIMIZERS, encoding="utf-8")
            store.record("check", exercise, "0097", "pass")
        learner_file("adam", tmp_path).write_text(OPTIMIZERS, encoding="utf-8")
        store.record("check", "adam", "0101", "fail")
    result = run_lab("optimizer_paths", home=tmp_path)
    assert result.used == {"sgd": "learner", "momentum": "learner", "adagrad": "reference", "adam": "reference"}


def test_the_activations_gradients_use_the_learners_init(learner):
    """A learner whose xavier_init draws std 0.01 sees std 0.01's vanishing gradient in the Xavier row."""
    learner({"xavier_init": "import numpy as np\ndef xavier_init(n_in, n_out):\n    return np.random.randn(n_in, n_out) * 0.01\n"})
    result = run_lab("activations")
    assert result.used["xavier"] == "learner"
    s = 0  # sigmoid
    theirs, ours = result.data["xavier"]["grad"][s], reference_result("activations").data["xavier"]["grad"][s]
    assert theirs[0] < 1e-4 < ours[0]
    assert "Xavier (yours)" in render(result, width=80, height=24, lang="en")
    assert "Xavier (내 코드)" in render(result, width=80, height=24, lang="ko")
    assert "Xavier (내 코드)일 때" in summary(result, "ko")


@pytest.mark.parametrize("lab_id", ["optimizer_paths", "optimizer_compare", "batchnorm", "ensemble"])
def test_panel_titles_name_the_learners_code_in_korean(learner, lab_id):
    learner(LEARNER)
    result = run_lab(lab_id)
    korean, english = render(result, width=120, height=40, lang="ko"), render(result, width=120, height=40, lang="en")
    # optimizer_paths marks the learner's panels with "*" and explains it under the grid: "(* 내 코드)"
    assert "내 코드)" in korean and "yours" not in korean and "your code" not in korean
    assert ("(yours)" in english or "(* your code)" in english) and "내 코드" not in english


def test_progress_labels_follow_the_language(learner):
    learner(LEARNER)
    labels = []
    run_lab("symmetry", lang="ko", progress=lambda fraction, label: labels.append(label))
    assert "SGD (내 코드)" in labels and labels[-1] == "완료" and not any("yours" in label for label in labels)
