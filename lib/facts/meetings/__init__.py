"""Meetings: sentences naming officials of two countries → meeting reports → one row per event."""
