# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""A frame whose JSON is nested 100,000 deep."""
import os
import struct
import sys


def send(header: bytes, body: bytes = b"") -> None:
    fd = int(sys.argv[1])  # the result pipe's number is on the child's command line
    os.write(fd, struct.pack(">I", len(header)) + header + body)
    os._exit(0)


send(b'{"status": "ok", "outputs": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}")
