"""Agreements, joint projects and commitments: articles' sentences → reports (one per agreement and article) →
agreements (one per agreement however many articles report it), each report with its status word and quote.

catalogue.py: the curated table of known Kazakhstan–Kyrgyzstan agreements and projects (lib/data/agreements.csv).
status.py: the status, due year and date words of one sentence.
reports.py: sentences → reports (catalogued and uncatalogued documents).
registry.py: reports → agreements with the status of the latest report.
"""
