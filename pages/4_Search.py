"""Search: passages across Russian and English articles, ranked by words and meaning; "more like this"."""

import streamlit as st

from lib import ui
from lib.views import articles, search

data = ui.page_data()
st.title("Search")
if not ui.empty_state(data, "articles"):
    index = ui.search_index()
    info = index.encoder.info
    if info.fallback:
        st.warning(ui.md(index.model_sentence), icon=":material/translate:")
    else:
        st.caption(ui.md(index.model_sentence))
    ui.dense_notice(index)
    with st.form("search"):
        left, right = st.columns([5, 1])
        query = left.text_input("Query", key="q", bind="query-params", label_visibility="collapsed",
                                placeholder="e.g. border checkpoint modernisation")
        k = right.number_input("Results", min_value=1, max_value=50, value=10, key="k", bind="query-params",
                               label_visibility="collapsed")
        st.form_submit_button("Search", type="primary", icon=":material/search:")
    allowed = search.article_ids(data.view)
    similar = st.session_state.get("search-similar")
    if similar in allowed:
        title = articles.article_row(data.view.articles, similar)["title"]
        st.markdown(f"**More like:** {ui.md(title)}")
        if st.button("Back to the query"):
            st.session_state.pop("search-similar", None)
            st.rerun()
        results = index.more_like_this(similar, k=int(k), allowed_article_ids=allowed)
    elif query.strip():
        results = index.search([query], k=int(k), allowed_article_ids=allowed)
    else:
        results = None
        st.info("Type a query in Russian or English; results are restricted by the sidebar filters.")
    if results is not None:
        hits = search.search_hits(results, data.view.articles)
        if hits.empty:
            st.warning("Nothing found in the selected articles. Try other words or widen the filters.")
        terms = search.query_terms(query if similar not in allowed else "")
        for _, hit in hits.iterrows():
            with st.container(border=True):
                head, actions = st.columns([5, 1])
                head.markdown(f"**{int(hit['rank'])}. {ui.md(hit['title'])}**")
                head.caption(search.hit_byline(hit))
                if actions.button("Read", key=f"read-{hit['article_id']}", icon=":material/article:"):
                    ui.open_article(str(hit["article_id"]))
                if actions.button("More like this", key=f"similar-{hit['article_id']}"):
                    st.session_state["search-similar"] = hit["article_id"]
                    st.rerun()
                st.html(search.highlight_terms(str(hit["passage"]), terms))
        if not hits.empty:
            ui.table(hits, "search-results", key="search-table")
