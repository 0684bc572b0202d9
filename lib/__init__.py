"""Kazakhstan–Kyrgyzstan relations monitor: files → articles → facts → store → views."""
