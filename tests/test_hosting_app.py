"""The dashboard as a team hosts it (AppTest): no folder box unless KK_CORPUS_ROOT, refusals shown, the password
gate, deep links to a meeting, a person and an article, and an Excel download beside every CSV one."""

import shutil

import pytest
from conftest import ROOT, SEEDS
from streamlit.testing.v1 import AppTest

from lib import ui

TIMEOUT = 180
SECRET = "private-note.txt"


def run(page: str, params: dict | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update({"pair": "All countries", **(params or {})})  # every article, the KZ–RU seed too
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(page)
    return at.run()


def shown_files(at: AppTest) -> set[str]:
    return set(at.dataframe[0].value["file"]) if at.dataframe else set()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """root/seeds (a copy of the seeds) is published; a folder beside the root holds an article it must not show."""
    base = tmp_path_factory.mktemp("host")
    shutil.copytree(SEEDS, base / "root" / "seeds")
    (base / "secret").mkdir()
    (base / "secret" / SECRET).write_text(
        "Secret memo on the Kazakh-Kyrgyz border\n\nPresident Tokayev met President Japarov in Astana on "
        "12 March 2024 to discuss the border, the press service said in a statement on Tuesday.\n")
    (base / "root" / "link-out").symlink_to(base / "secret")
    return base


@pytest.fixture
def hosted(monkeypatch, published):
    monkeypatch.setenv("KK_CORPUS_ROOT", str(published / "root"))
    monkeypatch.setenv("KK_CORPUS", str(published / "root" / "seeds"))
    monkeypatch.setenv("KK_STORE", str(published / "store"))
    monkeypatch.delenv("KK_PASSWORD", raising=False)
    return published


def test_by_default_there_is_no_folder_box(monkeypatch, published):
    monkeypatch.delenv("KK_CORPUS_ROOT", raising=False)
    monkeypatch.delenv("KK_PASSWORD", raising=False)
    monkeypatch.setenv("KK_CORPUS", str(published / "root" / "seeds"))
    monkeypatch.setenv("KK_STORE", str(published / "store"))
    at = run("pages/6_Articles.py", state={ui.CORPUS_KEY: str(published / "secret")})
    assert not at.exception
    assert not [box for box in at.text_input if box.key == ui.CORPUS_KEY]
    assert any("chosen by whoever runs this dashboard" in c.value for c in at.caption)
    # Even a session that carries a folder (an old bookmark, a crafted request) reads the operator's corpus.
    assert SECRET not in shown_files(at) and len(shown_files(at)) == 5
    assert any(c.value.startswith("5 articles from 5 files (") for c in at.sidebar.caption)  # what was read


@pytest.mark.parametrize("chosen", ["../secret", "link-out", "/etc", "seeds/../../secret"])
def test_a_folder_outside_the_root_is_refused(hosted, chosen):
    at = run("pages/6_Articles.py", state={ui.CORPUS_KEY: chosen})
    assert not at.exception
    assert at.text_input(key=ui.CORPUS_KEY).value == chosen
    refusals = [e.value for e in at.error]
    assert len(refusals) == 1 and "Showing `seeds` instead" in refusals[0]
    assert SECRET not in shown_files(at) and len(shown_files(at)) == 5


def test_a_folder_under_the_root_is_read(hosted):
    at = run("pages/6_Articles.py")
    assert at.text_input(key=ui.CORPUS_KEY).value == "seeds"
    at.text_input(key=ui.CORPUS_KEY).set_value("").run()  # the whole root: the seeds, not the link out of it
    assert not at.error and not at.exception
    assert len(shown_files(at)) == 5 and all(name.startswith("seeds/") for name in shown_files(at))


def test_the_password_comes_before_any_page(hosted, monkeypatch):
    monkeypatch.setenv("KK_PASSWORD", "team-secret")
    at = run("pages/6_Articles.py")
    assert not at.dataframe and not at.sidebar.multiselect
    assert at.text_input[0].label == "Password"
    at.text_input[0].set_value("wrong")
    at.button[0].click().run()
    assert not at.dataframe and "Wrong password" in at.error[0].value
    at.text_input[0].set_value("team-secret")
    at.button[0].click().run()
    assert not at.exception and len(shown_files(at)) == 5


def test_deep_links_restore_article_meeting_and_person(hosted):
    articles = run("pages/6_Articles.py")
    ids = articles.dataframe[0].value["article_id"].tolist()
    first = articles.selectbox(key="articles-reader").value
    assert articles.query_params["article"] == first  # the choice is written into the address
    at = run("pages/6_Articles.py", {"article": ids[-1]})
    assert at.selectbox(key="articles-reader").value == ids[-1] != first
    assert not at.exception

    timeline = run("pages/2_Timeline.py")
    options = timeline.selectbox(key="timeline-meeting").options
    assert len(options) > 1
    last_id = timeline.dataframe[0].value["meeting_id"].tolist()[-1]
    at = run("pages/2_Timeline.py", {"meeting": last_id})
    assert at.selectbox(key="timeline-meeting").value == last_id
    assert at.query_params["meeting"] == last_id

    people = run("pages/5_Officials.py").selectbox(key="officials-person").options
    at = run("pages/5_Officials.py", {"person": people[-1]})
    assert at.selectbox(key="officials-person").value == people[-1]
    # A link to something not in the view is ignored, not an error.
    at = run("pages/5_Officials.py", {"person": "Nobody Atall"})
    assert not at.exception and at.selectbox(key="officials-person").value == people[0]


def test_every_table_has_an_excel_download(hosted):
    at = run("pages/6_Articles.py")
    labels = [button.label for button in at.get("download_button")]
    assert labels.count("Excel") == sum(label.endswith("rows (CSV)") for label in labels) >= 3
    assert "Download this view (Excel, a sheet per table)" in labels
