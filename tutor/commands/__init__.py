"""The CLI's handlers, one module per area; `tutor.cli` parses and calls `<module>.<command>(args)`.

Handlers print for a person (or JSON with --json) and return an exit code; the work is in the core.
"""


def language(args, store=None) -> str:
    """The output language: --lang, else the learner's setting in the store, else English."""
    lang = getattr(args, "lang", None)
    if not lang:
        try:
            if store is None:
                from tutor.progress import Store

                with Store.open(read_only=True) as opened:
                    lang = opened.get_setting("language")
            else:
                lang = store.get_setting("language")
        except Exception:  # no store yet, or an unreadable one: the output still needs a language
            lang = None
    return lang if lang in ("en", "ko") else "en"
