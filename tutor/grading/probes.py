"""Probes: trusted functions run in the sandbox's child that call the learner's code and return raw outputs."""
import numpy as np

from tutor.grading.probe_api import attempt, entry


def call(module, name, args):
    """Call the learner's function `name` with positional `args`; return its value (labs and tests use it)."""
    function = entry(module, name, "function")
    value, error = attempt(module, lambda: function(*args))
    return {"value": value, "error": error}


def _snapshot(value):
    """A float64 copy of what the learner left in params/grads, or the name of its type if not array-like."""
    if value is None:
        return "<None>"
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        return f"<{type(value).__name__}>"
    return arr if arr.ndim else arr.reshape(1)


def _same(a, b):
    return isinstance(a, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


def optimizer(module, cls, cases):
    """Run the learner's optimizer class on each case: construct with kwargs, update step by step.

    A case is {"kwargs", "params": {key: array}, "grads": [{key: array} per step]}. For every step the
    probe records the parameter values, which keys were rebound to new objects (instead of being updated
    in place) and which gradients the update changed.
    """
    Optimizer = entry(module, cls)
    return {"cases": [_optimizer_case(module, Optimizer, case) for case in cases]}


def _optimizer_case(module, Optimizer, case):
    opt, error = attempt(module, lambda: Optimizer(**case["kwargs"]))
    if error:
        return {"error": error, "step": 0, "steps": []}
    params = {key: value.copy() for key, value in case["params"].items()}
    originals = dict(params)
    steps = []
    for number, given in enumerate(case["grads"], 1):
        grads = {key: g.copy() for key, g in given.items()}
        _, error = attempt(module, lambda: opt.update(params, grads))
        if error:
            return {"error": error, "step": number, "steps": steps}
        steps.append(
            {
                "params": {key: _snapshot(params.get(key)) for key in originals},
                "rebound": [key for key in originals if params.get(key) is not originals[key]],
                "grads_changed": [key for key in given if not _same(grads.get(key), given[key])],
            }
        )
    return {"error": None, "step": 0, "steps": steps}


def _plain(value):
    """What a learner's function returned, as data the codec can send: floats, float arrays, lists, dicts."""
    if value is None or isinstance(value, str):
        return None if value is None else "<str>"
    if isinstance(value, (bool, int, float, np.number, np.bool_)):
        return float(value)
    if isinstance(value, np.ndarray):
        return _snapshot(value) if value.ndim else float(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return f"<{type(value).__name__}>"


def _copy(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _unchanged(before, after):
    if isinstance(before, np.ndarray):
        return _same(after, before)
    if isinstance(before, dict):
        return isinstance(after, dict) and after.keys() == before.keys() and all(_unchanged(before[k], after[k]) for k in before)
    if isinstance(before, list):
        return isinstance(after, list) and len(after) == len(before) and all(map(_unchanged, before, after))
    return before == after


def calls(module, calls):
    """Call the learner's functions: each call is {"fn", "args", "kwargs"}.

    Returns per call the value (as plain data) or the error, whether the call changed any of its inputs,
    and which arguments it returned as the very same object.
    """
    out = []
    for call in calls:
        function = entry(module, call["fn"], "function")
        args = [_copy(a) for a in call["args"]]
        kwargs = {k: _copy(v) for k, v in call.get("kwargs", {}).items()}
        value, error = attempt(module, lambda: function(*args, **kwargs))
        out.append(
            {
                "value": None if error else _plain(value),
                "error": error,
                "changed_inputs": not (all(map(_unchanged, call["args"], args)) and _unchanged(call.get("kwargs", {}), kwargs)),
                "returned_input": [i for i, a in enumerate(args) if value is a and not isinstance(a, (int, float))],
            }
        )
    return {"calls": out}


def layer(module, cls, cases):
    """Drive the learner's layer class (Dropout, BatchNormalization) through scripted calls.

    A case is {"kwargs": constructor arguments, "steps": [...]}, each step one of
    {"forward": x, "train": True | False | None (leave the default)}, {"backward": dout}, or
    {"attr": name} (read an attribute the layer set, e.g. dgamma). A fresh instance per case.
    """
    Layer = entry(module, cls)
    results = []
    for case in cases:
        layer_, error = attempt(module, lambda: Layer(**case["kwargs"]))
        record = {"error": error, "step": 0, "outputs": []}
        if error is None:
            for number, step in enumerate(case["steps"], 1):
                if "forward" in step:
                    if step.get("train") is None:
                        call = lambda: layer_.forward(step["forward"].copy())
                    else:
                        # positionally: the book names the flag train_flg, some notes write train_flag
                        call = lambda: layer_.forward(step["forward"].copy(), step["train"])
                elif "backward" in step:
                    call = lambda: layer_.backward(step["backward"].copy())
                else:
                    call = lambda: getattr(layer_, step["attr"])
                value, error = attempt(module, call)
                if error:
                    record.update(error=error, step=number)
                    break
                record["outputs"].append(_plain(value))
        results.append(record)
    return {"cases": results}


def ensemble(module, cases):
    """Call the learner's ensemble_predict with linear or tanh models built here; count calls per model."""
    predict = entry(module, "ensemble_predict", "function")
    out = []
    for case in cases:
        counts = [0] * len(case["weights"])

        def model(i, W, squash):
            def run(x):
                counts[i] += 1
                y = x @ W
                return np.tanh(y) if squash else y

            return run

        models = [model(i, W, case["tanh"]) for i, W in enumerate(case["weights"])]
        value, error = attempt(module, lambda: predict(models, case["x"].copy()))
        out.append({"value": None if error else _plain(value), "error": error, "counts": counts})
    return {"cases": out}
