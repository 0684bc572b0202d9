"""One list of settings (name, default, help), each overridable by an environment variable ``KK_<NAME>``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The curated tables and word lists the extractors read (officials, posts, titles, places, glossary, ...).
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"KK_{self.name.upper()}"


SETTINGS: list[Setting] = [
    Setting("corpus", str(PROJECT_ROOT / "seeds"), "Folder of articles the dashboard and CLI read by default."),
    Setting("store", str(PROJECT_ROOT / ".store"), "Folder of the embedded store (Parquet tables, caches, uploads)."),
    Setting(
        "embed_model",
        "use-multilingual-v3",
        "Embedding model for semantic search: use-multilingual-v3 (Universal Sentence Encoder Multilingual v3, "
        "shipped in a Python package: multilingual offline), or a sentence-transformers model as a local folder "
        "or a Hugging Face name (read from the local cache; downloaded once when missing, unless KK_OFFLINE).",
    ),
    Setting("offline", "", "Set to 1 to never download a model (also HF_HUB_OFFLINE=1)."),
    Setting("embed_device", "auto", "Where the embedding model runs: auto (CUDA, then Apple MPS, else CPU), "
            "cpu, cuda, cuda:N or mps."),
    Setting(
        "embed_backend",
        "torch",
        "How the embedding model runs: torch, onnx (the same weights exported once to ONNX Runtime) or onnx-int8 "
        "(weights quantised to 8 bits); see Performance for their speed and quality here.",
    ),
    Setting("embed_batch", "auto", "Passages encoded per batch: auto fits it to the device (64 on a CPU, "
            "more on a GPU by its memory), or a number."),
    Setting("max_file_mb", "50", "Files larger than this many megabytes are reported and skipped."),
    Setting("upload_max_mb", "5", "Largest article the browser upload accepts, in megabytes."),
    Setting("corpus_root", "", "Folder under which dashboard visitors may choose a corpus folder; empty: they read "
                               "only KK_CORPUS and the browser offers no folder box."),
    Setting("password", "", "Shared password asked before any dashboard page renders; empty: no password."),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value: the environment variable when set, else the default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env, setting.default)


def get_path(name: str) -> Path:
    return Path(get(name)).expanduser().resolve()


def get_int(name: str) -> int:
    return int(get(name))
