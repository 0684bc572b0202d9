"""The container recipe and the Streamlit config agree with the project (docker cannot run here, so what can be
checked without it is): the pinned torch, the health check, a non-root user, the store volume, a read-only corpus,
the upload limit, and the entrypoint's command line."""

import os
import re
import subprocess
import tomllib

import pytest
from conftest import ROOT

from lib import settings

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = (ROOT / "compose.yaml").read_text(encoding="utf-8")
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
PINS = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE))


def test_the_image_installs_the_pinned_torch_and_the_rest_from_the_pins():
    assert PINS["torch"] == "2.13.0"
    assert re.search(rf"pip install --index-url \S+ torch=={re.escape(PINS['torch'])}\b", DOCKERFILE)
    assert "pip install -r requirements.txt" in DOCKERFILE
    assert DOCKERFILE.startswith("#") and "FROM python:3.11-slim" in DOCKERFILE


def test_the_image_runs_as_a_user_with_a_health_check_and_the_store_on_a_volume():
    user = re.search(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)
    assert user and user.group(1) not in {"root", "0"}
    assert re.search(r"HEALTHCHECK .*\n?.*/_stcore/health", DOCKERFILE)
    assert 'VOLUME ["/data/store"]' in DOCKERFILE and "KK_STORE=/data/store" in DOCKERFILE
    assert 'ENTRYPOINT ["bash", "scripts/serve.sh"]' in DOCKERFILE
    for copied in ("app.py", ".streamlit", "pages", "lib", "scripts/serve.sh"):
        assert f"COPY {copied} " in DOCKERFILE, copied


def test_compose_mounts_the_corpus_read_only_and_passes_the_hosting_settings():
    assert re.search(r"- \$\{CORPUS_DIR:-\./seeds\}:/data/corpus:ro", COMPOSE)
    assert "- store:/data/store" in COMPOSE
    for name in ("KK_PASSWORD", "KK_CORPUS_ROOT", "KK_UPLOAD_MAX_MB"):
        assert f"{name}: ${{{name}:-" in COMPOSE, name


def test_the_streamlit_config_is_a_products():
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["server"]["maxUploadSize"] == int(settings.SETTINGS[[s.name for s in settings.SETTINGS]
                                                                      .index("upload_max_mb")].default)


@pytest.mark.parametrize(("env", "expected"), [
    ({}, ["--server.address", "0.0.0.0", "--server.port", "8501", "--server.maxUploadSize", "5"]),
    ({"KK_UPLOAD_MAX_MB": "12", "STREAMLIT_SERVER_ADDRESS": "127.0.0.1", "STREAMLIT_SERVER_PORT": "9000"},
     ["--server.address", "127.0.0.1", "--server.port", "9000", "--server.maxUploadSize", "12"]),
])
def test_the_entrypoint_runs_streamlit_on_the_app(tmp_path, env, expected):
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "$PWD"\nfor a in "$@"; do echo "$a"; done\n')
    fake.chmod(0o755)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KK_", "STREAMLIT_"))}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "serve.sh")], cwd=tmp_path, capture_output=True,
                            text=True, env={**clean, **env, "PYTHON": str(fake)}, timeout=30)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(ROOT)  # it runs from the project, where .streamlit/config.toml is read
    assert lines[1:5] == ["-m", "streamlit", "run", "app.py"]
    assert lines[5:7] == ["--server.headless", "true"] and lines[7:] == expected
