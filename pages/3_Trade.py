"""Trade: reported turnover over time against the targets, the gap, and every figure with its quote."""

import streamlit as st

from lib import ui, views

try:  # the trade page's chart module lands with the trade issue
    from lib import trade_view
except ImportError:
    trade_view = None

data = ui.page_data()
st.title("Trade turnover")
st.caption("Bilateral trade as the articles report it: each point is one reported figure for its period; "
           "targets are the goals leaders announced.")
if not ui.empty_state(data, "articles"):
    trade = data.view.trade
    if trade.empty:
        st.info("No trade turnover figures in the selected articles.")
    else:
        headline = views.trade_headline(trade, data.view.articles)
        if headline is not None:
            cols = st.columns(3)
            cols[0].metric(f"Latest reported ({headline.period})", headline.value, headline.growth, border=True)
            cols[1].metric("Current target", headline.target, border=True)
            cols[2].metric("Gap to target", headline.gap, border=True)
        if trade_view is not None:
            st.plotly_chart(trade_view.trade_figure(trade, data.view.articles), key="trade-chart")
        st.subheader(f"{len(trade)} reported figures")
        ui.table(views.trade_table(trade, data.view.articles), "trade", key="trade-table")
