"""Each lab's numbers against an independent expectation: hand calculations and the chapter's claims."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import reference_result

from tutor.labs import run_lab
from tutor.labs.batchnorm import epochs_to
from tutor.labs.init import ACTIVATION_NAMES, edge_share, per_layer_factor
from tutor.labs.regularization import gap
from tutor.labs.search import CLASSES, GIVE_UP_MARGIN

# --- optimizer_paths: f(x, y) = x²/20 + y², ∂f/∂x = x/10, ∂f/∂y = 2y, from (−7, 2) ---------------------


def test_sgd_path_is_the_closed_form_of_the_book_setting():
    # SGD with lr 0.95: x ← x − 0.95·x/10 = 0.905x and y ← y − 0.95·2y = −0.9y, so the zigzag in y.
    d = reference_result("optimizer_paths").data["sgd"]
    k = np.arange(31)
    assert np.allclose(d["x"], -7 * 0.905**k)
    assert np.allclose(d["y"], 2 * (-0.9) ** k)
    assert (d["x"][1], d["y"][1]) == pytest.approx((-6.335, -1.8))


def test_momentum_first_two_steps_by_hand():
    # v1 = −0.1·(−0.7, 4) = (0.07, −0.4); v2 = 0.9·v1 − 0.1·(−0.693, 3.2) = (0.1323, −0.68).
    d = reference_result("optimizer_paths").data["momentum"]
    assert (d["x"][1], d["y"][1]) == pytest.approx((-6.93, 1.6))
    assert (d["x"][2], d["y"][2]) == pytest.approx((-6.93 + 0.1323, 1.6 - 0.68))


def test_adagrad_and_adam_first_steps_are_lr_sized_in_every_direction():
    # AdaGrad's first step is lr·g/|g|; Adam's bias-corrected first step is lr·m̂/√v̂ = lr·sign(g) too.
    data = reference_result("optimizer_paths").data
    assert (data["adagrad"]["x"][1], data["adagrad"]["y"][1]) == pytest.approx((-5.5, 0.5), abs=1e-6)
    assert (data["adam"]["x"][1], data["adam"]["y"][1]) == pytest.approx((-6.7, 1.7), abs=1e-5)  # ε shifts it by ~1e-6


def test_book_settings_reach_the_minimum_region_in_30_steps():
    for name, d in reference_result("optimizer_paths").data.items():
        assert len(d["x"]) == 31
        assert d["x"][-1] ** 2 / 20 + d["y"][-1] ** 2 < 0.2, name


def test_learning_rate_and_steps_can_be_changed_for_all_or_one():
    everyone = run_lab("optimizer_paths", use_learner=False, params={"lr": 0.5, "steps": 5})
    assert all(d["lr"] == 0.5 and len(d["x"]) == 6 for d in everyone.data.values())
    one = run_lab("optimizer_paths", use_learner=False, params={"lrs": {"sgd": 0.1}, "optimizers": ["sgd", "adam"]})
    assert list(one.data) == ["sgd", "adam"]
    assert one.data["sgd"]["lr"] == 0.1 and one.data["adam"]["lr"] == 0.3
    assert np.allclose(one.data["sgd"]["x"], -7 * 0.99 ** np.arange(31))


def test_a_too_large_learning_rate_is_reported_as_divergence():
    result = run_lab("optimizer_paths", use_learner=False, params={"lrs": {"sgd": 1.5}, "optimizers": ["sgd"]})
    # y ← y − 1.5·2y = −2y: |y| doubles every step.
    assert abs(result.data["sgd"]["y"][10]) == pytest.approx(2 * 2**10)
    assert any("diverged" in note.en for note in result.notes)
    assert any("발산" in note.ko for note in result.notes)


# --- optimizer_compare ----------------------------------------------------------------------------


def test_all_optimizers_start_from_the_same_network_and_sgd_is_slowest_with_book_defaults():
    data = reference_result("optimizer_compare").data
    first = {name: d["loss"][0] for name, d in data.items()}
    assert len(set(np.round(list(first.values()), 12))) == 1
    final = {name: np.mean(d["loss"][-20:]) for name, d in data.items()}
    assert final["sgd"] > 2 * max(final["momentum"], final["adagrad"], final["adam"])
    assert all(final[name] < first[name] for name in data)


# --- activations and symmetry ---------------------------------------------------------------------


def test_std_1_sigmoid_piles_up_at_0_and_1_while_xavier_spreads():
    data = reference_result("activations").data
    s = ACTIVATION_NAMES.index("sigmoid")
    for layer in range(5):
        assert edge_share(data["std1"]["hist"][s, layer]) > 0.5
        assert edge_share(data["xavier"]["hist"][s, layer]) < 0.1
    assert np.all(data["std001"]["std"][s] < 0.03)  # std 0.01: every unit outputs about 0.5


def test_he_keeps_relu_activations_spread_while_xavier_shrinks_them():
    data = reference_result("activations").data
    r = ACTIVATION_NAMES.index("relu")
    he, xavier = data["he"]["std"][r], data["xavier"]["std"][r]
    assert he[-1] / he[0] > 0.7
    assert xavier[-1] / xavier[0] < 0.5
    # One layer of He weights (std √(2/100)) on N(0, 1) inputs: pre-activations ~ N(0, 2), and
    # std(ReLU(z)) for z ~ N(0, σ²) is σ·√((π − 1)/(2π)) ≈ 0.584σ.
    assert he[0] == pytest.approx(np.sqrt(2) * np.sqrt((np.pi - 1) / (2 * np.pi)), rel=0.05)


def _sigmoid_grads(part):
    return reference_result("activations").data[part]["grad"][ACTIVATION_NAMES.index("sigmoid")]


def test_std_1_sigmoid_gradient_does_not_vanish():
    """√n·σ_w = 10 makes up for the saturated slopes: about 2 at every layer (the book's 5 × 100 net)."""
    grad = _sigmoid_grads("std1")
    assert np.all((grad > 1.0) & (grad < 4.0)), grad
    assert 0.7 < per_layer_factor(grad) < 1.4


def test_std_001_sigmoid_gradient_vanishes_the_most():
    """Tiny weights shrink the backward signal by about σ_w·√n·0.25 ≈ 0.025 per layer: ~40×."""
    grad = _sigmoid_grads("std001")
    assert 2.0 < grad[-1] < 8.0
    assert grad[0] < 1e-5
    assert 20 < per_layer_factor(grad) < 60
    assert np.all(np.diff(grad) > 0)  # smaller at every layer on the way back


def test_xavier_sigmoid_gradient_still_shrinks_about_4x_per_layer():
    """Sigmoid's slope is at most 0.25, so even Xavier loses about 4× per layer."""
    grad = _sigmoid_grads("xavier")
    assert 2.0 < grad[-1] < 8.0
    assert 5e-3 < grad[0] < 5e-2
    assert 3.0 < per_layer_factor(grad) < 5.0
    # The order the lessons teach: std 0.01 is the worst at layer 1, std 1 keeps the most.
    assert _sigmoid_grads("std001")[0] < grad[0] < _sigmoid_grads("std1")[0]


def test_relu_with_he_keeps_the_gradient_and_xavier_lets_it_shrink_less_than_sigmoid():
    data = reference_result("activations").data
    r = ACTIVATION_NAMES.index("relu")
    assert 0.8 < per_layer_factor(data["he"]["grad"][r]) < 1.25
    assert data["he"]["grad"][r][0] > 1.0


def test_the_gradient_is_the_backpropagation_of_the_same_network():
    """Recomputed here by autograd-free finite differences on a tiny copy of the lab's backward rule:
    one weight of layer 1 moved by h changes L = Σ dout·z₅ by ∂L/∂W·h."""
    from tutor.labs.init import DERIVATIVES
    from tutor.labs.nets import ACTIVATIONS

    rng = np.random.default_rng(0)
    x, dout = rng.standard_normal((7, 4)), rng.standard_normal((7, 4))
    weights = [rng.standard_normal((4, 4)) * 0.7 for _ in range(3)]
    for name in ACTIVATION_NAMES:
        def loss(ws):
            z = x
            for w in ws:
                z = ACTIVATIONS[name](z @ w)
            return float(np.sum(dout * z))

        # the lab's rule, as in layer_activations
        outputs, pre, z = [x], [], x
        for w in weights:
            pre.append(z @ w)
            z = ACTIVATIONS[name](pre[-1])
            outputs.append(z)
        dz, grads = dout, [None] * 3
        for layer in reversed(range(3)):
            da = dz * DERIVATIVES[name](pre[layer], outputs[layer + 1])
            grads[layer] = outputs[layer].T @ da
            dz = da @ weights[layer].T
        h = 1e-6
        for layer in range(3):
            moved = [w.copy() for w in weights]
            moved[layer][1, 2] += h
            assert (loss(moved) - loss(weights)) / h == pytest.approx(grads[layer][1, 2], rel=1e-3, abs=1e-6), name


def test_sigmoid_and_tanh_histograms_count_every_activation():
    data = reference_result("activations").data
    for part, d in data.items():
        for name in ("sigmoid", "tanh"):
            counts = d["hist"][ACTIVATION_NAMES.index(name)].sum(axis=1)
            assert np.all(counts == 1000 * 100), (part, name)


def test_equal_initial_weights_keep_hidden_units_identical():
    d = reference_result("symmetry").data["sgd"]
    assert np.all(d["equal_spread"] == 0.0)
    w1 = d["equal_w1"]
    assert np.all(w1 == w1[:, :1])  # every hidden unit's incoming weights are the same column
    assert not np.allclose(w1, 0.5)  # and yet they were trained
    assert d["random_spread"][-1] > 0.5
    assert d["random_acc"][-1] > d["equal_acc"][-1]


# --- batchnorm ------------------------------------------------------------------------------------


def test_with_poor_initial_scales_batchnorm_reaches_90_percent_in_fewer_epochs():
    result = reference_result("batchnorm")
    bn, plain = result.data["bn"], result.data["plain"]
    never = 10**6
    for i, scale in enumerate(bn["scales"]):
        if scale in (1.0, 0.03, 0.001):  # too large, too small, far too small
            with_bn = epochs_to(bn["train_acc"][i]) or never
            without = epochs_to(plain["train_acc"][i]) or never
            assert with_bn < without, scale
            assert with_bn < never, scale


# --- overfitting and ensemble ---------------------------------------------------------------------


def test_a_big_network_overfits_and_weight_decay_and_dropout_narrow_the_gap():
    data = reference_result("overfitting").data
    assert np.mean(data["plain"]["train_acc"][-10:]) > 0.99
    assert gap(data["plain"]) > 0.15
    assert gap(data["weight_decay"]) < gap(data["plain"]) - 0.05
    assert gap(data["dropout"]) < gap(data["plain"]) - 0.05


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_ensemble_is_at_least_as_accurate_as_its_average_member(seed):
    d = reference_result("ensemble", seed).data["ensemble"]
    assert d["ensemble_acc"][-1] >= np.mean(d["member_acc"])
    assert d["ensemble_acc"][0] == d["member_acc"][0]  # an ensemble of one is that network


# --- random_search --------------------------------------------------------------------------------


def test_the_narrowed_range_contains_the_best_trials_of_round_one():
    result = reference_result("random_search")
    d, p = result.data["search"], result.params
    first = d["round"] == 1
    top = np.argsort(-d["val_acc"][first], kind="stable")[: p["top_k"]]
    for key, rng in (("lr", "lr_range"), ("wd", "wd_range")):
        low, high = d[rng]
        values = d[key][first][top]
        assert low == pytest.approx(values.min()) and high == pytest.approx(values.max())
        assert p[rng][0] <= low <= high <= p[rng][1]
        second = d[key][d["round"] == 2]
        assert np.all((second >= low * (1 - 1e-9)) & (second <= high * (1 + 1e-9)))


def test_bad_trials_are_stopped_early_and_good_ones_are_not():
    result = reference_result("random_search")
    d, epochs = result.data["search"], result.params["epochs"]
    stopped = d["stopped"].astype(bool)
    assert stopped.any() and not stopped.all()
    assert np.all(d["epochs_run"][stopped] == epochs // 4)
    assert np.all(d["val_acc"][stopped] < 1 / CLASSES + GIVE_UP_MARGIN)
    assert np.all(d["epochs_run"][~stopped] == epochs)
    assert any("stopped" in note.en and "#" in note.en for note in result.notes)


def test_validation_rows_are_held_out_from_training():
    split = reference_result("random_search").data["split"]
    train, val = split["train_rows"], split["val_rows"]
    assert len(val) == 60 and len(train) == 240
    assert sorted(np.concatenate([train, val]).tolist()) == list(range(300))
