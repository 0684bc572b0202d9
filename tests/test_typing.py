"""mypy over lib stays clean: annotations are checked, not just written."""

import subprocess
import sys

from conftest import ROOT


def test_mypy_reports_no_errors_in_lib():
    result = subprocess.run([sys.executable, "-m", "mypy", "lib"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
