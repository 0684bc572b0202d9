"""The ONNX backends run the packaged all-MiniLM-L6-v2 (no network): the export must give torch's embeddings, the
int8 one close to them, and a model that cannot be exported keeps torch."""

from __future__ import annotations

import numpy as np
import pytest

from lib.search import encoders, onnx_backend
from lib.tools import bench_model

TEXTS = [
    "Токаев и Жапаров обсудили товарооборот, который в 2023 году достиг 1,3 млрд долларов.",
    "Trade turnover between Kazakhstan and Kyrgyzstan reached $1.3 billion.",
    "Border.",
    "The intergovernmental council met in Bishkek to discuss water, energy and the demarcation of the border "
    "between the two countries, and agreed a roadmap for raising trade to two billion dollars by 2025.",
    "",
]


# A real sentence-transformers model folder shipped by a package: backends apply to such models only.
MINILM = str(encoders.minilm_path())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="module")
def torch_encoder():
    return encoders.load_encoder(MINILM, backend="torch")


@pytest.fixture(scope="module")
def onnx_encoders(store):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KK_STORE", str(store))
        return {b: encoders.load_encoder(MINILM, backend=b) for b in ("onnx", "onnx-int8")}


def test_the_onnx_export_gives_torchs_embeddings_on_padded_batches(torch_encoder, onnx_encoders):
    expected = torch_encoder.encode(TEXTS, "passage")
    encoder = onnx_encoders["onnx"]
    assert encoder.info.backend == "onnx" and "ONNX Runtime" in encoder.info.sentence()
    got = encoder.encode(TEXTS, "passage")
    assert got.shape == expected.shape and got.dtype == np.float32
    assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)
    assert (got * expected).sum(axis=1).min() > 0.9999
    # One text alone (no padding) and inside a batch give the same vector.
    alone = encoder.encode([TEXTS[3]], "query")
    assert (alone[0] * got[3]).sum() > 0.9999


def test_int8_stays_close_to_torch_and_ranks_the_same_way(torch_encoder, onnx_encoders):
    expected = torch_encoder.encode(TEXTS, "passage")
    got = onnx_encoders["onnx-int8"].encode(TEXTS, "passage")
    assert (got * expected).sum(axis=1).min() > 0.95
    query = "trade turnover target of two billion dollars"
    order = lambda enc: np.argsort(-(enc.encode(TEXTS, "passage") @ enc.encode([query], "query")[0]))  # noqa: E731
    assert order(torch_encoder)[0] == order(onnx_encoders["onnx-int8"])[0]


def test_exports_are_cached_per_weights_and_caches_of_vectors_per_backend(store, onnx_encoders, torch_encoder):
    files = sorted(p.name for p in (store / "models").rglob("*.onnx"))
    assert len(files) == 2 and any(name.endswith("-int8.onnx") for name in files)
    slugs = {torch_encoder.info.slug, *(e.info.slug for e in onnx_encoders.values())}
    assert len(slugs) == 3, "vectors of different backends must not share a cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KK_STORE", str(store))
        again = encoders.load_encoder(MINILM, backend="onnx")
    assert again.model.path == onnx_encoders["onnx"].model.path  # reused, not exported again


def test_a_model_that_is_not_transformer_and_pooling_keeps_torch(torch_encoder, tmp_path):
    class Dense:
        pass

    with pytest.raises(onnx_backend.OnnxUnsupported):
        onnx_backend.OnnxModel([*torch_encoder.model, Dense()], tmp_path, quantised=False)
    with pytest.raises(ValueError, match="embed_backend"):
        encoders.load_encoder(MINILM, backend="tensorrt")


def test_the_bench_compares_the_backends_side_by_side(store, onnx_encoders):
    figures = bench_model.measure_backends(TEXTS[:4], store)  # the exports made above are reused
    assert set(figures["backend_passages_per_s"]) == set(onnx_backend.BACKENDS)
    assert all(v > 0 for v in figures["backend_passages_per_s"].values())
    assert figures["backend_cosine_to_torch"]["onnx"]["min"] > 0.9999
    assert 0.95 < figures["backend_cosine_to_torch"]["onnx-int8"]["mean"] < 1.0001
