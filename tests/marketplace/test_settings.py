"""Production settings refuse to start without their secrets and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean.update(DJANGO_SETTINGS_MODULE="marketplace.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", ALLOWED_HOSTS="htx.example.vn")

    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", SECRET_KEY="k" * 60)

    assert result.returncode != 0
    assert "The environment variable ALLOWED_HOSTS must be set." in result.stderr


@pytest.mark.parametrize("extra", [{}, {"DATABASE_URL": "postgres://u:p@db:5432/htx"}])
def test_check_deploy_reports_nothing_with_production_settings(extra):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x9!" + "k7Qz" * 16,
        ALLOWED_HOSTS="htx.example.vn",
        **extra,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
