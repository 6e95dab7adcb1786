"""How a quiz question and its verdict read on screen: prompt, choices, feedback lines, the right answer.

Fixed questions carry their prompt and choices in the course data; generated ones (numeric, and
predict questions that name a generator) get them from the `tutor.quiz` instance. These functions pick
whichever is there, so the quiz screen does not care which kind it shows.
"""

from __future__ import annotations

from typing import Any

from tutor.content import Question, Text


def _text(value: Any) -> Text | None:
    if isinstance(value, Text):
        return value
    if isinstance(value, str) and value:
        return Text(value, value)
    return None


def instance_prompt(question: Question, instance: Any) -> Text | None:
    return _text(getattr(instance, "prompt", None)) or question.prompt


def instance_choices(question: Question | None, instance: Any) -> tuple[Text, ...]:
    if question is None or question.type not in ("choice", "predict"):
        return ()
    generated = getattr(instance, "choices", None)
    if generated:
        return tuple(t for t in (_text(c.text if hasattr(c, "text") else c) for c in generated) if t)
    return tuple(c.text for c in question.choices)


def answer_text(question: Question, instance: Any, lang: str) -> str:
    """The right answer in words, shown after a wrong one."""
    choices = instance_choices(question, instance)
    answer = getattr(instance, "answer", question.answer)
    if choices and isinstance(answer, int) and 0 <= answer < len(choices):
        return choices[answer].get(lang)
    shown = _text(getattr(instance, "answer_text", None))
    if shown:
        return shown.get(lang)
    return "" if answer is None else str(answer)


def feedback_lines(question: Question, instance: Any, verdict: Any, lang: str, answer: Any) -> list[str]:
    """What the verdict explains: the verdict's own message, the misconception of a wrong choice, the
    explanation or worked solution."""
    lines: list[str] = []
    message = _text(getattr(verdict, "message", None))
    if message:
        lines.append(message.get(lang))
    status = getattr(verdict, "status", "wrong")
    if status == "unreadable":
        return lines
    choices = question.choices
    if status == "wrong" and isinstance(answer, int) and 0 <= answer < len(choices) and choices[answer].why:
        why = choices[answer].why.get(lang)
        if why not in lines:
            lines.append(why)
    explanation = _text(getattr(verdict, "explanation", None)) or _text(getattr(instance, "explanation", None))
    explanation = explanation or question.explanation
    if explanation and explanation.get(lang) not in lines:
        lines.append(explanation.get(lang))
    return lines
