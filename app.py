"""Dashboard frame: page routing and the sidebar filters, rendered once for every page."""

import streamlit as st

from lib import ui

nav = st.navigation([
    st.Page("pages/1_Overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/2_Timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/3_Trade.py", title="Trade", icon=":material/trending_up:"),
    st.Page("pages/4_Search.py", title="Search", icon=":material/search:"),
    st.Page("pages/5_Officials.py", title="Officials", icon=":material/groups:"),
    st.Page("pages/6_Articles.py", title="Articles", icon=":material/article:"),
    st.Page("pages/7_Agreements.py", title="Agreements", icon=":material/handshake:"),
])
ui.render_frame()
nav.run()
