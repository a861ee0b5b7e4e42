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

import browser as browser_helpers

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


def build_site_of(folder: Path, texts: dict[str, str], seeds: list[Path] = ()) -> Path:
    """A project in ``folder`` with the seed ``texts`` (file name → seed text) and the seed files
    ``seeds``, built into a real site (``generator build --site``: MkDocs, then Pagefind).

    Returns the project folder (the site is its ``site/``); AssertionError with the generator's
    output when the build fails."""
    project = make_project(folder, list(seeds))
    for name, text in texts.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    run_generator(["build", "--site"], cwd=project)
    return project


def generated_tree(docs: Path, names) -> dict[str, bytes]:
    """Every generated file under ``docs`` whose top-level name is in ``names`` (a page, or a folder of
    pages, as in ``generator.output.GENERATED``; hand-written pages left out): POSIX path relative to
    ``docs`` → its bytes, so two builds compare byte for byte."""
    tree = {}
    for name in names:
        path = docs / name
        if path.is_file():
            tree[name] = path.read_bytes()
        for file in sorted(path.rglob("*")) if path.is_dir() else []:
            if file.is_file():
                tree[file.relative_to(docs).as_posix()] = file.read_bytes()
    return tree


# ---------------------------------------------------------------- one text through the real pipeline
# The extraction tests read the same few views of ``Doc._.digest``; they are written once here so that
# every file reads a name, a type or a source the same way. ``nlp`` is the session fixture above.

def digest_of(nlp, text: str) -> dict:
    """The extraction record of ``text`` (``Doc._.digest``: actors, locations, figures, sources …), as the
    component leaves it on the parsed text."""
    return nlp(text)._.digest


def actors_in(data: dict) -> dict[str, dict]:
    """name → actor record (type, role, aliases, …) for every actor of the extraction record ``data``."""
    return {a["name"]: a for a in data["actors"]}


def actors_of(nlp, text: str) -> dict[str, dict]:
    """name → actor record for every actor of ``text``."""
    return actors_in(digest_of(nlp, text))


def people_in(data: dict) -> dict[str, dict]:
    """name → actor record for the actors of ``data`` typed 'person' (organisations left out)."""
    return {name: a for name, a in actors_in(data).items() if a["type"] == "person"}


def people_of(nlp, text: str) -> dict[str, dict]:
    """``people_in`` of ``text``'s extraction record."""
    return people_in(digest_of(nlp, text))


def actor_types(nlp, text: str) -> dict[str, str]:
    """name → 'person' / 'organisation' for every actor of ``text``."""
    return {name: a["type"] for name, a in actors_of(nlp, text).items()}


def types_of(nlp, text: str) -> dict[str, str]:
    """name → type for every actor and every place of ``text`` ('person', 'organisation', 'city', …);
    a name that is both keeps the place's type."""
    data = digest_of(nlp, text)
    found = {a["name"]: a["type"] for a in data["actors"]}
    found.update({loc["name"]: loc["type"] for loc in data["locations"]})
    return found


def places_of(nlp, text: str) -> dict[str, tuple[str, str | None]]:
    """name → (place type, ISO 3166-1 alpha-2 country code or None) for every place of ``text``."""
    return {p["name"]: (p["type"], p["country_code"]) for p in digest_of(nlp, text)["locations"]}


def sources_in(data: dict) -> dict[str, dict]:
    """Each source of the extraction record ``data`` under its name, or its description when it has no
    name (an unnamed source: "a senior official"), with all its keys (kind, anonymous, quotes, …)."""
    return {(s["name"] or s["descriptor"]): s for s in data["sources"]}


def sources_of(nlp, text: str) -> dict[str, dict]:
    """``sources_in`` of ``text``'s extraction record."""
    return sources_in(digest_of(nlp, text))


# ---------------------------------------------------------------- browser tests (tests/browser.py)

@pytest.fixture(scope="module")
def site_url(built_project):
    """The seed's site (``built_project/site``) served on 127.0.0.1; a module that builds a site of
    its own overrides this fixture with ``browser.serve(its site folder)``."""
    with browser_helpers.serve(built_project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, launched once a module. Missing chromium or Playwright fails, never skips."""
    with browser_helpers.chromium() as launched:
        yield launched


@pytest.fixture
def new_visit(browser, site_url):
    """Opens ``browser.Visit``s on ``site_url`` (keyword arguments: Playwright context options, e.g.
    a phone's viewport or ``java_script_enabled=False``); every one is closed after the test."""
    opened = []

    def open_visit(**context_options):
        opened.append(browser_helpers.Visit(browser, site_url, **context_options))
        return opened[-1]

    try:
        yield open_visit
    finally:
        for visit in opened:
            visit.close()


@pytest.fixture
def visit(new_visit):
    """One guarded ``browser.Visit`` of ``site_url`` for the test (1280×800, requests recorded)."""
    return new_visit()
