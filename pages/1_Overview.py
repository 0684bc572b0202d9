"""Overview page (provisional)."""

import streamlit as st

st.title("Kazakhstan–Kyrgyzstan relations monitor")
