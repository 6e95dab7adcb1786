"""The sandbox contract: learner code runs in a limited child, and only data comes back."""

import numpy as np
import pytest

from tutor.grading import codec
from tutor.grading.sandbox import run_probe

CALL = "tutor.grading.probes:call"


def probe(tmp_path, source, *, time_limit=2.0, args=(1.5,)):
    path = tmp_path / "learner.py"
    path.write_text(source, encoding="utf-8")
    return run_probe(path, CALL, {"name": "f", "args": list(args)}, time_limit=time_limit)


def test_outputs_come_back_as_arrays_and_prints_are_kept_apart(tmp_path):
    r = probe(tmp_path, "import numpy as np\nprint('hello')\ndef f(x):\n    return np.arange(3) * x\n")
    assert r.status == "ok"
    np.testing.assert_array_equal(r.outputs["value"], [0.0, 1.5, 3.0])
    assert r.stdout == "hello\n"


def test_infinite_loop_times_out_with_a_message_naming_the_limit(tmp_path):
    r = probe(tmp_path, "def f(x):\n    while True:\n        pass\n", time_limit=0.5)
    assert r.status == "timeout"
    assert r.message == "timed out after 0.5 s — an infinite loop?"


def test_huge_allocation_reports_memory(tmp_path):
    r = probe(tmp_path, "import numpy as np\ndef f(x):\n    return np.ones((60000, 60000))\n")
    assert r.status == "memory"
    assert "memory" in r.message


def test_sys_exit_and_os_exit_are_errors_not_passes(tmp_path):
    r = probe(tmp_path, "import sys\ndef f(x):\n    sys.exit(0)\n")
    assert r.status == "error" and "sys.exit(0)" in r.message
    r = probe(tmp_path, "import os\nos._exit(0)\n")
    assert r.status == "crash" and "os._exit" in r.message


def test_tutor_cannot_be_imported_or_read(tmp_path):
    r = probe(tmp_path, "from tutor.reference import SGD\n")
    assert r.status == "error" and "does not let exercise code import tutor.reference" in r.message
    bypass = (
        "import sys, importlib.util, tutor\n"
    )
    assert probe(tmp_path, bypass).status == "error"
    import tutor.reference.optimizers as ref

    sneaky = (
        "import sys, importlib.util\n"
        "def f(x):\n"
        "    sys.meta_path.pop(0)\n"
        f"    spec = importlib.util.spec_from_file_location('r', {ref.__file__!r})\n"
        "    m = importlib.util.module_from_spec(spec)\n"
        "    spec.loader.exec_module(m)\n"
        "    return 1\n"
    )
    r = probe(tmp_path, sneaky)
    assert r.outputs["value"] is None and "PermissionError" in r.outputs["error"]


def test_processes_cannot_be_started(tmp_path):
    r = probe(tmp_path, "import subprocess\ndef f(x):\n    return subprocess.run(['true']).returncode\n")
    assert "start processes" in r.outputs["error"]


def test_base_exception_and_syntax_error_are_one_line_errors(tmp_path):
    r = probe(tmp_path, "class Boom(BaseException):\n    pass\ndef f(x):\n    raise Boom('no')\n")
    assert r.status == "error" and r.message == "line 4 in f: Boom: no"
    r = probe(tmp_path, "def f(x):\n    return x +\n")
    assert r.status == "error" and r.message.startswith("syntax error on line 2")


def test_printed_output_is_capped_and_a_flood_is_stopped(tmp_path):
    r = probe(tmp_path, "def f(x):\n    for _ in range(200):\n        print('y' * 10000)\n    return 2\n", time_limit=5)
    assert r.status == "ok" and r.outputs["value"] == 2
    assert len(r.stdout) < 10_000 and "more bytes of output not shown" in r.stdout
    r = probe(tmp_path, "def f(x):\n    for _ in range(2000):\n        print('y' * 10000)\n    return 2\n", time_limit=5)
    assert r.status == "crash" and "printed more than 4 MiB" in r.message


def test_missing_function_is_named(tmp_path):
    r = probe(tmp_path, "def g(x):\n    return x\n")
    assert r.status == "error" and "defines no function `f`" in r.message


def test_codec_refuses_objects_and_round_trips_numbers():
    value = {"a": np.arange(6, dtype=np.int32).reshape(2, 3), "b": [1, 2.5, None, "s", float("nan")], "c": np.float64(3)}
    back = codec.decode(codec.encode(value))
    np.testing.assert_array_equal(back["a"], value["a"])
    assert back["c"] == 3.0 and back["b"][:4] == [1, 2.5, None, "s"]
    with pytest.raises(codec.CodecError):
        codec.encode({"x": np.array([object()])})
    forged = codec.encode({"x": np.zeros(2)}).replace(b"<f8", b"|O8")
    with pytest.raises(codec.CodecError):
        codec.decode(forged)
