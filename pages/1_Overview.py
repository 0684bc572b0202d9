"""Overview: headline counts, the latest trade figure against the target, recent meetings, coverage by month."""

import streamlit as st

from lib import ui
from lib.views import figures, filters, overview, timeline, trade

data = ui.page_data()
st.title("Kazakhstan–Kyrgyzstan relations monitor")
st.caption(f"{filters.pair_label(data.filters.pair)} · {len(data.corpus.articles)} articles in the corpus, "
           f"{len(data.view.articles)} selected by the filters")
if not ui.empty_state(data, "articles"):
    ui.metrics(overview.count_metrics(overview.overview_counts(data.view)))

    st.subheader("Trade turnover against the target")
    trade_metrics = trade.trade_metrics(trade.trade_summary(data.view.trade, data.view.articles))
    if trade_metrics:
        ui.metrics(trade_metrics[:4])
    else:
        st.info("No trade turnover figure in the selected articles.")

    left, right = st.columns([3, 2])
    with left:
        st.subheader("Most recent meetings")
        recent = timeline.meetings_table(data.view.meetings, limit=8)
        if recent.empty:
            st.info("No meetings found in the selected articles.")
        else:
            ui.table(recent, "recent-meetings", key="overview-meetings")
    with right:
        st.subheader("Articles per month")
        ui.chart(overview.articles_per_month(data.view.articles), figures.articles_per_month_figure,
                 "None of the selected articles states its publication date.", key="overview-months")
    if not data.corpus.errors.empty:
        with st.expander(f"{len(data.corpus.errors)} file(s) could not be read"):
            ui.table(overview.error_table(data.corpus.errors), "errors", key="overview-errors")
