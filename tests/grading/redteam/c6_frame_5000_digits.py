# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""A frame holding a 5,000-digit integer."""
import os
import struct
import sys


def send(header: bytes, body: bytes = b"") -> None:
    fd = int(sys.argv[1])  # the result pipe's number is on the child's command line
    os.write(fd, struct.pack(">I", len(header)) + header + body)
    os._exit(0)


send(b'{"status": "ok", "outputs": {"steps": ' + b"9" * 5000 + b"}}")
