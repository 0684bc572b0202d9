"""Timeline: meetings by date and level (planned vs held), and the sources and evidence of the one selected."""

from functools import partial

import streamlit as st

from lib import ui
from lib.views import figures, timeline

data = ui.page_data()
st.title("Meetings timeline")
st.caption("Each mark is one event, however many outlets reported it. A marker is a known day: filled = held, "
           "hollow = planned; larger = more reports. A bar is a meeting whose reports give only its month "
           "(plain bar) or year (hatched bar), drawn over that whole period. Hover for where the date came from; "
           "click a mark or a table row to read its sources.")
if not ui.empty_state(data, "articles"):
    meetings = timeline.meetings_table(data.view.meetings)
    if meetings.empty:
        st.info("No meetings were found in the selected articles. Try 'All countries' or a wider date range.")
    else:
        points = timeline.timeline_frame(data.view.meetings, data.view.articles)
        if points.empty:
            st.info("None of the selected meetings has a known date; they are listed below.")
        else:
            st.plotly_chart(figures.timeline_figure(points), key="timeline-chart", selection_mode="points",
                            on_select=partial(ui.select_point, "timeline-chart", "timeline-meeting", 4))
        unplaced = timeline.off_chart(data.view.meetings)
        if not unplaced.empty:
            st.subheader(f"{len(unplaced)} meeting(s) not on the chart")
            st.caption("No report of these gives even a month or a year; why, for each:")
            ui.table(unplaced, "meetings-off-chart", key="timeline-off-chart")
        ids = meetings["meeting_id"].astype(str).tolist()
        st.subheader(f"{len(meetings)} meetings")
        ui.table(meetings, "meetings", key="timeline-table", on_select=partial(
            ui.select_row, "timeline-table", "timeline-meeting", ids), selection_mode="single-row")

        labels = timeline.meeting_choices(data.view.meetings)
        if st.session_state.get("timeline-meeting") not in labels:
            st.session_state.pop("timeline-meeting", None)
        chosen = ui.linked_choice("Meeting", ids, "timeline-meeting", "meeting", format_func=labels.get)
        meeting = timeline.meeting_row(data.view.meetings, chosen)
        st.subheader("Details")
        ui.metrics(timeline.meeting_metrics(meeting), widths=[2, 1, 3, 2])
        st.markdown("**Date from:** " + ui.md(timeline.meeting_date_basis(meeting)))
        st.markdown("**Participants:** " + ui.md(", ".join(meeting["participants"]) or "—"))
        st.markdown("**Evidence**")
        for quote in timeline.meeting_evidence(meeting) or ["(no quote)"]:
            st.markdown("> " + ui.md(quote))
        st.markdown("**Every source article**")
        ui.table(timeline.meeting_sources(meeting, data.view.articles), "meeting-sources", key="timeline-sources",
                 column_config={"published": st.column_config.DateColumn("published")})
