"""Exports analysts open: `export --format csv|xlsx|parquet`, Excel downloads that keep every row and never run a
cell as a formula, and the command line's progress (a bar on a terminal only), --quiet and --version."""

import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from conftest import ROOT, SEEDS

from lib import cli
from lib.views import export

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)", "plain"]


def _run(*args: str, store) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args, "--store", str(store)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The seeds exported once in each format (the store is shared, so only the first parses)."""
    base = tmp_path_factory.mktemp("exports")
    results = {fmt: _run("export", "--corpus", str(SEEDS), "--out", str(base / fmt), "--format", fmt,
                         store=base / "store") for fmt in export.FORMATS}
    return base, results


def test_every_format_holds_the_same_rows(exports):
    base, results = exports
    for fmt, result in results.items():
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        # Piped: a one-line summary on stdout and no progress bar on stderr.
        assert result.stdout.count("\n") == 1 and "5 articles" in result.stdout
        assert "%|" not in result.stderr, fmt
    for table, columns in export.EXPORT_TABLES.items():
        csv = pd.read_csv(base / "csv" / f"{table}.csv", dtype=str, keep_default_na=False)
        xlsx = pd.read_excel(base / "xlsx" / f"{table}.xlsx", dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(base / "parquet" / f"{table}.parquet")
        assert list(csv.columns) == list(xlsx.columns) == list(parquet.columns) == columns, table
        assert len(csv) == len(xlsx) == len(parquet), table
        if table == "articles":
            assert xlsx["file"].tolist() == csv["file"].tolist()
            assert xlsx["title"].tolist() == csv["title"].tolist()
            assert xlsx["body"].tolist() == csv["body"].tolist()
            assert xlsx["published"].tolist() == csv["published"].tolist()


def test_parquet_keeps_lists_and_dates_typed(exports):
    base, _ = exports
    meetings = pd.read_parquet(base / "parquet" / "meetings.parquet")
    csv = pd.read_csv(base / "csv" / "meetings.csv", dtype=str, keep_default_na=False)
    assert len(meetings)
    assert ["; ".join(files) for files in meetings["files"]] == csv["files"].tolist()
    assert pd.api.types.is_datetime64_any_dtype(meetings["date"])


def test_an_unknown_format_is_refused_by_the_parser(tmp_path):
    result = _run("export", "--out", str(tmp_path / "o"), "--format", "ods", store=tmp_path / "store")
    assert result.returncode == 2 and "invalid choice: 'ods'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_version_and_quiet(tmp_path):
    result = subprocess.run([sys.executable, "-m", "lib", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"python -m lib {cli.version()}"
    assert cli.version() == "0.1.0"
    quiet = _run("export", "--corpus", str(SEEDS), "--out", str(tmp_path / "o"), "--quiet", store=tmp_path / "store")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert (tmp_path / "o" / "articles.csv").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only():
    shown, piped, quiet = Terminal(), io.StringIO(), Terminal()
    for stream, flag in ((shown, False), (piped, False), (quiet, True)):
        progress = cli.TerminalProgress(stream, quiet=flag)
        for done in (0, 3, 7):
            progress(done, 7, "reading and extracting")
        progress.close()
    assert "reading and extracting" in shown.getvalue() and "/7 [" in shown.getvalue()
    assert piped.getvalue() == "" and quiet.getvalue() == ""


def test_xlsx_keeps_every_row_and_no_formula():
    frame = pd.DataFrame({"file": [f"f{i}.txt" for i in range(len(HOSTILE))], "quote": HOSTILE,
                          "files": [["a.txt", "b.txt"], [], ("c.txt",), None, ["d.txt"]],
                          "date": pd.to_datetime(["2024-03-12", None, "2023-01-01", "2022-12-31", "2021-06-30"])})
    data = export.to_xlsx_bytes(frame, sheet="meetings")
    back = pd.read_excel(io.BytesIO(data), sheet_name="meetings", dtype=str, keep_default_na=False)
    assert back["quote"].tolist() == HOSTILE  # shown exactly as written
    assert back["files"].tolist() == ["a.txt; b.txt", "", "c.txt", "", "d.txt"]
    assert back["date"].tolist() == ["2024-03-12", "", "2023-01-01", "2022-12-31", "2021-06-30"]
    sheet = openpyxl.load_workbook(io.BytesIO(data))["meetings"]
    types = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
    assert all(types[text] == "s" for text in HOSTILE), types  # text, never "f" (a formula)
    assert sheet["B2"].quotePrefix


def test_xlsx_cells_over_excels_limit_are_cut_and_say_so():
    long = "Токаев " * 6000  # 42,000 characters: over Excel's 32,767 per cell
    data = export.to_xlsx_bytes(pd.DataFrame({"body": [long, "short\x01text\x0b"]}))
    back = pd.read_excel(io.BytesIO(data), dtype=str)
    assert len(back["body"][0]) == export.XLSX_MAX_CELL
    assert back["body"][0].startswith(long[:30000]) and "42,000 characters in all" in back["body"][0]
    assert back["body"][1] == "shorttext"  # characters XML cannot carry are dropped, the rest kept


def test_workbook_has_a_sheet_per_table():
    tables = {"articles": pd.DataFrame({"file": ["a"]}), "meetings": pd.DataFrame({"x": [1, 2]}),
              "a/b:c" + "x" * 40: pd.DataFrame({"y": []})}
    sheets = pd.read_excel(io.BytesIO(export.to_workbook_bytes(tables)), sheet_name=None)
    assert list(sheets) == ["articles", "meetings", ("a_b_c" + "x" * 40)[:31]]
    assert len(sheets["meetings"]) == 2 and sheets["articles"]["file"].tolist() == ["a"]
