"""Device selection on made-up machines (this one has no GPU): CUDA, then MPS, else the CPU; KK_EMBED_DEVICE and
KK_EMBED_BATCH override; half precision only where the model keeps its vectors; the device named in ModelInfo."""

from __future__ import annotations

import numpy as np
import pytest

from lib.search import devices, encoders
from lib.search.devices import Accelerators, choose

H200 = Accelerators(cuda=(("NVIDIA H200", 139.8),))
TWO_SMALL = Accelerators(cuda=(("Tesla T4", 14.6), ("Tesla T4", 14.6)))
MAC = Accelerators(mps=True)
BOTH = Accelerators(cuda=(("NVIDIA L4", 22.0),), mps=True)
NONE = Accelerators()


@pytest.mark.parametrize(("spec", "found", "device", "half", "batch"), [
    ("auto", H200, "cuda:0", True, 1024),
    ("auto", TWO_SMALL, "cuda:0", True, 256),
    ("auto", BOTH, "cuda:0", True, 512),
    ("auto", MAC, "mps", True, devices.MPS_BATCH),
    ("auto", NONE, "cpu", False, devices.CPU_BATCH),
    ("cpu", H200, "cpu", False, devices.CPU_BATCH),
    ("cuda:1", TWO_SMALL, "cuda:1", True, 256),
    ("mps", BOTH, "mps", True, devices.MPS_BATCH),
    (" CUDA ", H200, "cuda:0", True, 1024),
])
def test_the_device_is_chosen_in_order_and_overridden(spec, found, device, half, batch):
    chosen = choose(spec, found)
    assert (chosen.torch, chosen.half, chosen.batch) == (device, half, batch)
    assert chosen.precision == ("fp16" if half else "fp32")
    assert not chosen.note


@pytest.mark.parametrize(("spec", "found"), [("cuda", NONE), ("cuda:2", TWO_SMALL), ("mps", H200)])
def test_a_device_asked_for_but_absent_gives_the_cpu_and_says_why(spec, found):
    chosen = choose(spec, found)
    assert chosen.torch == "cpu" and not chosen.half
    assert spec.split(":")[0] in chosen.note and "CPU" in chosen.note


@pytest.mark.parametrize("spec", ["gpu", "cuda0", "tpu", "cpu:1"])
def test_a_device_name_that_means_nothing_is_refused_with_the_choices(spec):
    with pytest.raises(devices.DeviceError, match="auto, cpu, mps, cuda or cuda:N"):
        choose(spec, NONE)


def test_the_batch_setting_wins_over_the_fit():
    assert choose("auto", H200, batch=96).batch == 96
    assert choose("auto", NONE, batch=8).batch == 8


@pytest.mark.parametrize(("gb", "batch"), [(1, 64), (4, 128), (8, 256), (16, 512), (24, 512), (40, 1024), (141, 1024)])
def test_gpu_batches_grow_with_memory_as_powers_of_two(gb, batch):
    assert devices.gpu_batch(gb) == batch


def test_the_cpu_machine_reports_what_torch_sees():
    found = devices.probe()
    assert found.cuda == () and found.mps is False  # this machine: the CPU build of torch
    assert choose("auto").torch == "cpu"


class HalfModel:
    """A model whose half-precision vectors are its full ones plus ``drift`` (a faked GPU model)."""

    def __init__(self, drift: float) -> None:
        self.drift = drift
        self.halved = False
        self.floated = False

    def encode(self, texts, normalize_embeddings=True, convert_to_numpy=True):
        rng = np.random.default_rng(0)
        base = rng.standard_normal((len(texts), 8)).astype(np.float32)
        if self.halved and not self.floated:
            base = base + self.drift * rng.standard_normal(base.shape).astype(np.float32)
        return base / np.linalg.norm(base, axis=1, keepdims=True)

    def half(self):
        self.halved = True

    def float(self):
        self.floated = True


@pytest.mark.parametrize(("drift", "half", "tag"), [(0.0, True, ""), (0.05, True, "fp16"), (1.0, False, "")])
def test_half_precision_is_kept_only_where_the_vectors_agree(drift, half, tag):
    model = HalfModel(drift)
    _, device, cache_tag = encoders._half(model, choose("auto", H200))
    assert device.half is half and cache_tag == tag
    assert model.floated is (not half)
    if not half:
        assert "fp16 changed the vectors" in device.note


def test_cpu_runs_are_not_touched_by_the_half_precision_check():
    model = HalfModel(0.0)
    _, device, tag = encoders._half(model, choose("cpu", H200))
    assert not model.halved and tag == "" and device.precision == "fp32"


def test_model_info_names_the_device_and_keeps_the_cache_key_of_agreeing_runs():
    cpu = encoders.ModelInfo("some/model", False, True)
    gpu = encoders.ModelInfo("some/model", False, True, device="NVIDIA H200 (cuda:0, 140 GB)", precision="fp16")
    drifting = encoders.ModelInfo("some/model", False, True, precision="fp16", cache_tag="fp16")
    assert cpu.slug == gpu.slug and drifting.slug != cpu.slug
    assert "NVIDIA H200 (cuda:0, 140 GB), fp16" in gpu.sentence()
    assert "CPU, fp32" in cpu.sentence()


def test_a_wrong_batch_setting_is_refused(monkeypatch):
    monkeypatch.setenv("KK_EMBED_BATCH", "lots")
    with pytest.raises(devices.DeviceError, match="KK_EMBED_BATCH"):
        encoders._batch_setting()
    monkeypatch.setenv("KK_EMBED_BATCH", "32")
    assert encoders._batch_setting() == 32
    monkeypatch.setenv("KK_EMBED_BATCH", "auto")
    assert encoders._batch_setting() is None
