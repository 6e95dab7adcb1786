"""How data crosses the sandbox boundary: a JSON header plus the raw bytes of numeric arrays.

Both directions use it (the grader's inputs go to the child on stdin; the probe's outputs come back on a
private pipe). Nothing is ever unpickled: the decoder accepts only JSON values and arrays whose dtype is a
plain number type, so whatever the learner's code writes into the pipe can at worst be wrong data.

Frame: 4-byte big-endian header length, the UTF-8 JSON header, then the arrays' bytes back to back. In the
header an array is {"__nd__": [dtype, shape, offset, nbytes]}.
"""

from __future__ import annotations

import json
import re
import struct

import numpy as np

_ARRAY_KEY = "__nd__"
_DTYPE = re.compile(r"^[<>|=]?[biuf]\d{1,2}$")  # bool, ints, floats: nothing with objects or pointers inside


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


def decode(frame: bytes) -> object:
    if len(frame) < 4:
        raise CodecError("frame too short")
    (size,) = struct.unpack(">I", frame[:4])
    if 4 + size > len(frame):
        raise CodecError("header longer than the frame")
    try:
        header = json.loads(frame[4 : 4 + size].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CodecError(f"bad header: {exc}") from None
    body = memoryview(frame)[4 + size :]

    def walk(x: object) -> object:
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, dict):
            if _ARRAY_KEY in x:
                return _array(x[_ARRAY_KEY], body)
            return {k: walk(v) for k, v in x.items()}
        return x

    return walk(header)


def _array(desc: object, body: memoryview) -> np.ndarray:
    try:
        dtype_str, shape, offset, nbytes = desc  # type: ignore[misc]
        ok = (
            isinstance(dtype_str, str)
            and _DTYPE.match(dtype_str)
            and isinstance(shape, list)
            and all(isinstance(n, int) and n >= 0 for n in shape)
            and isinstance(offset, int)
            and isinstance(nbytes, int)
            and 0 <= offset
            and offset + nbytes <= len(body)
        )
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise CodecError("bad array descriptor")
    dtype = np.dtype(dtype_str)
    if int(np.prod(shape, dtype=np.int64)) * dtype.itemsize != nbytes:
        raise CodecError("array size does not match its shape")
    return np.frombuffer(body[offset : offset + nbytes], dtype=dtype).reshape(shape).copy()
