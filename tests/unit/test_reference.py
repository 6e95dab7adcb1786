"""Checks of the NumPy reference engine (tutor.reference) against independent implementations.

Optimizers and batch normalisation are compared with PyTorch (CPU, float64), which shares no code with
the engine; the rest is checked against hand-computed values, finite differences and statistics with
fixed seeds and bounds loose enough that a correct implementation cannot fail them.
"""

import inspect
import math
import subprocess
import sys

import numpy as np
import pytest

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

torch = pytest.importorskip("torch")

N_STEPS = 6
SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}


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


def torch_trajectory(make_optimizer, params, grad_steps, before_step=None):
    tensors = {key: torch.tensor(value, requires_grad=True) for key, value in params.items()}  # float64
    optimizer = make_optimizer(list(tensors.values()))
    trajectory = []
    for step, grads in enumerate(grad_steps, start=1):
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(grads[key], dtype=torch.float64)
        if before_step is not None:
            before_step(optimizer, step)
        optimizer.step()
        trajectory.append({key: tensor.detach().numpy().copy() for key, tensor in tensors.items()})
    return trajectory


def book_adam_eps(beta2):
    """Make torch's Adam take the book's step exactly.

    Torch divides by √v̂ + ε with v̂ = v/(1 − β2ᵗ); the book folds the bias correction into lr_t and
    divides by √v + 1e-7. The two are equal when torch's ε at step t is 1e-7/√(1 − β2ᵗ), so we set it
    before every step instead of settling for a loose tolerance.
    """

    def set_eps(optimizer, step):
        for group in optimizer.param_groups:
            group["eps"] = 1e-7 / math.sqrt(1 - beta2**step)

    return set_eps


# Book momentum (v ← μv − ηg, W ← W + v) is torch's (buf ← μ·buf + g, W ← W − η·buf) with
# v = −η·buf; book Nesterov (W ← W + μ²v − (1+μ)ηg, v ← μv − ηg) is torch's nesterov=True with the
# same mapping. AdaGrad and RMSprop put ε outside the square root in both.
OPTIMIZER_CASES = {
    "sgd": (lambda: SGD(lr=0.1), lambda ps: torch.optim.SGD(ps, lr=0.1), None),
    "momentum": (
        lambda: Momentum(lr=0.05, momentum=0.8),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8),
        None,
    ),
    "nesterov": (
        lambda: Nesterov(lr=0.05, momentum=0.8),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True),
        None,
    ),
    "adagrad": (
        lambda: AdaGrad(lr=0.3),
        lambda ps: torch.optim.Adagrad(ps, lr=0.3, lr_decay=0, initial_accumulator_value=0, eps=1e-7),
        None,
    ),
    "rmsprop": (
        lambda: RMSprop(lr=0.02, decay_rate=0.9),
        lambda ps: torch.optim.RMSprop(ps, lr=0.02, alpha=0.9, eps=1e-7),
        None,
    ),
    "adam": (
        lambda: Adam(lr=0.01, beta1=0.8, beta2=0.99),
        lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99)),
        book_adam_eps(0.99),
    ),
}

# The same comparison with every hyperparameter at its default, so wrong defaults are caught too.
DEFAULT_CASES = {
    "sgd": (SGD, lambda ps: torch.optim.SGD(ps, lr=0.01), None),
    "momentum": (Momentum, lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9), None),
    "nesterov": (Nesterov, lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9, nesterov=True), None),
    "adagrad": (AdaGrad, lambda ps: torch.optim.Adagrad(ps, lr=0.01, eps=1e-7), None),
    "rmsprop": (RMSprop, lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-7), None),
    "adam": (Adam, lambda ps: torch.optim.Adam(ps, lr=0.001, betas=(0.9, 0.999)), book_adam_eps(0.999)),
}


def assert_same_trajectory(ours, theirs):
    for step, (mine, expected) in enumerate(zip(ours, theirs, strict=True), start=1):
        for key in SHAPES:
            np.testing.assert_allclose(
                mine[key], expected[key], rtol=1e-10, atol=1e-12, err_msg=f"step {step}, {key}"
            )


@pytest.mark.parametrize("name", OPTIMIZER_CASES)
def test_optimizer_matches_torch(name):
    make_ours, make_torch, before_step = OPTIMIZER_CASES[name]
    grad_steps = make_grad_steps()
    ours = reference_trajectory(make_ours(), make_params(), grad_steps)
    theirs = torch_trajectory(make_torch, make_params(), grad_steps, before_step)
    assert_same_trajectory(ours, theirs)


@pytest.mark.parametrize("name", DEFAULT_CASES)
def test_optimizer_defaults_match_torch(name):
    cls, make_torch, before_step = DEFAULT_CASES[name]
    assert OPTIMIZERS[name] is cls
    grad_steps = make_grad_steps(seed=7)
    ours = reference_trajectory(cls(), make_params(seed=3), grad_steps)
    theirs = torch_trajectory(make_torch, make_params(seed=3), grad_steps, before_step)
    assert_same_trajectory(ours, theirs)


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
# Batch normalisation
# --------------------------------------------------------------------------------------------------

BN_EPS = 1e-7


def torch_batch_norm(x, gamma, beta, running_mean, running_var, training, dout):
    """Output, running mean after the call, and (dx, dgamma, dbeta) by autograd."""
    x_t = torch.tensor(x, requires_grad=True)
    gamma_t = torch.tensor(gamma, requires_grad=True)
    beta_t = torch.tensor(beta, requires_grad=True)
    mean_t = torch.tensor(running_mean)
    var_t = torch.tensor(running_var)
    # torch's momentum is the weight of the NEW batch: 1 − the book's momentum.
    y = torch.nn.functional.batch_norm(
        x_t, mean_t, var_t, gamma_t, beta_t, training=training, momentum=0.1, eps=BN_EPS
    )
    y.backward(torch.tensor(dout))
    return (
        y.detach().numpy(),
        mean_t.numpy(),
        (x_t.grad.numpy(), gamma_t.grad.numpy(), beta_t.grad.numpy()),
    )


def assert_layer_matches(layer, y, dx, expected_y, expected_grads, dx_rtol=1e-10):
    expected_dx, expected_dgamma, expected_dbeta = expected_grads
    np.testing.assert_allclose(y, expected_y, rtol=1e-10, atol=1e-12)
    # dx sums terms of opposite sign over the batch, so it loses a few more digits than the rest.
    np.testing.assert_allclose(dx, expected_dx, rtol=dx_rtol, atol=1e-10)
    np.testing.assert_allclose(layer.dgamma, expected_dgamma, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.dbeta, expected_dbeta, rtol=1e-10, atol=1e-12)


def bn_inputs(seed, n=8, d=5):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d)) * rng.uniform(0.5, 3.0, d) + rng.uniform(-2, 2, d)
    dout = rng.standard_normal((n, d))
    return x, dout


def test_batchnorm_training_forward_backward_and_running_stats_match_torch():
    rng = np.random.default_rng(5)
    gamma, beta = rng.uniform(0.5, 2.0, 5), rng.standard_normal(5)
    layer = BatchNormalization(gamma.copy(), beta.copy())
    expected_var = np.zeros(5)
    for seed in range(3):  # several batches, so the running statistics accumulate
        x, dout = bn_inputs(seed)
        mean_before, var_before = layer.running_mean, layer.running_var
        if mean_before is None:
            mean_before, var_before = np.zeros(5), np.zeros(5)
        y_t, mean_t, grads_t = torch_batch_norm(
            x, gamma, beta, mean_before.copy(), var_before.copy(), True, dout
        )

        y = layer.forward(x, train_flag=True)
        dx = layer.backward(dout)

        assert_layer_matches(layer, y, dx, y_t, grads_t, dx_rtol=1e-8)
        np.testing.assert_allclose(layer.running_mean, mean_t, rtol=1e-12, atol=1e-14)
        # torch keeps the UNBIASED batch variance in running_var; the book keeps the biased (1/m) one.
        expected_var = 0.9 * expected_var + 0.1 * np.var(x, axis=0, ddof=0)
        np.testing.assert_allclose(layer.running_var, expected_var, rtol=1e-12, atol=1e-14)


def test_batchnorm_normalises_each_feature_of_the_batch():
    x, _ = bn_inputs(11, n=32, d=4)
    y = BatchNormalization(np.ones(4), np.zeros(4)).forward(x)
    np.testing.assert_allclose(y.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=0), 1.0, rtol=1e-5)


def test_batchnorm_test_mode_uses_running_stats_and_matches_torch():
    rng = np.random.default_rng(6)
    gamma, beta = rng.uniform(0.5, 2.0, 5), rng.standard_normal(5)
    running_mean, running_var = rng.standard_normal(5), rng.uniform(0.5, 2.0, 5)
    layer = BatchNormalization(gamma, beta, running_mean=running_mean.copy(), running_var=running_var.copy())
    x, dout = bn_inputs(12)
    y_t, _, grads_t = torch_batch_norm(x, gamma, beta, running_mean, running_var, False, dout)

    y = layer.forward(x, train_flag=False)
    dx = layer.backward(dout)

    assert_layer_matches(layer, y, dx, y_t, grads_t)
    # Test mode must not move the running statistics.
    np.testing.assert_array_equal(layer.running_mean, running_mean)
    np.testing.assert_array_equal(layer.running_var, running_var)
    # One row alone is normalised the same way as inside a batch: no batch statistics are involved.
    np.testing.assert_allclose(layer.forward(x[:1], train_flag=False), y[:1], rtol=1e-12)


def test_batchnorm_flattens_4d_input_like_the_book():
    rng = np.random.default_rng(8)
    x = rng.standard_normal((6, 2, 3, 3))
    dout = rng.standard_normal(x.shape)
    d = 2 * 3 * 3
    gamma, beta = rng.uniform(0.5, 2.0, d), rng.standard_normal(d)
    y_t, _, grads_t = torch_batch_norm(
        x.reshape(6, d), gamma, beta, np.zeros(d), np.zeros(d), True, dout.reshape(6, d)
    )
    layer = BatchNormalization(gamma, beta)
    y = layer.forward(x)
    dx = layer.backward(dout)
    assert y.shape == x.shape and dx.shape == x.shape
    assert_layer_matches(layer, y.reshape(6, d), dx.reshape(6, d), y_t, grads_t, dx_rtol=1e-8)


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
