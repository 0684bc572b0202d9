"""The same sentence-transformers model run by ONNX Runtime, in float32 or dynamically quantised to int8.

The transformer is exported once from the loaded torch model (no download: the weights are the ones already
on disk) into the store's model cache; tokenisation and pooling stay the model's own, so only the forward pass
changes. Models whose pipeline is more than transformer → mean/CLS pooling → normalisation (a Dense layer, a
custom pooling) are refused, and the caller keeps the torch backend.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

BACKENDS = ("torch", "onnx", "onnx-int8")
_SUPPORTED_MODULES = {"Transformer", "Pooling", "Normalize"}


class OnnxUnsupported(Exception):
    """This model or this machine cannot run the ONNX backend."""


class _Tensor(Protocol):
    def numpy(self) -> np.ndarray: ...


def _features(model: object, texts: list[str]) -> dict[str, _Tensor]:
    # sentence-transformers 6 renamed tokenize to preprocess; both pad, truncate and lower-case as the model does.
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # type: ignore[attr-defined]
    return tokenize(texts)


def _dimension(model: object) -> int:
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension  # type: ignore[attr-defined]
    return int(getter())


def _pooling_mode(model: object) -> str:
    names = {type(module).__name__ for module in model}  # type: ignore[attr-defined]
    if not names <= _SUPPORTED_MODULES or "Transformer" not in names:
        raise OnnxUnsupported(f"modules {sorted(names)} are not only transformer, pooling and normalisation")
    pooling = next((m for m in model if type(m).__name__ == "Pooling"), None)  # type: ignore[attr-defined]
    mode = str(getattr(pooling, "pooling_mode", "mean")) if pooling is not None else "cls"
    if mode not in ("mean", "cls"):
        raise OnnxUnsupported(f"pooling {mode!r} is not supported")
    return mode


def _weights_key(model: object, quantised: bool) -> str:
    """Names the exported file after the weights it was made from, so a changed model is exported again."""
    transformer = model[0]  # type: ignore[index]
    digest = hashlib.sha256()
    digest.update(str(type(transformer.auto_model).__name__).encode())
    for name, tensor in sorted(transformer.auto_model.state_dict().items()):
        digest.update(name.encode())
        # A strided sample of every tensor: hashing all 100+ MB of weights would cost more than it protects.
        digest.update(tensor.detach().reshape(-1)[::997].float().numpy().tobytes())
    return digest.hexdigest()[:16] + ("-int8" if quantised else "")


def export(model: object, out: Path, quantised: bool) -> Path:
    """Export the model's transformer to ``out`` (written atomically); int8 weights when ``quantised``."""
    import torch  # lazy: the torch backend loads it only with the model, and this module is imported always

    transformer = model[0]  # type: ignore[index]
    features = _features(model, ["an example", "another, longer example sentence"])
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in features]

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, inputs, strict=True))).last_hidden_state

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        plain = Path(tmp) / "model.onnx"
        axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
        # The TorchScript exporter: the newer torch.export one needs onnxscript. Its tracer warns that the mask
        # code's Python conditions become constants; they depend on no shape that varies here, and the export is
        # checked against the torch model on padded batches (tests/test_embed_onnx.py).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(LastHidden(transformer.auto_model).eval(), tuple(features[k] for k in names),
                              str(plain), input_names=names, output_names=["last_hidden_state"], dynamic_axes=axes,
                              opset_version=17, dynamo=False)
        result = plain
        if quantised:
            from onnxruntime.quantization import QuantType, quantize_dynamic  # lazy: needs onnx, int8 only

            result = Path(tmp) / "model-int8.onnx"
            # Per-channel unsigned weights with reduced range: the variant that kept embeddings closest to the
            # float model (mean cosine 0.985 on the synthetic corpus, against 0.85 for per-tensor int8).
            quantize_dynamic(str(plain), str(result), per_channel=True, reduce_range=True,
                             weight_type=QuantType.QUInt8)
        os.replace(result, out)
    return out


class OnnxModel:
    """Tokenise with the model's tokenizer, run the exported transformer, pool and normalise as the model does."""

    def __init__(self, model: object, cache_dir: Path, quantised: bool) -> None:
        try:
            import onnxruntime as ort  # lazy and optional: only the ONNX backends need it
        except ImportError as exc:
            raise OnnxUnsupported("onnxruntime is not installed") from exc
        self._model = model
        self._pooling = _pooling_mode(model)
        path = cache_dir / f"{_weights_key(model, quantised)}.onnx"
        if not path.is_file():
            log.info("exporting the embedding model to %s", path)
            export(model, path, quantised)
        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        # Spinning threads wait for work by burning a core: on a shared 2-core machine that slowed one query
        # more than tenfold with torch (see embed._one_thread).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]
        self.path = path

    def get_embedding_dimension(self) -> int:
        return _dimension(self._model)

    def encode(self, texts: Sequence[str], batch_size: int = 64, **_: object) -> np.ndarray:
        """Unit-length embeddings in the order given; like sentence-transformers, batches are cut from the texts
        sorted by length, so padding wastes little."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), _dimension(self._model)), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            features = _features(self._model, [texts[i] for i in chunk])
            feed = {name: features[name].numpy().astype(np.int64) for name in self._inputs}
            hidden = self._session.run(None, feed)[0]
            if self._pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = feed["attention_mask"][..., None].astype(np.float32)
                pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.clip(norms, 1e-12, None)
        return out
