"""Lab `batchnorm`: training with and without batch normalisation across initial weight scales (0109).

The book's experiment (batch_norm_test.py) on spirals instead of MNIST: a 2-100-100-100-100-3 ReLU
network whose initial weights have std `scale`, trained by SGD, once plain and once with a
BatchNormalization layer after every hidden Affine. Without BN only a narrow band of scales learns; with
BN every scale does, and fast.
"""

from __future__ import annotations

import functools

import numpy as np

from tutor import reference
from tutor.text import Text
from tutor.labs import plotting
from tutor.labs.base import Lab, Part, lab_rng
from tutor.labs.nets import MLP, spirals, train

SIZES = [2, 100, 100, 100, 100, 3]
TARGET = 0.9  # the accuracy whose epoch we report


def curves(with_bn, impl, *, seed, params, inputs, progress):
    """Train accuracy per epoch (scale × epoch+1), with the (learner's) BatchNormalization or without."""
    x, t = spirals(150, noise=0.1, rng=lab_rng(seed, 1))
    scales = [float(s) for s in params["scales"]]
    epochs = int(params["epochs"])
    acc = np.zeros((len(scales), epochs + 1))
    for i, scale in enumerate(scales):
        rng = lab_rng(seed, 2, i)  # the same initial weights and batches with and without BN
        net = MLP(SIZES, rng=rng, weight_std=scale, batchnorm=impl.BatchNormalization if with_bn else None)
        with np.errstate(all="ignore"):
            out = train(net, reference.SGD(lr=float(params["lr"])), x, t, epochs=epochs, batch_size=50,
                        rng=rng, progress=lambda fraction: progress((i + fraction) / len(scales), Text(
                            en=f"{'BN' if with_bn else 'no BN'}, W std {scale:g}",
                            ko=f"{'BN' if with_bn else 'BN 없음'}, 가중치 표준편차 {scale:g}")))
        acc[i] = out["train_acc"]
    return {"train_acc": acc, "scales": np.array(scales)}


def _parts(params) -> list[Part]:
    if not params["scales"] or not 1 <= int(params["epochs"]) <= 200:
        raise ValueError("need at least one scale and 1–200 epochs")
    return [
        Part("bn", functools.partial(curves, True), exercise="batchnorm_backward", what="BatchNormalization"),
        Part("plain", functools.partial(curves, False), label=Text(en="no BN", ko="BN 없음")),
    ]


def epochs_to(acc, target=TARGET):
    """The first epoch whose accuracy reaches ``target`` (None if never)."""
    hits = np.flatnonzero(np.asarray(acc) >= target)
    return int(hits[0]) if hits.size else None


def render(result, width, height, lang, color):
    bn, plain = result.data["bn"], result.data["plain"]
    scales = bn["scales"]
    rows, cols = plotting.grid_shape(len(scales))
    epochs = list(range(bn["train_acc"].shape[1]))
    bn_name = f"BN{result.mark('bn', lang)}"
    names = [bn_name, "no BN"] if lang == "en" else [bn_name, "BN 없음"]
    axis = "(x: epoch, y: train accuracy)" if lang == "en" else "(x: 에폭, y: 훈련 정확도)"
    key = plotting.key_lines([*plotting.marked(names), axis], width)
    with plotting.figure(width, height - len(key), rows, cols) as plt:
        for i, scale in enumerate(scales):
            if rows * cols > 1:
                plotting.panel(i // cols + 1, i % cols + 1)
            plt.plot(epochs, bn["train_acc"][i].tolist(), **plotting.style(0))
            plt.plot(epochs, plain["train_acc"][i].tolist(), **plotting.style(1))
            plt.ylim(0, 1)
            plt.yticks([0, 0.5, 1])
            plt.title(f"W std {scale:g}" if lang == "en" else f"표준편차 {scale:g}")
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


def findings(result) -> list[Text]:
    bn, plain = result.data["bn"], result.data["plain"]
    p = result.params
    notes = [Text(
        en=f"2-100-100-100-100-3 ReLU network, 450 spiral points, SGD lr {p['lr']:g}, mini-batches of 50, "
        f"{p['epochs']} epochs; initial weights drawn with the std in each panel's title.",
        ko=f"2-100-100-100-100-3 ReLU 신경망, 나선형 데이터 450개, SGD 학습률 {p['lr']:g}, 미니배치 50, "
        f"{p['epochs']}에폭. 가중치 초깃값의 표준편차는 각 그래프 제목에 있습니다.",
    )]
    for i, scale in enumerate(bn["scales"]):
        with_bn, without = epochs_to(bn["train_acc"][i]), epochs_to(plain["train_acc"][i])
        notes.append(Text(
            en=f"std {scale:g}: {TARGET:.0%} train accuracy — with BN {_when(with_bn, 'en')}, "
            f"without BN {_when(without, 'en')}.",
            ko=f"표준편차 {scale:g}: 훈련 정확도 {TARGET:.0%} 도달 — BN 사용 {_when(with_bn, 'ko')}, "
            f"BN 없음 {_when(without, 'ko')}.",
        ))
    return notes


def _when(epoch, lang):
    if epoch is None:
        return "never" if lang == "en" else "도달 못 함"
    return f"at epoch {epoch}" if lang == "en" else f"{epoch}에폭"


BATCHNORM = Lab(
    id="batchnorm",
    title=Text(en="Training with and without batch norm", ko="배치 정규화 유무에 따른 학습 비교"),
    concepts=("0109",),
    description=Text(
        en="The same deep ReLU network trained from initial weights of very different scales, with a batch "
        "normalisation layer after each hidden Affine layer and without. Batch norm learns faster and "
        "hardly depends on the initial weights.",
        ko="같은 깊은 ReLU 신경망을 가중치 초깃값의 크기를 크게 바꿔 가며, 은닉층의 Affine 계층마다 배치 정규화 "
        "계층을 넣은 경우와 넣지 않은 경우로 학습시킵니다. 배치 정규화를 쓰면 학습이 빠르고 초깃값에 크게 "
        "의존하지 않습니다.",
    ),
    defaults={"scales": [1.0, 0.3, 0.03, 0.001], "epochs": 20, "lr": 0.01},
    parts=_parts,
    render=render,
    findings=findings,
)
