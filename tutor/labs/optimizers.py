"""Labs `optimizer_paths` and `optimizer_compare`: the book's optimizer figures (concepts 0097–0102).

`optimizer_paths` follows each optimizer from (−7, 2) on f(x, y) = x²/20 + y², whose minimum is (0, 0):
the surface is 20 times flatter along x than along y, so SGD zigzags across the valley. `optimizer_compare`
trains the same small network on spirals with each optimizer and plots the loss, as the book does on MNIST.
"""

from __future__ import annotations

import functools

import numpy as np

from tutor.text import Text
from tutor.labs import plotting
from tutor.labs.base import Lab, Part, lab_rng
from tutor.labs.nets import MLP, spirals, train

# name -> (class name, exercise id); the book's four come first.
OPTIMIZERS = {
    "sgd": "SGD",
    "momentum": "Momentum",
    "adagrad": "AdaGrad",
    "adam": "Adam",
    "rmsprop": "RMSprop",
    "nesterov": "Nesterov",
}
BOOK_FOUR = ("sgd", "momentum", "adagrad", "adam")
# The book's settings for the path figure (optimizer_compare_naive.py); RMSprop and Nesterov are ours.
PATH_LR = {"sgd": 0.95, "momentum": 0.1, "adagrad": 1.5, "adam": 0.3, "rmsprop": 0.1, "nesterov": 0.1}
# The book's defaults for the MNIST comparison (optimizer_compare_mnist.py): each class's default lr.
COMPARE_LR = {"sgd": 0.01, "momentum": 0.01, "adagrad": 0.01, "adam": 0.001, "rmsprop": 0.01, "nesterov": 0.01}
START = (-7.0, 2.0)
X_LIM, Y_LIM = (-10.0, 10.0), (-3.0, 3.0)


def f(x, y):
    return x**2 / 20.0 + y**2


def df(x, y):
    return x / 10.0, 2.0 * y


def _as_float(value) -> float:
    return float(np.asarray(value, dtype=float).reshape(-1)[0])


def _optimizer_names(params) -> list[str]:
    names = [n.lower() for n in params["optimizers"]]
    unknown = [n for n in names if n not in OPTIMIZERS]
    if unknown or not names:
        raise ValueError(f"optimizers must be some of {', '.join(OPTIMIZERS)}; got {params['optimizers']}")
    return names


def learning_rate(name: str, params: dict, table: dict[str, float]) -> float:
    """The lr for one optimizer: ``lrs[name]``, else the lab-wide ``lr``, else the book's value."""
    lrs = params.get("lrs") or {}
    if name in lrs:
        return float(lrs[name])
    if params.get("lr") is not None:
        return float(params["lr"])
    return table[name]


# --- optimizer_paths -------------------------------------------------------------------------------

def path(name, impl, *, seed, params, inputs, progress):
    """Positions (x, y) of ``steps`` updates from START; stops recording if the values blow up."""
    lr = learning_rate(name, params, PATH_LR)
    optimizer = getattr(impl, OPTIMIZERS[name])(lr=lr)
    # One-element arrays: updated in place by book-style code, and NumPy state (zeros_like) works.
    position = {"x": np.array([START[0]]), "y": np.array([START[1]])}
    xs, ys = [START[0]], [START[1]]
    with np.errstate(all="ignore"):
        for _ in range(int(params["steps"])):
            gx, gy = df(_as_float(position["x"]), _as_float(position["y"]))
            optimizer.update(position, {"x": np.array([gx]), "y": np.array([gy])})
            x, y = _as_float(position["x"]), _as_float(position["y"])
            xs.append(x)
            ys.append(y)
            if not (np.isfinite(x) and np.isfinite(y)) or abs(x) > 1e6 or abs(y) > 1e6:
                break
    return {"x": np.array(xs), "y": np.array(ys), "lr": lr}


def _path_parts(params) -> list[Part]:
    if int(params["steps"]) < 1 or int(params["steps"]) > 1000:
        raise ValueError("steps must be between 1 and 1000")
    return [
        Part(name, functools.partial(path, name), exercise=name, what=OPTIMIZERS[name], weight=0.2)
        for name in _optimizer_names(params)
    ]


def _contour_points():
    """Dots on a few level sets of f (ellipses x²/20 + y² = c), for the plot's background."""
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    xs, ys = [], []
    for c in (0.5, 2.0, f(*START)):
        x, y = np.sqrt(20 * c) * np.cos(t), np.sqrt(c) * np.sin(t)
        inside = (np.abs(x) <= X_LIM[1]) & (np.abs(y) <= Y_LIM[1])
        xs.extend(x[inside])
        ys.extend(y[inside])
    return xs, ys


def _in_window(x, y):
    return X_LIM[0] <= x <= X_LIM[1] and Y_LIM[0] <= y <= Y_LIM[1]


def render_paths(result, width, height, lang, color):
    names = list(result.data)
    rows, cols = plotting.grid_shape(len(names))
    cx, cy = _contour_points()
    # Panel titles stay short ASCII ("Adam* lr=0.3"), so a third of 76 columns always holds them whole
    # (plotext counts letters, not cells, so "(내 코드)" in a title would push it past its panel); the
    # key under the grid says what "*" means.
    mine = [name for name in names if result.used.get(name) == "learner"]
    key = plotting.key_lines(["(* your code)" if lang == "en" else "(* 내 코드)"] if mine else [], width)
    with plotting.figure(width, height - len(key), rows, cols) as plt:
        for i, name in enumerate(names):
            if rows * cols > 1:
                plotting.panel(i // cols + 1, i % cols + 1)
            d = result.data[name]
            plt.scatter(cx, cy, marker="·", color="gray")
            # Clip to the window: plotext would otherwise stretch the axes to a diverging point.
            xs, ys = [], []
            for x, y in zip(d["x"], d["y"]):
                if not _in_window(x, y):
                    break
                xs.append(float(x))
                ys.append(float(y))
            plt.plot(xs, ys, marker="braille", color=plotting.COLORS[i % len(plotting.COLORS)])
            plt.scatter(xs, ys, marker="o", color=plotting.COLORS[i % len(plotting.COLORS)])
            plt.scatter([0.0], [0.0], marker="+", color="red+")
            plt.title(f"{OPTIMIZERS[name]}{'*' if name in mine else ''} lr={d['lr']:g}")
            plt.xlim(*X_LIM)
            plt.ylim(*Y_LIM)
            plt.xticks([-10, -5, 0, 5, 10])
            plt.yticks([Y_LIM[0], 0, Y_LIM[1]])
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


def path_findings(result) -> list[Text]:
    notes = [Text(
        en="f(x, y) = x²/20 + y² from (−7, 2); + marks the minimum (0, 0); dots are contour lines.",
        ko="f(x, y) = x²/20 + y², 시작점 (−7, 2); +는 최솟값 (0, 0), 점선은 등고선입니다.",
    )]
    for name, d in result.data.items():
        steps = len(d["x"]) - 1
        x, y = d["x"][-1], d["y"][-1]
        en_who, ko_who = result.label(name, "en"), result.label(name, "ko")
        if not (np.isfinite(x) and np.isfinite(y)) or abs(x) > 1e6 or abs(y) > 1e6:
            notes.append(Text(
                en=f"{en_who} (lr {d['lr']:g}) diverged after {steps} steps: the learning rate is too large.",
                ko=f"{ko_who}(학습률 {d['lr']:g}): {steps}번째 갱신에서 발산했습니다. 학습률이 너무 큽니다.",
            ))
            continue
        away = "" if all(_in_window(a, b) for a, b in zip(d["x"], d["y"])) else " (partly off the plot)"
        away_ko = "" if not away else " (일부는 그래프 밖)"
        notes.append(Text(
            en=f"{en_who} (lr {d['lr']:g}): after {steps} steps at ({x:.3f}, {y:.3f}), f = {f(x, y):.4f}{away}.",
            ko=f"{ko_who}(학습률 {d['lr']:g}): {steps}번 갱신 후 ({x:.3f}, {y:.3f}), f = {f(x, y):.4f}{away_ko}.",
        ))
    return notes


OPTIMIZER_PATHS = Lab(
    id="optimizer_paths",
    title=Text(en="Optimizer paths on x²/20 + y²", ko="x²/20 + y²에서 최적화 기법의 경로"),
    concepts=("0097", "0098", "0100", "0101", "0102"),
    description=Text(
        en="SGD, Momentum, AdaGrad and Adam from (−7, 2) toward the minimum of f(x, y) = x²/20 + y², "
        "with the book's learning rates (0.95, 0.1, 1.5, 0.3) for 30 steps. The function is much steeper "
        "along y than along x, so SGD zigzags; Momentum rolls like a ball; AdaGrad shrinks the y steps; "
        "Adam combines both. Change the learning rate (all optimizers, or one) and the number of steps.",
        ko="SGD, 모멘텀, AdaGrad, Adam이 (−7, 2)에서 f(x, y) = x²/20 + y²의 최솟값으로 가는 경로입니다. "
        "책의 학습률(0.95, 0.1, 1.5, 0.3)로 30번 갱신합니다. 이 함수는 x보다 y 방향으로 훨씬 가팔라서 "
        "SGD는 지그재그로 움직이고, 모멘텀은 공이 구르듯, AdaGrad는 y 방향 갱신을 줄이며, Adam은 둘을 합칩니다. "
        "학습률(전체 또는 하나만)과 갱신 횟수를 바꿔 보세요.",
    ),
    defaults={"steps": 30, "lr": None, "lrs": None, "optimizers": list(BOOK_FOUR)},
    parts=_path_parts,
    render=render_paths,
    findings=path_findings,
)


# --- optimizer_compare -----------------------------------------------------------------------------

def compare_data(seed):
    """The comparison's data and batch order: the same for every optimizer."""
    return spirals(100, noise=0.1, rng=lab_rng(seed, 1))


def losses(name, impl, *, seed, params, inputs, progress):
    """Training loss per iteration of a 2-50-50-50-3 ReLU network (He init) with this optimizer."""
    x, t = compare_data(seed)
    lr = learning_rate(name, params, COMPARE_LR)
    rng = lab_rng(seed, 2)  # same initial weights and batches for every optimizer
    net = MLP([2, 50, 50, 50, 3], rng=rng)
    optimizer = getattr(impl, OPTIMIZERS[name])(lr=lr)
    batch = 50
    epochs = max(1, int(params["steps"]) * batch // len(x))
    with np.errstate(all="ignore"):
        out = train(net, optimizer, x, t, epochs=epochs, batch_size=batch, rng=rng,
                    progress=lambda fraction: progress(fraction, OPTIMIZERS[name]))
    return {"loss": out["loss"], "train_acc": out["train_acc"], "lr": lr}


def _compare_parts(params) -> list[Part]:
    if int(params["steps"]) < 6 or int(params["steps"]) > 5000:
        raise ValueError("steps must be between 6 and 5000")
    return [
        Part(name, functools.partial(losses, name), exercise=name, what=OPTIMIZERS[name])
        for name in _optimizer_names(params)
    ]


def render_compare(result, width, height, lang, color):
    names = list(result.data)
    labels = [f"{OPTIMIZERS[n]}{result.mark(n, lang)} lr={result.data[n]['lr']:g}" for n in names]
    key = plotting.key_lines(plotting.marked(labels), width)
    with plotting.figure(width, height - len(key)) as plt:
        longest = 1
        for i, name in enumerate(names):
            curve = plotting.finite(plotting.smooth(result.data[name]["loss"]))
            longest = max(longest, len(curve))
            plt.plot(list(range(1, len(curve) + 1)), curve, **plotting.style(i))
        plt.ylim(0, 1.3)
        plt.xticks(_round_ticks(longest))
        plt.title("training loss (smoothed)" if lang == "en" else "훈련 손실 (평활화)")
        plt.xlabel("iteration" if lang == "en" else "반복 횟수")
        text = plotting.build(width, height - len(key), color)
    return "\n".join([text, *key])


def _round_ticks(n: int) -> list[int]:
    step = max(1, int(10 ** np.floor(np.log10(max(n, 1) / 4))))
    step *= 2 if n / step > 8 else 1
    return list(range(0, n + 1, step))


def compare_findings(result) -> list[Text]:
    notes = [Text(
        en="A 2-50-50-50-3 ReLU network (He init) on 300 spiral points, mini-batches of 50, same start for all.",
        ko="나선형 데이터 300개, 2-50-50-50-3 ReLU 신경망(He 초깃값), 미니배치 50, 모두 같은 초깃값에서 시작합니다.",
    )]
    for name, d in result.data.items():
        loss = d["loss"]
        final = float(np.mean(loss[-20:])) if np.all(np.isfinite(loss[-20:])) else float("nan")
        notes.append(Text(
            en=f"{result.label(name, 'en')} (lr {d['lr']:g}): final loss {final:.3f}, "
            f"train accuracy {d['train_acc'][-1]:.0%}.",
            ko=f"{result.label(name, 'ko')}(학습률 {d['lr']:g}): 마지막 손실 {final:.3f}, "
            f"훈련 정확도 {d['train_acc'][-1]:.0%}.",
        ))
    return notes


OPTIMIZER_COMPARE = Lab(
    id="optimizer_compare",
    title=Text(en="Optimizers training a network", ko="신경망 학습에서 최적화 기법 비교"),
    concepts=("0101", "0102"),
    description=Text(
        en="The same small network trained on spirals with SGD, Momentum, AdaGrad and Adam, each with its "
        "book default learning rate (0.01, 0.01, 0.01, 0.001). As in the book's MNIST figure, SGD is the "
        "slowest here; on other problems the order changes: no optimizer wins everywhere.",
        ko="같은 작은 신경망을 나선형 데이터에서 SGD, 모멘텀, AdaGrad, Adam으로 학습시킵니다. 학습률은 책의 "
        "기본값(0.01, 0.01, 0.01, 0.001)입니다. 책의 MNIST 그림처럼 여기서는 SGD가 가장 느리지만, 문제가 "
        "바뀌면 순서도 바뀝니다. 모든 문제에서 항상 뛰어난 기법은 없습니다.",
    ),
    defaults={"steps": 600, "lr": None, "lrs": None, "optimizers": list(BOOK_FOUR)},
    parts=_compare_parts,
    render=render_compare,
    findings=compare_findings,
)
