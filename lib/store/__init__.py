"""The embedded store: Parquet batches, corpus snapshots for re-runs, and cached passage vectors."""
