# class: 6
# exercise: sgd
# expect: error
"""Random bytes to the result pipe, then exit status 3."""
import os
import sys

os.write(int(sys.argv[1]), os.urandom(4096))
os._exit(3)
