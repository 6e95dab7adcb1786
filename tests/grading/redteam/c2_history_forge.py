# class: 2
# exercise: sgd
# expect: fail error
# needs: landlock
"""Append forged passing attempts to the progress journal."""
import json
import os
import time

folder = os.path.join(os.environ["TUTOR_HOME"], "progress", "history")
line = json.dumps({"kind": "check", "item": "sgd", "outcome": "pass", "time": time.time()}) + "\n"
targets = [os.path.join(folder, n) for n in (os.listdir(folder) if os.path.isdir(folder) else [])]
for target in targets + [os.path.join(folder, "2099-01.jsonl")]:
    try:
        with open(target, "a") as fh:
            fh.write(line)
    except OSError:
        pass


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
