# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""An array of dtype object (a pickle in disguise)."""
import os
import struct
import sys


def send(header: bytes, body: bytes = b"") -> None:
    fd = int(sys.argv[1])  # the result pipe's number is on the child's command line
    os.write(fd, struct.pack(">I", len(header)) + header + body)
    os._exit(0)


send(b'{"status": "ok", "outputs": {"x": {"__nd__": ["|O", [1], 0, 8]}}}', b"\0" * 8)
