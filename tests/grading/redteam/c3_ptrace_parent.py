# class: 3
# exercise: sgd
# expect: fail error
# needs: seccomp
"""ptrace and process_vm_writev on the grader's process."""
import ctypes
import os

libc = ctypes.CDLL(None)
libc.ptrace(16, os.getppid(), 0, 0)  # PTRACE_ATTACH
buf = ctypes.create_string_buffer(8)
libc.syscall(311, os.getppid(), ctypes.byref(buf), 1, ctypes.byref(buf), 1, 0)  # process_vm_writev


class SGD:  # what is left when the attack is refused: an optimizer that does nothing
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        pass
