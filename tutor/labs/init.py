"""Labs `activations` and `symmetry`: why initial weights decide whether learning works (0103–0108).

`activations` repeats the book's experiment: 1000 random inputs through 5 layers of 100 units, with
weights of std 1, std 0.01, Xavier (1/√n) and He (√(2/n)), under sigmoid, tanh and ReLU, and shows each
layer's histogram of activations. `symmetry` trains a small network from equal initial weights and from
random ones and measures how different the hidden units are: with equal weights they never differ.
"""

from __future__ import annotations

import functools

import numpy as np

from tutor.content import Text
from tutor.labs import plotting
from tutor.labs.base import Lab, Part, lab_rng
from tutor.labs.nets import ACTIVATIONS, MLP, blobs

ACTIVATION_NAMES = ("sigmoid", "tanh", "relu")
INITS = {  # part name -> (label, exercise, function name in the learner's module)
    "std1": ("std 1", None, None),
    "std001": ("std 0.01", None, None),
    "xavier": ("Xavier", "xavier_init", "xavier_init"),
    "he": ("He", "he_init", "he_init"),
}
NODES, LAYERS, SAMPLES, BINS = 100, 5, 1000, 30
# Histogram ranges as in the book's figures: (0, 1) for sigmoid and ReLU, (−1, 1) for tanh.
RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 1.0)}


def layer_activations(init, impl, *, seed, params, inputs, progress):
    """Histograms (activation × layer × bin) of the activations of 5 layers, for one kind of weights.

    The same input and the same weight matrices go through each activation function, so only the
    activation differs between rows. ReLU's exact zeros (about half the values) are counted apart in
    ``zeros``, since they would flatten every other bar.
    """
    x = lab_rng(seed, 1).standard_normal((SAMPLES, NODES))
    weights_rng = lab_rng(seed, 2)
    weights = []
    for _ in range(LAYERS):
        if init == "std1":
            w = weights_rng.standard_normal((NODES, NODES)) * 1.0
        elif init == "std001":
            w = weights_rng.standard_normal((NODES, NODES)) * 0.01
        else:
            w = np.asarray(getattr(impl, INITS[init][2])(NODES, NODES), dtype=float)
            if w.shape != (NODES, NODES):
                raise ValueError(f"{INITS[init][2]}({NODES}, {NODES}) returned shape {w.shape}")
        weights.append(w)
    hist = np.zeros((len(ACTIVATION_NAMES), LAYERS, BINS))
    zeros = np.zeros((len(ACTIVATION_NAMES), LAYERS))
    std = np.zeros((len(ACTIVATION_NAMES), LAYERS))
    for a, name in enumerate(ACTIVATION_NAMES):
        z = x
        for layer, w in enumerate(weights):
            z = ACTIVATIONS[name](z @ w)
            values = z.ravel()
            if name == "relu":
                zeros[a, layer] = np.mean(values == 0.0)
                values = values[values != 0.0]
            hist[a, layer] = np.histogram(values, bins=BINS, range=RANGES[name])[0]
            std[a, layer] = z.std()
        progress((a + 1) / len(ACTIVATION_NAMES), INITS[init][0])
    return {"hist": hist, "zeros": zeros, "std": std}


def _activation_parts(params) -> list[Part]:
    if params["activation"] is not None and params["activation"] not in ACTIVATION_NAMES:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATION_NAMES)}")
    return [Part(name, functools.partial(layer_activations, name), exercise=exercise, what=function or "",
                 weight=0.5)
            for name, (label, exercise, function) in INITS.items()]


def render_activations(result, width, height, lang, color):
    """One table per activation: a row per kind of weights, a histogram (block characters) per layer."""
    chosen = [result.params["activation"]] if result.params.get("activation") else list(ACTIVATION_NAMES)
    label_w = 13
    cell = max(3, (width - label_w) // LAYERS - 1)
    layer_word = "layer" if lang == "en" else "층"
    lines = []
    for name in chosen:
        a = ACTIVATION_NAMES.index(name)
        low, high = RANGES[name]
        head = f"{name} [{low:g}, {high:g}]"
        lines.append(plotting.fit(head.ljust(label_w) + "".join(
            f"{layer_word} {k + 1}".center(cell + 1) for k in range(LAYERS)), width))
        for part, (label, _, _) in INITS.items():
            if result.used.get(part) == "learner":
                label = f"내 {label}" if lang == "ko" else f"your {label}"
            row = label
            bars = [plotting.sparkline(result.data[part]["hist"][a, k], cell).center(cell) for k in range(LAYERS)]
            lines.append(plotting.fit(row[:label_w - 1].ljust(label_w) + " ".join(bars), width))
        lines.append("")
    return "\n".join(lines[:height]).rstrip("\n")


def activation_findings(result) -> list[Text]:
    notes = [Text(
        en="Each bar chart is one layer's activations (1000 inputs × 100 units), scaled to its tallest bar; "
        "ReLU's zeros are left out. He's std is √(2/n) — the seed note's 1/(2√n) is a typo.",
        ko="막대 하나하나가 한 층의 활성화값 분포입니다(입력 1000개 × 뉴런 100개, 가장 높은 막대 기준). "
        "ReLU의 0은 뺐습니다. He 초깃값의 표준편차는 √(2/n)입니다. 원문의 1/(2√n)은 오타입니다.",
    )]
    if "xavier" in result.data and "std1" in result.data:
        s = ACTIVATION_NAMES.index("sigmoid")
        ends1 = edge_share(result.data["std1"]["hist"][s, -1])
        ends_x = edge_share(result.data["xavier"]["hist"][s, -1])
        notes.append(Text(
            en=f"Sigmoid, layer 5: with std 1, {ends1:.0%} of activations sit near 0 or 1 (gradients vanish); "
            f"with Xavier, {ends_x:.0%}.",
            ko=f"시그모이드 5층: 표준편차 1이면 활성화값의 {ends1:.0%}가 0이나 1 근처에 몰려 기울기가 사라지고, "
            f"Xavier 초깃값이면 {ends_x:.0%}입니다.",
        ))
        std001 = result.data["std001"]["std"][s, -1]
        notes.append(Text(
            en=f"With std 0.01 every sigmoid unit outputs about 0.5 (spread {std001:.4f}): "
            "all units alike, so the network can express little.",
            ko=f"표준편차 0.01이면 모든 시그모이드 뉴런이 0.5 근처를 출력합니다(표준편차 {std001:.4f}). "
            "뉴런이 모두 비슷해서 표현력이 제한됩니다.",
        ))
    if "he" in result.data:
        r = ACTIVATION_NAMES.index("relu")
        he, xa = result.data["he"]["std"][r], result.data["xavier"]["std"][r]
        notes.append(Text(
            en=f"ReLU activation std from layer 1 to 5 — He: {he[0]:.2f} → {he[-1]:.2f}; "
            f"Xavier: {xa[0]:.2f} → {xa[-1]:.2f} (shrinking layer by layer).",
            ko=f"ReLU 활성화값의 표준편차(1층 → 5층) — He: {he[0]:.2f} → {he[-1]:.2f}, "
            f"Xavier: {xa[0]:.2f} → {xa[-1]:.2f} (층마다 줄어듭니다).",
        ))
    return notes


def edge_share(hist) -> float:
    """Share of a sigmoid histogram in its outer bins (within 0.1 of 0 or 1)."""
    hist = np.asarray(hist, dtype=float)
    edge = max(1, len(hist) // 10)
    return float((hist[:edge].sum() + hist[-edge:].sum()) / max(hist.sum(), 1.0))


ACTIVATIONS_LAB = Lab(
    id="activations",
    title=Text(en="Activation histograms and initial weights", ko="초깃값에 따른 활성화값 분포"),
    concepts=("0105", "0106", "0107", "0108"),
    description=Text(
        en="1000 random inputs pass through 5 layers of 100 units. With weights of std 1, sigmoid "
        "activations pile up at 0 and 1 (vanishing gradients); with std 0.01 they bunch at 0.5 (every unit "
        "alike); Xavier (std 1/√n) keeps them spread for sigmoid and tanh, He (std √(2/n)) for ReLU.",
        ko="무작위 입력 1000개가 뉴런 100개짜리 층 5개를 지나갑니다. 표준편차 1이면 시그모이드 활성화값이 "
        "0과 1에 몰리고(기울기 소실), 0.01이면 0.5에 몰립니다(모든 뉴런이 같아짐). Xavier 초깃값(1/√n)은 "
        "시그모이드와 tanh에서, He 초깃값(√(2/n))은 ReLU에서 활성화값을 고루 퍼뜨립니다.",
    ),
    defaults={"activation": None},
    parts=_activation_parts,
    render=render_activations,
    findings=activation_findings,
)


# --- symmetry --------------------------------------------------------------------------------------

HIDDEN = 10


def unit_spread(w) -> float:
    """How different the hidden units are: the largest gap between any two units' incoming weights."""
    return float(np.max(w.max(axis=1) - w.min(axis=1)))


def symmetry(impl, *, seed, params, inputs, progress):
    """Train a 2-10-3 sigmoid network from equal and from random weights with the (learner's) SGD."""
    x, t = blobs(150, [[-2.0, 0.0], [2.0, 0.0], [0.0, 3.0]], rng=lab_rng(seed, 1))
    steps, lr = int(params["steps"]), float(params["lr"])
    out = {}
    for k, start in enumerate(("equal", "random")):
        rng = lab_rng(seed, 2)
        net = MLP([2, HIDDEN, 3], rng=rng, activation="sigmoid", weight_std=1.0)
        if start == "equal":
            for key in net.params:
                net.params[key][...] = float(params["value"]) if key.startswith("W") else 0.0
        optimizer = impl.SGD(lr=lr)
        spread, acc = [unit_spread(net.params["W1"])], [net.accuracy(x, t)]
        for step in range(steps):
            _, grads = net.gradient(x, t)
            optimizer.update(net.params, grads)
            spread.append(unit_spread(net.params["W1"]))
            acc.append(net.accuracy(x, t))
            progress((k + (step + 1) / steps) / 2, start)
        out[f"{start}_spread"] = np.array(spread)
        out[f"{start}_acc"] = np.array(acc)
        out[f"{start}_w1"] = net.params["W1"].copy()
    return out


def _symmetry_parts(params) -> list[Part]:
    if not 1 <= int(params["steps"]) <= 5000:
        raise ValueError("steps must be between 1 and 5000")
    return [Part("sgd", symmetry, exercise="sgd", what="SGD")]


def render_symmetry(result, width, height, lang, color):
    d = result.data["sgd"]
    steps = list(range(len(d["equal_spread"])))
    with plotting.figure(width, height - 1, 1, 2) as plt:
        plotting.panel(1, 1)
        plt.plot(steps, d["random_spread"].tolist(), **plotting.style(0))
        plt.plot(steps, d["equal_spread"].tolist(), **plotting.style(1))
        plt.title("spread between hidden units" if lang == "en" else "은닉 뉴런 사이의 차이")
        plt.xlabel("step" if lang == "en" else "갱신 횟수")
        plotting.panel(1, 2)
        plt.plot(steps, d["random_acc"].tolist(), **plotting.style(0))
        plt.plot(steps, d["equal_acc"].tolist(), **plotting.style(1))
        plt.ylim(0, 1)
        plt.title("train accuracy" if lang == "en" else "훈련 정확도")
        plt.xlabel("step" if lang == "en" else "갱신 횟수")
        text = plotting.build(width, height - 1, color)
    names = (["random init", "equal init"] if lang == "en" else ["무작위 초깃값", "균일한 초깃값"])
    return text + "\n" + plotting.key_line(names, width)


def symmetry_findings(result) -> list[Text]:
    d = result.data["sgd"]
    value = result.params["value"]
    return [
        Text(
            en=f"A 2-{HIDDEN}-3 sigmoid network on three 2-D clusters, {len(d['equal_spread']) - 1} full-batch steps of "
            f"{result.label('sgd', 'en')} (lr {result.params['lr']:g}), from all weights = {value:g} "
            "and from random weights.",
            ko=f"2차원 군집 세 개에서 2-{HIDDEN}-3 시그모이드 신경망을 {result.label('sgd', 'ko')}(학습률 "
            f"{result.params['lr']:g})로 {len(d['equal_spread']) - 1}번 갱신했습니다. 모든 가중치 = {value:g}"
            "인 경우와 무작위 초깃값인 경우입니다.",
        ),
        Text(
            en=f"Equal start: the largest difference between two hidden units is {d['equal_spread'].max():.1e} "
            f"at every step — they get the same gradient, so they stay copies (accuracy "
            f"{d['equal_acc'][-1]:.0%}). Random start: {d['random_spread'][-1]:.2f} "
            f"(accuracy {d['random_acc'][-1]:.0%}).",
            ko=f"균일한 초깃값: 두 은닉 뉴런의 가중치 차이가 모든 단계에서 최대 {d['equal_spread'].max():.1e}입니다. "
            f"같은 기울기를 받아 똑같이 갱신되므로 계속 복제본으로 남습니다(정확도 {d['equal_acc'][-1]:.0%}). "
            f"무작위 초깃값: {d['random_spread'][-1]:.2f}(정확도 {d['random_acc'][-1]:.0%}).",
        ),
    ]


SYMMETRY = Lab(
    id="symmetry",
    title=Text(en="Equal initial weights stay equal", ko="균일한 초깃값은 대칭을 깨지 못한다"),
    concepts=("0103", "0104"),
    description=Text(
        en="If every weight starts at the same value, every hidden unit computes the same output, gets the "
        "same gradient and is updated the same way: the units stay identical however long you train, as "
        "if the layer had one unit. Random initial weights break the symmetry.",
        ko="모든 가중치를 같은 값으로 시작하면 은닉 뉴런이 모두 같은 값을 출력하고, 같은 기울기를 받아 똑같이 "
        "갱신됩니다. 아무리 학습해도 뉴런들이 똑같이 남아서 층에 뉴런이 하나뿐인 것과 같습니다. "
        "초깃값을 무작위로 설정해야 이 대칭이 깨집니다.",
    ),
    defaults={"steps": 300, "lr": 1.0, "value": 0.5},
    parts=_symmetry_parts,
    render=render_symmetry,
    findings=symmetry_findings,
)
