# class: 7
# exercise: sgd
# expect: error
# human: yes
"""A 3 MB exception message: the result stays small, nothing freezes."""
raise ValueError("x" * 3_000_000)
