# expect: error
# message: does not let exercise code import tutor.reference
from tutor.reference import SGD  # noqa: F401
