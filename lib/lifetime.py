"""A worker process bound to the process that started it: called in the worker, ends it when that process ends.

A process pool's workers wait for tasks on a pipe whose write end they hold themselves, so a parent killed
outright (kill -9, the out-of-memory killer, a crashed container) never wakes them: they sleep on, re-parented
to init, each holding its loaded models (~230 MB), for as long as the machine runs. A forkserver and a
resource tracker need nothing of their own: each ends once every process holding its pipe (the pool's process
and the workers) has ended.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.process import BaseProcess

# From <linux/prctl.h>: set the signal this process gets when the thread that created it ends.
PR_SET_PDEATHSIG = 1
# Exit status of a worker that outlived its parent (for a debugger or a subreaper: the parent cannot read it).
ORPHANED = 1


def end_with_parent() -> None:
    """End this process as soon as the process that started it ends, however it ends (a pool's initializer).

    Two ways, as each covers what the other cannot:
    - on Linux the kernel sends SIGKILL when the parent ends (PR_SET_PDEATHSIG): at once, and even while this
      process is busy in C code. It is sent when the parent *thread* that started this process ends, so a pool
      must not outlive the thread that started its workers (a pool in a ``with`` block does not). It cannot end
      a forkserver's workers: they are the forkserver's children, and the forkserver waits for them to end.
    - everywhere, a thread waits on multiprocessing's sentinel of the parent, a pipe whose write end is held by
      the process that asked for this one (with a forkserver: the pool's process, not the forkserver; with fork,
      also by the workers forked after this one, which end the same way first), then exits. It also sees a
      parent that ended before this process got here (a forkserver's workers import the pipeline first).
    A no-op in a process multiprocessing did not start.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    if sys.platform == "linux":
        _signal_when_parent_ends(signal.SIGKILL)
    threading.Thread(target=_exit_after, args=(parent,), name="end-with-parent", daemon=True).start()


def _exit_after(parent: BaseProcess) -> None:
    parent.join()  # a parent process's join waits on its sentinel
    os._exit(ORPHANED)  # no clean-up: a worker's results only ever go to the parent, which is gone


def _signal_when_parent_ends(signum: int) -> None:
    # Unchecked: where prctl fails (no such option), the thread of end_with_parent still watches.
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
