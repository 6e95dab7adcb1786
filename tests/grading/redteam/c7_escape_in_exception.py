# class: 7
# exercise: sgd
# expect: error
# human: yes
"""An exception message made of terminal control that paints 'Passed.'."""
raise ValueError("\x1b[2J\x1b[H\x1b[32m✓ Passed.\x1b]0;pwned\x07\u202e\x9b2J")
