"""Awkward inputs, generated here (no binaries in the repo): each file is read correctly or listed in
errors.csv with a reason a person understands; the good files beside them are all read; no traceback.

One module-scoped export (``python -m lib export`` as a subprocess) reads the whole awkward folder; the
other tests look at its CSVs, or call ``lib.corpus`` directly for what the CLI cannot show.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT as PROJECT

from lib import pipeline
from lib.files import folders
from lib.files.folders import FoundFile, UnreadableFile
from lib.store.batches import Store

# A hang guard only: the export of this folder takes seconds; nothing here asserts on time.
HANG_GUARD_S = 120
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def en_article(tag: str) -> tuple[str, list[str]]:
    """A plain-text English article that names ``tag`` in its sentences, and the sentences to find."""
    sentences = [
        f"The foreign ministers of Kazakhstan and Kyrgyzstan met in Bishkek on Tuesday to sign agreement {tag}.",
        f"Under agreement {tag}, the two governments will open a new border crossing for freight trucks "
        "and simplify customs checks for farmers who sell their produce across the border.",
        f"The ministers said that the trade turnover between the two countries should grow, and that "
        f"the talks about agreement {tag} would continue at the level of experts in the spring.",
    ]
    text = f"Ministers sign agreement {tag} on the border\n\n" + "\n\n".join(sentences) + "\n"
    return text, sentences


def ru_article(tag: str) -> tuple[str, list[str]]:
    """The same in Russian, with ``tag`` in each paragraph (ё and Cyrillic capitals test the code pages)."""
    sentences = [
        f"Министры иностранных дел Казахстана и Кыргызстана встретились в Бишкеке и подписали соглашение {tag}.",
        f"По соглашению {tag} правительства двух стран откроют новый пункт пропуска для грузовиков "
        "и упростят таможенный досмотр для фермеров, которые продают урожай через границу.",
        f"Министры заявили, что товарооборот между странами ещё вырастет, а переговоры о соглашении {tag} "
        "продолжатся на уровне экспертов весной.",
    ]
    text = f"Министры подписали соглашение {tag} о границе\n\n" + "\n\n".join(sentences) + "\n"
    return text, sentences


MARKERS = ["scriptmarker", "stylemarker", "iframemarker", "onerrormarker", "jsurlmarker", "noscriptmarker",
           "alert(", "<script", "onerror", "<iframe", "javascript:"]


def hostile_html(tag: str) -> tuple[str, list[str]]:
    text, sentences = en_article(tag)
    paragraphs = "".join(f"<p>{s}</p>\n" for s in sentences)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ministers sign agreement {tag} on the border</title>
<script>var scriptmarker = "alert(1)"; document.write("scriptmarker");</script>
<style>body {{ color: red }} /* stylemarker */</style></head>
<body onload="alert('onloadmarker')">
<nav><a href="/">Home</a> <a href="javascript:alert('jsurlmarker')">News</a></nav>
<article><h1>Ministers sign agreement {tag} on the border</h1>
<iframe src="https://evil.example/iframemarker">iframemarker fallback text</iframe>
{paragraphs}<img src="x" onerror="alert('onerrormarker')">
<noscript>noscriptmarker: enable JavaScript</noscript>
<script>alert("scriptmarker in body")</script>
</article></body></html>
"""
    return page, sentences


def nested_html(tag: str, depth: int) -> tuple[str, list[str]]:
    _, sentences = en_article(tag)
    inner = "".join(f"<p>{s}</p>" for s in sentences)
    page = ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth + inner + "</div>" * depth
            + "</body></html>")
    return page, sentences


# The awkward folder: name → (bytes or a builder, expectation). An expectation is ("read", sentences that
# must be in the body) or ("error", words that the reason must contain).
GOOD: dict[str, tuple[bytes, list[str]]] = {}
BAD: dict[str, tuple[bytes, list[str]]] = {}
# Read correctly or refused with a reason, both fine: HTML nested past libxml2's depth limit (256).
EITHER: dict[str, tuple[bytes, list[str]]] = {}


def _good(name: str, data: bytes, sentences: list[str]) -> None:
    GOOD[name] = (data, sentences)


def _define() -> None:
    text, s = en_article("A1")
    _good("plain.txt", text.encode(), s)
    text, s = ru_article("Б2")
    _good("utf8-bom.txt", b"\xef\xbb\xbf" + text.encode(), s)
    text, s = ru_article("В3")
    _good("utf16-bom.txt", text.encode("utf-16"), s)  # little-endian with BOM
    text, s = ru_article("Г4")
    _good("utf16-be-bom.txt", b"\xfe\xff" + text.encode("utf-16-be"), s)
    text, s = ru_article("Д5")
    _good("utf16-le-no-bom.txt", text.encode("utf-16-le"), s)
    text, s = en_article("E6")
    _good("utf16-le-no-bom-english.txt", text.encode("utf-16-le"), s)
    text, s = ru_article("Ж7")
    _good("windows-1251.txt", text.encode("cp1251"), s)
    text, s = ru_article("З8")
    # Cut in the middle of the last character (an interrupted download): the rest is kept.
    _good("truncated-utf8.txt", (text + "Ж").encode()[:-1], s)
    text, s = en_article("I9")
    raw = text.encode()
    _good("stray-nul.txt", raw[:10] + b"\x00" + raw[10:200] + b"\x00" + raw[200:], s)
    text, s = ru_article("К10")
    _good("crlf-windows.txt", text.replace("\n", "\r\n").encode("cp1251"), s)
    text, s = en_article("L11")
    _good("file with spaces.txt", text.encode(), s)
    text, s = ru_article("М12")
    _good("Статья о встрече министров.txt", text.encode(), s)
    text, s = en_article("N13")
    _good("-leading-dash.txt", text.encode(), s)
    text, s = en_article("O14")
    _good("--help.md", text.encode(), s)
    text, s = en_article("P15")
    _good("x.txt/inside.txt", text.encode(), s)  # a folder named like a file: its contents are read
    text, s = en_article("Q16")
    _good("nested/deeper/still deeper/article.txt", text.encode(), s)
    page, s = hostile_html("R17")
    _good("hostile.html", page.encode(), s)
    page, s = hostile_html("S18")
    _good("hostile-windows-1251.htm", page.replace('charset="utf-8"', 'charset="windows-1251"').encode("cp1251"),
          s)
    page, s = hostile_html("AA26")
    _good("web-page-saved-as.txt", page.encode(), s)  # HTML under a text name is read as HTML
    page, s = nested_html("T19", 40)
    _good("nested-40.html", page.encode(), s)

    page, s = nested_html("U20", 5000)
    EITHER["nested-5000.html"] = (page.encode(), s)

    BAD["empty.txt"] = (b"", ["empty"])
    BAD["blank.txt"] = (b"   \n\t\n  \r\n", ["no text", "whitespace"])
    BAD["binary.txt"] = (bytes(range(256)) * 64, ["binary"])
    BAD["image.txt"] = (_png(), ["png"])
    BAD["photo.png"] = (_png(), ["not an article format", ".png"])
    BAD["random-bytes.html"] = (_random_bytes(50_000), ["binary", "decode"])
    BAD["all-nul.txt"] = (b"\x00" * 4096, ["binary"])
    BAD["pdf-named-txt.txt"] = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", ["pdf"])
    BAD["bad-utf16-bom.txt"] = (b"\xff\xfe" + b"\x00\xd8" * 10, ["utf-16"])


def _png() -> bytes:
    # A real 1x1 PNG, built with zlib so no binary is committed.
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _random_bytes(n: int) -> bytes:
    import random

    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(n))


_define()
BIG_NAME = "huge-30mb.txt"


def _write_folder(root: Path) -> None:
    for name, (data, _) in {**GOOD, **BAD, **EITHER}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # 30 MB of real sentences: not one article, and must not cost minutes or gigabytes.
    text, _ = en_article("big")
    with open(root / BIG_NAME, "w", encoding="utf-8") as handle:
        for _ in range(30 * 1024 * 1024 // len(text) + 1):
            handle.write(text)
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back-to-top")  # a folder symlink loop
    os.symlink("does-not-exist.txt", root / "broken-link.txt")
    os.symlink("loop-b.txt", root / "loop-a.txt")  # a file symlink loop
    os.symlink("loop-a.txt", root / "loop-b.txt")
    os.mkfifo(root / "named-pipe.txt")  # reading it would block forever
    os.symlink("/dev/zero", root / "endless.txt")  # reading it would never end


LINK_ERRORS = {"broken-link.txt": ["broken link"], "loop-a.txt": ["loops"], "loop-b.txt": ["loops"],
               "named-pipe.txt": ["not a regular file"], "endless.txt": ["not a regular file"],
               BIG_NAME: ["longer than any news article"]}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("awkward")
    root = base / "corpus"
    root.mkdir()
    _write_folder(root)
    out = base / "out"
    with open(base / "stdout", "w") as stdout, open(base / "stderr", "w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lib", "export", "--corpus", str(root), "--out", str(out), "--store",
             str(base / "store")],
            cwd=PROJECT, stdout=stdout, stderr=stderr,
        )
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would mix in other tests' children).
        timer = threading.Timer(HANG_GUARD_S, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # already reaped by wait4
    rss = round(usage.ru_maxrss / 1024, 1)  # kilobytes on Linux
    print(f"awkward-folder export: exit {code}, peak memory {rss} MB")
    read = lambda name: pd.read_csv(out / name, dtype=str, keep_default_na=False)  # noqa: E731
    return {"code": code, "stdout": (base / "stdout").read_text(), "stderr": (base / "stderr").read_text(),
            "articles": read("articles.csv"), "errors": read("errors.csv"), "rss_mb": rss, "out": out}


def test_export_exits_zero_and_prints_no_traceback(export):
    assert export["code"] == 0, export["stderr"]
    assert "Traceback" not in export["stderr"] + export["stdout"]
    assert "articles" in export["stdout"]  # the one-line summary


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_file_is_read_correctly(export, name):
    articles = export["articles"]
    row = articles[articles["file"] == name]
    assert len(row) == 1, f"{name} not among the articles; errors: {export['errors'].to_dict('records')}"
    body = row.iloc[0]["body"]
    for sentence in GOOD[name][1]:
        assert sentence in body, f"{name}: missing {sentence!r} in {body!r}"


@pytest.mark.parametrize("name", sorted(BAD) + sorted(LINK_ERRORS))
def test_bad_file_is_listed_with_a_reason(export, name):
    errors = export["errors"]
    row = errors[errors["file"] == name]
    assert len(row) == 1, f"{name} not in errors.csv: {errors.to_dict('records')}"
    reason = row.iloc[0]["error"].lower()
    words = BAD[name][1] if name in BAD else LINK_ERRORS[name]
    assert any(word in reason for word in words), f"{name}: {reason!r} names none of {words}"
    assert name not in set(export["articles"]["file"])


@pytest.mark.parametrize("name", sorted(EITHER))
def test_deeply_nested_html_is_read_or_refused_with_a_reason(export, name):
    articles, errors = export["articles"], export["errors"]
    if name in set(articles["file"]):
        body = articles.loc[articles["file"] == name, "body"].iloc[0]
        assert all(sentence in body for sentence in EITHER[name][1])
    else:
        reason = errors.loc[errors["file"] == name, "error"]
        assert len(reason) == 1 and len(reason.iloc[0]) > 10


def test_every_file_is_accounted_for(export):
    listed = set(export["articles"]["file"]) | set(export["errors"]["file"])
    expected = set(GOOD) | set(BAD) | set(LINK_ERRORS) | set(EITHER)
    assert listed == expected  # the symlinked folder loop adds nothing and is walked once


def test_no_script_style_iframe_or_handler_reaches_an_article(export):
    articles = export["articles"]
    for column in ("title", "body"):
        for marker in MARKERS:
            hits = articles[articles[column].str.contains(marker, regex=False)]
            assert hits.empty, f"{marker!r} in {column} of {list(hits['file'])}"


def test_windows_1251_is_decoded_not_garbled(export):
    articles = export["articles"].set_index("file")
    text, sentences = ru_article("Ж7")
    body = articles.loc["windows-1251.txt", "body"]
    assert body == "\n".join(sentences)
    assert articles.loc["windows-1251.txt", "title"] == text.split("\n")[0]
    assert articles.loc["windows-1251.txt", "lang"] == "ru"


def test_huge_file_is_refused_in_bounded_memory(export):
    # 30 MB of text would take the later stages minutes and gigabytes; it is refused before them.
    assert export["rss_mb"] < 1500, export["rss_mb"]


def test_nothing_readable_exits_non_zero_without_traceback(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(_png())
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "lib", "export", "--corpus", str(root), "--out", str(out),
                           "--store", str(tmp_path / "store")], cwd=PROJECT, capture_output=True, text=True,
                          timeout=HANG_GUARD_S)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = pd.read_csv(out / "errors.csv", dtype=str)
    assert set(errors["file"]) == {"empty.txt", "image.txt"}


def test_missing_corpus_folder_exits_non_zero_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "lib", "export", "--corpus", str(tmp_path / "nope"), "--out",
                           str(tmp_path / "out"), "--store", str(tmp_path / "store")], cwd=PROJECT,
                          capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = pd.read_csv(tmp_path / "out" / "errors.csv", dtype=str)
    assert "folder not found" in errors.iloc[0]["error"]


# --- lib.corpus directly ---------------------------------------------------------------------------------


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]


@pytest.mark.parametrize("maker, encoding", [(ru_article, e) for e in [*ENCODINGS, "cp1251", "koi8-r"]]
                         + [(en_article, e) for e in ENCODINGS])
def test_decode_round_trips(maker, encoding):
    text, _ = maker("Ё1")
    decoded, _ = folders.decode(text.encode(encoding))
    assert decoded == text


def test_short_windows_1251_text_is_decoded():
    text = "Токаев и Жапаров обсудили торговлю.\n"
    assert folders.decode(text.encode("cp1251"))[0] == text


def test_truncated_utf8_keeps_all_but_the_cut_character():
    text = "Президенты встретились в Астане."
    assert folders.decode(text.encode() + "ж".encode()[:1]) == (text, "utf-8")


def test_rare_bad_bytes_in_long_utf8_are_replaced_not_garbled():
    text, _ = ru_article("У20")
    data = text.encode()
    data = data[:100] + b"\xff" + data[100:]
    decoded, encoding = folders.decode(data)
    assert encoding == "utf-8"
    assert decoded.replace("\ufffd", "") == text


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b" \n \t ", "whitespace"),
    (b"\x00" * 100, "binary"),
    (b"GIF89a" + bytes(200), "gif"),
    (b"\x7fELF" + bytes(200), "program"),
    (bytes(range(256)) * 8, "binary"),
])
def test_decode_refuses_with_a_reason(data, words):
    with pytest.raises(UnreadableFile, match=f"(?i){words}") as info:
        folders.decode(data)
    assert len(str(info.value)) > 10


def test_unreadable_file_is_listed_not_fatal(tmp_path, monkeypatch):
    # As root (this CI), chmod 000 does not deny reads, so the denial is simulated where the file is opened;
    # test_chmod_000_file below runs the real thing and checks the outcome that fits the current user.
    text, s = en_article("V21")
    (tmp_path / "locked.txt").write_text(text)
    (tmp_path / "fine.txt").write_text(en_article("W22")[0])
    real_read = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = pipeline.build([(tmp_path, "")], Store(tmp_path / ".store"))
    assert list(result.articles["file"]) == ["fine.txt"]
    assert result.errors.to_dict("records") == [{"file": "locked.txt",
                                                 "error": "permission denied: the file cannot be opened"}]


def test_chmod_000_file(tmp_path):
    text, sentences = en_article("X23")
    locked = tmp_path / "locked.txt"
    locked.write_text(text)
    locked.chmod(0)
    result = pipeline.build([(tmp_path, "")], Store(tmp_path / ".store"))
    if IS_ROOT:
        # Root reads any file whatever its mode: reading it is the correct outcome, not a silent pass.
        assert sentences[0] in result.articles.iloc[0]["body"]
    else:
        assert "permission denied" in result.errors.iloc[0]["error"].lower()


def test_file_name_that_is_not_utf8_is_read_and_shown_readably(tmp_path):
    text, sentences = en_article("Y24")
    with open(os.fsencode(tmp_path) + b"/report \xff\xfe.txt", "wb") as handle:
        handle.write(text.encode())
    result = pipeline.build([(tmp_path, "")], Store(tmp_path / ".store"))
    assert list(result.articles["file"]) == ["report \ufffd\ufffd.txt"]
    assert sentences[1] in result.articles.iloc[0]["body"]


def test_unlistable_folder_is_reported(tmp_path):
    text, sentences = en_article("Z25")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "a.txt").write_text(text)
    (tmp_path / "closed").chmod(0)
    try:
        found, errors = folders.scan([(tmp_path, "")])
    finally:
        (tmp_path / "closed").chmod(0o755)
    if IS_ROOT:
        assert [f.file for f in found] == ["closed/a.txt"] and errors == []
    else:
        assert found == [] and "cannot open the folder" in errors[0].error


def test_read_document_refuses_files_over_the_size_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("KK_MAX_FILE_MB", "1")
    path = tmp_path / "two-mb.txt"
    path.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(UnreadableFile, match="larger than the 1 MB limit"):
        folders.read_document(FoundFile(path, path.name, "text"))


@pytest.mark.parametrize("kind, chars, refused", [
    ("text", 400_000, False), ("text", 600_000, True), ("markdown", 600_000, True), ("html", 2_000_000, False),
    ("html", 3_500_000, True), ("text", 3_000_000, True),  # the last over 4 bytes a character: never read
])
def test_texts_longer_than_any_article_are_refused(tmp_path, kind, chars, refused):
    path = tmp_path / "long.txt"
    path.write_text("Lorem ipsum dolor sit amet. " * (chars // 28), encoding="utf-16")  # 2 bytes a character
    if refused:
        with pytest.raises(UnreadableFile, match="longer than any news article"):
            folders.read_document(FoundFile(path, path.name, kind))
    else:
        assert len(folders.read_document(FoundFile(path, path.name, kind)).text) == chars // 28 * 28


@pytest.mark.parametrize("where", ["out", "store"])
def test_unusable_output_or_store_folder_is_one_clear_line(tmp_path, capsys, where):
    from lib.cli import main

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(en_article("AB27")[0])
    taken = tmp_path / "taken"
    taken.write_text("a file where a folder should be")
    out, store = (taken, tmp_path / "store") if where == "out" else (tmp_path / "out", taken)
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--store", str(store)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and "taken" in err


def test_a_folder_readme_is_reported_not_read_as_news(tmp_path):
    (tmp_path / "README.md").write_text("# My scrape\n\nThis folder holds articles saved in May.\n", encoding="utf-8")
    (tmp_path / "readme-notes.md").write_text("# Notes\n\nThis is read: only exact README names are skipped.\n")
    found, errors = folders.scan([(tmp_path, "")])
    assert [f.file for f in found] == ["readme-notes.md"]
    assert [(e.file, e.error.split(":")[0]) for e in errors] == [("README.md", "skipped")]
