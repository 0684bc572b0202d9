"""The dashboard's shared UI layer (the only lib module that imports streamlit): cached data accessors, the
sidebar filters (rendered once by app.py, bound to URL query parameters), and render helpers for pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from lib import pipeline, settings
from lib.access import password
from lib.files import roots, uploads
from lib.records import LEVELS, Corpus
from lib.store.batches import Store, StoreError
from lib.views import filters as views
from lib.views.export import EXPORT_TABLES, to_csv_bytes, to_workbook_bytes, to_xlsx_bytes
from lib.views.metric import Metric

if TYPE_CHECKING:  # the model and the index load on the first search, not with the dashboard
    from lib.search.encoders import SentenceTransformerEncoder, UseEncoder
    from lib.search.engine import SearchIndex

CORPUS_KEY = "corpus_dir"
UPLOAD_REPORT_KEY = "_upload_report"
# Widget keys double as URL query parameter names (bind="query-params"), so keep them short and stable.
K_DATES, K_OFFICIALS, K_LEVELS, K_LANGS, K_SOURCES, K_PAIR = "dates", "official", "level", "lang", "source", "pair"
STYLE = """
<style>
.kk-article {line-height: 1.6; font-size: 0.95rem; max-height: 640px; overflow-y: auto; padding: 0.8rem 1rem;
  border: 1px solid rgba(49,51,63,0.15); border-radius: 0.5rem; background: #fcfcfc;}
mark.kk-official {background: #d6eaf8; padding: 0 2px; border-radius: 3px;}
mark.kk-meeting {background: #fdebd0; padding: 0 2px; border-radius: 3px;}
mark.kk-term {background: #fcf3cf; font-weight: 600; padding: 0 1px;}
.kk-passage {line-height: 1.5; font-size: 0.93rem;}
mark.kk-trade {background: #d5f5e3; padding: 0 2px; border-radius: 3px;}
</style>
"""


@dataclass(frozen=True, slots=True)
class PageData:
    """What a page needs: the whole corpus, the filtered view of it, and the filters that made the view."""

    corpus: Corpus
    view: Corpus
    filters: views.Filters
    options: views.FilterOptions
    store_root: Path
    corpus_dir: Path


# ---- cached accessors -------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def get_store(root: str) -> Store:
    return Store(Path(root))


# A resource, not data: st.cache_data would keep the corpus pickled and unpickle a full copy on every rerun
# (6.6 GB peak at 100,000 articles). Callers get views.shallow copies, so no page can change the shared one.
@st.cache_resource(show_spinner=False, max_entries=2)
def load_corpus(corpus_dir: str, store_root: str, version: str) -> Corpus:
    """The prepared corpus of a folder plus the store's uploads; ``version`` changes when files are added."""
    store = get_store(store_root)
    folder = uploads.uploads_folder(Path(store_root))
    folder.mkdir(parents=True, exist_ok=True)
    # Drawn inside the cached function, in a placeholder emptied at the end: it shows while the corpus is built,
    # and a cache hit (every other call) replays only the empty placeholder. The counts stay in the sidebar.
    holder = st.empty()
    with holder.status("Reading articles and extracting facts…", expanded=False) as status:
        def progress(done: int, total: int, stage: str) -> None:
            status.update(label=f"{stage.capitalize()}: {done:,} of {total:,} new files")

        corpus = pipeline.build([(Path(corpus_dir), ""), (folder, uploads.PREFIX)], store, progress=progress)
        status.update(label="Preparing the filters…")
        prepared = views.prepare(corpus)
    holder.empty()
    return prepared


def corpus_counts(corpus: Corpus) -> str:
    """What the last build read: articles, files, how many were read now rather than taken from the store."""
    stats = corpus.stats
    return (f"{len(corpus.articles):,} articles from {stats.get('files', 0):,} files "
            f"({stats.get('parsed', 0):,} read at the last build, {len(corpus.errors):,} not readable)")


def store_root() -> Path:
    return settings.get_path("store")


def corpus_dir() -> Path:
    """The operator's corpus, or the folder a visitor chose under KK_CORPUS_ROOT (the default if it was refused)."""
    access = roots.access()
    chosen = st.session_state.get(CORPUS_KEY)
    if access.root is None or chosen is None:
        return access.default
    try:
        return roots.resolve_choice(str(chosen), access.root)
    except roots.FolderRefused:
        return access.default


def corpus_version() -> str:
    """Changes when a file is added to the corpus folder or the uploads: the key of every cached table."""
    return uploads.folder_signature(corpus_dir(), uploads.uploads_folder(store_root()))


def current_corpus() -> Corpus:
    """The corpus for the folder in the sidebar, rebuilt only when a file was added (uploads included)."""
    try:
        return views.shallow(load_corpus(str(corpus_dir()), str(store_root()), corpus_version()))
    except StoreError as exc:
        st.error(f"The store cannot be used: {exc}")
        st.stop()
    except OSError as exc:
        st.error(f"The articles cannot be read: {exc}. Check the folder in the sidebar and KK_STORE.")
        st.stop()
    raise AssertionError("unreachable")


# ---- the frame: sidebar filters ---------------------------------------------------------------------------

FRAME_KEY = "_frame_rendered"


def render_frame() -> None:
    """Page set-up and the sidebar (data source, every filter), once per run for all pages; filters live in the URL.
    """
    st.session_state[FRAME_KEY] = True
    st.set_page_config(page_title="KZ–KG relations monitor", page_icon=":material/handshake:", layout="wide")
    require_password()
    st.html(STYLE)
    with st.sidebar:
        with st.expander("Data source", expanded=False):
            folder_box()
            if st.button("Reload from disk", help="Re-scan the folder (new files are picked up automatically "
                                                  "when added at its top level or uploaded)."):
                load_corpus.clear()
        corpus = current_corpus()
        st.caption(corpus_counts(corpus))
        options = views.filter_options(corpus)
        st.header("Filters")
        st.selectbox("Country pair", options.pairs, format_func=views.pair_label, key=K_PAIR,
                     bind="query-params", help="Articles about both countries; 'All countries' shows every article.")
        if options.min_date and options.max_date:
            st.date_input("Published between", value=(options.min_date, options.max_date),
                          min_value=options.min_date, max_value=options.max_date, key=K_DATES, bind="query-params",
                          help="Narrowing the range leaves out articles whose date is unknown.")
        st.multiselect("Officials", options.officials, key=K_OFFICIALS, bind="query-params",
                       placeholder="Anyone", help="Articles and meetings involving any of these people.")
        # No format_func on bound widgets: the URL carries the label shown, so the raw value keeps links stable.
        st.multiselect("Meeting level", list(LEVELS), key=K_LEVELS, bind="query-params", placeholder="Any level")
        st.multiselect("Language", options.langs, key=K_LANGS, bind="query-params", placeholder="Any language")
        st.multiselect("Source outlet", options.sources, key=K_SOURCES, bind="query-params",
                       placeholder="Any outlet")
        st.caption("The filters are in the page address: bookmark or share it to keep this view.")


def folder_box() -> None:
    """The corpus folder: a box for a folder under KK_CORPUS_ROOT when the operator set one, else just its name."""
    access = roots.access()
    if access.root is None:
        st.caption(f"Articles from `{md(access.default.name)}`, chosen by whoever runs this dashboard "
                   "(KK_CORPUS; set KK_CORPUS_ROOT to let visitors choose a folder under it).")
        return
    st.text_input("Folder of articles", value=roots.relative_name(access.default, access.root), key=CORPUS_KEY,
                  help="A folder under the corpus root: " + ", ".join(
                      f"`{name}`" for name in published_folders(str(access.root))[1:21]) + " (empty: the whole root).")
    try:
        roots.resolve_choice(str(st.session_state.get(CORPUS_KEY) or ""), access.root)
    except roots.FolderRefused as exc:
        st.error(f"{exc} Showing `{md(access.default.name)}` instead.", icon=":material/block:")


@st.cache_data(show_spinner=False, ttl=300, max_entries=4)
def published_folders(root: str) -> list[str]:
    """The folders under the root a visitor may pick (listed again every five minutes, not on every rerun)."""
    return roots.folders_under(Path(root))


@st.cache_resource(show_spinner=False)
def _throttle() -> password.Throttle:
    return password.Throttle()  # one for the server: a new tab or session does not reset a client's wait


AUTH_KEY = "_signed_in"


def require_password() -> None:
    """Until the visitor types KK_PASSWORD, a password form and nothing else (no-op when no password is set)."""
    expected = password.required()
    if not expected or st.session_state.get(AUTH_KEY):
        return
    st.title("KZ–KG relations monitor")
    with st.form("sign-in"):
        guess = st.text_input("Password", type="password", help="Ask whoever runs this dashboard.")
        submitted = st.form_submit_button("Open the dashboard", type="primary")
    if submitted:
        client = st.context.ip_address or "unknown"
        throttle = _throttle()
        time.sleep(throttle.wait(client))
        if throttle.check(client, guess, expected):
            st.session_state[AUTH_KEY] = True
            st.rerun()
        st.error("Wrong password. Each wrong try makes the next one wait longer.")
    st.session_state.pop(FRAME_KEY, None)  # so no page takes the frame, and this check, as already done
    st.stop()


def current_filters(options: views.FilterOptions) -> views.Filters:
    """The sidebar's widget values as a typed Filters record (a full date range means no date filter)."""
    state = st.session_state
    start = end = None
    chosen = state.get(K_DATES)
    if isinstance(chosen, (tuple, list)) and chosen:
        first, last = chosen[0], chosen[-1] if len(chosen) > 1 else None
        start = first if isinstance(first, date) and first != options.min_date else None
        end = last if isinstance(last, date) and last != options.max_date else None
    return views.Filters(
        start=start, end=end,
        officials=tuple(state.get(K_OFFICIALS) or ()), levels=tuple(state.get(K_LEVELS) or ()),
        langs=tuple(state.get(K_LANGS) or ()), sources=tuple(state.get(K_SOURCES) or ()),
        pair=state.get(K_PAIR) or views.DEFAULT_PAIR,
    )


def page_data() -> PageData:
    """Everything a page renders from; cheap to call (the corpus is cached, filtering is in memory)."""
    require_password()  # also here: a page can run without app.py (see below), and must not skip the password
    if not st.session_state.pop(FRAME_KEY, False):
        # Streamlit runs a page file on its own when a fresh server's first request is that page's URL (it
        # treats pages/ as an old-style multipage folder until app.py has run once): draw the frame here then,
        # so a bookmarked filtered view works after a restart too.
        render_frame()
        st.session_state.pop(FRAME_KEY, None)
    corpus = current_corpus()
    options = views.filter_options(corpus)
    filters = current_filters(options)
    view = views.apply_filters(corpus, filters)
    with st.sidebar:
        # Built only when clicked (a workbook of every article's text takes a while).
        st.download_button("Download this view (Excel, a sheet per table)", data=lambda: to_workbook_bytes(
            {name: getattr(view, name).reindex(columns=columns) for name, columns in EXPORT_TABLES.items()}),
            file_name="kzkg-view.xlsx", mime=XLSX_MIME, key="download-view", icon=":material/table_view:")
    return PageData(corpus, view, filters, options, store_root(), corpus_dir())


def filter_to_official(person: str) -> None:
    """Makes ``person`` the officials filter (used by clicks on the Officials page); call from a callback."""
    st.session_state[K_OFFICIALS] = [person]


# ---- render helpers ---------------------------------------------------------------------------------------

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table(frame: pd.DataFrame, name: str, key: str, columns: list[str] | None = None, **kwargs: object) -> object:
    """A table and, under it, CSV and Excel downloads of exactly its rows (formula cells escaped)."""
    shown = frame if columns is None else frame.reindex(columns=columns)
    # streamlit picks an overload by the literal of on_select, which kwargs passed through cannot show
    event = st.dataframe(shown, hide_index=True, key=key, **kwargs)  # type: ignore[call-overload]
    with st.container(horizontal=True):
        st.download_button(f"Download these {len(shown)} rows (CSV)", to_csv_bytes(shown), file_name=f"{name}.csv",
                           mime="text/csv", key=f"download-{key}", icon=":material/download:")
        st.download_button("Excel", lambda: to_xlsx_bytes(shown, sheet=name), file_name=f"{name}.xlsx",
                           mime=XLSX_MIME, key=f"download-xlsx-{key}", icon=":material/download:",
                           help=f"The same {len(shown)} rows as an Excel workbook")
    return event


def linked_choice(label: str, options: Sequence[str], key: str, param: str, where: object = None,
                  **kwargs: object) -> str | None:
    """A selectbox whose choice lives in the page address as ``?param=value``, so a link restores it.

    The URL carries the option itself (an id), not the label shown, so links stay valid when labels change.
    ``where`` is a column or container to draw it in (default: the page).
    """
    wanted = st.query_params.get(param)
    if key not in st.session_state and wanted in options:
        st.session_state[key] = wanted
    chosen = (where or st).selectbox(label, options, key=key, **kwargs)  # type: ignore[attr-defined]
    if chosen is None:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != str(chosen):
        st.query_params[param] = str(chosen)
    return chosen


def chart(frame: pd.DataFrame, make_figure: Callable[[pd.DataFrame], object], empty_note: str, key: str) -> None:
    """A plotly chart of ``frame``, or a note saying why there is nothing to draw."""
    if frame.empty:
        st.info(empty_note)
    else:
        st.plotly_chart(make_figure(frame), key=key)


def empty_state(data: PageData, what: str) -> bool:
    """Shows why nothing is there (no articles at all, or the filters) and returns True when that is the case."""
    if data.corpus.articles.empty:
        # The folder's name only: a visitor of a hosted dashboard has no use for the server's paths.
        st.info(f"No articles yet in `{md(data.corpus_dir.name)}`. Upload articles on the **Articles** page"
                + (" or choose another folder under *Data source* in the sidebar." if roots.access().choosable
                   else "."))
        return True
    if data.view.articles.empty:
        st.warning(f"No {what} match the filters. Widen the date range, clear a filter, or choose "
                   "'All countries' as the country pair.")
        return True
    return False


def record_upload_report(lines: list[tuple[str, str]]) -> None:
    st.session_state[UPLOAD_REPORT_KEY] = lines


def pop_upload_report() -> list[tuple[str, str]]:
    return st.session_state.pop(UPLOAD_REPORT_KEY, [])


def upload_form(root: Path) -> None:
    """Upload widget: each accepted file is stored in the store's uploads folder and ingested on the rerun."""
    limit = settings.get_int("upload_max_mb")
    with st.form("upload", clear_on_submit=True, border=True):
        files = st.file_uploader(f"Add articles (.txt, .md, .html; up to {limit} MB each)",
                                 type=[ext.lstrip(".") for ext in uploads.ALLOWED_EXTENSIONS],
                                 accept_multiple_files=True, max_upload_size=limit)
        submitted = st.form_submit_button("Ingest", type="primary")
    if not submitted:
        return
    if not files:
        st.warning("Choose one or more files first.")
        return
    report: list[tuple[str, str]] = []
    for uploaded in files:
        try:
            saved = uploads.save_upload(root, uploaded.name, uploaded.getvalue(), max_mb=limit)
        except uploads.UploadRejected as exc:
            report.append(("error", str(exc)))
            continue
        if saved.duplicate:
            report.append(("info", f"{uploaded.name!r}: the same file is already stored as {saved.file}."))
        else:
            report.append(("success", f"{uploaded.name!r} stored as {saved.file}."))
    record_upload_report(report)
    st.rerun()


def show_upload_report(corpus: Corpus) -> None:
    """Messages of the last upload, with the pipeline's reason when a stored file could not be read."""
    for level, message in pop_upload_report():
        getattr(st, level)(message)
    failed = corpus.errors[corpus.errors["file"].str.startswith(uploads.PREFIX)]
    if not failed.empty:
        with st.expander(f"{len(failed)} uploaded file(s) could not be read as articles"):
            st.dataframe(failed, hide_index=True)


def select_row(source_key: str, target_key: str, values: list[object], wrap: bool = False) -> None:
    """Callback: puts the value of the clicked table row into another widget (a list of one when ``wrap``)."""
    event = st.session_state.get(source_key)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or (event or {}).get("selection", {})
                .get("rows", []))
    if rows and 0 <= rows[0] < len(values):
        st.session_state[target_key] = [values[rows[0]]] if wrap else values[rows[0]]


def select_point(source_key: str, target_key: str, custom_index: int) -> None:
    """Callback: puts one customdata field of the clicked chart point into another widget."""
    event = st.session_state.get(source_key)
    selection = getattr(event, "selection", None) or (event or {}).get("selection", {})
    points = list(selection.get("points", []))
    custom = points[0].get("customdata") if points else None
    if isinstance(custom, (list, tuple)) and len(custom) > custom_index:
        st.session_state[target_key] = custom[custom_index]


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>$~:"})


def md(text: object) -> str:
    """Text made safe to put inside st.markdown: every markdown character escaped, so it stays text."""
    return str(text if text is not None else "").translate(_MD_SPECIAL)


@st.cache_data(show_spinner=False, max_entries=64)
def original_text(corpus_dir: str, store_root: str, file: str, version: str) -> str:
    """The file an article came from, decoded but otherwise as it is on disk (shown as text, never as HTML)."""
    from lib.files import folders as corpus_files

    if file.startswith(uploads.PREFIX):
        path = uploads.uploads_folder(Path(store_root)) / file[len(uploads.PREFIX):]
    else:
        path = Path(corpus_dir) / file
    kind = corpus_files.KINDS.get(path.suffix.lower(), "text")
    try:
        return corpus_files.read_document(corpus_files.FoundFile(path, file, kind)).text
    except corpus_files.UnreadableFile as exc:
        return f"(the original file cannot be shown: {exc})"


# ---- search -----------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner="Loading the embedding model…")
def get_encoder() -> SentenceTransformerEncoder | UseEncoder:
    from lib.search import encoders

    # Drawn inside the cached function: shown only while a configured model is downloaded, once per server.
    bar = st.empty()

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / total) if total else 1.0,
                     text=f"Downloading the embedding model: {done / 2**20:,.0f} of {total / 2**20:,.0f} MB")

    encoder = encoders.load_encoder(progress=progress)
    bar.empty()
    return encoder


@st.cache_resource(show_spinner="Indexing the passages for search (once per corpus version)…", max_entries=2)
def _search_index(corpus_dir: str, root: str, version: str) -> SearchIndex:
    from lib.search import engine

    corpus = views.shallow(load_corpus(corpus_dir, root, version))
    # Passages still to encode are encoded in a background thread: words rank at once, meaning joins as it comes.
    return engine.build_index(corpus.articles, corpus.passages, get_encoder(), get_store(root), background=True)


def dense_notice(index: SearchIndex) -> None:
    """While passage vectors are still being encoded, a progress bar that refreshes itself, and a rerun of the
    page when they are done (the results were marked as ranked without them)."""

    @st.fragment(run_every=2.0)
    def notice() -> None:
        status = index.dense_status()
        if status.complete:
            if st.session_state.pop("_dense_pending", False):
                st.rerun()
            return
        st.session_state["_dense_pending"] = True
        st.progress(status.done / status.total if status.total else 1.0, text=status.sentence())

    if not index.dense_status().complete:
        notice()


def search_index() -> SearchIndex:
    """The search index of the current corpus, built once per corpus version (embeddings cached in the store).

    Vectors not yet cached are encoded in the background (``dense_notice`` shows how far); re-encoding is rare
    because vectors are cached per passage.
    """
    return _search_index(str(corpus_dir()), str(store_root()), corpus_version())


OPEN_ARTICLE_KEY = "_open_article"


def open_article(article_id: str) -> None:
    """Goes to the Articles page with this article in the reader."""
    st.session_state[OPEN_ARTICLE_KEY] = article_id
    st.switch_page("pages/6_Articles.py")


def take_open_article(reader_key: str) -> None:
    """On the Articles page, before the reader widget: put there the article another page asked to open."""
    if OPEN_ARTICLE_KEY in st.session_state:
        st.session_state[reader_key] = st.session_state.pop(OPEN_ARTICLE_KEY)


def metrics(items: list[Metric], widths: list[int] | None = None) -> None:
    """A row of bordered metric cards (``widths``: the columns' relative widths, equal by default)."""
    if not items:
        return
    for column, item in zip(st.columns(widths or len(items)), items, strict=True):
        column.metric(item.label, item.value, item.delta, help=item.help, border=True,
                      delta_color=item.delta_color)  # type: ignore[arg-type]
