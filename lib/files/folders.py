"""Finding and decoding files: folders → FoundFile list → RawDocument (text, kind, encoding).

Decoding is detected, never assumed: byte-order marks first, then strict UTF-8, then charset-normalizer
limited to the Cyrillic and Western code pages that news sites actually use.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat as stat_module
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from lib import settings
from lib.files import roots as published
from lib.records import RawDocument, ReadError

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
         ".htm": "html", ".xhtml": "html"}
# Known binary signatures, so the message can say what the file is rather than "undecodable".
MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"), (b"RIFF", "a media file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"BM", None),
]
# charset-normalizer is asked only about these: the encodings a Russian or English news page can be in.
CANDIDATE_ENCODINGS = ["cp1251", "koi8_r", "cp1252", "iso8859_5", "mac_cyrillic", "cp866", "latin_1"]
# Text longer than this is not one news article (a long read is 50,000-100,000 characters); refusing it keeps
# time and memory bounded: extraction costs ~15 s per 300,000 characters on a busy two-core machine, and the
# stages hold a body several times over. HTML carries markup, scripts and inline data besides the text (a
# heavy news page is 1-2 MB), and trafilatura needs ~8 s per million characters.
MAX_CHARS = {"text": 500_000, "markdown": 500_000, "html": 3_000_000}
MAX_BYTES_PER_CHAR = 4  # UTF-8 and UTF-32 at most; so a file over 4 bytes per allowed character is too long
# A web page saved under a text name (scrapers do it): read as HTML, so its scripts and menus are not taken
# for article text.
HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
# Up to this share of NUL bytes is damage in a text and dropped; more is binary data.
MAX_NUL_SHARE = 0.02


DOCUMENTATION = re.compile(r"^(?:readme|licen[cs]e|changelog|contributing)(?:\.[a-z]+)?$", re.IGNORECASE)


class UnreadableFile(Exception):
    """A file that is not a readable article; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path
    file: str  # name shown to users and written to CSVs: prefix + path relative to the scanned folder
    kind: str


OUT_OF_ROOT = "a link out of the published folders (KK_CORPUS_ROOT): not read"


def scan(roots: list[tuple[Path, str]]) -> tuple[list[FoundFile], list[ReadError]]:
    """All article files under the roots, sorted by name, and the entries that cannot be articles.

    A folder inside KK_CORPUS_ROOT is read without leaving it: a link that points out is reported, not followed.
    """
    found: list[FoundFile] = []
    errors: list[ReadError] = []
    for root, prefix in roots:
        root = Path(root)
        fence = published.fence(root)
        if not root.exists():
            errors.append(ReadError(display_name(prefix + root.name), f"folder not found: {display_name(str(root))}"))
            continue
        if root.is_file():
            _add(root, prefix + root.name, found, errors)
            continue

        def unreadable_folder(exc: OSError, root: Path = root, prefix: str = prefix) -> None:
            # os.walk skips a folder it cannot list; say so instead of losing its articles silently.
            where = Path(exc.filename or root)
            name = prefix + (where.relative_to(root).as_posix() if where.is_relative_to(root) else where.name)
            errors.append(ReadError(display_name(name + "/"),
                                    f"cannot open the folder ({exc.strerror or exc}): its files were not read"))

        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable_folder):
            here = Path(dirpath)
            try:
                stat = here.stat()
            except OSError:
                dirnames[:] = []
                continue
            if (stat.st_dev, stat.st_ino) in seen:
                # A symlink back to a folder already walked: a loop or an alias, read once.
                dirnames[:] = []
                continue
            seen.add((stat.st_dev, stat.st_ino))
            if fence is not None and not here.resolve().is_relative_to(fence):
                errors.append(ReadError(display_name(prefix + here.relative_to(root).as_posix() + "/"), OUT_OF_ROOT))
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = here / name
                if fence is not None and path.is_symlink() and path.exists() \
                        and not path.resolve().is_relative_to(fence):
                    errors.append(ReadError(display_name(prefix + path.relative_to(root).as_posix()), OUT_OF_ROOT))
                    continue
                _add(path, prefix + path.relative_to(root).as_posix(), found, errors)
    found.sort(key=lambda f: f.file)
    return found, errors


def display_name(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (kept by Python as surrogates) become U+FFFD.

    Linux allows any bytes in a name; without this one odd name would crash the CSV and Parquet writers.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _add(path: Path, file: str, found: list[FoundFile], errors: list[ReadError]) -> None:
    file = display_name(file)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        errors.append(ReadError(file, f"not an article format ({display_name(path.suffix) or 'no extension'}): "
                                      "only .txt, .md and .html files are read"))
        return
    if DOCUMENTATION.match(path.name):
        # A folder of scraped articles often carries its own README; indexing it as news would put a summary
        # of every article at the top of every search.
        errors.append(ReadError(file, "skipped: a README/licence/changelog file describes the folder, it is "
                                      "not an article (rename it to read it as one)"))
        return
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            reason = ("a symbolic link that loops back on itself" if exc.errno == errno.ELOOP
                      else "broken link: the file it points to does not exist")
        else:
            reason = f"cannot read the file ({exc.strerror or exc})"
        errors.append(ReadError(file, reason))
        return
    if not stat_module.S_ISREG(mode):
        # Reading a named pipe or a device (a link to /dev/zero) would block or never end.
        errors.append(ReadError(file, "not a regular file (a pipe, device or socket): skipped"))
        return
    found.append(FoundFile(path, file, kind))


def file_hash(path: Path) -> str:
    """Hash of the file's bytes: the cache key of everything parsed from it."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:24]


def read_document(found: FoundFile) -> RawDocument:
    """Read and decode one file; raises UnreadableFile with a reason a person understands."""
    limit_mb = settings.get_int("max_file_mb")
    try:
        size = found.path.stat().st_size
        if size > limit_mb * 1024 * 1024:
            raise UnreadableFile(f"file is {size / 1024 / 1024:.0f} MB, larger than the {limit_mb} MB limit "
                                 "for one article (setting KK_MAX_FILE_MB)")
        if size > MAX_BYTES_PER_CHAR * MAX_CHARS[found.kind]:
            # Too long whatever its encoding: refused without reading it into memory.
            raise UnreadableFile(f"file is {size / 1024 / 1024:.0f} MB: longer than any news article (the limit is "
                                 f"{MAX_CHARS[found.kind] / 1e6:g} million characters for a {found.kind} file); "
                                 "split it into one file per article")
        data = found.path.read_bytes()
    except IsADirectoryError as exc:
        raise UnreadableFile("a folder, not a file") from exc
    except PermissionError as exc:
        raise UnreadableFile("permission denied: the file cannot be opened") from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from exc
    text, encoding = decode(data)
    limit = MAX_CHARS[found.kind]
    if len(text) > limit:
        raise UnreadableFile(f"{len(text) / 1e6:.1f} million characters of text: longer than any news article "
                             f"(the limit is {limit / 1e6:g} million for a {found.kind} file); "
                             "split it into one file per article")
    kind = "html" if found.kind != "html" and HTML_START.match(text) else found.kind
    return RawDocument(found.file, text, kind, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text and the encoding used; raises UnreadableFile for empty, binary or undecodable data."""
    if not data:
        raise UnreadableFile("empty file (0 bytes)")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                if encoding == "utf-8-sig":
                    text = _mostly_utf8(data[3:])
                    if text is not None:
                        return _checked(text), encoding
                raise UnreadableFile(f"the file says it is {encoding.upper()} but its bytes are not") from None
    for magic, what in MAGIC:
        if what and data.startswith(magic):
            raise UnreadableFile(f"binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _checked(utf16), "utf-16"
        # A few stray NUL bytes in a text (a bad copy, a C string dump) are dropped; many mean binary data.
        binary = UnreadableFile("binary data, not text (it contains NUL bytes)")
        if data.count(b"\x00") > len(data) * MAX_NUL_SHARE:
            raise binary
        try:
            return _decode_text(data.replace(b"\x00", b""))
        except UnreadableFile:
            raise binary from None
    return _decode_text(data)


def _decode_text(data: bytes) -> tuple[str, str]:
    text = _mostly_utf8(data)
    if text is not None:
        return _checked(text), "utf-8"
    match = from_bytes(data[:200_000], cp_isolation=CANDIDATE_ENCODINGS).best()
    if match is None or match.encoding is None:
        raise UnreadableFile("cannot decode the text: it is not UTF-8, UTF-16 or a Cyrillic/Western code page")
    try:
        text = data.decode(match.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnreadableFile(f"cannot decode the text as {match.encoding}") from exc
    return _checked(text), match.encoding


def _mostly_utf8(data: bytes) -> str | None:
    """The text if ``data`` is UTF-8, allowing a cut-off last character and rare bad bytes; else None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # The file was cut in the middle of its last character (an interrupted download or copy).
            try:
                return data[:exc.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
    # A handful of broken bytes in a long UTF-8 text is damage, not another encoding: reading it as
    # cp1251 would garble every Cyrillic letter, so the bad bytes become U+FFFD and the rest is kept.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad <= max(1, len(text) // 1000) and multibyte >= 20 * bad:
        return text
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    # Text in UTF-16 has NUL in every other byte for Latin and in none of the pairs' high bytes for Cyrillic
    # (0x04): try both byte orders and keep the one that reads as letters.
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _printable_share(text) > 0.95:
            return text
    return None


def _printable_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    # Nearly every text is all printable: one C-level check answers, the per-character count only otherwise.
    if sample.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        return 1.0
    good = sum(map(str.isprintable, sample)) + sum(map(sample.count, "\n\r\t"))
    return good / len(sample)


def _checked(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise UnreadableFile("the file has no text (only whitespace)")
    if "\x00" in text or _printable_share(text) < 0.9:
        raise UnreadableFile("binary data, not text (too many control characters)")
    return text
