"""Officials: who's who with their posts over time, mentions per month, and who met whom."""

from functools import partial

import streamlit as st

from lib import ui
from lib.views import figures, officials

data = ui.page_data()
st.title("Officials")
st.caption("Posts are those held at each article's date. Click a person to filter every page to them.")
if not ui.empty_state(data, "articles"):
    who = officials.whos_who(data.view.officials, data.view.articles)
    if who.empty:
        st.info("No officials were found in the selected articles.")
    else:
        ui.table(who, "officials", key="officials-table", selection_mode="single-row",
                 on_select=partial(ui.select_row, "officials-table", ui.K_OFFICIALS, who["person"].tolist(), True),
                 column_config={"first_seen": st.column_config.DateColumn("first seen"),
                                "last_seen": st.column_config.DateColumn("last seen")})
        pick, go = st.columns([3, 1], vertical_alignment="bottom")
        person = ui.linked_choice("Person", who["person"].unique().tolist(), "officials-person", "person", pick)
        go.button("Filter every page to this person", on_click=ui.filter_to_official, args=(person,),
                  icon=":material/filter_alt:", key="officials-filter")
        with st.expander(f"{len(data.view.officials)} mentions by article (provenance)"):
            ui.table(data.view.officials, "official-mentions", key="officials-mentions")
    left, right = st.columns(2)
    with left:
        st.subheader("Mentions per month")
        ui.chart(officials.mentions_per_month(data.view.officials, data.view.articles), figures.mentions_figure,
                 "No dated mentions of officials in the selected articles.", key="officials-mentions-chart")
    with right:
        st.subheader("Who met whom")
        ui.chart(officials.who_met_whom(data.view.meetings), figures.who_met_whom_figure,
                 "No meetings between officials in the selected articles.", key="officials-matrix")
