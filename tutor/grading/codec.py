"""How data crosses the sandbox boundary: a JSON header plus the raw bytes of numeric arrays.

Both directions use it (the grader's inputs go to the child on stdin; the probe's outputs come back on a
private pipe). Nothing is ever unpickled: the decoder accepts only JSON values and arrays whose dtype is a
plain number type, so whatever the learner's code writes into the pipe can at worst be wrong data.

Frame: 4-byte big-endian header length, the UTF-8 JSON header, then the arrays' bytes back to back. In the
header an array is {"__nd__": [dtype, shape, offset, nbytes]}.

Decoding has hard limits, because the result pipe is writable by the learner's code: the frame's size, the
header's size, JSON nesting, digits in an integer, an array's dimensions and elements (computed with
Python integers, so a shape whose product overflows int64 is seen as the huge number it is). Anything
outside them, and anything else wrong with the bytes, is a `CodecError`, never another exception.
"""

from __future__ import annotations

import json
import math
import re
import struct

import numpy as np

_ARRAY_KEY = "__nd__"
_DTYPE = re.compile(r"^[<>|=]?[biuf]\d{1,2}$")  # bool, ints, floats: nothing with objects or pointers inside
MAX_FRAME = 64 << 20  # bytes in a whole frame
MAX_HEADER = 8 << 20  # bytes of JSON
MAX_DEPTH = 32  # nesting of lists and dicts (a probe's outputs are two or three deep)
MAX_DIGITS = 40  # digits in a JSON integer (int64 has 19)
MAX_NDIM = 32  # NumPy's own limit is 64
MAX_ELEMENTS = 1 << 26  # elements in one array (512 MiB of float64 is far past any exercise)


class CodecError(ValueError):
    """The data cannot be encoded, or the bytes are not a well-formed frame."""


def encode(value: object) -> bytes:
    blobs: list[bytes] = []
    offset = 0

    def walk(x: object) -> object:
        nonlocal offset
        if isinstance(x, np.generic):
            x = x.item()
        if x is None or isinstance(x, (bool, int, float, str)):
            return x
        if isinstance(x, np.ndarray):
            if x.dtype.kind == "c" or not _DTYPE.match(x.dtype.str):
                raise CodecError(f"cannot send an array of dtype {x.dtype}")
            data = np.ascontiguousarray(x).tobytes()
            blobs.append(data)
            desc = {_ARRAY_KEY: [x.dtype.str, list(x.shape), offset, len(data)]}
            offset += len(data)
            return desc
        if isinstance(x, (list, tuple)):
            return [walk(v) for v in x]
        if isinstance(x, dict):
            if not all(isinstance(k, str) and k != _ARRAY_KEY for k in x):
                raise CodecError("dict keys must be strings")
            return {k: walk(v) for k, v in x.items()}
        raise CodecError(f"cannot send a value of type {type(x).__name__}")

    header = json.dumps(walk(value), allow_nan=True).encode("utf-8")
    return struct.pack(">I", len(header)) + header + b"".join(blobs)


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise CodecError(f"an integer with {len(digits)} digits")
    return int(digits)


def _no_float_overflow(text: str) -> float:
    if len(text) > 400:  # a float literal this long is noise; float() itself handles any length slowly
        raise CodecError("a number literal too long")
    return float(text)


def decode(frame: bytes) -> object:
    """The value in `frame`; CodecError for anything malformed or past the limits above."""
    if not isinstance(frame, (bytes, bytearray, memoryview)):
        raise CodecError("not bytes")
    if len(frame) < 4:
        raise CodecError("frame too short")
    if len(frame) > MAX_FRAME:
        raise CodecError(f"frame of {len(frame)} bytes (the limit is {MAX_FRAME})")
    (size,) = struct.unpack(">I", frame[:4])
    if size > MAX_HEADER:
        raise CodecError(f"header of {size} bytes (the limit is {MAX_HEADER})")
    if 4 + size > len(frame):
        raise CodecError("header longer than the frame")
    try:
        header = json.loads(bytes(frame[4 : 4 + size]).decode("utf-8"), parse_int=_int, parse_float=_no_float_overflow)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CodecError(f"bad header: {exc}") from None
    except RecursionError:  # nesting deeper than the interpreter's stack: the C scanner stops safely
        raise CodecError("header nested too deeply") from None
    except ValueError as exc:  # e.g. an integer past sys.get_int_max_str_digits()
        raise CodecError(f"bad header: {exc}") from None
    body = memoryview(frame)[4 + size :]
    copied = 0  # bytes of arrays made: descriptors may overlap, but never add up past the body they share

    def walk(x: object, depth: int) -> object:
        nonlocal copied
        if depth > MAX_DEPTH:
            raise CodecError(f"header nested deeper than {MAX_DEPTH}")
        if isinstance(x, list):
            return [walk(v, depth + 1) for v in x]
        if isinstance(x, dict):
            if _ARRAY_KEY in x:
                if len(x) != 1:
                    raise CodecError("bad array descriptor")
                array = _array(x[_ARRAY_KEY], body)
                copied += array.nbytes
                if copied > len(body):  # encode() lays arrays end to end: more means overlapping copies
                    raise CodecError("arrays larger than the frame that carries them")
                return array
            return {k: walk(v, depth + 1) for k, v in x.items()}
        return x

    return walk(header, 0)


def _array(desc: object, body: memoryview) -> np.ndarray:
    try:
        dtype_str, shape, offset, nbytes = desc  # type: ignore[misc]
        ok = (
            isinstance(dtype_str, str)
            and _DTYPE.match(dtype_str) is not None
            and isinstance(shape, list)
            and len(shape) <= MAX_NDIM
            and all(type(n) is int and 0 <= n <= MAX_ELEMENTS for n in shape)
            and type(offset) is int
            and type(nbytes) is int
            and 0 <= offset
            and 0 <= nbytes
            and offset + nbytes <= len(body)
        )
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise CodecError("bad array descriptor")
    try:
        dtype = np.dtype(dtype_str)
    except TypeError:
        raise CodecError("bad array dtype") from None
    count = math.prod(shape)  # Python integers: a product past int64 is not wrapped to 0
    if count > MAX_ELEMENTS:
        raise CodecError(f"an array of {count} elements")
    if count * dtype.itemsize != nbytes:
        raise CodecError("array size does not match its shape")
    return np.frombuffer(body[offset : offset + nbytes], dtype=dtype).reshape(shape).copy()
