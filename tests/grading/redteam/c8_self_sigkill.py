# class: 8
# exercise: sgd
# expect: error
# message: SIGKILL
"""The code kills itself with SIGKILL: a crash that names the signal."""
import os
import signal

os.kill(os.getpid(), signal.SIGKILL)
