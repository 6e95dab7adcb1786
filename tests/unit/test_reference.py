"""Checks of the NumPy reference engine (tutor.reference) against independent implementations.

Optimizers and batch normalisation are compared with PyTorch's results (CPU, float64), which shares no
code with the engine, recorded in fixtures/torch_reference.json by scripts/make_torch_fixtures.py, so
these tests need no PyTorch; the rest is checked against hand-computed values, finite differences and statistics with
fixed seeds and bounds loose enough that a correct implementation cannot fail them.
"""

import inspect
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tutor import reference
from tutor.reference import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    BatchNormalization,
    Dropout,
    Momentum,
    Nesterov,
    RMSprop,
    cosine_decay,
    ensemble_predict,
    exponential_decay,
    he_init,
    he_std,
    inverse_time_decay,
    narrow_range,
    sample_log_uniform,
    split_validation,
    step_decay,
    weight_decay_grads,
    weight_decay_loss,
    xavier_init,
    xavier_std,
)

# PyTorch's results, recorded by scripts/make_torch_fixtures.py (which needs '.[crosscheck]'); the inputs
# are in the file too, so these checks depend neither on PyTorch nor on NumPy's random streams.
TORCH = json.loads((Path(__file__).parent / "fixtures" / "torch_reference.json").read_text(encoding="utf-8"))
N_STEPS = 6
SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}
OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


def test_the_torch_fixtures_hold_every_case():
    """A fixture file that lost a case (or was cut short) must fail, not quietly test less."""
    optimizers = TORCH["optimizers"]
    for group in ("custom", "defaults"):
        assert sorted(optimizers[group]) == sorted(OPTIMIZER_NAMES)
        inputs = optimizers["inputs"][group]
        assert {k: np.shape(v) for k, v in inputs["params"].items()} == SHAPES
        assert len(inputs["grad_steps"]) == N_STEPS
        for case in optimizers[group].values():
            assert len(case["trajectory"]) == N_STEPS
    batchnorm = TORCH["batchnorm"]
    assert len(batchnorm["training"]["batches"]) == 3
    assert np.shape(batchnorm["four_d"]["x"]) == (6, 2, 3, 3)
    assert batchnorm["eps"] == BatchNormalization.eps


def arrays(tree):
    """The fixture's nested lists as float64 arrays (dicts and lists of them kept as they are)."""
    if isinstance(tree, dict):
        return {key: arrays(value) for key, value in tree.items()}
    if isinstance(tree, list) and tree and isinstance(tree[0], dict):
        return [arrays(value) for value in tree]
    return np.array(tree, dtype=float)


# --------------------------------------------------------------------------------------------------
# Optimizers
# --------------------------------------------------------------------------------------------------


def make_params(seed=0):
    rng = np.random.default_rng(seed)
    return {key: rng.standard_normal(shape) for key, shape in SHAPES.items()}


def make_grad_steps(seed=1):
    """Gradients for N_STEPS steps, of varying scale and sign, with some exact zeros."""
    rng = np.random.default_rng(seed)
    steps = []
    for step in range(N_STEPS):
        grads = {}
        for key, shape in SHAPES.items():
            g = rng.standard_normal(shape) * (0.5 + step)
            g[rng.random(shape) < 0.2] = 0.0
            grads[key] = g
        steps.append(grads)
    return steps


def reference_trajectory(optimizer, params, grad_steps):
    trajectory = []
    for grads in grad_steps:
        optimizer.update(params, grads)
        trajectory.append({key: value.copy() for key, value in params.items()})
    return trajectory


def assert_same_trajectory(ours, theirs):
    for step, (mine, expected) in enumerate(zip(ours, theirs, strict=True), start=1):
        for key in SHAPES:
            np.testing.assert_allclose(
                mine[key], expected[key], rtol=1e-10, atol=1e-12, err_msg=f"step {step}, {key}"
            )


def torch_case(group, name):
    """(params, gradient steps, torch's trajectory, the reference optimizer built as the case says)."""
    inputs = arrays(TORCH["optimizers"]["inputs"][group])
    case = TORCH["optimizers"][group][name]
    optimizer = getattr(reference, case["class"])(**case["kwargs"])
    return inputs["params"], inputs["grad_steps"], arrays(case["trajectory"]), optimizer


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_optimizer_matches_torch(name):
    # Book momentum (v ← μv − ηg, W ← W + v) is torch's (buf ← μ·buf + g, W ← W − η·buf) with
    # v = −η·buf; book Nesterov is torch's nesterov=True with the same mapping (see the fixtures script).
    params, grad_steps, theirs, optimizer = torch_case("custom", name)
    assert_same_trajectory(reference_trajectory(optimizer, params, grad_steps), theirs)


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_optimizer_defaults_match_torch(name):
    """Every hyperparameter at its default (the class built with no arguments), so wrong defaults show."""
    params, grad_steps, theirs, optimizer = torch_case("defaults", name)
    assert TORCH["optimizers"]["defaults"][name]["kwargs"] == {}
    assert type(optimizer) is OPTIMIZERS[name]
    assert_same_trajectory(reference_trajectory(optimizer, params, grad_steps), theirs)


def test_the_optimizer_comparison_can_fail():
    """The same check on a wrong optimizer (Momentum's momentum off by 0.01) must not pass."""
    params, grad_steps, theirs, _ = torch_case("custom", "momentum")
    with pytest.raises(AssertionError):
        assert_same_trajectory(reference_trajectory(Momentum(lr=0.05, momentum=0.79), params, grad_steps), theirs)


@pytest.mark.parametrize(
    "cls, defaults",
    [
        (SGD, {"lr": 0.01}),
        (Momentum, {"lr": 0.01, "momentum": 0.9}),
        (Nesterov, {"lr": 0.01, "momentum": 0.9}),
        (AdaGrad, {"lr": 0.01}),
        (RMSprop, {"lr": 0.01, "decay_rate": 0.99}),
        (Adam, {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}),
        (Dropout, {"dropout_ratio": 0.5}),
        (BatchNormalization, {"momentum": 0.9, "running_mean": None, "running_var": None}),
    ],
)
def test_constructor_names_and_defaults_follow_the_book(cls, defaults):
    parameters = inspect.signature(cls).parameters
    for name, value in defaults.items():
        assert parameters[name].default == value
    # Stored under the same attribute names the book uses, which learners and graders inspect.
    instance = cls(np.ones(2), np.zeros(2)) if cls is BatchNormalization else cls()
    for name, value in defaults.items():
        assert getattr(instance, name) == value


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_update_is_in_place_and_leaves_grads_alone(name):
    params = make_params()
    held = dict(params)  # what a network's layers would keep a reference to
    row_view = params["W1"][0]  # a view into the weights, as a layer slicing them would hold
    grad_steps = make_grad_steps()
    grad_copies = [{key: g.copy() for key, g in grads.items()} for grads in grad_steps]
    before = params["W1"][0].copy()

    optimizer = OPTIMIZERS[name]()
    for grads in grad_steps:
        optimizer.update(params, grads)

    for key in SHAPES:
        assert params[key] is held[key]
    assert not np.array_equal(row_view, before)
    np.testing.assert_array_equal(row_view, params["W1"][0])
    for grads, copies in zip(grad_steps, grad_copies):
        for key in SHAPES:
            np.testing.assert_array_equal(grads[key], copies[key])


def test_adam_counts_one_iteration_per_update_call():
    optimizer = Adam()
    params = make_params()
    for grads in make_grad_steps():
        optimizer.update(params, grads)
    assert optimizer.iter == N_STEPS


def test_optimizer_state_is_shaped_like_the_params():
    optimizer = Momentum()
    params = make_params()
    optimizer.update(params, make_grad_steps()[0])
    assert {key: v.shape for key, v in optimizer.v.items()} == SHAPES


# --------------------------------------------------------------------------------------------------
# Batch normalisation (against torch.nn.functional.batch_norm and autograd, recorded)
# --------------------------------------------------------------------------------------------------


def assert_layer_matches(layer, y, dx, expected, dx_rtol=1e-10):
    np.testing.assert_allclose(y, expected["y"], rtol=1e-10, atol=1e-12)
    # dx sums terms of opposite sign over the batch, so it loses a few more digits than the rest.
    np.testing.assert_allclose(dx, expected["dx"], rtol=dx_rtol, atol=1e-10)
    np.testing.assert_allclose(layer.dgamma, expected["dgamma"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.dbeta, expected["dbeta"], rtol=1e-10, atol=1e-12)


def bn_inputs(seed, n=8, d=5):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d)) * rng.uniform(0.5, 3.0, d) + rng.uniform(-2, 2, d)
    dout = rng.standard_normal((n, d))
    return x, dout


def test_batchnorm_training_forward_backward_and_running_stats_match_torch():
    case = arrays(TORCH["batchnorm"]["training"])
    layer = BatchNormalization(case["gamma"].copy(), case["beta"].copy())
    expected_var = np.zeros(5)
    for batch in case["batches"]:  # several batches, so the running statistics accumulate
        y = layer.forward(batch["x"], train_flag=True)
        dx = layer.backward(batch["dout"])

        assert_layer_matches(layer, y, dx, batch, dx_rtol=1e-8)
        np.testing.assert_allclose(layer.running_mean, batch["running_mean"], rtol=1e-12, atol=1e-14)
        # torch keeps the UNBIASED batch variance in running_var; the book keeps the biased (1/m) one.
        expected_var = 0.9 * expected_var + 0.1 * np.var(batch["x"], axis=0, ddof=0)
        np.testing.assert_allclose(layer.running_var, expected_var, rtol=1e-12, atol=1e-14)


def test_batchnorm_normalises_each_feature_of_the_batch():
    x, _ = bn_inputs(11, n=32, d=4)
    y = BatchNormalization(np.ones(4), np.zeros(4)).forward(x)
    np.testing.assert_allclose(y.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=0), 1.0, rtol=1e-5)


def test_batchnorm_test_mode_uses_running_stats_and_matches_torch():
    case = arrays(TORCH["batchnorm"]["test_mode"])
    running_mean, running_var, x = case["running_mean"], case["running_var"], case["x"]
    layer = BatchNormalization(case["gamma"], case["beta"], running_mean=running_mean.copy(),
                               running_var=running_var.copy())

    y = layer.forward(x, train_flag=False)
    dx = layer.backward(case["dout"])

    assert_layer_matches(layer, y, dx, case)
    # Test mode must not move the running statistics.
    np.testing.assert_array_equal(layer.running_mean, running_mean)
    np.testing.assert_array_equal(layer.running_var, running_var)
    # One row alone is normalised the same way as inside a batch: no batch statistics are involved.
    np.testing.assert_allclose(layer.forward(x[:1], train_flag=False), y[:1], rtol=1e-12)


def test_batchnorm_flattens_4d_input_like_the_book():
    case = arrays(TORCH["batchnorm"]["four_d"])
    x, dout = case["x"], case["dout"]
    d = 2 * 3 * 3
    layer = BatchNormalization(case["gamma"], case["beta"])
    y = layer.forward(x)
    dx = layer.backward(dout)
    assert y.shape == x.shape and dx.shape == x.shape
    assert_layer_matches(layer, y.reshape(6, d), dx.reshape(6, d), case, dx_rtol=1e-8)


def test_the_batchnorm_comparison_can_fail():
    """The check catches a layer that forgets the mean term of dx (a classic backward slip)."""
    case = arrays(TORCH["batchnorm"]["training"])
    layer = BatchNormalization(case["gamma"].copy(), case["beta"].copy())
    batch = case["batches"][0]
    y = layer.forward(batch["x"], train_flag=True)
    dx = layer.backward(batch["dout"])
    with pytest.raises(AssertionError):
        assert_layer_matches(layer, y, dx + np.mean(batch["dout"], axis=0), batch)


# --------------------------------------------------------------------------------------------------
# Dropout
# --------------------------------------------------------------------------------------------------


def test_dropout_mask_is_the_books_draw_from_the_global_state():
    x = np.arange(1.0, 13.0).reshape(3, 4)
    np.random.seed(42)
    book_mask = np.random.rand(*x.shape) > 0.3
    np.random.seed(42)
    y = Dropout(0.3).forward(x)
    np.testing.assert_array_equal(y, x * book_mask)


def test_dropout_with_a_generator_is_reproducible():
    x = np.ones((50, 20))
    first = Dropout(0.5, rng=np.random.default_rng(3)).forward(x)
    second = Dropout(0.5, rng=np.random.default_rng(3)).forward(x)
    other = Dropout(0.5, rng=np.random.default_rng(4)).forward(x)
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, other)


def test_dropout_backward_is_the_adjoint_of_the_masked_forward():
    rng = np.random.default_rng(9)
    layer = Dropout(0.4, rng=rng)
    x = rng.uniform(0.5, 1.5, (20, 30))  # no zeros, so a zero output means a dropped unit
    dout = rng.standard_normal(x.shape)
    y = layer.forward(x, train_flag=True)
    dx = layer.backward(dout)
    kept = y != 0
    np.testing.assert_array_equal(dx[kept], dout[kept])
    np.testing.assert_array_equal(dx[~kept], 0.0)
    # Forward with a fixed mask is linear, so <dout, forward(x)> = <backward(dout), x>.
    assert np.sum(dout * y) == pytest.approx(np.sum(dx * x), rel=1e-12)


def test_dropout_drops_about_the_ratio_and_test_mode_scales_to_the_expected_value():
    x = np.ones((400, 500))
    layer = Dropout(0.3, rng=np.random.default_rng(10))
    kept_fraction = layer.forward(x, train_flag=True).mean()
    # 200 000 Bernoulli(0.7) draws: standard error ≈ 0.001, so 0.01 is a 10-sigma bound.
    assert abs(kept_fraction - 0.7) < 0.01
    np.testing.assert_allclose(layer.forward(x * 2.5, train_flag=False), x * 2.5 * 0.7)


def test_dropout_rejects_ratios_outside_zero_to_one():
    with pytest.raises(ValueError):
        Dropout(1.0)
    with pytest.raises(ValueError):
        Dropout(-0.1)


# --------------------------------------------------------------------------------------------------
# Learning-rate schedules
# --------------------------------------------------------------------------------------------------


def test_step_decay():
    assert step_decay(0.1, 0, 10) == pytest.approx(0.1)
    assert step_decay(0.1, 9, 10) == pytest.approx(0.1)
    assert step_decay(0.1, 10, 10) == pytest.approx(0.05)
    assert step_decay(0.1, 25, 10) == pytest.approx(0.025)
    assert step_decay(1.0, 30, 10, factor=0.1) == pytest.approx(1e-3)
    with pytest.raises(ValueError):
        step_decay(0.1, 5, 0)


def test_exponential_and_inverse_time_decay():
    assert exponential_decay(0.1, 0, 0.3) == pytest.approx(0.1)
    assert exponential_decay(0.1, 10, 0.1) == pytest.approx(0.1 / math.e)
    assert inverse_time_decay(0.1, 0, 0.5) == pytest.approx(0.1)
    assert inverse_time_decay(1.0, 4, 0.25) == pytest.approx(0.5)
    assert inverse_time_decay(0.3, 10, 0.2) == pytest.approx(0.1)


def test_cosine_decay():
    assert cosine_decay(0.1, 0, 100) == pytest.approx(0.1)
    assert cosine_decay(0.1, 50, 100) == pytest.approx(0.05)
    assert cosine_decay(0.1, 25, 100) == pytest.approx(0.05 * (1 + math.sqrt(0.5)))
    assert cosine_decay(0.1, 100, 100, lr_min=0.01) == pytest.approx(0.01)
    assert cosine_decay(0.1, 250, 100, lr_min=0.01) == pytest.approx(0.01)  # clamped after the end
    assert cosine_decay(0.1, 50, 100, lr_min=0.02) == pytest.approx(0.06)


def test_schedules_accept_arrays_of_steps_for_plotting():
    steps = np.arange(0, 120)
    for rates in (
        step_decay(0.1, steps, 10),
        exponential_decay(0.1, steps, 0.05),
        inverse_time_decay(0.1, steps, 0.05),
        cosine_decay(0.1, steps, 100),
    ):
        assert rates.shape == steps.shape
        assert rates[0] == pytest.approx(0.1)
        assert np.all(np.diff(rates) <= 0)
    np.testing.assert_allclose(step_decay(0.1, steps, 10)[[5, 15, 35]], [0.1, 0.05, 0.0125])


# --------------------------------------------------------------------------------------------------
# Weight initialisation
# --------------------------------------------------------------------------------------------------


def test_init_stds():
    assert xavier_std(100) == pytest.approx(0.1)
    assert he_std(50) == pytest.approx(0.2)
    # The seed note's 1/(2√n) for He is a typo; the std is √(2/n), √2 times Xavier's.
    assert he_std(64) == pytest.approx(math.sqrt(2) * xavier_std(64))


@pytest.mark.parametrize("init, std", [(xavier_init, 1 / math.sqrt(400)), (he_init, math.sqrt(2 / 400))])
def test_init_draws_normal_weights_with_the_right_spread(init, std):
    w = init(400, 300, rng=np.random.default_rng(13))
    assert w.shape == (400, 300)
    # 120 000 draws: the sample std's relative error is ≈ 0.2 %, the mean's ≈ 0.3 % of std; the bounds
    # are about 10 standard errors.
    assert abs(w.std() / std - 1) < 0.02
    assert abs(w.mean()) < 0.03 * std
    # Normal, not uniform: about 68.3 % of the draws within one std.
    assert abs(np.mean(np.abs(w) < std) - 0.6827) < 0.015


def test_init_is_reproducible_from_a_seed():
    np.testing.assert_array_equal(
        he_init(5, 3, rng=np.random.default_rng(1)), he_init(5, 3, rng=np.random.default_rng(1))
    )
    np.random.seed(2)
    book = np.random.randn(5, 3) / np.sqrt(5)  # the book's `np.random.randn(n_in, n_out) / np.sqrt(n)`
    np.random.seed(2)
    np.testing.assert_allclose(xavier_init(5, 3), book, rtol=1e-14)


# --------------------------------------------------------------------------------------------------
# Weight decay, ensembles, validation split, random search
# --------------------------------------------------------------------------------------------------


def test_weight_decay_loss_counts_only_weights():
    params = {"W1": np.array([[1.0, -2.0], [3.0, 0.0]]), "b1": np.array([10.0, 10.0]), "W2": np.array([[0.5]])}
    assert weight_decay_loss(params, 0.1) == pytest.approx(0.5 * 0.1 * (1 + 4 + 9 + 0.25))
    assert weight_decay_loss(params, 0.0) == 0.0


def test_weight_decay_grads_are_the_derivative_of_the_loss():
    params = make_params(seed=21)
    lam = 0.3
    zero_grads = {key: np.zeros_like(value) for key, value in params.items()}
    decay_grads = weight_decay_grads(params, zero_grads, lam)
    h = 1e-6
    for key, value in params.items():
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + h
            plus = weight_decay_loss(params, lam)
            value[index] = original - h
            minus = weight_decay_loss(params, lam)
            value[index] = original
            assert decay_grads[key][index] == pytest.approx((plus - minus) / (2 * h), abs=1e-7)


def test_weight_decay_grads_returns_a_new_dict_and_leaves_inputs_untouched():
    params = make_params(seed=22)
    grads = make_grad_steps(seed=23)[0]
    params_copy = {key: value.copy() for key, value in params.items()}
    grads_copy = {key: value.copy() for key, value in grads.items()}

    result = weight_decay_grads(params, grads, 0.01)

    for key in SHAPES:
        expected = grads_copy[key] + 0.01 * params_copy[key] if key.startswith("W") else grads_copy[key]
        np.testing.assert_allclose(result[key], expected, rtol=1e-15)
        np.testing.assert_array_equal(params[key], params_copy[key])
        np.testing.assert_array_equal(grads[key], grads_copy[key])
    result["b1"] += 1.0  # changing the result must not reach back into the caller's gradients
    np.testing.assert_array_equal(grads["b1"], grads_copy["b1"])


def test_ensemble_predict_averages_model_outputs():
    x = np.array([[1.0, 2.0], [3.0, -4.0]])
    models = [lambda v: v, lambda v: 2 * v, lambda v: 3 * v + 1]
    np.testing.assert_allclose(ensemble_predict(models, x), 2 * x + 1 / 3)
    np.testing.assert_allclose(ensemble_predict([lambda v: v**2], x), x**2)
    with pytest.raises(ValueError):
        ensemble_predict([], x)


def test_split_validation_shuffles_and_keeps_pairs():
    x = np.arange(100).reshape(50, 2)  # row i is (2i, 2i + 1)
    t = np.arange(50) * 10

    x_train, t_train, x_val, t_val = split_validation(x, t, validation_rate=0.25, rng=np.random.default_rng(0))

    assert (len(x_val), len(t_val), len(x_train), len(t_train)) == (12, 12, 38, 38)
    ids = np.concatenate([x_train[:, 0], x_val[:, 0]]) // 2
    assert sorted(ids) == list(range(50))  # disjoint, nothing lost
    np.testing.assert_array_equal(t_train, x_train[:, 0] // 2 * 10)
    np.testing.assert_array_equal(t_val, x_val[:, 0] // 2 * 10)
    assert not np.array_equal(ids, np.arange(50))  # shuffled


def test_split_validation_follows_the_books_shuffle_then_slice():
    x = np.arange(20.0).reshape(10, 2)
    t = np.arange(10)
    np.random.seed(4)
    order = np.random.permutation(10)
    np.random.seed(4)
    x_train, t_train, x_val, t_val = split_validation(x, t)  # int(10 * 0.2) = 2 validation rows
    np.testing.assert_array_equal(t_val, order[:2])
    np.testing.assert_array_equal(t_train, order[2:])
    np.testing.assert_array_equal(x_val, x[order[:2]])
    with pytest.raises(ValueError):
        split_validation(x, t[:5])


def test_sample_log_uniform_is_uniform_in_log10():
    samples = sample_log_uniform(1e-6, 1e-2, 20_000, rng=np.random.default_rng(17))
    assert samples.shape == (20_000,)
    assert samples.min() >= 1e-6 and samples.max() <= 1e-2
    u = np.sort((np.log10(samples) + 6) / 4)  # should be Uniform(0, 1)
    ecdf_high = np.arange(1, u.size + 1) / u.size
    ks = max(np.max(ecdf_high - u), np.max(u - (ecdf_high - 1 / u.size)))
    # Kolmogorov–Smirnov: P(D > 0.02) for n = 20 000 is about 2·e^(−2·n·0.02²) ≈ 2e-7.
    assert ks < 0.02
    # Each decade gets a quarter of the samples; a linear-uniform draw would put ~90 % in the top one.
    assert abs(np.mean(samples < 1e-5) - 0.25) < 0.02


def test_sample_log_uniform_rejects_bad_bounds():
    with pytest.raises(ValueError):
        sample_log_uniform(0.0, 1.0, 3)
    with pytest.raises(ValueError):
        sample_log_uniform(1.0, 0.1, 3)


def test_narrow_range_spans_the_best_values():
    values = [1e-3, 1e-2, 1e-1, 1.0, 10.0]
    scores = [0.5, 0.9, 0.8, 0.1, 0.95]
    assert narrow_range(values, scores, top_k=3) == (0.01, 10.0)
    assert narrow_range(values, scores, top_k=1) == (10.0, 10.0)
    assert narrow_range(values, scores, top_k=2) == (0.01, 10.0)
    assert narrow_range(values, scores) == (1e-3, 10.0)  # top_k=5 takes all five
    assert narrow_range(values, scores, top_k=50) == (1e-3, 10.0)
    # On a tie the earlier trial wins.
    assert narrow_range([1.0, 2.0, 3.0], [0.5, 0.7, 0.7], top_k=1) == (2.0, 2.0)


# --------------------------------------------------------------------------------------------------
# Purity
# --------------------------------------------------------------------------------------------------


def test_engine_imports_neither_torch_nor_textual():
    code = "import sys, tutor.reference; print(sorted({'torch', 'textual'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_no_test_needs_pytorch():
    """'.[test]' installs no PyTorch: no test imports it (its results come from the committed fixtures)."""
    import re

    tests = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"^\s*(import torch|from torch\b)|importorskip\(\s*['\"]torch", re.M)
    offenders = [str(p.relative_to(tests)) for p in tests.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
