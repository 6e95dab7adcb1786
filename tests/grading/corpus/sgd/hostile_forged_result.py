# expect: fail|error
# A forged "ok" frame with no cases: never a pass (a fail if it arrives, an error if the sandbox stops it).
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
