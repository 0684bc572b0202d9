"""Where an embedding model runs: the machine's accelerators (or a faked list) → a device, precision, batch size.

CUDA first, then Apple's MPS, else the CPU; ``KK_EMBED_DEVICE`` overrides. Half precision on a GPU, batches sized
to the device's memory (``KK_EMBED_BATCH`` overrides). Nothing here loads a model: ``load_encoder`` asks
``choose`` and applies the answer, so the choice is tested on CPU-only machines with made-up ``Accelerators``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

AUTO = "auto"
# On a CPU, larger batches only add padding: 64 passages of ~128 tokens keep both cores busy (measured before).
CPU_BATCH = 64
# A MiniLM-sized model at batch 512 and 128 tokens held about 2 GB of activations in fp16 on the H200 of issue
# 18; 32 passages a GB leaves room for models twice that size, and beyond 1024 throughput no longer grows.
GPU_BATCH_PER_GB = 32
GPU_BATCH_MIN, GPU_BATCH_MAX = 64, 1024
# MPS shares the machine's memory with everything else, and torch reports no total for it.
MPS_BATCH = 128
_SPEC = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")


class DeviceError(ValueError):
    """KK_EMBED_DEVICE names no device this program knows."""


@dataclass(frozen=True, slots=True)
class Accelerators:
    """What the machine offers: each CUDA device as (name, total memory in GB), and whether MPS works."""

    cuda: tuple[tuple[str, float], ...] = ()
    mps: bool = False


@dataclass(frozen=True, slots=True)
class Device:
    """A device to run a model on (a torch device string), with its precision, batch size and why it was chosen."""

    torch: str
    label: str
    half: bool
    batch: int
    note: str = ""

    @property
    def gpu(self) -> bool:
        return self.torch != "cpu"

    @property
    def precision(self) -> str:
        return "fp16" if self.half else "fp32"


def probe() -> Accelerators:
    """The accelerators torch sees; none when torch is not installed."""
    try:
        import torch  # lazy: seconds to import, and the packaged numpy model never needs it
    except ImportError:
        return Accelerators()
    cuda: tuple[tuple[str, float], ...] = ()
    if torch.cuda.is_available():
        cuda = tuple((torch.cuda.get_device_name(i), torch.cuda.get_device_properties(i).total_memory / 2**30)
                     for i in range(torch.cuda.device_count()))
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    return Accelerators(cuda, mps)


def torch_loaded() -> bool:
    return "torch" in sys.modules


def choose(spec: str = AUTO, found: Accelerators | None = None, batch: int | None = None) -> Device:
    """The device for ``spec`` ("auto", "cpu", "mps", "cuda" or "cuda:N") on a machine offering ``found``.

    A device asked for but absent gives the CPU with a note saying so (search still works, only slower); a
    ``spec`` that names no device at all raises ``DeviceError``. ``batch`` (KK_EMBED_BATCH) overrides the fit.
    """
    spec = (spec or AUTO).strip().lower()
    if not _SPEC.match(spec):
        raise DeviceError(f"KK_EMBED_DEVICE must be auto, cpu, mps, cuda or cuda:N, not {spec!r}")
    found = found if found is not None else (probe() if spec != "cpu" else Accelerators())
    note = ""
    if spec.startswith("cuda"):
        index = int(spec.split(":")[1]) if ":" in spec else 0
        if index < len(found.cuda):
            return _cuda(found, index, batch)
        note = f"KK_EMBED_DEVICE={spec} but this machine has no such CUDA device; using the CPU."
    elif spec == "mps":
        if found.mps:
            return Device("mps", "Apple MPS", True, batch or MPS_BATCH)
        note = "KK_EMBED_DEVICE=mps but MPS is not available here; using the CPU."
    elif spec == AUTO:
        if found.cuda:
            return _cuda(found, 0, batch)
        if found.mps:
            return Device("mps", "Apple MPS", True, batch or MPS_BATCH)
    return Device("cpu", "CPU", False, batch or CPU_BATCH, note)


def gpu_batch(memory_gb: float) -> int:
    """A power of two near GPU_BATCH_PER_GB passages per GB of device memory, within the bounds."""
    wanted = max(GPU_BATCH_MIN, min(GPU_BATCH_MAX, int(memory_gb * GPU_BATCH_PER_GB)))
    return 1 << (wanted.bit_length() - 1)


def _cuda(found: Accelerators, index: int, batch: int | None) -> Device:
    name, memory = found.cuda[index]
    return Device(f"cuda:{index}", f"{name} (cuda:{index}, {memory:.0f} GB)", True, batch or gpu_batch(memory))
