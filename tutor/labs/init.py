"""Labs `activations` and `symmetry`: why initial weights decide whether learning works (0103–0108).

`activations` repeats the book's experiment: 1000 random inputs through 5 layers of 100 units, with
weights of std 1, std 0.01, Xavier (1/√n) and He (√(2/n)), under sigmoid, tanh and ReLU, and shows each
layer's histogram of activations and, beside it, the gradient that reaches each layer's weights: a
random upstream gradient backpropagated through the same network (σ′ and Wᵀ), rms ∂L/∂W per layer. `symmetry` trains a small network from equal initial weights and from
random ones and measures how different the hidden units are: with equal weights they never differ.
"""

from __future__ import annotations

import functools

import numpy as np

from tutor.text import Text
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
LABELS_KO = {"std1": "표준편차 1", "std001": "표준편차 0.01", "xavier": "Xavier", "he": "He"}
ACTIVATION_LABELS = {"en": {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"},
                     "ko": {"sigmoid": "시그모이드", "tanh": "tanh", "relu": "ReLU"}}
NODES, LAYERS, SAMPLES, BINS = 100, 5, 1000, 30
# Histogram ranges as in the book's figures: (0, 1) for sigmoid and ReLU, (−1, 1) for tanh.
RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 1.0)}


DERIVATIVES = {  # the activation's slope, from its output z (and its input a, for ReLU)
    "sigmoid": lambda a, z: z * (1.0 - z),
    "tanh": lambda a, z: 1.0 - z * z,
    "relu": lambda a, z: (a > 0).astype(float),
}


def layer_activations(init, impl, *, seed, params, inputs, progress):
    """Histograms (activation × layer × bin) of the activations of 5 layers, for one kind of weights,
    and the gradient each layer's weights receive (activation × layer: rms ∂L/∂W).

    The same input and the same weight matrices go through each activation function, so only the
    activation differs between rows. ReLU's exact zeros (about half the values) are counted apart in
    ``zeros``, since they would flatten every other bar. The gradient is that of L = Σ dout·z₅ for a
    random dout ~ N(0, 1) (the same for every row): backpropagated through the slopes f′(a) and the
    weights (dz ← (dz·f′(a))·Wᵀ), as a network learning from these weights would see it.
    """
    x = lab_rng(seed, 1).standard_normal((SAMPLES, NODES))
    dout = lab_rng(seed, 3).standard_normal((SAMPLES, NODES))
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
    grad = np.zeros((len(ACTIVATION_NAMES), LAYERS))
    for a, name in enumerate(ACTIVATION_NAMES):
        z = x
        outputs, pre = [x], []
        for layer, w in enumerate(weights):
            pre.append(z @ w)
            z = ACTIVATIONS[name](pre[-1])
            outputs.append(z)
            values = z.ravel()
            if name == "relu":
                zeros[a, layer] = np.mean(values == 0.0)
                values = values[values != 0.0]
            hist[a, layer] = np.histogram(values, bins=BINS, range=RANGES[name])[0]
            std[a, layer] = z.std()
        dz = dout
        for layer in reversed(range(LAYERS)):
            da = dz * DERIVATIVES[name](pre[layer], outputs[layer + 1])
            grad[a, layer] = np.sqrt(np.mean((outputs[layer].T @ da) ** 2))
            dz = da @ weights[layer].T
        progress((a + 1) / len(ACTIVATION_NAMES), Text(en=INITS[init][0], ko=LABELS_KO[init]))
    return {"hist": hist, "zeros": zeros, "std": std, "grad": grad}


def per_layer_factor(grad) -> float:
    """How much the gradient shrinks (> 1) or grows (< 1) per layer on its way from layer 5 to layer 1."""
    grad = np.asarray(grad, dtype=float)
    return float((grad[-1] / max(grad[0], 1e-300)) ** (1.0 / (len(grad) - 1)))


def _activation_parts(params) -> list[Part]:
    if params["activation"] is not None and params["activation"] not in ACTIVATION_NAMES:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATION_NAMES)}")
    return [Part(name, functools.partial(layer_activations, name), exercise=exercise, what=function or "",
                 weight=0.5, label=Text(en=label, ko=LABELS_KO[name]))
            for name, (label, exercise, function) in INITS.items()]


GRAD_WIDTH = 18  # the gradient column beside the histograms: "3.2e-06 / 4.2"


def render_activations(result, width, height, lang, color):
    """One table per activation: a row per kind of weights, a histogram (block characters) per layer,
    and beside them the gradient reaching layer 1's and layer 5's weights (rms ∂L/∂W)."""
    chosen = [result.params["activation"]] if result.params.get("activation") else list(ACTIVATION_NAMES)
    label_w = 18  # "시그모이드 [0, 1]", "Xavier (내 코드)" and a space
    grad_w = GRAD_WIDTH if width >= 60 else 0
    cell = max(3, (width - label_w - grad_w) // LAYERS - 1)
    layer_word = "layer" if lang == "en" else "층"
    grad_head = "∂L/∂W L1 / L5" if lang == "en" else "∂L/∂W 1층 / 5층"
    lines = []
    for name in chosen:
        a = ACTIVATION_NAMES.index(name)
        low, high = RANGES[name]
        head = plotting.pad(f"{ACTIVATION_LABELS[lang if lang == 'ko' else 'en'][name]} [{low:g}, {high:g}]",
                            label_w) + "".join(
            plotting.center(f"{layer_word} {k + 1}" if lang == "en" else f"{k + 1}{layer_word}", cell + 1)
            for k in range(LAYERS))
        if grad_w:
            head += " " + grad_head
        lines.append(plotting.fit(head, width))
        for part, (label, _, _) in INITS.items():
            row = init_label(result, part, lang)
            bars = [plotting.sparkline(result.data[part]["hist"][a, k], cell).center(cell) for k in range(LAYERS)]
            line = plotting.pad(row, label_w) + " ".join(bars)
            if grad_w:
                grad = result.data[part]["grad"][a]
                line += "  " + f"{grad[0]:.2g} / {grad[-1]:.2g}"
            lines.append(plotting.fit(line, width))
        lines.append("")
    return "\n".join(lines[:height]).rstrip("\n")


def init_label(result, part: str, lang: str) -> str:
    """The row's name: "std 0.01", or the learner's own initialiser ("Xavier (yours)" / "Xavier (내 코드)")."""
    return (LABELS_KO[part] if lang == "ko" else INITS[part][0]) + result.mark(part, lang)


def _values(grad) -> str:
    return ", ".join(f"{v:.2g}" for v in grad)


def activation_findings(result) -> list[Text]:
    notes = [Text(
        en="Each bar chart is one layer's activations (1000 inputs × 100 units), scaled to its tallest bar; "
        "ReLU's zeros are left out. Beside them, the gradient that reaches layer 1's and layer 5's weights "
        "(rms ∂L/∂W): a random gradient backpropagated through the same network, through each slope f′ and "
        "each Wᵀ.",
        ko="막대 하나하나가 한 층의 활성화값 분포입니다(입력 1000개 × 뉴런 100개, 가장 높은 막대 기준). "
        "ReLU의 0은 뺐습니다. 오른쪽 숫자는 1층과 5층의 가중치에 도달하는 기울기(∂L/∂W의 RMS)입니다. "
        "무작위 기울기를 같은 신경망에서 오차역전파법으로 거꾸로 전달했습니다(각 층의 f′과 Wᵀ를 거침).",
    )]
    s = ACTIVATION_NAMES.index("sigmoid")
    if all(part in result.data for part in ("std1", "std001", "xavier")):
        ends1 = edge_share(result.data["std1"]["hist"][s, -1])
        ends_x = edge_share(result.data["xavier"]["hist"][s, -1])
        std001 = result.data["std001"]["std"][s, -1]
        notes.append(Text(
            en=f"Sigmoid, layer 5: with std 1, {ends1:.0%} of activations sit near 0 or 1 (saturated: each "
            f"unit's own slope is almost 0); with Xavier, {ends_x:.0%}. With std 0.01 every unit outputs about "
            f"0.5 (spread {std001:.4f}): all units alike.",
            ko=f"시그모이드 5층: 표준편차 1이면 활성화값의 {ends1:.0%}가 0이나 1 근처에 있습니다(포화: 뉴런 "
            f"하나하나의 기울기가 거의 0). Xavier 초깃값이면 {ends_x:.0%}입니다. 표준편차 0.01이면 모든 뉴런이 "
            f"0.5 근처를 출력해(표준편차 {std001:.4f}) 뉴런이 모두 비슷합니다.",
        ))
        g1, g001, gx = (result.data[part]["grad"][s] for part in ("std1", "std001", "xavier"))
        notes.append(Text(
            en=f"Sigmoid, rms ∂L/∂W from layer 1 to 5 — std 1: {_values(g1)}; std 0.01: {_values(g001)}; "
            f"{init_label(result, 'xavier', 'en')}: {_values(gx)}.",
            ko=f"시그모이드, 1층부터 5층까지 ∂L/∂W의 RMS는 표준편차 1일 때 {_values(g1)}이고, 표준편차 "
            f"0.01일 때 {_values(g001)}, {init_label(result, 'xavier', 'ko')}일 때 {_values(gx)}입니다.",
        ))
        notes.append(Text(
            en=f"On its way back, the gradient shrinks about {per_layer_factor(g001):.0f}× per layer with std "
            f"0.01 (the tiny weights shrink it: σ_w·√n·σ′ ≈ 0.01·10·0.25), about {per_layer_factor(gx):.1f}× "
            f"with Xavier (sigmoid's slope is at most 0.25), and {_change(per_layer_factor(g1), 'en')} with "
            "std 1: √n·σ_w = 10 makes up for the small slopes, though the units are saturated. ReLU with He, "
            "tanh with Xavier, or batch norm keep it.",
            ko=f"기울기는 거꾸로 전달되면서 표준편차 0.01이면 층마다 약 {per_layer_factor(g001):.0f}배 "
            f"작아지고(작은 가중치 때문: σ_w·√n·σ′ ≈ 0.01·10·0.25), Xavier 초깃값이면 약 "
            f"{per_layer_factor(gx):.1f}배 작아지며(시그모이드의 기울기는 최대 0.25), 표준편차 1이면 "
            f"{_change(per_layer_factor(g1), 'ko')}. √n·σ_w = 10이 작은 기울기를 메워 주기 때문이지만, 뉴런은 "
            "포화 상태입니다. ReLU와 He 초깃값, tanh와 Xavier 초깃값, 배치 정규화가 기울기를 지켜 줍니다.",
        ))
    if "he" in result.data and "xavier" in result.data:
        r = ACTIVATION_NAMES.index("relu")
        he, xa = result.data["he"]["std"][r], result.data["xavier"]["std"][r]
        gh = result.data["he"]["grad"][r]
        notes.append(Text(
            en=f"ReLU activation std from layer 1 to 5 — {init_label(result, 'he', 'en')}: {he[0]:.2f} → "
            f"{he[-1]:.2f}; {init_label(result, 'xavier', 'en')}: {xa[0]:.2f} → {xa[-1]:.2f} (shrinking layer by layer). "
            f"With He, rms ∂L/∂W is {gh[0]:.2g} at layer 1 and {gh[-1]:.2g} at layer 5.",
            ko=f"ReLU 활성화값의 표준편차(1층 → 5층)는 {init_label(result, 'he', 'ko')}일 때 {he[0]:.2f} → "
            f"{he[-1]:.2f}, {init_label(result, 'xavier', 'ko')}일 때 {xa[0]:.2f} → {xa[-1]:.2f}입니다(층마다 줄어듦). "
            f"He 초깃값이면 ∂L/∂W의 RMS가 1층 {gh[0]:.2g}, 5층 {gh[-1]:.2g}입니다.",
        ))
    return notes


def _change(factor: float, lang: str) -> str:
    """A per-layer factor near 1 in words: it neither shrinks nor grows."""
    if 0.8 <= factor <= 1.25:
        return "hardly at all" if lang == "en" else "거의 줄지 않습니다"
    if factor > 1:
        return f"about {factor:.1f}× per layer" if lang == "en" else f"층마다 약 {factor:.1f}배 작아집니다"
    return f"it grows {1 / factor:.1f}× per layer" if lang == "en" else f"층마다 약 {1 / factor:.1f}배 커집니다"


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
        "activations pile up at 0 and 1 (saturated units); with std 0.01 they bunch at 0.5 (every unit "
        "alike) and the gradient shrinks tens of times per layer on its way back (the findings give the factor); Xavier (std 1/√n) keeps them "
        "spread for sigmoid and tanh, He (std √(2/n)) for ReLU. Beside each histogram row: the gradient "
        "that reaches layer 1 and layer 5.",
        ko="무작위 입력 1000개가 뉴런 100개짜리 층 5개를 지나갑니다. 표준편차 1이면 시그모이드 활성화값이 "
        "0과 1에 몰리고(포화), 0.01이면 0.5에 몰려 모든 뉴런이 같아지며 기울기는 거꾸로 전달되면서 층마다 "
        "수십 배 작아집니다(몇 배인지는 결과에 나옵니다). Xavier 초깃값(1/√n)은 시그모이드와 tanh에서, He 초깃값(√(2/n))은 ReLU에서 "
        "활성화값을 고루 퍼뜨립니다. 분포 옆에는 1층과 5층에 도달하는 기울기를 보여 줍니다.",
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


START_LABELS = {"equal": Text(en="equal init", ko="균일한 초깃값"),
                "random": Text(en="random init", ko="무작위 초깃값")}


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
            progress((k + (step + 1) / steps) / 2, START_LABELS[start])
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
    names = [START_LABELS["random"].get(lang), START_LABELS["equal"].get(lang)]
    key = plotting.key_lines(plotting.marked(names), width)
    with plotting.figure(width, height - len(key), 1, 2) as plt:
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
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


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
