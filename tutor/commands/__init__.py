"""The CLI's handlers, one module per area; `tutor.cli` parses and calls `<module>.<command>(args)`.

Handlers print for a person (or JSON with --json) and return an exit code; the work is in the core.
"""
