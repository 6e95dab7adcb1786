# expect: fail
# A forged "ok" frame with no cases: it arrives, and the parent's check of the outputs against what it
# asked for fails every check (never a pass).
import json
import os
import struct

header = json.dumps({"status": "ok", "outputs": {"cases": []}}).encode()
frame = struct.pack(">I", len(header)) + header
for fd in range(3, 30):
    try:
        os.write(fd, frame)
    except OSError:
        pass
os._exit(0)
