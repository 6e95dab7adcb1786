"""The CLI's handlers, one module per area; `tutor.cli` parses and calls `<module>.<command>(args)`.

Handlers print for a person (or JSON with --json) and return an exit code; the work is in the core.
"""


def language(args, store=None) -> str:
    """The output language: --lang, else the learner's setting (from `store` if open), else English."""
    lang = getattr(args, "lang", None)
    if not lang:
        if store is not None:
            lang = store.get_setting("language")
        else:  # no need to open the store for one setting
            from tutor.progress.settings import read_settings

            lang = read_settings().get("language")
    return lang if lang in ("en", "ko") else "en"
