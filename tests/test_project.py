"""Rules of the codebase that a reviewer would otherwise have to remember."""

import ast
import re
from pathlib import Path

from conftest import ROOT

from lib import settings

UI_MODULES = {"app.py", "lib/ui.py"}


def _python_files() -> list[Path]:
    return [p for p in [ROOT / "app.py", *(ROOT / "lib").rglob("*.py"), *(ROOT / "pages").glob("*.py")] if p.exists()]


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in readme, f"{setting.env} is not in README.md's settings table"


def test_only_the_ui_layer_imports_streamlit():
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in UI_MODULES or relative.startswith("pages/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "streamlit" for n in names), f"{relative} imports streamlit"


def test_the_product_does_not_know_its_test_answers():
    pattern = re.compile(r"2a39e705|d7823ab3|ef18829c|8e824b60|964db05f|seeds-gold|dev-corpus/gold|\bd\d\d\.txt")
    for path in _python_files():
        assert not pattern.search(path.read_text(encoding="utf-8")), f"{path} names a seed or gold file"


def test_requirements_are_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", line), f"not pinned: {line}"
