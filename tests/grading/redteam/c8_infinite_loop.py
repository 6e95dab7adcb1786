# class: 8
# exercise: sgd
# expect: error
# message: timed out
"""A loop at import time: a timeout says timeout."""
while True:
    pass
