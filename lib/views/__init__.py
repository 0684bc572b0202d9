"""Views: a Corpus + the sidebar's filters → what each page shows (one module per page, figures.py draws them).

filters.py prepares and filters the corpus; overview, timeline, trade, officials, articles and search hold each
page's tables; export.py writes CSV. No streamlit here (lib/ui.py is the UI layer), and no extractor is loaded.
"""
