"""What the benchmarks share: the site under production settings on plain loopback HTTP.

``pages.py``, ``audit.py`` and ``render.py`` import it (they run as scripts,
so this folder is on their path).
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loopback_env(
    *, name: str, database_url: str, media_root: Path, **extra: str
) -> dict[str, str]:
    """Return the environment of the production settings on loopback, no TLS.

    ``name`` makes a throw-away secret key; ``extra`` adds or overrides
    variables (an empty value removes one).
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        SECRET_KEY=f"{name}-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No TLS on loopback: no redirect to https, no HSTS.
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    for variable, value in extra.items():
        if value == "":
            env.pop(variable)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    """Run ``manage.py args``; on failure print its output and stop the script."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")
    return result.stdout


def gunicorn_start(env: dict[str, str], *, port: int, workers: int) -> subprocess.Popen:
    """Serve the site with gunicorn's sync workers on 127.0.0.1:``port``."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
