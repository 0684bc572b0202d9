#!/usr/bin/env bash
# Regenerates requirements.txt (every package pinned) from requirements.in (the direct dependencies) with
# pip-tools, keeping the versions already pinned unless asked: `scripts/pin.sh --upgrade-package pandas`.
# pip-tools is a tool of this step only, so it lives in its own virtualenv, not in the project's.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=${PIPTOOLS_VENV:-${TMPDIR:-/tmp}/kzkg-piptools}
[ -x "$tools/bin/pip-compile" ] || { python3 -m venv "$tools" && "$tools/bin/pip" install -q "pip-tools==7.7.0"; }
"$tools/bin/pip-compile" --quiet --strip-extras --allow-unsafe --no-emit-find-links --no-emit-index-url \
  --output-file requirements.txt "$@" requirements.in
# A local wheel folder or PyTorch's CPU index offers the CPU build as "2.13.0+cpu"; the pin names the release, which
# that build satisfies and which the Dockerfile installs from the CPU index before the rest.
sed -i -E 's/^torch==([0-9.]+)\+cpu$/torch==\1/' requirements.txt
