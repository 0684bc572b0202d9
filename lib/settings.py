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
        "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2",
        "Sentence-transformers model for semantic search: a local path or a Hugging Face name already in the "
        "local cache (nothing is downloaded).",
    ),
    Setting(
        "embed_backend",
        "torch",
        "How the embedding model runs: torch, onnx (the same weights exported once to ONNX Runtime) or onnx-int8 "
        "(weights quantised to 8 bits); see Performance for their speed and quality here.",
    ),
    Setting("embed_batch", "64", "Passages encoded per batch."),
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
