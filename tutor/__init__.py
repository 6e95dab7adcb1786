"""tutor: a terminal tutor for the techniques that make neural networks train."""

__version__ = "0.1.0"
