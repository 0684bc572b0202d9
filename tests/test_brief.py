"""The weekly brief on the seeds: meetings, the trade target and projects, every line citing its files."""

import re
from datetime import datetime

import pytest
from conftest import SEEDS

from lib import cli


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory):
    root = tmp_path_factory.mktemp("brief")
    out = root / "brief.md"
    assert cli.main(["brief", "--corpus", str(SEEDS), "--store", str(root / "store"), "--since", "2021-01-01",
                     "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


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
