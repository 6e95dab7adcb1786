# class: 8
# exercise: sgd
# expect: error
# message: SIGSEGV
"""A recursion through C deep enough to overflow the C stack: a crash (SIGSEGV), not a timeout."""
import sys

sys.setrecursionlimit(10**9)
nested = ()
for _ in range(1_000_000):
    nested = (nested,)
hash(nested)  # tuple hashing recurses in C, with no recursion check
