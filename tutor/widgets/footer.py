"""The footer every screen shows: its keys in the app's language, always fitting on one line.

Bindings carry an i18n key (see `tutor.widgets.i18n`) as their description; the footer translates it
when it draws, so one set of bindings serves both languages and a language switch only redraws.

It lists only the keys that do something on the screen (a screen's `check_action` hides the others),
one entry per action. When they do not fit the width (80 columns, Korean labels are wider), the
least needed go first: the app's f3 (theme), f2 (language) and ctrl+q (quit), then the screen's keys
from the last one listed (a screen lists its keys most important first). `?` (help, which lists every
key) and ctrl+p (the command palette) always stay. `fit()` is that rule, separate from drawing so that
tests can check it at any width.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.widgets.i18n import tr

KEEP = ("help",)  # never dropped (the palette's key is drawn apart and is never dropped either)
DROP_FIRST = ("toggle_theme", "toggle_language", "quit")  # the app's keys, in the order they go
APP_ORDER = ("toggle_language", "toggle_theme", "quit", "help")  # after the screen's keys; help next to the palette


class Entry(NamedTuple):
    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        # FooterKey draws " key " then "description ": one column of padding each side of the key and
        # one after the description.
        return cell_len(self.key_display) + 2 + cell_len(self.description) + 1


def fit(entries: list[Entry], width: int) -> list[Entry]:
    """The entries that fit in `width` columns, in their order, dropping the least needed first."""
    kept = list(entries)
    app_keys = [e for action in DROP_FIRST for e in kept if e.action.removeprefix("app.") == action]
    screen_keys = [e for e in reversed(kept) if e not in app_keys and e.action.removeprefix("app.") not in KEEP]
    for entry in app_keys + screen_keys:
        if sum(e.width for e in kept) <= width:
            break
        kept.remove(entry)
    return kept


class LocalFooter(Footer):
    """Drawn again only when what it shows changes (the keys, their state, the width, the language):
    the bindings change on every focus move and highlight, and building the keys is what costs."""

    _shown: tuple[list[Entry], Entry | None] = ([], None)
    _drawn_for: object = None
    _width = 0

    def _layout(self) -> tuple[list[Entry], Entry | None]:
        """(the keys that fit, in order; the palette's key or None)."""
        app: Any = self.app
        lang = getattr(app, "lang", "en")
        active = self.screen.active_bindings
        screen_entries: list[Entry] = []
        app_entries: list[Entry] = []
        seen: set[str] = set()
        palette: Entry | None = None
        for node, binding, enabled, tooltip in active.values():
            if binding.action in seen:
                continue
            entry = Entry(binding.key, app.get_key_display(binding), tr(binding.description, lang), binding.action, enabled, tooltip)
            if binding.key == app.COMMAND_PALETTE_BINDING:
                if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
                    palette = entry
                continue
            if not binding.show:
                continue
            seen.add(binding.action)
            (app_entries if node is app else screen_entries).append(entry)
        app_entries.sort(key=lambda e: APP_ORDER.index(e.action) if e.action in APP_ORDER else -1)
        width = self.size.width or app.size.width
        room = width - (palette.width + 2 if palette else 0)  # the palette's key: a border and a padding column
        return fit(screen_entries + app_entries, room), palette

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._shown = shown, palette = self._layout()
        self._drawn_for = self._shown
        for entry in shown:
            yield self._key(entry)
        if palette is not None:
            yield self._key(palette, classes="-command-palette")

    def _key(self, entry: Entry, classes: str = "") -> FooterKey:
        key = FooterKey(
            entry.key, entry.key_display, entry.description, entry.action,
            disabled=not entry.enabled, tooltip=entry.tooltip or entry.description, classes=classes,
        )
        # Not compact, set before it mounts: Textual's data_bind would restyle every key twice.
        key.set_reactive(FooterKey.compact, self.compact)
        return key

    def bindings_changed(self, screen: Any) -> None:
        self._bindings_ready = True
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._redraw)

    async def _redraw(self) -> None:
        if not self.is_attached or not self._bindings_ready:
            return
        if self._layout() != self._drawn_for:
            await self.recompose()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self.call_after_refresh(self._redraw)

    @property
    def shown_actions(self) -> list[str]:
        """The actions whose keys are on screen (tests)."""
        return [e.action for e in self._shown[0]]
