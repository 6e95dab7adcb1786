"""Judges of ensemble, validation_split and random_search.

ensemble: values against the reference on models built in the child (linear or tanh layers).
validation_split: properties of the returned arrays — rows are tagged with their index, so sizes,
completeness, pairs and shuffling can be read off exactly. The validation part has exactly int(N · rate)
rows (the contract, as in the book's code); 49 rows at 0.3 (14.7) tell it from round and ceil (15). Shuffling is tested on 100 rows split 70/30:
for a uniformly random permutation the validation rows are exactly the first (or last) 30 with
probability 1/C(100, 30) ≈ 3.4e-26, the training rows come out sorted with probability 1/70!, and two
calls give the same validation set with probability 1/C(100, 30): no correct solution ever fails.
random_search: samples are tested with the Dvoretzky–Kiefer–Wolfowitz inequality (Massart's constant):
for n samples of a continuous distribution, P(sup |F_n − F| > ε) ≤ 2·exp(−2nε²). With n = 20000 and
ε = √(ln(2/α)/(2n)), α = 1e-8 (ε ≈ 0.022), each of the two log-uniform tests fails a correct solution
with probability at most 1e-8. The same test, run against the distributions of the classic mistakes
(linear sampling; mixing log bases), names the mistake.
"""

from __future__ import annotations

import math

import numpy as np

import tutor.reference as reference
from tutor.grading import probes
from tutor.grading import variants as known
from tutor.grading.judges import Judge, Verdict
from tutor.grading.judges.common import error_text, first_difference, kind, run_variants, same
from tutor.grading.results import PASS, Outcome, T, num


def _a(rows) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def _first_failure(outcomes: dict, order: tuple) -> object:
    return next((outcomes[k].message for k in order if outcomes[k].status != "pass"), None)


# -- ensemble -----------------------------------------------------------------------------------------


class EnsembleJudge(Judge):
    exercise = "ensemble"
    concept = "0113"
    checks = ("two_models", "one_model", "many_models", "every_model")
    probe = "tutor.grading.probes:ensemble"

    def build(self, rng) -> dict:
        return {
            "cases": [
                {"check": "two_models", "weights": [_a([[1.0], [0.0]]), _a([[3.0], [2.0]])], "x": _a([[1.0, 1.0]]), "tanh": False},
                {"check": "one_model", "weights": [rng.standard_normal((3, 2))], "x": rng.standard_normal((4, 3)), "tanh": True},
                {"check": "many_models", "weights": [rng.standard_normal((3, 2)) for _ in range(5)], "x": rng.standard_normal((4, 3)), "tanh": True},
            ]
        }

    def judge(self, args: dict, outputs: dict) -> Verdict:
        cases = [{k: v for k, v in c.items() if k != "check"} for c in args["cases"]]
        mine = outputs["cases"]
        ref = probes.ensemble(reference, cases)["cases"]
        outcomes = {}
        for case, raw, got, want in zip(cases, args["cases"], mine, ref, strict=True):
            where = self._describe(case)
            if got["error"]:
                outcomes[raw["check"]] = Outcome("error", error_text(got["error"], where, where))
                continue
            diff = first_difference(got["value"], want["value"], 1e-9, 1e-12, "ensemble_predict(models, x)")
            outcomes[raw["check"]] = Outcome("fail", T(f"{diff.en}. Case: {where}", f"{diff.ko}. 사례: {where}")) if diff else PASS
        unused = next(((i, c) for i, c in enumerate(mine) if not c["error"] and min(c["counts"]) == 0), None)
        outcomes["every_model"] = (
            Outcome("error", T("not checked: every call raised an error", "확인하지 못함: 모든 호출에서 오류가 났습니다"))
            if all(c["error"] for c in mine)
            else PASS
            if unused is None
            else Outcome(
                "fail",
                T(
                    f"in case {unused[0] + 1}, model {unused[1]['counts'].index(0) + 1} was never called: every model must predict",
                    f"{unused[0] + 1}번째 사례에서 {unused[1]['counts'].index(0) + 1}번째 모델이 한 번도 호출되지 않았습니다. 모든 모델이 예측해야 합니다",
                ),
            )
        )
        diagnosis = []
        if any(o.status == "fail" for o in outcomes.values()):
            diagnosis = run_variants(
                self.exercise,
                lambda module: [c["value"] for c in probes.ensemble(module, cases)["cases"]],
                [c["value"] for c in mine],
                [c["value"] for c in ref],
                lambda a, b: same(a, b, 1e-9, 1e-12),
            )
        return Verdict(outcomes, diagnosis, _first_failure(outcomes, self.checks))

    def _describe(self, case: dict) -> str:
        kind = "x @ W" if not case["tanh"] else "tanh(x @ W)"
        if case["x"].size <= 2:
            ws = ", ".join(np.array2string(w, separator=", ").replace("\n", "") for w in case["weights"])
            return f"models {kind} with W = {ws}; x = {np.array2string(case['x'], separator=', ')}"
        return f"{len(case['weights'])} model(s) {kind}, W of shape {case['weights'][0].shape}, x of shape {case['x'].shape}"


# -- validation_split ---------------------------------------------------------------------------------


class SplitJudge(Judge):
    exercise = "validation_split"
    concept = "0114"
    checks = ("sizes", "complete", "pairs", "shuffled", "defaults")
    probe = "tutor.grading.probes:calls"

    def build(self, rng) -> dict:
        def data(n):
            ids = np.arange(n, dtype=np.float64)
            x = np.column_stack([ids, 100 + 0.5 * ids, rng.standard_normal(n)])
            return x, 10 * ids + 7

        x, t = data(100)
        x50, t50 = data(50)
        x49, t49 = data(49)  # 49 · 0.3 = 14.7: int gives 14, round and ceil give 15
        return {
            "calls": [
                {"fn": "split_validation", "args": [x, t, 0.3]},
                {"fn": "split_validation", "args": [x, t, 0.3]},
                {"fn": "split_validation", "args": [x50, t50]},
                {"fn": "split_validation", "args": [x49, t49, 0.3]},
            ]
        }

    def judge(self, args: dict, outputs: dict) -> Verdict:
        calls = args["calls"]
        mine = outputs["calls"]
        for call, got in zip(calls, mine):
            if got["error"]:
                where = _split_call(call)
                failure = Outcome("error", error_text(got["error"], where, where))
                return Verdict({c: failure for c in self.checks}, [], failure.message)
        found: list[str] = []
        parts = []
        for call, got in zip(calls, mine):
            problem = _four_arrays(got["value"], call)
            if problem:
                failure = Outcome("fail", problem)
                sklearn = _sklearn_order(got["value"])
                return Verdict({c: failure for c in self.checks}, [known.by_id(self.exercise, "sklearn_order").diagnosis()] if sklearn else [], problem)
            parts.append(got["value"])
        sizes = self._sizes(calls[0], parts[0], found)
        outcomes = {
            "sizes": sizes if sizes.status != "pass" else self._sizes(calls[3], parts[3], found),
            "complete": self._complete(calls[0], parts[0], found),
            "pairs": self._pairs(calls[0], parts[0], found),
        }
        outcomes["shuffled"] = self._shuffled(calls[0], parts[0], parts[1], found) if outcomes["complete"].status == "pass" else Outcome(
            "fail", T("not checked: the split is not complete", "확인하지 못함: 분할이 완전하지 않습니다")
        )
        outcomes["defaults"] = self._sizes(calls[2], parts[2], [])
        diagnosis = [known.by_id(self.exercise, v).diagnosis() for v in dict.fromkeys(found)]
        return Verdict(outcomes, diagnosis, _first_failure(outcomes, self.checks))

    def _sizes(self, call, part, found) -> Outcome:
        x, t = call["args"][0], call["args"][1]
        rate = call["args"][2] if len(call["args"]) > 2 else 0.2
        n = len(x)
        x_train, t_train, x_val, t_val = part
        want = int(n * rate)  # the stated contract, as the book's code computes it: the fraction is dropped
        ok = (
            len(x_val) == want
            and len(x_train) == n - len(x_val)
            and len(t_train) == len(x_train)
            and len(t_val) == len(x_val)
            and x_train.shape[1:] == x.shape[1:]
            and x_val.shape[1:] == x.shape[1:]
        )
        if ok:
            return PASS
        if len(x_val) == n - want:
            found.append("swapped_sizes")
        elif len(x_val) in {round(n * rate), math.ceil(n * rate)}:
            found.append("rounds_size_up")
        return Outcome(
            "fail",
            T(
                f"{_split_call(call)} returned {len(x_train)} training and {len(x_val)} validation rows; expected "
                f"{n - want} and {want} = int({n} · {num(rate)}) = int({num(n * rate)})",
                f"{_split_call(call)}이(가) 훈련 {len(x_train)}행, 검증 {len(x_val)}행을 돌려줬습니다. "
                f"{n - want}행과 {want}행이어야 합니다: int({n} · {num(rate)}) = int({num(n * rate)})",
            ),
        )

    def _complete(self, call, part, found) -> Outcome:
        x = call["args"][0]
        rows = np.concatenate([part[0], part[2]])
        ids = rows[:, 0]
        whole = np.array_equal(np.sort(ids), np.arange(len(x))) and np.array_equal(rows, x[ids.astype(int)])
        if whole:
            return PASS
        return Outcome(
            "fail",
            T(
                "the training and validation rows together must be exactly the rows of x, each once (no row lost, repeated or altered)",
                "훈련 행과 검증 행을 합치면 x의 행이 정확히 한 번씩 있어야 합니다(빠지거나, 겹치거나, 바뀐 행 없이)",
            ),
        )

    def _pairs(self, call, part, found) -> Outcome:
        x_train, t_train, x_val, t_val = part
        pairs = np.array_equal(x_train[:, 0] * 10 + 7, t_train) and np.array_equal(x_val[:, 0] * 10 + 7, t_val)
        if pairs:
            return PASS
        t = call["args"][1]
        if np.array_equal(np.sort(np.concatenate([t_train, t_val])), np.sort(t)):
            found.append("shuffles_separately")
        return Outcome(
            "fail",
            T(
                "x and t no longer match row by row: a row of x must keep its own label. Shuffle both with the same permutation",
                "x와 t의 행이 더 이상 짝이 맞지 않습니다. x의 각 행은 자신의 정답 레이블을 유지해야 합니다. 같은 순열로 둘 다 섞으세요",
            ),
        )

    def _shuffled(self, call, part, again, found) -> Outcome:
        n = len(call["args"][0])
        val = set(part[2][:, 0].astype(int))
        k = len(val)
        edge = val in ({*range(k)}, {*range(n - k, n)})
        sorted_train = bool(np.all(np.diff(part[0][:, 0]) > 0))
        same_twice = val == set(again[2][:, 0].astype(int))
        if not (edge or sorted_train or same_twice):
            return PASS
        if edge or sorted_train:
            found.append("not_shuffled")
            return Outcome(
                "fail",
                T(
                    "the rows are not shuffled: the validation rows are "
                    + ("the first or last rows of x" if edge else "taken in order")
                    + ". Datasets are often sorted (e.g. by label), so shuffle before splitting",
                    "행을 섞지 않았습니다. 검증 행이 "
                    + ("x의 처음이나 마지막 행입니다" if edge else "순서대로 뽑혔습니다")
                    + ". 데이터는 (예를 들어 레이블 순으로) 정렬되어 있는 경우가 많으니 나누기 전에 섞으세요",
                ),
            )
        return Outcome(
            "fail",
            T(
                "two calls gave the same validation rows: shuffle with fresh random numbers on every call (no fixed seed)",
                "두 번 호출했는데 검증 행이 같습니다. 호출할 때마다 새 난수로 섞으세요(고정 시드 없이)",
            ),
        )


def _split_call(call: dict) -> str:
    x = call["args"][0]
    rate = f", {num(call['args'][2])}" if len(call["args"]) > 2 else ""
    return f"split_validation(x of {len(x)} rows, t{rate})"


def _sklearn_order(value) -> bool:
    """True if the four arrays came back as (x_train, x_val, t_train, t_val), scikit-learn's order."""
    return (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(v, np.ndarray) for v in value)
        and [v.ndim for v in value] == [2, 2, 1, 1]
    )


def _four_arrays(value, call):
    ok = isinstance(value, list) and len(value) == 4 and all(isinstance(v, np.ndarray) and v.ndim >= 1 for v in value)
    if ok and value[0].ndim == 2 and value[2].ndim == 2:
        return None
    if _sklearn_order(value):
        return T(
            f"{_split_call(call)} returned (x_train, x_val, t_train, t_val), the order of scikit-learn's train_test_split; "
            "this exercise, like the book, expects (x_train, t_train, x_val, t_val)",
            f"{_split_call(call)}이(가) scikit-learn의 train_test_split 순서인 (x_train, x_val, t_train, t_val)로 돌려줬습니다. "
            "이 실습은 책처럼 (x_train, t_train, x_val, t_val) 순서를 기대합니다",
        )
    return T(
        f"{_split_call(call)} must return four arrays in the order (x_train, t_train, x_val, t_val), got {kind(value)}",
        f"{_split_call(call)}은(는) 배열 네 개를 (x_train, t_train, x_val, t_val) 순서로 돌려줘야 하는데 {kind(value, 'ko')}입니다",
    )


# -- random_search ------------------------------------------------------------------------------------

ALPHA = 1e-8


def dkw_distance(u: np.ndarray) -> float:
    """sup |F_n(u) − u| of samples u against the uniform distribution on [0, 1]."""
    u = np.sort(np.asarray(u, dtype=np.float64))
    n = u.size
    i = np.arange(1, n + 1)
    return float(max(np.max(i / n - u), np.max(u - (i - 1) / n)))


def dkw_bound(n: int, alpha: float = ALPHA) -> float:
    return math.sqrt(math.log(2 / alpha) / (2 * n))


def _log_uniform_u(s, low, high):
    return (np.log10(s) - math.log10(low)) / (math.log10(high) - math.log10(low))


class SearchJudge(Judge):
    exercise = "random_search"
    concept = "0115"
    checks = ("range", "log_uniform", "narrow", "top_k")
    probe = "tutor.grading.probes:calls"

    def build(self, rng) -> dict:
        values = 10 ** rng.uniform(-5, -1, 30)
        scores = rng.permutation(30) / 30.0
        hand_v = _a([1e-3, 1e-2, 1e-1, 1e-4, 3e-3, 5e-2, 2e-4])
        hand_s = _a([0.5, 0.9, 0.2, 0.1, 0.8, 0.7, 0.3])
        return {
            "calls": [
                {"fn": "sample_log_uniform", "args": [1e-6, 1e-2, 20000]},
                {"fn": "sample_log_uniform", "args": [0.1, 1000.0, 20000]},
                {"fn": "sample_log_uniform", "args": [1e-3, 1e-1, 3]},
                {"fn": "narrow_range", "args": [hand_v, hand_s]},
                {"fn": "narrow_range", "args": [values, scores]},
                {"fn": "narrow_range", "args": [hand_v, hand_s, 2]},
            ]
        }

    def judge(self, args: dict, outputs: dict) -> Verdict:
        calls = args["calls"]
        mine = outputs["calls"]
        found: list[str] = []
        outcomes = {"range": PASS, "log_uniform": PASS}
        for call, got in zip(calls[:3], mine[:3]):
            low, high, size = call["args"]
            where = f"sample_log_uniform({num(low)}, {num(high)}, {size})"
            if got["error"]:
                outcomes["range"] = outcomes["log_uniform"] = Outcome("error", error_text(got["error"], where, where))
                break
            s = got["value"]
            if isinstance(s, list) and all(isinstance(v, float) for v in s):
                s = np.array(s)  # a list of numbers is as good as an array here
            if not isinstance(s, np.ndarray) or s.shape != (size,):
                got_en = f"shape {s.shape}" if isinstance(s, np.ndarray) else kind(s)
                got_ko = f"형상이 {s.shape}" if isinstance(s, np.ndarray) else kind(s, "ko")
                outcomes["range"] = Outcome("fail", T(f"{where} must return an array of shape ({size},), got {got_en}", f"{where}는 형상이 ({size},)인 배열을 돌려줘야 하는데 {got_ko}입니다"))
                break
            if not (np.all(s >= low) and np.all(s <= high)):
                bad = s[(s < low) | (s > high) | np.isnan(s)][0]
                outcomes["range"] = Outcome("fail", T(f"{where} returned {num(bad)}, outside [{num(low)}, {num(high)}]", f"{where}가 [{num(low)}, {num(high)}] 밖의 값 {num(bad)}를 돌려줬습니다"))
                self._which_mistake(s, low, high, found)
                break
            if size >= 1000:
                distance = dkw_distance(_log_uniform_u(s, low, high))
                if distance > dkw_bound(size):
                    self._which_mistake(s, low, high, found)
                    outcomes["log_uniform"] = Outcome(
                        "fail",
                        T(
                            f"the samples of {where} are not log-uniform: their log10 should be spread evenly between "
                            f"{math.log10(low):g} and {math.log10(high):g} (largest gap between the spread of your samples "
                            f"and an even spread: {distance:.3f}, allowed {dkw_bound(size):.3f})",
                            f"{where}의 표본이 로그 균등분포가 아닙니다. log10 값이 {math.log10(low):g}와 {math.log10(high):g} 사이에 "
                            f"고르게 퍼져야 합니다(고른 분포와의 최대 차이 {distance:.3f}, 허용 {dkw_bound(size):.3f})",
                        ),
                    )
                    break
        ref = probes.calls(reference, calls[3:])["calls"]
        outcomes["narrow"] = self._narrow(calls[3:5], mine[3:5], ref[:2])
        outcomes["top_k"] = self._narrow(calls[5:], mine[5:], ref[2:])
        diagnosis = [known.by_id(self.exercise, v).diagnosis() for v in dict.fromkeys(found)]
        if outcomes["narrow"].status == "fail" or outcomes["top_k"].status == "fail":
            diagnosis += run_variants(
                self.exercise,
                lambda module: [c["value"] for c in probes.calls(module, calls[3:])["calls"]],
                [c["value"] for c in mine[3:]],
                [c["value"] for c in ref],
                lambda a, b: same(a, b, 1e-12, 0),
            )
        return Verdict(outcomes, diagnosis, _first_failure(outcomes, self.checks))

    def _which_mistake(self, s: np.ndarray, low: float, high: float, found: list) -> None:
        bound = dkw_bound(s.size)
        if np.all((s >= low) & (s <= high)) and dkw_distance((s - low) / (high - low)) <= bound:
            found.append("linear_sampling")
            return
        with np.errstate(all="ignore"):
            mixed = (
                (np.log(s) - math.log10(low)) / (math.log10(high) - math.log10(low)),  # exp of a log10-uniform draw
                (np.log10(s) - math.log(low)) / (math.log(high) - math.log(low)),  # 10 ** a ln-uniform draw
            )
        if any(np.all((u >= 0) & (u <= 1)) and dkw_distance(u) <= bound for u in mixed):
            found.append("natural_log")

    def _narrow(self, calls, mine, ref) -> Outcome:
        for call, got, want in zip(calls, mine, ref):
            v, sc = call["args"][0], call["args"][1]
            k = f", top_k={call['args'][2]}" if len(call["args"]) > 2 else ""
            where = f"narrow_range(values={_short(v)}, scores={_short(sc)}{k})"
            if got["error"]:
                return Outcome("error", error_text(got["error"], where, where))
            diff = first_difference(got["value"], want["value"], 1e-12, 0, "(low, high)")
            if diff:
                return Outcome("fail", T(f"{diff.en}. Case: {where}", f"{diff.ko}. 사례: {where}"))
        return PASS


def _short(a: np.ndarray) -> str:
    return "[" + ", ".join(num(x) for x in a) + "]" if a.size <= 8 else f"<{a.size} values>"


def judge_for(exercise_id: str) -> Judge:
    return {"ensemble": EnsembleJudge, "validation_split": SplitJudge, "random_search": SearchJudge}[exercise_id]()
