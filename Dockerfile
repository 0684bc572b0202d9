# The dashboard for a team: one container, the operator's corpus mounted read-only, the store on a volume.
#   docker compose up --build        (see compose.yaml and the README's "Host it for a team")
FROM python:3.11-slim

# PyPI's torch wheel for Linux bundles CUDA (several GB); the CPU build of the same pinned version comes from
# PyTorch's own index. Point TORCH_INDEX at a mirror if the build machine cannot reach it.
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KK_CORPUS=/data/corpus \
    KK_STORE=/data/store \
    HF_HOME=/data/store/huggingface

RUN useradd --create-home --uid 10001 analyst \
    && mkdir -p /data/corpus /data/store \
    && chown analyst:analyst /data/store

WORKDIR /app
COPY requirements.txt ./
RUN pip install --index-url "$TORCH_INDEX" torch==2.13.0 \
    && pip install -r requirements.txt

COPY app.py ./
COPY .streamlit ./.streamlit
COPY pages ./pages
COPY lib ./lib
COPY seeds ./seeds
COPY scripts/serve.sh ./scripts/serve.sh

USER analyst
VOLUME ["/data/store"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
ENTRYPOINT ["bash", "scripts/serve.sh"]
