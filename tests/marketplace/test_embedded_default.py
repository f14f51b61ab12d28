"""The embedded default: migrate a fresh SQLite database, load the demo and serve it.

The search issue's shared query table runs here too, on SQLite.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout}s")


def test_embedded_sqlite_default_migrates_and_serves(tmp_path):
    # No DATABASE_URL, no services: the settings fall back to SQLite.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.dev"
    env["MEDIA_ROOT"] = str(tmp_path / "media")
    # dj-database-url reads DATABASE_URL; point it at a file of this test's own.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=400,
    )
    run("migrate", "--noinput", "-v", "0")
    demo = run("demo")
    assert "admin@htx.local" in demo.stdout
    # The search issue's shared query table, on SQLite's folded-text backend.
    table = run(
        "shell",
        "-c",
        "import json; from tests.search.cases import run_database_table; "
        "print('SEARCH-TABLE', json.dumps(run_database_table()))",
    )
    assert "SEARCH-TABLE []" in table.stdout, table.stdout

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/healthz")
        with urllib.request.urlopen(f"{base}/healthz") as response:
            assert response.status == 200
        with urllib.request.urlopen(f"{base}/") as response:
            assert "Liên minh Hợp tác xã tỉnh" in response.read().decode()
        with urllib.request.urlopen(f"{base}/shop/catalogue/") as response:
            assert "sản phẩm" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert (tmp_path / "db.sqlite3").stat().st_size > 0
