# class: 9
# exercise: sgd
# expect: error
# message: sys.exit(0)
"""Print a passing verdict and sys.exit(0)."""
import sys

print("✓ sgd — all 5 checks passed")
sys.exit(0)
