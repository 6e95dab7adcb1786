"""Known-wrong variants: the classic mistakes, written as learner files, each with its diagnosis.

`variants/<exercise>/<variant id>.py` is a learner-style file with the mistake in it and a `VARIANT` dict:
`concept` (the number to revisit), `en` / `ko` (the diagnosis in plain words) and `match`:
- "run": the judge runs the file's code on the same inputs as the learner's (in this process: it is our
  code) and names the variant when the learner's outputs match its outputs;
- "property": the judge recognises the mistake from a property (a rebound array, a mask reused, ...).
The self-test grades every file as a learner's submission and expects its own id in the diagnosis.

Mistakes that every optimizer can make (a hard-coded hyperparameter, rebinding `params[key]`, changing
`grads`) also have generic messages here, used when an exercise has no file of its own for them.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from tutor.text import Text
from tutor.grading.results import Diagnosis

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Variant:
    exercise: str
    id: str
    concept: str
    message: Text
    match: str  # "run" | "property"
    module: ModuleType

    def diagnosis(self) -> Diagnosis:
        return Diagnosis(variant=self.id, concept=self.concept, message=self.message)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tutor_variant_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=None)
def variants(exercise_id: str) -> tuple[Variant, ...]:
    """Every known-wrong variant of an exercise, in file-name order."""
    found = []
    for path in sorted((_HERE / exercise_id).glob("*.py")):
        module = _load(path)
        meta = module.VARIANT
        found.append(
            Variant(
                exercise=exercise_id,
                id=path.stem,
                concept=meta["concept"],
                message=Text(en=meta["en"], ko=meta["ko"]),
                match=meta.get("match", "run"),
                module=module,
            )
        )
    return tuple(found)


def by_id(exercise_id: str, variant_id: str) -> Variant | None:
    return next((v for v in variants(exercise_id) if v.id == variant_id), None)


def diagnose(exercise_id: str, variant_id: str, concept: str, **fill: str) -> Diagnosis:
    """The diagnosis for a variant: its file's words if the exercise has one, else the generic words."""
    variant = by_id(exercise_id, variant_id)
    if variant is not None:
        return variant.diagnosis()
    key = "hardcoded" if variant_id.startswith("hardcoded_") else variant_id
    en, ko = GENERIC[key]
    fill["concept"] = concept
    return Diagnosis(variant=variant_id, concept=concept, message=Text(en=en.format(**fill), ko=ko.format(**fill)))


GENERIC = {
    "hardcoded": (
        "your {cls} ignores the {kw} it is given: it behaves as if {kw} were always {default}. "
        "Store the constructor's argument (self.{kw} = {kw}) and use it in update.",
        "{cls}이(가) 전달받은 {kw}를 쓰지 않고 항상 {kw}={default}인 것처럼 동작합니다. "
        "생성자 인수를 저장(self.{kw} = {kw})해서 update에서 사용하세요.",
    ),
    "rebinds_params": (
        "your {cls} gives params[key] a new array (params[key] = ...) instead of changing the existing one "
        "(params[key] -= ... or [...] in place). The book's layers hold those same arrays, so with a new "
        "array they never see the update and training silently stops.",
        "{cls}이(가) 기존 배열을 고치지 않고 params[key]에 새 배열을 대입합니다(params[key] = ...). "
        "책의 계층들은 바로 그 배열 객체를 들고 있어서, 새 배열을 만들면 갱신이 전달되지 않고 학습이 조용히 멈춥니다. "
        "params[key] -= ... 처럼 제자리(in place)에서 바꾸세요.",
    ),
    "mutates_grads": (
        "your {cls} changes the arrays in grads. The gradients belong to the network (they are read again, "
        "e.g. for logging or another optimizer); compute into new arrays or into the state instead.",
        "{cls}이(가) grads의 배열을 바꿉니다. 기울기는 신경망의 것이라 다른 곳에서 다시 읽힐 수 있습니다. "
        "새 배열이나 옵티마이저의 상태에 계산하세요.",
    ),
}
