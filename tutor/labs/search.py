"""Lab `random_search`: tuning the learning rate and weight decay by random search (0114–0115).

The book's recipe (hyperparameter_optimization.py) on spirals: hold out validation data (never the test
data), sample (lr, weight decay) log-uniformly, train each trial briefly, give up early on trials that
are clearly bad, narrow the ranges to the best trials and sample again. Only the winner is scored on
the test data, once.
"""

from __future__ import annotations

import numpy as np

from tutor import reference
from tutor.text import Text
from tutor.labs import plotting
from tutor.labs.base import Lab, Part, lab_rng
from tutor.labs.nets import MLP, spirals, train

CLASSES = 3
GIVE_UP_MARGIN = 0.1  # a trial below chance + this at the check epoch is stopped


def data(seed):
    """(x, t) to split into training and validation data, and a separate test set."""
    x, t = spirals(100, noise=0.15, rng=lab_rng(seed, 1))
    x_test, t_test = spirals(100, noise=0.15, rng=lab_rng(seed, 4))
    return x, t, x_test, t_test


def split(impl, *, seed, params, inputs, progress):
    """Which rows the (learner's) split_validation puts in training and validation data.

    Row numbers go in as both x and t, so the split's output is a permutation we can check: pairs must
    stay together, nothing may be lost, and the validation share must be as asked.
    """
    n = len(data(seed)[0])
    rows = np.arange(n)
    rate = float(params["validation_rate"])
    x_train, t_train, x_val, t_val = impl.split_validation(rows.reshape(-1, 1).astype(float), rows.copy(), rate)
    x_train, x_val = np.asarray(x_train).reshape(-1), np.asarray(x_val).reshape(-1)
    t_train, t_val = np.asarray(t_train).reshape(-1), np.asarray(t_val).reshape(-1)
    if not (np.array_equal(x_train, t_train) and np.array_equal(x_val, t_val)):
        raise ValueError("split_validation separated x from t")
    if sorted(np.concatenate([t_train, t_val]).tolist()) != rows.tolist() or len(t_val) != int(n * rate):
        raise ValueError("split_validation lost, repeated or miscounted rows")
    return {"train_rows": t_train.astype(int), "val_rows": t_val.astype(int)}


def _samples(impl, low, high, size):
    values = np.asarray(impl.sample_log_uniform(low, high, size), dtype=float).reshape(-1)
    if values.shape != (size,) or np.any(values < low * (1 - 1e-9)) or np.any(values > high * (1 + 1e-9)):
        raise ValueError(f"sample_log_uniform({low:g}, {high:g}, {size}) returned values outside the range")
    return values


def _narrow(impl, values, scores, top_k):
    low, high = (float(v) for v in impl.narrow_range(np.asarray(values), np.asarray(scores), top_k))
    if not low <= high:
        raise ValueError("narrow_range returned low > high")
    return low, high


def search(impl, *, seed, params, inputs, progress):
    """Two rounds of random search; per trial: lr, weight decay, round, validation accuracy, stopped."""
    x, t, x_test, t_test = data(seed)
    train_rows, val_rows = inputs["split"]["train_rows"].astype(int), inputs["split"]["val_rows"].astype(int)
    x_train, t_train, x_val, t_val = x[train_rows], t[train_rows], x[val_rows], t[val_rows]
    epochs, check = int(params["epochs"]), max(1, int(params["epochs"]) // 4)
    give_up = 1.0 / CLASSES + GIVE_UP_MARGIN
    rounds = [int(params["trials"]), int(params["trials2"])]
    total = sum(rounds)
    trials = {"lr": [], "wd": [], "round": [], "val_acc": [], "stopped": [], "epochs_run": []}
    best = {"val": -1.0, "net": None}
    ranges = [tuple(params["lr_range"]), tuple(params["wd_range"])]
    narrowed = []
    for r, count in enumerate(rounds):
        if r == 1:
            scores = trials["val_acc"]
            narrowed = [_narrow(impl, trials["lr"], scores, int(params["top_k"])),
                        _narrow(impl, trials["wd"], scores, int(params["top_k"]))]
            ranges = narrowed
        lrs = _samples(impl, *ranges[0], count)
        wds = _samples(impl, *ranges[1], count)
        for lr, wd in zip(lrs, wds):
            i = len(trials["lr"])
            rng = lab_rng(seed, 5, i)
            net = MLP([2, 50, 50, CLASSES], rng=rng, weight_decay=(reference.weight_decay_loss,
                      reference.weight_decay_grads), weight_decay_lambda=float(wd))
            with np.errstate(all="ignore"):
                out = train(net, reference.SGD(lr=float(lr)), x_train, t_train, epochs=epochs, batch_size=40,
                            rng=rng, x_test=x_val, t_test=t_val,
                            stop=lambda epoch, _, val: epoch == check and val[-1] < give_up)
            run = len(out["test_acc"]) - 1
            trials["lr"].append(float(lr))
            trials["wd"].append(float(wd))
            trials["round"].append(r + 1)
            trials["val_acc"].append(float(out["test_acc"][-1]))
            trials["stopped"].append(int(run < epochs))
            trials["epochs_run"].append(run)
            if out["test_acc"][-1] > best["val"]:
                best = {"val": float(out["test_acc"][-1]), "net": net}
            progress((i + 1) / total, Text(en=f"trial {i + 1}", ko=f"시도 {i + 1}"))
    result = {k: np.array(v) for k, v in trials.items()}
    result["lr_range"] = np.array(narrowed[0] if narrowed else params["lr_range"], dtype=float)
    result["wd_range"] = np.array(narrowed[1] if narrowed else params["wd_range"], dtype=float)
    result["best_test_acc"] = best["net"].accuracy(x_test, t_test)
    return result


def _parts(params) -> list[Part]:
    if not (2 <= int(params["trials"]) <= 200 and 0 <= int(params["trials2"]) <= 200):
        raise ValueError("trials must be 2–200 and trials2 0–200")
    if not 2 <= int(params["top_k"]) <= int(params["trials"]):  # one trial would narrow to a point
        raise ValueError("top_k must be between 2 and trials")
    return [
        Part("split", split, exercise="validation_split", what="split_validation", weight=0.05),
        Part("search", search, exercise="random_search", what="sample_log_uniform/narrow_range",
             needs=("split",)),
    ]


def _decade_ticks(low, high):
    ticks = list(range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1))
    return ticks, [f"1e{k}" for k in ticks]


def render(result, width, height, lang, color):
    d, p = result.data["search"], result.params
    lx, lw = np.log10(d["lr"]), np.log10(d["wd"])
    stopped = d["stopped"].astype(bool)
    groups = [(d["round"] == 1) & ~stopped, (d["round"] == 2) & ~stopped, stopped]
    if lang == "en":
        names = ["round 1", "round 2", "stopped early", "(left: y = weight decay)"]
    else:
        names = ["1차", "2차", "조기 중단", "(왼쪽: y = 가중치 감소)"]
    key = plotting.key_lines([*plotting.marked(names[:3], start=1), names[3]], width)
    with plotting.figure(width, height - len(key), 1, 2) as plt:
        plotting.panel(1, 1)
        for i, mask in enumerate(groups):
            if mask.any():
                plt.scatter(lx[mask].tolist(), lw[mask].tolist(), **plotting.style(i + 1))
        (a, b), (c, e) = np.log10(d["lr_range"]), np.log10(d["wd_range"])
        plt.plot([a, b, b, a, a], [c, c, e, e, c], marker="braille", color="gray")
        plt.xticks(*_decade_ticks(*p["lr_range"]))
        plt.yticks(*_decade_ticks(*p["wd_range"])[::1])
        plt.xlabel("learning rate" if lang == "en" else "학습률")
        plt.title("trials (box: round 2)" if lang == "en" else "시도 (상자: 2차 범위)")
        plotting.panel(1, 2)
        for i, mask in enumerate(groups):
            if mask.any():
                plt.scatter(lx[mask].tolist(), d["val_acc"][mask].tolist(), **plotting.style(i + 1))
        plt.xticks(*_decade_ticks(*p["lr_range"]))
        plt.ylim(0, 1)
        plt.xlabel("learning rate" if lang == "en" else "학습률")
        plt.title("validation accuracy" if lang == "en" else "검증 정확도")
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


def findings(result) -> list[Text]:
    d, p = result.data["search"], result.params
    split_rows = result.data["split"]
    n1, n2 = int(np.sum(d["round"] == 1)), int(np.sum(d["round"] == 2))
    notes = [Text(
        en=f"{len(split_rows['train_rows'])} training and {len(split_rows['val_rows'])} validation points "
        f"({result.label('split', 'en')}); round 1: {n1} trials with lr in [{p['lr_range'][0]:g}, "
        f"{p['lr_range'][1]:g}] and weight decay in [{p['wd_range'][0]:g}, {p['wd_range'][1]:g}], both "
        f"sampled on a log scale; each trial trains a 2-50-50-3 network with SGD for up to {p['epochs']} epochs.",
        ko=f"훈련 데이터 {len(split_rows['train_rows'])}개, 검증 데이터 {len(split_rows['val_rows'])}개"
        f"({result.label('split', 'ko')}). 1차: 학습률 [{p['lr_range'][0]:g}, {p['lr_range'][1]:g}], "
        f"가중치 감소 [{p['wd_range'][0]:g}, {p['wd_range'][1]:g}]에서 로그 스케일로 {n1}번 샘플링했습니다. "
        f"시도마다 2-50-50-3 신경망을 SGD로 최대 {p['epochs']}에폭 학습합니다.",
    )]
    order = np.argsort(-d["val_acc"], kind="stable")[:5]
    best = "; ".join(f"#{i + 1} lr {d['lr'][i]:.3g}, wd {d['wd'][i]:.1e}: {d['val_acc'][i]:.0%}" for i in order)
    notes.append(Text(en=f"Best trials (validation accuracy): {best}.",
                      ko=f"가장 좋은 시도(검증 정확도): {best}."))
    who_en, who_ko = result.label("search", "en"), result.label("search", "ko")
    notes.append(Text(
        en=f"Round 2 ({who_en}): the top {p['top_k']} narrowed lr to [{d['lr_range'][0]:.3g}, "
        f"{d['lr_range'][1]:.3g}] and weight decay to [{d['wd_range'][0]:.1e}, {d['wd_range'][1]:.1e}]; "
        f"{n2} more trials there. The winner scores {d['best_test_acc']:.0%} on the test data, looked at once.",
        ko=f"2차({who_ko}): 상위 {p['top_k']}개로 학습률 범위를 [{d['lr_range'][0]:.3g}, {d['lr_range'][1]:.3g}], "
        f"가중치 감소 범위를 [{d['wd_range'][0]:.1e}, {d['wd_range'][1]:.1e}]로 좁혀 {n2}번 더 시도했습니다. "
        f"최종 후보의 시험 정확도는 {d['best_test_acc']:.0%}입니다(시험 데이터는 마지막에 한 번만 봅니다).",
    ))
    stopped = np.flatnonzero(d["stopped"])
    check = max(1, int(p["epochs"]) // 4)
    give_up = 1.0 / CLASSES + GIVE_UP_MARGIN
    if stopped.size:
        listed = ", ".join(f"#{i + 1} (lr {d['lr'][i]:.2g})" for i in stopped[:10])
        if stopped.size > 10:
            listed += f" … (+{stopped.size - 10})"
        notes.append(Text(
            en=f"{stopped.size} trials stopped after {check} of {p['epochs']} epochs (validation accuracy below "
            f"{give_up:.0%}): {listed}.",
            ko=f"{p['epochs']}에폭 중 {check}에폭에서 검증 정확도가 {give_up:.0%} 미만이라 일찍 포기한 시도 "
            f"{stopped.size}개: {listed}.",
        ))
    else:
        notes.append(Text(en="No trial was bad enough to stop early.",
                          ko="일찍 포기할 만큼 나쁜 시도는 없었습니다."))
    return notes


RANDOM_SEARCH = Lab(
    id="random_search",
    title=Text(en="Random search for hyperparameters", ko="하이퍼파라미터 무작위 탐색"),
    concepts=("0114", "0115"),
    description=Text(
        en="Learning rate and weight decay sampled on a log scale and judged on validation data. Bad trials "
        "are given up after a quarter of their epochs; the best trials narrow the range for a second "
        "round. The test data are used once, at the very end.",
        ko="학습률과 가중치 감소를 로그 스케일로 샘플링하고 검증 데이터로 평가합니다. 나쁜 시도는 에폭의 4분의 1이 "
        "지나면 포기하고, 가장 좋은 시도들로 범위를 좁혀 2차 탐색을 합니다. 시험 데이터는 맨 마지막에 한 번만 씁니다.",
    ),
    defaults={"trials": 30, "trials2": 15, "epochs": 40, "top_k": 5, "validation_rate": 0.2,
              "lr_range": [1e-2, 10.0], "wd_range": [1e-6, 1e-1]},
    parts=_parts,
    render=render,
    findings=findings,
)
