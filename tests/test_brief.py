"""The weekly brief on the seeds: meetings, the trade target and projects, every line citing its files."""

import re
from datetime import date, datetime

import docx
import pytest
from conftest import SEEDS

from lib import cli
from lib.tools import brief


def write_seeds_brief(root, name: str):
    """The CLI's brief of the seeds since 2021, written to ``root/name`` (the suffix chooses the format)."""
    out = root / name
    assert cli.main(["brief", "--corpus", str(SEEDS), "--store", str(root / "store"), "--since", "2021-01-01",
                     "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory):
    return write_seeds_brief(tmp_path_factory.mktemp("brief"), "brief.md").read_text(encoding="utf-8")


def test_the_brief_names_the_talks_the_target_and_the_projects(seeds_brief):
    assert "Zheenbek Kulubaev" in seeds_brief and "Yermek Kosherbayev" in seeds_brief
    assert "Target $2 billion" in seeds_brief
    assert "Industrial trade and logistics complex on the border (project" in seeds_brief
    # only the Kazakhstan–Kyrgyzstan meetings: the Tleuberdi–Lavrov talks are left out
    assert "Sergey Lavrov" not in seeds_brief


def test_every_line_of_the_brief_cites_its_files(seeds_brief):
    items = [line for line in seeds_brief.splitlines() if line.startswith("- ") and "No " not in line[:6]]
    assert items and all(re.search(r"\[[^\]]+\.txt[^\]]*\]$", line) for line in items)
    cited = set(re.findall(r"\d{3}_[0-9a-f]{16}\.txt", seeds_brief))
    assert len(cited) >= 3


def test_meetings_are_in_date_order(seeds_brief):
    section = seeds_brief.split("## Meetings")[1].split("##")[0]
    days = re.findall(r"^- (\d\d \w\w\w \d{4})", section, flags=re.M)
    parsed = [datetime.strptime(d, "%d %b %Y") for d in days]
    assert parsed == sorted(parsed) and len(parsed) >= 3


def test_an_empty_period_says_so(tmp_path):
    out = tmp_path / "b.md"
    assert cli.main(["brief", "--corpus", str(SEEDS), "--store", str(tmp_path / "s"), "--since", "2019-01-01",
                     "--until", "2019-01-07", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "No meetings reported in the period." in text and "0 articles" in text


def test_a_bad_date_is_refused_with_a_message(capsys):
    with pytest.raises(SystemExit):
        cli.main(["brief", "--since", "20-01-2024", "--out", "x.md"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


# The Word brief is read back with python-docx and compared with the Markdown one line by line: a heading per
# "#"/"##" line, a bullet per "- " line, the summary as a plain paragraph.
MARKDOWN_STYLES = {"# ": "Heading 1", "## ": "Heading 2", "- ": "List Bullet"}


def markdown_paragraphs(text: str) -> list[tuple[str, str]]:
    out = []
    for line in filter(None, text.splitlines()):
        prefix = next((p for p in MARKDOWN_STYLES if line.startswith(p)), "")
        out.append((MARKDOWN_STYLES.get(prefix, "Normal"), line[len(prefix):]))
    return out


def word_paragraphs(path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def seeds_docx(tmp_path_factory):
    return write_seeds_brief(tmp_path_factory.mktemp("brief-docx"), "brief.docx")


def test_the_word_brief_holds_the_markdown_briefs_lines_and_citations(seeds_brief, seeds_docx):
    paragraphs = word_paragraphs(seeds_docx)
    assert paragraphs == markdown_paragraphs(seeds_brief)
    assert [text for style, text in paragraphs if style == "Heading 2"] == [
        "Meetings", "Trade", "Agreements and projects", "Leading topics"]
    assert any("Zheenbek Kulubaev" in text for _, text in paragraphs)
    # each bullet's citation is a run of its own (set in small grey type), naming seed files
    bullets = [p for p in docx.Document(str(seeds_docx)).paragraphs if p.style.name == "List Bullet"]
    citations = [p.runs[-1].text for p in bullets]
    assert len(bullets) >= 10 and all(re.fullmatch(r"\[[^\]]+\.txt\]", c) for c in citations)
    assert len(set(re.findall(r"\d{3}_[0-9a-f]{16}\.txt", " ".join(citations)))) >= 3
    assert docx.Document(str(seeds_docx)).core_properties.title == seeds_brief.splitlines()[0][2:]


def test_an_empty_corpus_gives_an_empty_brief_in_both_formats(tmp_path):
    (tmp_path / "empty").mkdir()
    common = ["brief", "--corpus", str(tmp_path / "empty"), "--store", str(tmp_path / "s"), "--since", "2024-01-01",
              "--until", "2024-01-07", "--out"]
    # exit 1: nothing could be read, as `export` says; the brief is written all the same
    assert cli.main([*common, str(tmp_path / "b.md")]) == 1
    assert cli.main([*common, str(tmp_path / "b.docx")]) == 1
    text = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "0 articles from 0 outlets" in text and "- No agenda topics in the period." in text
    assert word_paragraphs(tmp_path / "b.docx") == markdown_paragraphs(text)


@pytest.mark.parametrize("name", ["brief.txt", "brief.pdf", "brief", "brief.md.bak"])
def test_an_out_file_of_another_format_is_refused_before_anything_is_read(tmp_path, capsys, name):
    with pytest.raises(SystemExit):
        cli.main(["brief", "--corpus", str(SEEDS), "--store", str(tmp_path / "s"), "--out", str(tmp_path / name)])
    assert "Markdown (.md) or Word (.docx)" in capsys.readouterr().err
    assert not list(tmp_path.iterdir()), "neither the brief nor a store was written"


@pytest.mark.parametrize("name", ["brief.md", "Brief.MD", "brief.docx", "BRIEF.DOCX"])
def test_the_out_files_suffix_chooses_the_format_whatever_its_case(tmp_path, name):
    sample = brief.Brief(date(2024, 1, 1), date(2024, 1, 7), 1, 1, (
        brief.Section("Meetings", (brief.Line("A meeting.", ("a.txt",)),), "No meetings."),))
    brief.save(sample, tmp_path / name)
    data = (tmp_path / name).read_bytes()
    assert data.startswith(b"PK") == name.lower().endswith(".docx")  # a .docx is a zip archive


@pytest.mark.parametrize(("files", "citation"), [
    (("a.txt",), "[a.txt]"),
    (("a.txt", "b.txt"), "[a.txt; b.txt]"),
    ((), "[no file]"),
])
def test_both_formats_end_a_line_with_the_same_citation(tmp_path, files, citation):
    sample = brief.Brief(date(2024, 1, 1), date(2024, 1, 7), 2, 1, (
        brief.Section("Trade", (brief.Line("Target $2 billion.", files),), "No trade figures."),
        brief.Section("Leading topics", (), "No agenda topics in the period."),
    ))
    markdown = brief.to_markdown(sample)
    assert f"- Target $2 billion. {citation}\n" in markdown and "- No agenda topics in the period." in markdown
    (tmp_path / "b.docx").write_bytes(brief.to_docx(sample))
    assert word_paragraphs(tmp_path / "b.docx") == markdown_paragraphs(markdown)
