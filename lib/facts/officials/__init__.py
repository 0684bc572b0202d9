"""Officials: the curated table, name morphology and post titles → who an article names, with their post."""
