# class: 8
# exercise: sgd
# expect: error
# message: ended the process
"""os._exit(0) before any result: exit status 0 is not a pass."""
import os

print("all checks passed")
os._exit(0)
