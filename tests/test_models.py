"""The configured model: the packaged one needs nothing; a sentence-transformers name is read from a folder or
the cache, downloaded once with progress when the network is allowed (here a faked hub: tests never touch the
network), and never when KK_OFFLINE is set; ``python -m lib models show|pull`` say and do the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import huggingface_hub
import pytest
from huggingface_hub.errors import LocalEntryNotFoundError

from lib import cli
from lib.search import encoders, models

NAME = "example-org/tiny-minilm"


class FakeHub:
    """Stands for huggingface_hub.snapshot_download: a cache that holds nothing until a download copies the
    packaged all-MiniLM-L6-v2 into it, reporting its bytes through the caller's tqdm class as the Hub does."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.downloads = 0

    def __call__(self, repo_id, local_files_only=False, tqdm_class=None, **_):
        folder = self.cache / repo_id.replace("/", "--")
        if local_files_only:
            if not folder.is_dir():
                raise LocalEntryNotFoundError(f"{repo_id} is not in the cache")
            return str(folder)
        self.downloads += 1
        source = encoders.minilm_path()
        files = [p for p in source.rglob("*") if p.is_file()]
        total = sum(p.stat().st_size for p in files)
        bar = tqdm_class(total=total, unit="B", name="huggingface_hub.snapshot_download") if tqdm_class else None
        for path in files:
            target = folder / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            if bar is not None:
                bar.update(path.stat().st_size)
        return str(folder)


@pytest.fixture
def hub(monkeypatch, tmp_path):
    fake = FakeHub(tmp_path / "hub")
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake)
    monkeypatch.delenv("KK_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("KK_EMBED_DEVICE", "cpu")
    return fake


def test_a_missing_model_is_downloaded_once_with_progress_and_then_read_from_the_cache(hub):
    seen = []
    encoder = encoders.load_encoder(NAME, progress=lambda done, total: seen.append((done, total)))
    assert isinstance(encoder, encoders.SentenceTransformerEncoder)
    assert encoder.info.name == NAME and not encoder.info.fallback and "CPU, fp32" in encoder.info.sentence()
    assert hub.downloads == 1
    assert seen and seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    again = encoders.load_encoder(NAME)
    assert hub.downloads == 1 and again.info.name == NAME
    assert (again.encode(["border"], "query") @ encoder.encode(["border"], "query").T)[0, 0] > 0.9999


def test_offline_nothing_is_downloaded_and_the_packaged_model_stands_in(hub, monkeypatch):
    monkeypatch.setenv("KK_OFFLINE", "1")
    encoder = encoders.load_encoder(NAME)
    assert hub.downloads == 0
    assert isinstance(encoder, encoders.UseEncoder) and encoder.info.fallback and encoder.info.multilingual
    assert "KK_OFFLINE" in encoder.info.reason
    monkeypatch.delenv("KK_OFFLINE")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(models.ModelNotFound, match="network is off"):
        models.fetch(NAME)
    assert hub.downloads == 0


def test_a_failed_download_says_why_and_search_keeps_working(monkeypatch, hub):
    def unreachable(repo_id, local_files_only=False, **_):
        if local_files_only:
            raise LocalEntryNotFoundError("not cached")
        raise ConnectionError("no route to host\nwith a long second line")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", unreachable)
    encoder = encoders.load_encoder(NAME)
    assert encoder.info.fallback
    assert "could not be downloaded (ConnectionError: no route to host)." in encoder.info.reason


def test_a_local_folder_is_loaded_as_it_is(hub):
    folder = str(encoders.minilm_path())
    encoder = encoders.load_encoder(folder)
    assert hub.downloads == 0 and encoder.info.name == folder and not encoder.info.multilingual
    assert "English-only" in encoder.info.sentence()
    missing = models.status("/no/such/folder")
    assert missing.folder is None and not missing.packaged
    assert encoders.load_encoder("/no/such/folder").info.fallback


def test_models_show_and_pull(hub, capsys, monkeypatch):
    monkeypatch.setenv("KK_EMBED_MODEL", NAME)
    assert cli.main(["models", "show"]) == 0
    out = capsys.readouterr().out
    assert f"model: {NAME} (sentence-transformers)" in out and "not downloaded" in out and "models pull" in out
    assert hub.downloads == 0
    assert cli.main(["models", "pull"]) == 0
    captured = capsys.readouterr()
    assert hub.downloads == 1 and f"{NAME} is in " in captured.out and "downloading" in captured.err
    assert cli.main(["models", "show"]) == 0
    out = capsys.readouterr().out
    assert "not downloaded" not in out and f"Semantic search uses {NAME}" in out
    assert cli.main(["models", "pull", "--model", models.PACKAGED]) == 0
    assert "nothing to download" in capsys.readouterr().out


def test_models_pull_offline_fails_with_what_to_do(hub, capsys, monkeypatch):
    monkeypatch.setenv("KK_OFFLINE", "1")
    assert cli.main(["models", "pull", "--model", NAME]) == 1
    assert "network is off" in capsys.readouterr().err and hub.downloads == 0
