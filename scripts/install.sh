#!/usr/bin/env bash
# Installs everything the project needs into .venv (idempotent): pinned Python packages and, for the
# browser test, Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
if ! .venv/bin/pip install --disable-pip-version-check -r requirements.txt > .venv/pip.log 2>&1; then
  grep -v "^WARNING: Location" .venv/pip.log >&2
  exit 1
fi
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "install: chromium could not be installed; the browser test will fail" >&2
  else
    echo "install: chromium is missing (apt-get install chromium) for the browser test" >&2
  fi
fi
