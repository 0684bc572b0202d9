"""Trade: reported turnover over time against the targets, the gap, and every figure with its quote."""

import streamlit as st

from lib import ui
from lib.views import figures
from lib.views import trade as trade_view

data = ui.page_data()
st.title("Trade turnover")
st.caption("Bilateral trade as the articles report it: each point is one reported figure drawn over its period "
           "(partial-year figures apart from full years); the steps are the targets leaders announced.")
if not ui.empty_state(data, "articles"):
    trade = data.view.trade
    if trade.empty:
        st.info("No trade turnover figures in the selected articles.")
    else:
        summary = trade_view.trade_summary(trade, data.view.articles)
        ui.metrics(trade_view.trade_metrics(summary))
        st.plotly_chart(figures.trade_figure(trade, data.view.articles), key="trade-chart")
        table = trade_view.trade_table(trade, data.view.articles)
        st.subheader(f"{len(table)} reported figures and targets")
        ui.table(table, "trade", key="trade-table",
                 column_config={"published": st.column_config.DateColumn("published")})
