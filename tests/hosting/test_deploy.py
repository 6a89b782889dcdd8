"""The deployment files: the container image, and compose with a proxy, two app servers and Postgres.

Docker's daemon is not needed: the compose file is checked by ``docker compose config`` (or the older
``docker-compose config``) when either is installed, and always by reading it as YAML.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

yaml = pytest.importorskip("yaml", reason="PyYAML is in requirements-dev.txt")

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
CADDYFILE = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")


def compose() -> dict[str, object]:
    return dict(yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8")))


def instructions(name: str) -> list[str]:
    """The arguments of every Dockerfile instruction ``name`` (continuation lines joined)."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.split(None, 1)[:1] == [name]]


def test_image_runs_as_a_user_of_its_own_and_checks_health() -> None:
    """Not root; health from Streamlit's /_stcore/health; started by the app's launcher (``ui.serve``, which
    serves ``streamlit_app.py``) without make; the proxy decides."""
    assert instructions("USER") and instructions("USER")[-1].strip() not in ("root", "0")
    assert any("/_stcore/health" in h for h in instructions("HEALTHCHECK"))
    command = instructions("CMD")[-1]
    assert '"ui.serve"' in command and "make" not in command
    assert 'FORWARDED_ALLOW_IPS=""' in DOCKERFILE


def test_image_copies_everything_the_app_imports() -> None:
    """The core, the ui helpers, the pages, the entry script and the production settings go in."""
    copied = " ".join(instructions("COPY"))
    for needed in ("requirements.txt", "streamlit_app.py", "refresh_core", "ui", "pages",
                   ".streamlit/config.toml"):
        assert needed in copied
        assert (ROOT / needed).exists()
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert not {"refresh_core", "ui", "pages", "streamlit_app.py", ".streamlit"} & set(ignored)
    assert ".streamlit/secrets.toml" in ignored


def test_compose_has_postgres_two_app_servers_and_a_sticky_proxy() -> None:
    """Postgres 15+ with a health check; two replicas of the image, each with its own DuckDB volume
    (one process per file); the proxy in front of both with cookie-sticky sessions, believed as the
    only trusted proxy."""
    services = compose()["services"]
    assert isinstance(services, dict)
    db = services["db"]
    assert re.match(r"postgres:(\d+)", db["image"]) and int(re.match(r"postgres:(\d+)", db["image"])[1]) >= 15
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    apps = [services["app1"], services["app2"]]
    proxy_ip = services["proxy"]["networks"]["backend"]["ipv4_address"]
    for app in apps:
        assert app["build"] == "."
        assert app["environment"]["REFRESH_TRUSTED_PROXIES"] == proxy_ip
        assert app["environment"]["REFRESH_DATABASE_URL"].startswith("postgresql://")
    data_volumes = [next(v for v in app["volumes"] if v.endswith(":/data")) for app in apps]
    assert len(set(data_volumes)) == 2
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    assert re.search(r"reverse_proxy\s+app1:8501\s+app2:8501", CADDYFILE)
    assert "lb_policy cookie" in CADDYFILE and "health_uri /_stcore/health" in CADDYFILE


def test_compose_config_validates() -> None:
    """``docker compose config`` accepts the file (needs docker's compose plugin or docker-compose)."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True,
                                                 check=False).returncode == 0:
        command = ["docker", "compose"]
    elif shutil.which("docker-compose"):
        command = ["docker-compose"]
    else:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed; the YAML checks above ran")
    result = subprocess.run([*command, "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
                            capture_output=True, text=True, check=False, timeout=60,
                            env={**os.environ, "POSTGRES_PASSWORD": "checked-by-tests"})
    assert result.returncode == 0, result.stderr
