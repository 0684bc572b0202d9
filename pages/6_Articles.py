"""Articles: the table, one article read with its facts highlighted beside the original, and uploads."""

from functools import partial

import streamlit as st

from lib import ui
from lib.views import articles, highlight

data = ui.page_data()
st.title("Articles")
with st.expander("Add articles", expanded=data.corpus.articles.empty, icon=":material/upload_file:"):
    st.caption("Uploaded files are kept in the store and appear on every page at once.")
    ui.upload_form(data.store_root)
ui.show_upload_report(data.corpus)

if not ui.empty_state(data, "articles"):
    table = articles.articles_table(data.view.articles)
    ids = table["article_id"].tolist()
    ui.table(table, "articles", key="articles-table", selection_mode="single-row",
             on_select=partial(ui.select_row, "articles-table", "articles-reader", ids),
             column_config={"published": st.column_config.DateColumn("published"),
                            "url": st.column_config.LinkColumn("url")})
    titles = articles.article_choices(table)
    ui.take_open_article("articles-reader")
    if st.session_state.get("articles-reader") not in titles:
        st.session_state.pop("articles-reader", None)
    chosen = ui.linked_choice("Read an article", ids, "articles-reader", "article", format_func=titles.get)
    article = articles.article_row(data.view.articles, chosen)
    st.subheader(ui.md(article["title"]), anchor=False)
    st.caption(articles.article_byline(article))
    highlights = articles.article_highlights(article, data.view)
    clean, original = st.columns(2)
    with clean:
        st.markdown(f"**Clean text** · {len(highlights)} extracted facts highlighted: "
                    ":blue-background[officials] :orange-background[meetings] :green-background[trade]")
        st.html(highlight.highlight_html(str(article["body"]), highlights))
    with original:
        st.markdown("**Original file** (as stored, shown as text)")
        st.code(ui.original_text(str(data.corpus_dir), str(data.store_root), str(article["file"]),
                                 ui.corpus_version()), language=None, wrap_lines=True, height=640)
    facts = articles.article_facts(article, data.view)
    for name, frame in facts.items():
        if not frame.empty:
            st.markdown(f"**{name.capitalize()} in this article**")
            ui.table(frame, f"article-{name}", key=f"article-{name}")
