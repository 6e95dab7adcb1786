"""What every screen shares: the app's language, translation, error guarding and a localised footer.

A screen redraws its words in `relabel()`, which runs once mounted and again whenever the learner
switches language. Thread workers hand results back with `from_worker(callback, ...)`, a message. `guarded(...)` wraps anything that touches the core so that a failure becomes a
notification and a log line, and the screen carries on.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator

from textual.message import Message
from textual.screen import ModalScreen, Screen

from tutor.widgets.i18n import tr

if TYPE_CHECKING:
    from tutor.app import TutorApp


class Call(Message, bubble=False):  # run once, by the node it was posted to
    """Run `callback(*args)` on the UI thread. Workers post it and never wait for it, so a worker
    finishing while its screen closes (or the app quits) cannot block."""

    def __init__(self, callback: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.callback = callback
        self.args = args


class Localised:
    """Mixin for screens: `self.t(key)`, `self.lang`, `self.tutor`, and relabel on language change."""

    @property
    def tutor(self) -> "TutorApp":
        return self.app  # type: ignore[attr-defined,return-value]

    @property
    def lang(self) -> str:
        return self.tutor.lang

    def t(self, key: str, **values: object) -> str:
        return tr(key, self.lang, **values)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)  # type: ignore[attr-defined]
        self.relabel()

    def _language_changed(self, _lang: str) -> None:
        self.relabel()
        self.refresh_bindings()  # type: ignore[attr-defined]  # the footer redraws in the new language

    def relabel(self) -> None:
        """Write the screen's words in the current language."""

    def from_worker(self, callback: Callable[..., Any], *args: Any) -> None:
        """Thread-safe: have `callback(*args)` run on the UI thread soon."""
        self.post_message(Call(callback, *args))  # type: ignore[attr-defined]

    def on_call(self, message: Call) -> None:
        message.callback(*message.args)

    @contextmanager
    def guarded(self, what: str, **values: object) -> Iterator[None]:
        """`what`: the i18n key of what is being done ("while_lab", id=...), named in the notice."""
        try:
            yield
        except Exception as error:  # a boundary: the learner sees a line, the log gets the traceback
            self.tutor.report_error(what, error, **values)


class TutorScreen(Localised, Screen):
    pass


class TutorModal(Localised, ModalScreen):
    pass
