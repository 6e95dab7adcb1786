# class: 7
# exercise: sgd
# expect: error
# human: yes
"""A 100 MB exception message: cut, not reported as a timeout."""
raise ValueError("y" * 100_000_000)
