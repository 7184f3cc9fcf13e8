"""An installed wheel works without the checkout: ontology, shapes, data and queries ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers.catalogs import REPO


def test_wheel_carries_resources_and_loads_without_checkout(tmp_path: Path) -> None:
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            wheel_dir,
            REPO,
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheel_dir.glob("aimkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("ontology", "shapes", "data"):
        assert any(name.startswith(f"aimkg/_resources/{folder}/") for name in names), folder

    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    code = (
        "import aimkg, aimkg.core.resources as r; print(r.resource_root()); "
        "print(aimkg.validate(aimkg.load()).conforms)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert output == [str(target / "aimkg" / "_resources"), "True"]
