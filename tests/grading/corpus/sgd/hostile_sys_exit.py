# expect: error
# message: sys.exit(0)
import sys

print("✓ sgd — all 7 checks passed")
sys.exit(0)
