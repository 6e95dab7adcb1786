"""Labs `overfitting` and `ensemble`: a big network on little data, and what helps (0110–0113).

The data are 10-dimensional Gaussian clusters (3 classes) in which 20% of the labels were replaced at
random — in training and test data alike. No model can predict those labels, so a network that reaches
100% training accuracy has memorised noise, and its test accuracy shows the price. Weight decay and
dropout hold the training accuracy back and narrow the gap; an ensemble averages several networks.
"""

from __future__ import annotations

import functools

import numpy as np

from tutor import reference
from tutor.text import Text
from tutor.labs import plotting
from tutor.labs.base import Lab, Part, lab_rng
from tutor.labs.nets import MLP, blobs, train

DIM, CLASSES, FLIP = 10, 3, 0.2
N_TRAIN, N_TEST = 90, 600


def noisy_clusters(seed):
    """(x_train, t_train, x_test, t_test): few training points, many test points, 20% random labels."""
    rng = lab_rng(seed, 1)
    centers = rng.standard_normal((CLASSES, DIM)) * 0.8
    x, t = blobs(N_TRAIN, centers, rng=rng, flip=FLIP)
    x_test, t_test = blobs(N_TEST, centers, rng=rng, flip=FLIP)
    return x, t, x_test, t_test


# --- overfitting -----------------------------------------------------------------------------------

VARIANTS = {  # part -> (exercise, the learner's names, title en, title ko)
    "plain": (None, "", "no regularisation", "규제 없음"),
    "weight_decay": ("weight_decay", "weight_decay_grads", "weight decay", "가중치 감소"),
    "dropout": ("dropout", "Dropout", "dropout", "드롭아웃"),
}


def overfit(variant, impl, *, seed, params, inputs, progress):
    """Train and test accuracy per epoch of a 10-100-100-100-100-3 ReLU network, SGD lr 0.05."""
    x, t, x_test, t_test = noisy_clusters(seed)
    rng = lab_rng(seed, 2)  # the same initial weights and batches in all three variants
    options = {}
    if variant == "weight_decay":
        options = {"weight_decay": (impl.weight_decay_loss, impl.weight_decay_grads),
                   "weight_decay_lambda": float(params["weight_decay"])}
    elif variant == "dropout":
        options = {"dropout": impl.Dropout, "dropout_ratio": float(params["dropout"])}
    net = MLP([DIM, 100, 100, 100, 100, CLASSES], rng=rng, **options)
    with np.errstate(all="ignore"):
        out = train(net, reference.SGD(lr=0.05), x, t, epochs=int(params["epochs"]), batch_size=30, rng=rng,
                    x_test=x_test, t_test=t_test, progress=lambda fraction: progress(fraction, Text(en=VARIANTS[variant][2], ko=VARIANTS[variant][3])))
    return {"train_acc": out["train_acc"], "test_acc": out["test_acc"]}


def _overfit_parts(params) -> list[Part]:
    if not 1 <= int(params["epochs"]) <= 1000:
        raise ValueError("epochs must be between 1 and 1000")
    return [Part(name, functools.partial(overfit, name), exercise=exercise, what=what, label=Text(en=en, ko=ko))
            for name, (exercise, what, en, ko) in VARIANTS.items()]


def gap(d) -> float:
    """Train minus test accuracy over the last 10 epochs (smoothing the epoch-to-epoch jitter)."""
    return float(np.mean(d["train_acc"][-10:]) - np.mean(d["test_acc"][-10:]))


def render_overfitting(result, width, height, lang, color):
    names = list(result.data)
    words = ["train", "test", "(x: epoch, * your code)"] if lang == "en" else ["훈련", "시험", "(x: 에폭, * 내 코드)"]
    key = plotting.key_lines([*plotting.marked(words[:2]), words[2]], width)
    with plotting.figure(width, height - len(key), 1, len(names)) as plt:
        for i, name in enumerate(names):
            plotting.panel(1, i + 1)
            d = result.data[name]
            epochs = list(range(len(d["train_acc"])))
            plt.plot(epochs, d["train_acc"].tolist(), **plotting.style(0))
            plt.plot(epochs, d["test_acc"].tolist(), **plotting.style(1))
            plt.ylim(0.3, 1)
            plt.yticks([0.4, 0.6, 0.8, 1.0])
            title = VARIANTS[name][2] if lang == "en" else VARIANTS[name][3]
            if name == "weight_decay":
                title += f" λ={result.params['weight_decay']:g}"
            elif name == "dropout":
                title += f" {result.params['dropout']:g}"
            plt.title(title + ("*" if result.used.get(name) == "learner" else ""))  # "*" = your code (see the key)
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


def overfitting_findings(result) -> list[Text]:
    notes = [Text(
        en=f"{N_TRAIN} training points, {N_TEST} test points, 10 dimensions, 3 classes, {FLIP:.0%} of labels "
        "random: nothing can score much above 80%. A 10-100-100-100-100-3 network, SGD lr 0.05.",
        ko=f"훈련 데이터 {N_TRAIN}개, 시험 데이터 {N_TEST}개, 10차원, 3개 클래스, 레이블의 {FLIP:.0%}는 무작위라서 "
        "어떤 모델도 80%를 크게 넘을 수 없습니다. 10-100-100-100-100-3 신경망, SGD 학습률 0.05.",
    )]
    for name, d in result.data.items():
        train_acc, test_acc = np.mean(d["train_acc"][-10:]), np.mean(d["test_acc"][-10:])
        en_title, ko_title = VARIANTS[name][2], VARIANTS[name][3]
        if result.used.get(name) == "learner":
            en_title, ko_title = f"{en_title} (your {VARIANTS[name][1]})", f"{ko_title}(내 {VARIANTS[name][1]})"
        notes.append(Text(
            en=f"{en_title}: train {train_acc:.0%}, test {test_acc:.0%}, gap {gap(d):.0%}.",
            ko=f"{ko_title}: 훈련 {train_acc:.0%}, 시험 {test_acc:.0%}, 차이 {gap(d):.0%}.",
        ))
    return notes


OVERFITTING = Lab(
    id="overfitting",
    title=Text(en="Overfitting, weight decay and dropout", ko="오버피팅, 가중치 감소, 드롭아웃"),
    concepts=("0110", "0111", "0112"),
    description=Text(
        en="A network with many parameters trained on little data learns its training set by heart, noise "
        "included: training accuracy reaches 100% while test accuracy stays far below. Weight decay "
        "(loss + ½λ‖W‖²) and dropout (random units switched off while training) narrow the gap.",
        ko="매개변수가 많은 신경망을 적은 데이터로 학습시키면 잡음까지 훈련 데이터를 통째로 외웁니다. 훈련 정확도는 "
        "100%가 되지만 시험 정확도는 한참 낮습니다. 가중치 감소(손실 + ½λ‖W‖²)와 드롭아웃(학습 중 뉴런을 "
        "무작위로 끔)이 그 차이를 줄입니다.",
    ),
    defaults={"epochs": 100, "weight_decay": 0.1, "dropout": 0.3},
    parts=_overfit_parts,
    render=render_overfitting,
    findings=overfitting_findings,
)


# --- ensemble --------------------------------------------------------------------------------------

def ensemble(impl, *, seed, params, inputs, progress):
    """Test accuracy of each member, and of the (learner's) ensemble of the first k members, k = 1..n."""
    x, t, x_test, t_test = noisy_clusters(seed)
    members = int(params["members"])
    models, member_acc = [], []
    for m in range(members):
        rng = lab_rng(seed, 3, m)  # each member: its own initial weights and batch order
        net = MLP([DIM, 100, 100, 100, CLASSES], rng=rng)
        train(net, reference.SGD(lr=0.05), x, t, epochs=int(params["epochs"]), batch_size=30, rng=rng,
              progress=lambda fraction: progress((m + fraction) / members,
                                                 Text(en=f"network {m + 1}", ko=f"신경망 {m + 1}")))
        models.append(net.probabilities)
        member_acc.append(net.accuracy(x_test, t_test))
    ensemble_acc = []
    for k in range(1, members + 1):
        probs = np.asarray(impl.ensemble_predict(models[:k], x_test), dtype=float)
        if probs.shape != (len(x_test), CLASSES):
            raise ValueError(f"ensemble_predict returned shape {probs.shape}, expected {(len(x_test), CLASSES)}")
        ensemble_acc.append(float(np.mean(probs.argmax(axis=1) == t_test)))
    return {"member_acc": np.array(member_acc), "ensemble_acc": np.array(ensemble_acc)}


def _ensemble_parts(params) -> list[Part]:
    if not 2 <= int(params["members"]) <= 20:
        raise ValueError("members must be between 2 and 20")
    return [Part("ensemble", ensemble, exercise="ensemble", what="ensemble_predict")]


def render_ensemble(result, width, height, lang, color):
    d = result.data["ensemble"]
    n = len(d["member_acc"])
    ks = list(range(1, n + 1))
    mark = result.mark("ensemble", lang)
    names = ([f"ensemble of the first k{mark}", "network k alone", "── their mean"] if lang == "en"
             else [f"앞의 k개 앙상블{mark}", "k번째 신경망 하나", "── 평균"])
    key = plotting.key_lines([*plotting.marked(names[:2]), names[2]], width)
    with plotting.figure(width, height - len(key)) as plt:
        plt.plot(ks, d["ensemble_acc"].tolist(), **plotting.style(0))
        plt.scatter(ks, d["member_acc"].tolist(), **plotting.style(1))
        plt.hline(float(np.mean(d["member_acc"])), "gray")
        low = min(d["member_acc"].min(), d["ensemble_acc"].min())
        high = max(d["member_acc"].max(), d["ensemble_acc"].max())
        plt.ylim(low - 0.02, high + 0.02)
        plt.xticks(ks)
        plt.title("test accuracy" if lang == "en" else "시험 정확도")
        plt.xlabel("networks (k)" if lang == "en" else "신경망 수 (k)")
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


def ensemble_findings(result) -> list[Text]:
    d = result.data["ensemble"]
    n = len(d["member_acc"])
    mean, best, ens = float(np.mean(d["member_acc"])), float(np.max(d["member_acc"])), float(d["ensemble_acc"][-1])
    who_en, who_ko = result.label("ensemble", "en"), result.label("ensemble", "ko")
    return [
        Text(
            en=f"{n} networks (10-100-100-100-3) trained separately on the same {N_TRAIN} noisy points, each "
            f"from its own random start; {who_en} averages their softmax outputs.",
            ko=f"신경망 {n}개(10-100-100-100-3)를 같은 훈련 데이터 {N_TRAIN}개로 각자 다른 초깃값에서 따로 "
            f"학습시켰습니다. softmax 출력을 평균 내는 함수: {who_ko}.",
        ),
        Text(
            en=f"Test accuracy: networks alone {mean:.1%} on average (best {best:.1%}); ensemble of all {n}: "
            f"{ens:.1%}. Dropout is like training many thinned networks at once and averaging them.",
            ko=f"시험 정확도: 신경망 하나는 평균 {mean:.1%}(최고 {best:.1%}), {n}개 앙상블은 {ens:.1%}입니다. "
            "드롭아웃은 뉴런을 지운 여러 신경망을 한꺼번에 학습시켜 평균 내는 것과 같습니다.",
        ),
    ]


ENSEMBLE = Lab(
    id="ensemble",
    title=Text(en="An ensemble of networks vs one", ko="앙상블 학습: 여러 신경망 대 하나"),
    concepts=("0113",),
    description=Text(
        en="Several networks trained separately make different mistakes; averaging their outputs cancels "
        "some of them, so the ensemble is usually more accurate than its members on average.",
        ko="따로 학습시킨 신경망들은 서로 다른 실수를 합니다. 출력을 평균 내면 그 실수 일부가 상쇄되어, "
        "앙상블이 보통 개별 신경망의 평균보다 정확합니다.",
    ),
    defaults={"members": 5, "epochs": 60},
    parts=_ensemble_parts,
    render=render_ensemble,
    findings=ensemble_findings,
)
