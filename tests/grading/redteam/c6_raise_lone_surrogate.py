# class: 6
# exercise: sgd
# expect: error
# human: yes
"""raise ValueError('\ud800'): printing the result must not fail on encoding."""
raise ValueError("\ud800 and \udfff")
