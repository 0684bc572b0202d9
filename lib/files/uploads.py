"""Browser uploads: (file name, bytes) → a file in ``<store>/uploads/`` that the next build ingests.

The checks here are the whole defence against hostile uploads, so they run before anything touches the disk:
allowed extension, size limit (setting ``upload_max_mb``), a sanitised name that cannot leave the uploads
folder, and a content hash so the same text uploaded twice is stored once. Writes are atomic and never
overwrite: two sessions uploading at once each keep their file.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from lib import settings

ALLOWED_EXTENSIONS = (".txt", ".md", ".html", ".htm")
UPLOADS_FOLDER = "uploads"
PREFIX = "uploads/"  # how uploaded files are named in every table: the pipeline's prefix for this folder
MAX_STEM = 80
MAX_STEM_BYTES = 200


class UploadRejected(Exception):
    """An upload that was not stored; the message says why and what to do, for the person uploading."""


@dataclass(frozen=True, slots=True)
class SavedUpload:
    """An accepted upload: where it is and whether the same content was already there."""

    file: str  # the name tables show: "uploads/<name>"
    path: Path
    duplicate: bool


def uploads_folder(store_root: Path) -> Path:
    return Path(store_root) / UPLOADS_FOLDER


def safe_name(name: str) -> str:
    """A file name that stays inside the uploads folder: no folders, no leading dot or dash, plain characters.

    "../../x.txt" becomes "x.txt"; "-rf .txt" becomes "rf.txt"; Cyrillic letters are kept.
    """
    base = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^\w.-]+", "_", stem, flags=re.UNICODE)
    stem = re.sub(r"\.{2,}", ".", stem).lstrip("._-")[:MAX_STEM]
    # File systems count bytes (255 at most): 80 CJK or rarer letters take up to 320. Room is left for the
    # "-<hash>" suffix and the extension.
    stem = stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip("._-") or "upload"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())
    return f"{stem}.{ext}" if ext else stem


def check(name: str, data: bytes, max_mb: int | None = None) -> str:
    """The sanitised name of an acceptable upload; raises UploadRejected otherwise."""
    limit_mb = settings.get_int("upload_max_mb") if max_mb is None else max_mb
    clean = safe_name(name)
    ext = Path(clean).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise UploadRejected(f"{name!r} was not stored: only {', '.join(ALLOWED_EXTENSIONS)} files are accepted "
                             f"(this one is {ext or 'without an extension'})")
    if len(data) > limit_mb * 1024 * 1024:
        raise UploadRejected(f"{name!r} was not stored: it is {len(data) / 1024 / 1024:.1f} MB, over the "
                             f"{limit_mb} MB limit for one upload (setting KK_UPLOAD_MAX_MB)")
    if not data.strip():
        raise UploadRejected(f"{name!r} was not stored: the file is empty")
    return clean


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_upload(store_root: Path, name: str, data: bytes, max_mb: int | None = None) -> SavedUpload:
    """Store one upload in ``<store_root>/uploads/`` atomically; the same bytes already there are not stored twice."""
    clean = check(name, data, max_mb)
    folder = uploads_folder(store_root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UploadRejected(f"cannot create the uploads folder {folder} ({exc.strerror}); check KK_STORE") from exc
    digest = content_hash(data)
    existing = _same_content(folder, data, digest)
    if existing is not None:
        return SavedUpload(PREFIX + existing.name, existing, duplicate=True)
    # The temp file starts with a dot so a build running meanwhile skips it (folders.py ignores dot files).
    tmp = folder / f".upload-{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        stem, ext = os.path.splitext(clean)
        for candidate in (clean, f"{stem}-{digest[:10]}{ext}", f"{stem}-{uuid.uuid4().hex[:10]}{ext}"):
            target = folder / candidate
            try:
                # A hard link fails when the name exists, unlike a rename: another session's file under the
                # same name is never replaced, and the file appears whole or not at all.
                os.link(tmp, target)
            except FileExistsError:
                if target.is_file() and _hash_file(target) == digest:
                    return SavedUpload(PREFIX + target.name, target, duplicate=True)
                continue
            except OSError:
                if target.exists():
                    continue
                os.replace(tmp, target)  # a file system without hard links: rename is still atomic
            return SavedUpload(PREFIX + target.name, target, duplicate=False)
        raise UploadRejected(f"{name!r} was not stored: no free file name for it in {folder}")
    except OSError as exc:
        raise UploadRejected(f"{name!r} was not stored: writing it failed ({exc.strerror or exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _hash_file(path: Path) -> str:
    return content_hash(path.read_bytes())


def _same_content(folder: Path, data: bytes, digest: str) -> Path | None:
    # Sizes first: only files of exactly the same length are read and hashed.
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            if path.stat().st_size == len(data) and _hash_file(path) == digest:
                return path
        except OSError:
            continue
    return None


def folder_signature(*folders: Path) -> str:
    """A cheap fingerprint of what the folders hold (names, sizes, times): changes when a file is added."""
    digest = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        digest.update(str(folder).encode())
        if not folder.is_dir():
            continue
        try:
            stat = folder.stat()
            digest.update(f"{stat.st_mtime_ns}".encode())
            if folder.name == UPLOADS_FOLDER:
                for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                    if not entry.name.startswith("."):
                        info = entry.stat()
                        digest.update(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
        except OSError:
            continue
    return digest.hexdigest()[:16]
