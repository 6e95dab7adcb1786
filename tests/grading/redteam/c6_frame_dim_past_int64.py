# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""An array whose dimension is past int64."""
import os
import struct
import sys


def send(header: bytes, body: bytes = b"") -> None:
    fd = int(sys.argv[1])  # the result pipe's number is on the child's command line
    os.write(fd, struct.pack(">I", len(header)) + header + body)
    os._exit(0)


send(b'{"status": "ok", "outputs": {"x": {"__nd__": ["<f8", [18446744073709551617], 0, 8]}}}', b"\0" * 8)
