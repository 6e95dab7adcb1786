# expect: error
# message: does not let exercise code read
from pathlib import Path

exec((Path(__file__).resolve().parents[4] / "exercises" / "sgd" / "solution.py").read_text())
