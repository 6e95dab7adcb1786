"""A Footer whose key descriptions follow the app's language.

Bindings carry an i18n key (see `tutor.widgets.i18n`) as their description; this footer translates it
when it draws, so one set of bindings serves both languages and a language switch only redraws.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.widgets.i18n import tr


class LocalFooter(Footer):
    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = tr(widget.description, lang)
            yield widget
