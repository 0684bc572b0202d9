"""Agreements: what was signed or planned and what became of it, and the agenda's topics over time."""

from datetime import date

import streamlit as st

from lib import ui
from lib.tools import brief
from lib.views import agreements as view

data = ui.page_data()
st.title("Agreements and agenda")
st.caption("Agreements, joint projects and commitments as the articles report them, one row each however many "
           "articles speak of it; the status is that of the latest report, and every report keeps its quote.")
if not ui.empty_state(data, "articles"):
    statuses, topics, kinds = view.options()
    left, middle, right = st.columns(3)
    choice = view.Choice(
        tuple(left.multiselect("Status", statuses, key="agreements-status")),
        tuple(middle.multiselect("Topic", topics, format_func=view.topic_label, key="agreements-topic")),
        tuple(right.multiselect("Kind", kinds, key="agreements-kind")),
    )
    shown = view.select(data.view, choice, date.today())
    ui.metrics(view.agreement_metrics(shown))
    if shown.agreements.empty:
        st.info("No agreements, projects or commitments in the selected articles.")
    else:
        st.subheader(f"{len(shown.agreements)} agreements, projects and commitments")
        ui.table(shown.agreements, "agreements", key="agreements-table")
        st.subheader("Status history: every report with its quote")
        ui.table(shown.reports, "agreement_reports", key="agreement-reports-table")
    st.subheader("Agenda topics per quarter")
    ui.chart(shown.topic_shares, view.topic_figure, "No dated articles with agenda topics in the selection.",
             key="topics-chart")
    with st.expander("Sentences behind the topics"):
        ui.table(shown.topic_sentences, "topic_sentences", key="topic-sentences-table")
    period = brief.assemble(data.view, data.filters.start, data.filters.end)
    markdown, word = st.columns(2)
    markdown.download_button("Download the brief of the filtered period (Markdown)", brief.to_markdown(period),
                             file_name="brief.md", mime="text/markdown", key="brief-download",
                             icon=":material/description:")
    word.download_button("Download the brief (Word)", lambda: brief.to_docx(period), file_name="brief.docx",
                         mime=brief.DOCX_MIME, key="brief-docx-download", icon=":material/description:")
