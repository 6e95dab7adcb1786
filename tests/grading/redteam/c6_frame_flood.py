# class: 6
# exercise: sgd
# expect: error
# message: malformed
"""80 MB written to the result pipe."""
import os
import sys

fd = int(sys.argv[1])
chunk = b"[" * (1 << 20)
for _ in range(80):
    os.write(fd, chunk)
os._exit(0)
