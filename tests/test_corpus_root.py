"""Which folders a dashboard visitor may open (lib/files/roots.py): each way out of the corpus root is refused."""

import os

import pytest

from lib.files import roots
from lib.files.roots import FolderRefused


@pytest.fixture
def tree(tmp_path):
    """root/{kabar/2024, akipress} and, beside the root, a secret folder and a file the visitor must not reach."""
    root = tmp_path / "root"
    (root / "kabar" / "2024").mkdir(parents=True)
    (root / "akipress").mkdir()
    (root / "akipress" / "a.txt").write_text("article")
    (root / ".hidden").mkdir()
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "private.txt").write_text("not published")
    os.symlink(secret, root / "link-out")
    os.symlink(root / "kabar", root / "link-in")
    os.symlink(tmp_path / "nowhere", root / "broken")
    return root, secret


@pytest.mark.parametrize(("chosen", "expected"), [
    ("", ""), ("kabar", "kabar"), ("kabar/2024", "kabar/2024"), ("./kabar/", "kabar"), ("  akipress ", "akipress"),
    ("kabar/./2024", "kabar/2024"), ("link-in", "kabar"),
])
def test_folders_under_the_root_are_opened(tree, chosen, expected):
    root, _ = tree
    assert roots.resolve_choice(chosen, root) == (root / expected).resolve()


def test_an_absolute_path_inside_the_root_is_opened(tree):
    root, _ = tree
    assert roots.resolve_choice(str(root / "kabar"), root) == root / "kabar"


@pytest.mark.parametrize(("chosen", "says"), [
    ("..", "“..” is not allowed"),
    ("../secret", "“..” is not allowed"),
    ("kabar/../../secret", "“..” is not allowed"),
    ("kabar\\..\\..\\secret", "“..” is not allowed"),
    ("/etc", "outside the folders this dashboard publishes"),
    ("~", "outside the folders this dashboard publishes"),
    ("link-out", "a link to a folder outside"),
    ("missing", "There is no folder"),
    ("broken", "There is no folder"),
    ("akipress/a.txt", "a file, not a folder"),
    ("kab\x00ar", "NUL"),
])
def test_ways_out_are_refused_with_a_reason(tree, chosen, says):
    root, _ = tree
    with pytest.raises(FolderRefused, match=says):
        roots.resolve_choice(chosen, root)


def test_the_secret_folder_by_its_absolute_path_is_refused(tree):
    root, secret = tree
    with pytest.raises(FolderRefused, match="outside"):
        roots.resolve_choice(str(secret), root)
    with pytest.raises(FolderRefused, match="link to a folder outside"):
        roots.resolve_choice(str(root / "link-out"), root)


def test_a_root_given_through_a_link_still_confines(tree, tmp_path):
    root, secret = tree
    alias = tmp_path / "alias"
    os.symlink(root, alias)
    assert roots.resolve_choice("kabar", alias) == root / "kabar"
    with pytest.raises(FolderRefused):
        roots.resolve_choice("link-out", alias)


def test_the_listing_shows_only_folders_inside(tree):
    root, _ = tree
    listed = roots.folders_under(root)
    assert listed == ["", "akipress", "kabar", "link-in", "kabar/2024", "link-in/2024"]
    assert "link-out" not in listed and "broken" not in listed and ".hidden" not in listed


def test_the_listing_is_bounded(tmp_path):
    for i in range(30):
        (tmp_path / f"f{i:02d}").mkdir()
    assert len(roots.folders_under(tmp_path, limit=10)) == 10


def test_without_a_root_nothing_is_choosable(monkeypatch, tmp_path):
    monkeypatch.setenv("KK_CORPUS", str(tmp_path))
    monkeypatch.delenv("KK_CORPUS_ROOT", raising=False)
    access = roots.access()
    assert access == roots.Access(tmp_path.resolve(), None)
    assert not access.choosable


def test_a_default_outside_the_root_gives_way_to_the_root(monkeypatch, tree, tmp_path):
    root, secret = tree
    monkeypatch.setenv("KK_CORPUS_ROOT", str(root))
    monkeypatch.setenv("KK_CORPUS", str(secret))
    assert roots.access() == roots.Access(root, root)
    monkeypatch.setenv("KK_CORPUS", str(root / "kabar"))
    assert roots.access() == roots.Access(root / "kabar", root)
    assert roots.relative_name(root / "kabar", root) == "kabar"
    assert roots.relative_name(root, root) == ""


def test_a_scan_inside_the_root_does_not_follow_links_out(monkeypatch, tree, tmp_path):
    from lib.files import folders

    root, secret = tree
    (root / "kabar" / "k.txt").write_text("article")
    os.symlink(secret / "private.txt", root / "kabar" / "leak.txt")
    os.symlink(root / "akipress" / "a.txt", root / "kabar" / "alias.txt")
    monkeypatch.delenv("KK_CORPUS_ROOT", raising=False)
    found, _ = folders.scan([(root, "")])
    assert "link-out/private.txt" in {f.file for f in found}  # the CLI on its own follows the operator's links
    monkeypatch.setenv("KK_CORPUS_ROOT", str(root))
    found, errors = folders.scan([(root, ""), (secret, "uploads/")])
    files = {f.file for f in found}
    assert {"akipress/a.txt", "kabar/k.txt", "kabar/alias.txt", "uploads/private.txt"} <= files
    assert not {"link-out/private.txt", "kabar/leak.txt"} & files
    refused = {e.file: e.error for e in errors if e.error == folders.OUT_OF_ROOT}
    assert set(refused) == {"link-out/", "kabar/leak.txt"}
