# class: 8
# exercise: sgd
# expect: error
# human: yes
# printed: debugging: params look fine
"""What was printed before an error is kept and shown."""
print("debugging: params look fine")
raise KeyError("W1")
