"""Rules of the codebase that a reviewer would otherwise have to remember."""

import ast
import re
from pathlib import Path

from conftest import ROOT

from lib import settings

LIB = ROOT / "lib"
UI_MODULES = {"app.py", "lib/ui.py"}
# The stages of the data flow in DESIGN.md, each a subpackage of lib/.
STAGES = {"files", "articles", "facts", "store", "search", "views"}
MAX_FLAT_MODULES = 7  # __main__, cli, lifetime, pipeline, records, settings, ui
MAX_MODULE_LINES = 600
MAX_PAGE_LINES = 80


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


# --- structure of lib/ ------------------------------------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def lib_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(LIB.rglob("*.py"))}


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The lib modules ``name`` imports anywhere in its file (inside functions and TYPE_CHECKING blocks too).

    ``from lib.x import y`` imports the package lib.x and, where lib/x/y.py exists, the module lib.x.y.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    found = set()
    for target in targets:
        while target and target not in modules:  # lib.x.y.Name → lib.x.y
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as a path that ends where it starts, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if start in state:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following):], following]
            elif following not in state:
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(graph[following])))
    return []


def test_the_cycle_finder_finds_cycles_and_only_cycles():
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": set(), "d": {"b", "c"}}) == []
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert import_cycle({"a": {"b"}, "b": {"c", "d"}, "c": set(), "d": {"b"}}) == ["b", "d", "b"]


def test_imports_are_resolved_to_the_modules_they_load():
    modules = lib_modules()
    engine = LIB / "search" / "engine.py"
    found = imported_modules("lib.search.engine", engine, modules)
    assert {"lib.search.rank", "lib.store.batches", "lib.store.memory", "lib.search"} <= found
    assert "lib.search.engine" not in found and not any(m.startswith(("numpy", "pandas")) for m in found)


def test_lib_has_no_import_cycles():
    modules = lib_modules()
    graph = {name: imported_modules(name, path, modules) for name, path in modules.items()}
    cycle = import_cycle(graph)
    assert not cycle, "import cycle: " + " → ".join(cycle)


def test_lib_is_split_into_stage_subpackages():
    subpackages = {p.parent.name for p in LIB.glob("*/__init__.py")}
    stages = subpackages & STAGES
    assert len(stages) >= 4, f"stage subpackages of lib/: {sorted(stages)}"


def test_few_modules_sit_flat_in_lib():
    flat = sorted(p.name for p in LIB.glob("*.py") if p.name != "__init__.py")
    assert len(flat) <= MAX_FLAT_MODULES, f"{len(flat)} flat modules in lib/: {', '.join(flat)}"


def test_no_lib_module_is_over_the_size_limit():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in lib_modules().items()}
    over = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert not over, f"modules over {MAX_MODULE_LINES} lines: {over}"


def test_pages_are_thin():
    pages = sorted((ROOT / "pages").glob("*.py"))
    assert pages
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in pages}
    over = {name: lines for name, lines in sizes.items() if lines >= MAX_PAGE_LINES}
    assert not over, f"pages of {MAX_PAGE_LINES} lines or more: {over}"
