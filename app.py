"""Dashboard frame: routes to the pages (provisional until the dashboard issue)."""

import streamlit as st

st.set_page_config(page_title="KZ–KG relations monitor", layout="wide")
nav = st.navigation([st.Page("pages/1_Overview.py", title="Overview", default=True)])
nav.run()
