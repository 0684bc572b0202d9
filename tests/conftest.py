"""Shared test constants: the project's folders, and the team's reference sets that sit beside the project.

Test modules import them (``from conftest import ROOT``): pytest puts tests/ on the path for its own modules.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The analysts' reference sets are kept outside the repository (on team machines only): tests that read them
# skip where they are missing.
SEEDS_GOLD = ROOT.parent / "shared" / "seeds-gold.json"
DEV = ROOT.parent / "shared" / "dev-corpus"

# Tests never download a model: a configured name that is not on disk falls back at once (lib/search/models.py).
os.environ.setdefault("KK_OFFLINE", "1")
