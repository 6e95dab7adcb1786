# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""A header length past the frame, and an array past the body."""
import os
import struct
import sys


def send(header: bytes, body: bytes = b"") -> None:
    fd = int(sys.argv[1])  # the result pipe's number is on the child's command line
    os.write(fd, struct.pack(">I", len(header)) + header + body)
    os._exit(0)


os.write(int(sys.argv[1]), struct.pack(">I", 1 << 30) + b"{}")
send(b'{"status": "ok", "outputs": {"x": {"__nd__": ["<f8", [4], 0, 32]}}}', b"\0" * 8)
