"""The import contracts in pyproject.toml hold, and each one fails when broken.

``lint-imports`` reads the source as text (grimp), so a contract is checked
by running it on the tree, and broken by running it on a copy of the tree
with one forbidden import added.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _python_only(directory: str, names: list[str]) -> set[str]:
    return {
        name
        for name in names
        if not name.endswith(".py")
        and not (Path(directory) / name).is_dir()
        or name in {"__pycache__", "locale", "static", "templates"}
    }


def _contract_name(contract_id: str) -> str:
    return next(c["name"] for c in CONFIG["contracts"] if c["id"] == contract_id)


def test_the_tree_keeps_every_import_contract():
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    kept = len(CONFIG["contracts"])
    assert f"Contracts: {kept} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_import", "contract_id"),
    [
        ("marketplace/core/contract_breaker.py", "catalog.catalogue.models", "layers"),
        ("marketplace/core/contract_breaker.py", "agreements.models", "core-no-apps"),
        ("marketplace/search/contract_breaker.py", "cms.models", "search-no-apps"),
        ("marketplace/search/contract_breaker.py", "cms.models", "layers"),
        ("marketplace/payments/contract_breaker.py", "catalog.order.models", "layers"),
        (
            "marketplace/payments/contract_breaker.py",
            "catalog.order.models",
            "payments-no-store",
        ),
        ("catalog/contract_breaker.py", "agreements.models", "catalog-alone"),
        ("catalog/catalogue/contract_breaker.py", "cms.models", "catalog-alone"),
        ("agreements/contract_breaker.py", "cms.models", "agreements-no-cms"),
    ],
)
def test_an_import_against_a_contract_fails_the_lint(
    tmp_path, module, forbidden_import, contract_id
):
    # Given a copy of the tree's Python sources with one forbidden import added
    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=_python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(f"import {forbidden_import}  # noqa: F401\n")

    # When the contracts are checked
    result = _lint_imports(tmp_path)

    # Then the lint fails and names the broken contract and the import
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{_contract_name(contract_id)} BROKEN" in result.stdout
    breaker = module.removesuffix(".py").replace("/", ".")
    assert f"{breaker} -> {forbidden_import}" in result.stdout
