"""Reusable widgets of the Textual app (footer, results, mastery bar) and its small helpers."""
