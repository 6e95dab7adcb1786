# class: 8
# exercise: sgd
# expect: error
# message: timed out
"""Sleeping uses no CPU: the wall-time limit stops it."""
import time

time.sleep(1000)
