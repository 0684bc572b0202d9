#!/usr/bin/env bash
# Starts the dashboard for a team (the container's entrypoint; works the same outside one): listens on every
# interface unless STREAMLIT_SERVER_ADDRESS says otherwise, and the browser's upload limit follows KK_UPLOAD_MAX_MB.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ] && python=.venv/bin/python
exec "$python" -m streamlit run app.py \
  --server.headless true \
  --server.address "${STREAMLIT_SERVER_ADDRESS:-0.0.0.0}" \
  --server.port "${STREAMLIT_SERVER_PORT:-8501}" \
  --server.maxUploadSize "${KK_UPLOAD_MAX_MB:-5}"
