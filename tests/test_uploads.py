"""Browser uploads: allowed types, size limit, sanitised names, duplicates by content, concurrent saves."""

import threading
from pathlib import Path

import pytest

from lib import pipeline
from lib.files import uploads
from lib.store.batches import Store


@pytest.mark.parametrize(("name", "expected"), [
    ("article.txt", "article.txt"),
    ("../../x.txt", "x.txt"),
    ("..\\..\\windows\\x.html", "x.html"),
    ("/etc/passwd.md", "passwd.md"),
    ("-rf .txt", "rf.txt"),
    (".hidden.txt", "hidden.txt"),
    ("...txt", "upload.txt"),
    ("Статья о визите.HTML", "Статья_о_визите.html"),
    ("a b;c|d$(e).htm", "a_b_c_d_e.htm"),
    ("x" * 300 + ".txt", "x" * uploads.MAX_STEM + ".txt"),
])
def test_safe_name(name, expected):
    assert uploads.safe_name(name) == expected


def test_traversal_is_stored_inside_the_uploads_folder(tmp_path):
    saved = uploads.save_upload(tmp_path / "store", "../../x.txt", b"Kazakhstan and Kyrgyzstan")
    folder = (tmp_path / "store" / "uploads").resolve()
    assert saved.path.resolve().parent == folder
    assert saved.file == "uploads/x.txt" and not saved.duplicate
    assert not (tmp_path / "x.txt").exists()
    assert saved.path.read_bytes() == b"Kazakhstan and Kyrgyzstan"


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("photo.png", b"\x89PNG....", "only .txt, .md, .html, .htm"),
    ("script.py", b"print(1)", "only .txt"),
    ("noext", b"text", "without an extension"),
    ("empty.txt", b"  \n", "empty"),
    ("big.txt", b"a" * (1024 * 1024 + 1), "over the 1 MB limit"),
])
def test_rejected_uploads_say_why(tmp_path, name, data, reason):
    with pytest.raises(uploads.UploadRejected, match=reason.replace(".", r"\.")):
        uploads.save_upload(tmp_path, name, data, max_mb=1)
    assert not (tmp_path / "uploads").exists()  # rejected before anything touched the disk


def test_size_limit_comes_from_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("KK_UPLOAD_MAX_MB", "1")
    with pytest.raises(uploads.UploadRejected, match="KK_UPLOAD_MAX_MB"):
        uploads.save_upload(tmp_path, "a.txt", b"a" * (2 * 1024 * 1024))
    monkeypatch.setenv("KK_UPLOAD_MAX_MB", "3")
    assert not uploads.save_upload(tmp_path, "a.txt", b"a" * (2 * 1024 * 1024)).duplicate


def test_duplicates_are_recognised_by_content(tmp_path):
    first = uploads.save_upload(tmp_path, "a.txt", b"same text")
    again = uploads.save_upload(tmp_path, "other name.md", b"same text")
    assert again.duplicate and again.path == first.path
    different = uploads.save_upload(tmp_path, "a.txt", b"different text")
    assert not different.duplicate and different.path != first.path
    assert first.path.read_bytes() == b"same text" and different.path.read_bytes() == b"different text"
    assert sorted(p.name for p in (tmp_path / "uploads").iterdir()) == sorted([first.path.name, different.path.name])


def test_concurrent_uploads_of_one_name_lose_nothing(tmp_path):
    """Many sessions upload different texts under one name at once: every text is kept, whole."""
    texts = [f"article {i} ".encode() * 2000 for i in range(12)]
    barrier = threading.Barrier(len(texts))
    results: list[uploads.SavedUpload] = []
    errors: list[Exception] = []

    def save(data: bytes) -> None:
        barrier.wait()
        try:
            results.append(uploads.save_upload(tmp_path, "news.txt", data))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    stored = sorted(p.read_bytes() for p in (tmp_path / "uploads").iterdir())
    assert stored == sorted(texts)
    assert not any(p.name.startswith(".") for p in (tmp_path / "uploads").iterdir())


def test_uploaded_article_is_ingested_with_its_prefix(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    store = Store(tmp_path / "store")
    uploads.save_upload(store.root, "visit.txt",
                        b"Japarov visits Astana\n\nPresident Sadyr Japarov arrived in Astana for talks with "
                        b"Kassym-Jomart Tokayev on trade between Kazakhstan and Kyrgyzstan.\n")
    roots = [(corpus_dir, ""), (uploads.uploads_folder(store.root), uploads.PREFIX)]
    corpus = pipeline.build(roots, store)
    assert corpus.articles["file"].tolist() == ["uploads/visit.txt"]


def test_folder_signature_changes_when_a_file_is_uploaded(tmp_path):
    folder = uploads.uploads_folder(tmp_path)
    before = uploads.folder_signature(Path(tmp_path / "corpus"), folder)
    uploads.save_upload(tmp_path, "a.txt", b"text")
    after = uploads.folder_signature(Path(tmp_path / "corpus"), folder)
    assert before != after
    assert after == uploads.folder_signature(Path(tmp_path / "corpus"), folder)
