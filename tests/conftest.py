"""Shared fixtures: the real spaCy pipeline, and real builds in throw-away project folders."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests run a fixed sequence of examples, so a submission's result does not
# depend on luck; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Examples per property test: 1,000 in `make test` and CI; `make fuzz` sets 10,000 (README).
FUZZ_EXAMPLES = int(os.environ.get("DIGEST_FUZZ_EXAMPLES", "1000"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e7620f42851d4ffd.txt"


def run_generator(args: list[str], cwd: Path, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                            env=full_env)
    if check and result.returncode != 0:
        raise AssertionError(f"generator {args} failed:\n{result.stdout}\n{result.stderr}")
    return result


def make_project(tmp: Path, seeds: list[Path] | None = None) -> Path:
    """A copy of the project's site configuration and hand-written pages, with the given seeds."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    (tmp / "generator").symlink_to(ROOT / "generator", target_is_directory=True)  # mkdocs.yml's hooks: live there
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns(
        "index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.*", ".generated*"))
    (tmp / "seeds").mkdir(exist_ok=True)
    for seed in seeds if seeds is not None else [SEED]:
        shutil.copy(seed, tmp / "seeds" / seed.name)
    return tmp


@pytest.fixture(scope="session")
def nlp():
    from generator import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def seed_extraction() -> dict:
    result = run_generator(["extract", "--json", str(SEED)], cwd=ROOT)
    return json.loads(result.stdout.splitlines()[0])


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """The seed built into a real MkDocs site (generator build + mkdocs build --strict)."""
    project = make_project(tmp_path_factory.mktemp("project"))
    run_generator(["build", "--site"], cwd=project)
    return project
