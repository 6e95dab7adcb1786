"""Quiz: a run of questions (choice, numeric, symbolic, predict), one at a time, with feedback that explains.

Questions are instantiated and answers checked by `tutor.quiz` in a thread worker (SymPy can take a
moment). Every right or wrong answer is recorded; "could not read that" is not an attempt: the learner
simply answers again. The screen dismisses with a list of (question id, "right" | "wrong").
"""

from __future__ import annotations

import random
from functools import partial
from typing import Any

from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.content import Question
from tutor.text import Text
from tutor.screens.base import TutorScreen
from tutor.screens.nextstep import OffersNextStep
from tutor.widgets.footer import LocalFooter
from tutor.widgets.quizview import feedback_lines, inline_code


class QuizScreen(OffersNextStep, TutorScreen):
    BINDINGS = [
        Binding("escape", "leave", "back"),
        Binding("n", "next", "next"),  # shown once the question is answered
        Binding("c", "next_step", "next_step"),  # on the end screen; before it, `c` is the third option
        # A choice's letter (or number) answers it; only the options the question has.
        Binding("a,1", "pick(0)", show=False),
        Binding("b,2", "pick(1)", show=False),
        Binding("c,3", "pick(2)", show=False),
        Binding("d,4", "pick(3)", show=False),
        Binding("e,5", "pick(4)", show=False),
        Binding("f,6", "pick(5)", show=False),
    ]

    def __init__(
        self,
        questions: list[Question],
        *,
        title: Text,
        predict: bool = False,
        seed: int | None = None,
        session: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.questions = list(questions)
        self.seed = seed  # the review gives each showing its own seed: choices come in a new order
        self.session = session  # (i, n) of a review session: no "done" screen, the review moves on
        self.quiz_title = title
        self.predict = predict
        self.index = 0
        self.instance: Any = None
        self.verdict: Any = None
        self.answered = False
        self.results: list[tuple[str, str]] = []
        self._done = False

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Static(id="counter", classes="status", markup=False)
            yield Markdown(id="prompt")
            yield OptionList(id="choices")
            yield Input(id="answer")
            yield Static(id="hint-line", classes="muted", markup=False)
            yield Static(id="feedback", markup=False)
        yield LocalFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.answered and not self._done
        if action == "next_step":
            return self._done and self.step is not None
        if action == "pick":
            choices = self.instance.choices if self.instance is not None else ()
            return not self.answered and not self._done and int(parameters[0]) < len(choices)  # type: ignore[call-overload]
        return True

    def on_mount(self) -> None:
        if any(q.type == "symbolic" for q in self.questions):
            self.run_worker(self._warm_up, thread=True, group="warm-up", exit_on_error=False)
        self._prepare()

    @staticmethod
    def _warm_up() -> None:
        """Start SymPy's checking process now, so the first symbolic answer does not wait for it."""
        from tutor.quiz.symbolic import warm_up

        warm_up()

    @property
    def question(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    # -- showing -------------------------------------------------------------------------------------

    def relabel(self) -> None:
        key = "predict_title" if self.predict else "quiz_title"
        self.query_one("#title", Static).update(self.t(key, title=self.quiz_title.get(self.lang)))
        if self._done:
            self._render_end()
            return
        self._render_question()
        if self.verdict is not None:
            self._render_verdict()

    def _seed(self) -> int:
        base = self.tutor.seed if self.seed is None else self.seed
        return random.randrange(2**31) if base is None else base + self.index

    @work(thread=True, exclusive=True, group="quiz", exit_on_error=False)
    def _prepare(self) -> None:
        question = self.question
        if question is None:
            self.from_worker(self._finish)
            return
        try:
            from tutor.quiz import instantiate

            instance = instantiate(question, self._seed())
        except Exception as error:
            self.from_worker(partial(self.tutor.report_error, "while_question", id=question.id), error)
            instance = None
        self.from_worker(self._show_instance, instance)

    def _show_instance(self, instance: Any) -> None:
        self.instance, self.verdict, self.answered = instance, None, False
        self.query_one("#choices", OptionList).highlighted = None  # a new question starts at its first option
        self._render_question()
        self.refresh_bindings()
        feedback = self.query_one("#feedback", Static)
        feedback.update("")
        feedback.set_classes("")
        if instance is not None and instance.choices:
            self.query_one("#choices", OptionList).focus()
        else:
            answer = self.query_one("#answer", Input)
            answer.value = ""
            answer.focus()

    def _render_question(self) -> None:
        question = self.question
        if question is None:
            return
        if self.session is not None:
            self.query_one("#counter", Static).update(self.t("review_item", i=self.session[0], n=self.session[1]))
        else:
            self.query_one("#counter", Static).update(self.t("question_n", i=self.index + 1, n=len(self.questions)))
        instance = self.instance
        prompt = instance.prompt if instance is not None else question.prompt
        self.query_one("#prompt", Markdown).update(prompt.get(self.lang) if prompt else "")
        choices = instance.choices if instance is not None else ()
        options = self.query_one("#choices", OptionList)
        answer = self.query_one("#answer", Input)
        options.display = bool(choices)
        answer.display = not choices
        if choices:
            highlighted = options.highlighted
            options.clear_options()
            options.add_options(
                [Option(RichText(f"{'abcdef'[i]}) ") + inline_code(c.get(self.lang)), id=str(i)) for i, c in enumerate(choices)]
            )
            options.highlighted = highlighted if highlighted is not None else 0
            options.disabled = self.answered
        else:
            answer.placeholder = self.t("your_answer")
            answer.disabled = self.answered
        if choices:
            hint = self.t("pick_choice", last="abcdef"[len(choices) - 1], n=len(choices))
        else:
            hint = instance.input_hint.get(self.lang) if instance else ""
        self.query_one("#hint-line", Static).update(RichText(hint))

    def _render_verdict(self) -> None:
        verdict = self.verdict
        if verdict is None:
            return
        status = verdict.status
        lines = feedback_lines(verdict, self.lang)
        if status != "unreadable":
            lines.append(self.t("press_next"))
        # An unreadable answer's line quotes what the learner typed: shown exactly; the rest is course text.
        shown = RichText if status == "unreadable" else inline_code
        feedback = self.query_one("#feedback", Static)
        feedback.update(RichText("\n\n").join(shown(line) for line in lines if line))
        feedback.set_classes(status)
        self.query_one("#quiz-body", VerticalScroll).scroll_end(animate=False)

    # -- answering -----------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.answered and event.option.id is not None:
            self._submit(int(event.option.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answered:
            self.action_next()
        elif event.value.strip():
            self._submit(event.value)
        else:  # an empty answer: nothing to check, and the last message no longer applies
            self.verdict = None
            feedback = self.query_one("#feedback", Static)
            feedback.update("")
            feedback.set_classes("")

    def action_pick(self, index: int) -> None:
        choices = self.instance.choices if self.instance is not None else ()
        if not self.answered and 0 <= index < len(choices):
            self.query_one("#choices", OptionList).highlighted = index
            self._submit(index)

    def _submit(self, answer: Any) -> None:
        if self.instance is None:
            return
        feedback = self.query_one("#feedback", Static)
        feedback.update(self.t("checking"))
        feedback.set_classes("")
        self._check(answer)

    @work(thread=True, exclusive=True, group="quiz", exit_on_error=False)
    def _check(self, answer: Any) -> None:
        question = self.question
        if question is None:
            return
        try:
            from tutor.quiz import check

            verdict = check(self.instance, answer)
        except Exception as error:
            self.from_worker(partial(self.tutor.report_error, "while_checking", id=question.id), error)
            return
        status = verdict.status
        if status in ("right", "wrong"):
            self.tutor.record("quiz", question.id, question.concept, status, answer=self._recorded(answer), type=question.type)
        self.from_worker(self._show_verdict, verdict)

    def _recorded(self, answer: Any) -> str:
        """The answer as the history keeps it: for a choice, the question's own index of the option (the
        order it was shown in changes with every showing), so a record means the same option forever."""
        order = self.instance.order if self.instance is not None else ()
        if isinstance(answer, int) and 0 <= answer < len(order):
            return str(order[answer])
        return str(answer)

    def _show_verdict(self, verdict: Any) -> None:
        self.verdict = verdict
        status = verdict.status
        if status in ("right", "wrong") and self.question is not None:
            self.answered = True
            self.results.append((self.question.id, status))
            self.query_one("#choices", OptionList).disabled = True
            self.query_one("#answer", Input).disabled = True
            self.query_one("#quiz-body").focus()  # away from the input, so `n` and enter move on
        self._render_verdict()
        self.refresh_bindings()

    def action_next(self) -> None:
        if not self.answered:
            return
        if self.session is not None and self.index + 1 >= len(self.questions):
            self.dismiss(self.results)  # the review session goes straight on to its next item
            return
        self.index += 1
        self._prepare()

    def _finish(self) -> None:
        self.answered = False
        self._done = True
        if not self.predict:  # a predict quiz leads to its exercise (the caller opens it): no other step
            self.find_next_step()
        self._render_end()
        self.query_one("#quiz-body").focus()
        self.refresh_bindings()

    def _render_end(self) -> None:
        """The end screen: the score, then what comes next (the exercise after a predict quiz, or the
        course's next step)."""
        right = sum(1 for _, status in self.results if status == "right")
        self.query_one("#counter", Static).update("")
        self.query_one("#prompt", Markdown).update(f"**{self.t('quiz_done', right=right, n=len(self.results))}**")
        self.query_one("#choices", OptionList).display = False
        self.query_one("#answer", Input).display = False
        step = self.next_step_text()
        if self.predict:
            keys: Any = self.t("predict_done_keys")
        else:
            keys = self.t("quiz_done_keys") if step is None else step
        self.query_one("#hint-line", Static).update(keys)
        self.query_one("#feedback", Static).update("")
        self.query_one("#feedback", Static).set_classes("")

    def key_enter(self, event) -> None:
        # An Enter spent here is stopped: otherwise, once this screen has closed, the app would still
        # look up the key's binding on the screen below (the review's "enter") and run it too.
        if self._done:
            event.stop()
            self.dismiss(self.results)
        elif self.answered:
            event.stop()
            self.action_next()

    def action_leave(self) -> None:
        self.dismiss(self.results)
