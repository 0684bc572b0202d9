"""Which folders a dashboard visitor may open: a chosen folder name → a folder inside the corpus root, or a refusal.

A hosted dashboard reads only what its operator published. With no corpus root (setting ``corpus_root`` empty)
there is nothing to choose: the corpus is the operator's ``KK_CORPUS``. With a root, a visitor may name a folder
under it, and everything that would leave it is refused before any file is read: ``..``, an absolute path
elsewhere, a symbolic link (at any level) that points outside, a file or a missing folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lib import settings

# Folders listed for a visitor to pick from: enough for a corpus split by outlet or year, never a walk of a disk.
LIST_DEPTH = 2
LIST_LIMIT = 200


class FolderRefused(Exception):
    """A folder a visitor may not open; the message says why and what may be opened instead."""


@dataclass(frozen=True, slots=True)
class Access:
    """What the dashboard lets a visitor read: the default folder, and the root they may choose under (or None)."""

    default: Path
    root: Path | None

    @property
    def choosable(self) -> bool:
        return self.root is not None


def access() -> Access:
    """The operator's settings: ``KK_CORPUS`` is read by default; ``KK_CORPUS_ROOT``, when set, may be browsed."""
    corpus = settings.get_path("corpus")
    raw_root = settings.get("corpus_root").strip()
    if not raw_root:
        return Access(corpus, None)
    root = Path(raw_root).expanduser().resolve()
    # A KK_CORPUS outside the root would let the default show what no visitor may choose: the root wins.
    return Access(corpus if corpus.is_relative_to(root) else root, root)


def fence(folder: Path) -> Path | None:
    """The corpus root a scan of ``folder`` must not leave (its links included), or None when nothing confines it.

    Only folders inside KK_CORPUS_ROOT are fenced: the store's uploads folder lies elsewhere and holds no links.
    """
    raw_root = settings.get("corpus_root").strip()
    if not raw_root:
        return None
    root = Path(raw_root).expanduser().resolve()
    try:
        real = Path(folder).resolve()
    except (OSError, RuntimeError):
        return None
    return root if real.is_relative_to(root) else None


def resolve_choice(chosen: str, root: Path) -> Path:
    """The folder ``chosen`` (relative to ``root``, or absolute) names inside ``root``; raises FolderRefused.

    The name is checked as typed (no ``..``, no NUL) and then as the file system resolves it (every symbolic
    link followed), so a link inside the root that points out of it is refused too.
    """
    root = Path(root).resolve()
    text = chosen.strip()
    if not text:
        return root
    if "\x00" in text:
        raise FolderRefused("The folder name contains a NUL character.")
    parts = PurePosixPath(text.replace("\\", "/")).parts
    if ".." in parts:
        raise FolderRefused(f"“..” is not allowed in a folder name: choose a folder under {_shown(root)}.")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = root / path
    # "~" and an absolute path are judged where they point, like any other name.
    if not Path(os.path.normpath(path)).is_relative_to(root):
        raise FolderRefused(f"{text!r} is outside the folders this dashboard publishes: choose a folder under "
                            f"{_shown(root)}.")
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise FolderRefused(f"There is no folder {text!r} under {_shown(root)}.") from None
    if not real.is_relative_to(root):
        raise FolderRefused(f"{text!r} is a link to a folder outside {_shown(root)}: it is not published here.")
    if not real.is_dir():
        raise FolderRefused(f"{text!r} is a file, not a folder: choose the folder that holds the articles.")
    return real


def folders_under(root: Path, depth: int = LIST_DEPTH, limit: int = LIST_LIMIT) -> list[str]:
    """The root ("") and the folders under it to ``depth`` levels, as names relative to it; links out are left out."""
    root = Path(root).resolve()
    found = [""]
    level = [root]
    for _ in range(depth):
        below: list[Path] = []
        for folder in level:
            try:
                entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or not entry.is_dir():
                    continue
                try:
                    real = Path(entry.path).resolve(strict=True)
                except (OSError, RuntimeError):
                    continue
                if real.is_relative_to(root):
                    below.append(Path(entry.path))
                    found.append(Path(entry.path).relative_to(root).as_posix())
                if len(found) >= limit:
                    return found
        level = below
    return found


def relative_name(folder: Path, root: Path) -> str:
    """How ``folder`` is written in the folder box: relative to the root ("" for the root itself)."""
    relative = Path(folder).resolve().relative_to(Path(root).resolve()).as_posix()
    return "" if relative == "." else relative


def _shown(root: Path) -> str:
    return f"the corpus root ({root.name or root})"
