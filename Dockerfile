# Partnership Pulse: one app server in a container.
#   docker build -t partnership-pulse .
#   docker run -p 8501:8501 -v pulse-data:/data \
#     -e REFRESH_CONVENER_PASSWORD_HASH='<from: python -m refresh_core password-hash>' partnership-pulse
# A container always needs a sign-in (a password or an [auth] section): the app sees your browser
# arrive from the container network, not from this computer, so open local mode refuses it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY .streamlit/config.toml .streamlit/config.toml
COPY pyproject.toml streamlit_app.py ./
COPY refresh_core ./refresh_core
COPY ui ./ui
COPY pages ./pages

# A user of its own, no shell, owning only the data and backup folders.
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin pulse \
    && mkdir -p /data /backups \
    && chown pulse:pulse /data /backups
USER pulse

# The database file and automatic backups live on volumes. FORWARDED_ALLOW_IPS="" stops the web
# server from replacing the peer address with X-Forwarded-For on its own: the app decides which
# proxies to believe ($REFRESH_TRUSTED_PROXIES, see the README).
ENV REFRESH_DB=/data/refresh.duckdb \
    REFRESH_BACKUP_DIR=/backups \
    FORWARDED_ALLOW_IPS=""
VOLUME ["/data", "/backups"]
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

CMD ["python", "-m", "ui.serve", \
     "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", \
     "--browser.gatherUsageStats=false"]
