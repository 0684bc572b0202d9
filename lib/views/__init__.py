"""What the pages show: a Corpus + filters → the tables and plotly figures each page draws (no streamlit)."""
