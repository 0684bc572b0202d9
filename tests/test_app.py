"""AppTest of every page: renders on the seeds and on an empty corpus, filters change it, URLs restore it."""

from io import StringIO

import pandas as pd
import pytest
from conftest import ROOT, SEEDS
from streamlit.testing.v1 import AppTest

from lib import pipeline
from lib.files import uploads
from lib.store.batches import Store
from lib.views import articles
from lib.views import filters as views
from lib.views.export import to_csv_bytes

PAGES = ["pages/1_Overview.py", "pages/2_Timeline.py", "pages/3_Trade.py", "pages/4_Search.py",
         "pages/5_Officials.py", "pages/6_Articles.py", "pages/7_Agreements.py"]
TIMEOUT = 180  # the first run builds the corpus and loads the embedding model


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    """One store for the module, so the seeds are parsed once (the app caches by store and corpus version)."""
    return tmp_path_factory.mktemp("store")


@pytest.fixture
def on_seeds(monkeypatch, seeds_store):
    monkeypatch.setenv("KK_CORPUS", str(SEEDS))
    monkeypatch.setenv("KK_STORE", str(seeds_store))
    return seeds_store


def run(page: str, params: dict | None = None, state: dict | None = None) -> AppTest:
    """A fresh session opened on ``page``'s URL with ``params`` as its query string (the filters) and
    ``state`` as other widget values (the search box)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update(params or {})
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(page)  # before the first run a page is found by its file name
    return at.run()


def content(at: AppTest) -> str:
    """What a page shows, as text: tables, metrics, messages and captions."""
    parts = [repr(df.value.to_dict("list")) for df in at.dataframe]
    parts += [f"{m.label}={m.value}" for m in at.metric]
    parts += [e.value for e in (*at.info, *at.warning, *at.caption, *at.markdown, *at.subheader)]
    return "\n".join(str(p) for p in parts)


def errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_seeds(on_seeds, page):
    at = run(page)
    assert not errors(at)
    assert at.title and at.title[0].value
    assert "No articles yet" not in content(at)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_an_empty_corpus(monkeypatch, tmp_path, page):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("KK_CORPUS", str(tmp_path / "empty"))
    monkeypatch.setenv("KK_STORE", str(tmp_path / "store"))
    at = run(page)
    assert not errors(at)
    assert any("No articles yet" in i.value for i in at.info)


# The filter (as the URL carries it) that visibly changes each page on the seeds: the Kazakhstan–Russia seed
# joins with "All countries"; the trade figures are all in English articles.
@pytest.mark.parametrize(("page", "params"), [
    ("pages/1_Overview.py", {"pair": "All countries"}),
    ("pages/2_Timeline.py", {"pair": "All countries"}),
    ("pages/3_Trade.py", {"lang": "ru"}),
    ("pages/4_Search.py", {"lang": "en"}),
    ("pages/5_Officials.py", {"pair": "All countries"}),
    ("pages/6_Articles.py", {"pair": "All countries"}),
    ("pages/7_Agreements.py", {"lang": "en"}),
])
def test_a_filter_change_changes_the_page(on_seeds, page, params):
    query = {"q": "trade turnover"} if page.endswith("Search.py") else None
    before, after = run(page, state=query), run(page, params, state=query)
    assert not errors(before) and not errors(after)
    assert content(after) != content(before)


@pytest.mark.parametrize("page", PAGES)
def test_url_parameters_restore_the_filters(on_seeds, page):
    at = run(page, {"lang": "en", "pair": "All countries"})
    assert not errors(at)
    assert at.multiselect(key="lang").value == ["en"]
    assert at.selectbox(key="pair").value == views.ALL_PAIRS


def test_the_csv_download_holds_the_rows_shown(on_seeds, seeds_store):
    at = run("pages/6_Articles.py", {"lang": "en", "pair": "All countries"})
    assert not errors(at)
    shown = at.dataframe[0].value
    assert set(shown["lang"]) == {"en"}
    # The page passes the frame it shows to lib.views.export.to_csv_bytes: rebuild it the same way and compare.
    corpus = views.prepare(pipeline.build([(SEEDS, ""), (uploads.uploads_folder(seeds_store), uploads.PREFIX)],
                                          Store(seeds_store)))
    view = views.apply_filters(corpus, views.Filters(langs=("en",), pair=views.ALL_PAIRS))
    csv = pd.read_csv(StringIO(to_csv_bytes(articles.articles_table(view.articles)).decode("utf-8-sig")))
    assert csv["file"].tolist() == shown["file"].tolist()
    assert {"file", "article_id", "url"} <= set(csv.columns)
    assert at.get("download_button")[0].label == f"Download these {len(shown)} rows (CSV)"


BODY = (
    "Kazakhstan and Kyrgyzstan agree on new border checkpoints\n\n"
    "ASTANA, 12 March 2024. President of Kyrgyzstan Sadyr Japarov met President of Kazakhstan Kassym-Jomart "
    "Tokayev in Astana on Tuesday to discuss the modernisation of checkpoints on the Kazakh-Kyrgyz border.\n\n"
    "The two leaders agreed that trade between Kazakhstan and Kyrgyzstan should keep growing and that the "
    "governments will prepare a programme of joint projects in transport and energy before the summer.\n\n"
    "A note in the page source read <script>alert(1)</script> and <img src=x onerror=alert(1)>, which the "
    "dashboard must show as plain characters.\n"
)


def test_upload_is_ingested_and_shown_as_text(monkeypatch, tmp_path):
    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("KK_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("KK_STORE", str(tmp_path / "store"))
    at = run("pages/6_Articles.py")
    body = BODY
    at.get("file_uploader")[0].set_value(("../../evil name.txt", body.encode(), "text/plain"))
    next(b for b in at.button if b.label == "Ingest").click().run()
    assert not errors(at)
    assert (tmp_path / "store" / "uploads" / "evil_name.txt").exists()
    assert any("stored as uploads/evil_name.txt" in s.value for s in at.success)
    assert not at.info, "the empty-corpus message is gone"
    assert at.dataframe[0].value["file"].tolist() == ["uploads/evil_name.txt"]
    html = "".join(str(h.proto.body) for h in at.get("html"))
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in html and "<script>" not in html


def test_choosing_a_person_filters_every_page(on_seeds):
    at = run("pages/5_Officials.py")
    person = at.selectbox(key="officials-person").value
    at.button(key="officials-filter").click().run()
    assert not errors(at)
    assert at.session_state["official"] == [person]
    articles = run("pages/6_Articles.py", {"official": person}).dataframe[0].value
    everyone = run("pages/6_Articles.py").dataframe[0].value
    assert 0 < len(articles) < len(everyone)


def test_the_search_query_and_k_live_in_the_page_address(on_seeds):
    at = run("pages/4_Search.py", {"q": "trade turnover", "k": "2"})
    assert not errors(at)
    assert at.text_input(key="q").value == "trade turnover" and at.number_input(key="k").value == 2
    shown = at.dataframe[0].value
    assert len(shown) == 2
    assert any("Universal Sentence Encoder Multilingual v3" in c.value for c in at.caption)


def test_agreements_page_shows_the_projects_with_their_quotes_and_the_brief(on_seeds):
    at = run("pages/7_Agreements.py")
    assert not errors(at)
    table = at.dataframe[0].value
    assert {"Industrial trade and logistics complex on the border", "Alternative Issyk-Kul–Almaty road"} <= set(
        table["title"])
    assert set(table["kind"]) == {"project"} and table["quote"].str.len().min() > 20
    history = at.dataframe[1].value
    assert set(history["file"]) == {"002_ef18829c8c696d30.txt"} and history["quote"].notna().all()
    labels = [b.label for b in at.get("download_button")]
    assert any("brief" in label for label in labels)
    at.multiselect(key="agreements-status").set_value(["stalled"]).run()
    assert not errors(at)
    assert any("No agreements" in i.value for i in at.info)


def test_agreements_page_offers_the_brief_as_markdown_and_as_word(on_seeds):
    at = run("pages/7_Agreements.py")
    assert not errors(at)
    offered = {b.label: b.proto for b in at.get("download_button") if "brief" in b.label}
    assert set(offered) == {"Download the brief of the filtered period (Markdown)", "Download the brief (Word)"}
    # the Markdown is sent with the page (a media file named by its type); the Word file is built on the click
    assert offered["Download the brief of the filtered period (Markdown)"].url.endswith(".md")
    assert offered["Download the brief (Word)"].deferred_file_id
