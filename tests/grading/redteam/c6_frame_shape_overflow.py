# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""A shape whose product overflows int64 to 0, with no bytes behind it."""
import os
import struct
import sys


def send(header: bytes, body: bytes = b"") -> None:
    fd = int(sys.argv[1])  # the result pipe's number is on the child's command line
    os.write(fd, struct.pack(">I", len(header)) + header + body)
    os._exit(0)


send(b'{"status": "ok", "outputs": {"x": {"__nd__": ["<f8", [4294967296, 4294967296, 0], 0, 0]}}}')
send(b'{"status": "ok", "outputs": {"x": {"__nd__": ["<f8", [65536, 65536, 65536, 65536], 0, 0]}}}')
