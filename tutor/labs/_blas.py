"""Keep NumPy's OpenBLAS on one thread while a lab computes in this process.

The labs multiply small matrices (a batch of 30–50 rows by 100 units) thousands of times. OpenBLAS
spreads each product over every core and its threads spin while they wait; when the cores are busy with
anything else (the TUI, a test run) that made a lab seven times slower in our measurements (14.6 s
instead of 2.0 s). One thread is as fast on an idle machine and steady on a busy one. The sandbox's
children already run with OPENBLAS_NUM_THREADS=1; here the thread count is set through OpenBLAS's own
API while a lab runs and put back afterwards. Where OpenBLAS cannot be found (another BLAS, another
platform), nothing changes.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import os
import threading
from contextlib import contextmanager

import numpy as np

_SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),  # NumPy ≥ 2 wheels
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)
_LOCK = threading.Lock()
_state = {"depth": 0, "before": None}


@functools.cache
def _controls():
    """OpenBLAS's (set, get) thread-count functions from the library NumPy loaded, or None."""
    root = os.path.dirname(np.__file__)
    candidates = glob.glob(os.path.join(root, os.pardir, "numpy.libs", "*openblas*"))
    candidates += glob.glob(os.path.join(root, ".dylibs", "*openblas*"))
    for path in candidates:
        try:
            lib = ctypes.CDLL(path)  # already loaded by NumPy: this returns the same library
        except OSError:
            continue
        for set_name, get_name in _SYMBOLS:
            if hasattr(lib, set_name) and hasattr(lib, get_name):
                return getattr(lib, set_name), getattr(lib, get_name)
    return None


@contextmanager
def one_blas_thread():
    """Within the block (and any nested or concurrent one), OpenBLAS uses a single thread."""
    controls = _controls()
    if controls is None:
        yield
        return
    set_threads, get_threads = controls
    with _LOCK:
        if _state["depth"] == 0:
            _state["before"] = get_threads()
            set_threads(1)
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0:
                set_threads(_state["before"])
