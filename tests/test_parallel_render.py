"""Pages rendered in ``--jobs`` processes (``output.render_all``) are the pages one process renders.

Real builds over the gold articles (enough pages to go past ``PARALLEL_RENDER_MIN``), sharing one
extraction cache so only the rendering differs; and the render pool itself, to show the pages really
come from other processes and in the order asked for.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, generated_tree, make_project, run_generator

from generator import output
from generator.errors import BuildError
from generator.output import GENERATED

SEEDS = sorted(ROOT.glob("tests/gold*/articles/*.txt"))[:60]


def built(project: Path, jobs: int) -> dict[str, bytes]:
    run_generator(["build", "--jobs", str(jobs)], cwd=project)
    return generated_tree(project / "docs", GENERATED)


def test_pages_rendered_in_two_processes_are_those_of_one(tmp_path):
    one = make_project(tmp_path / "one", seeds=SEEDS)
    serial = built(one, 1)
    leaves = [p for p in serial if p.startswith(("articles/", "actors/", "places/", "sources/", "data/articles/"))]
    assert len(leaves) >= output.PARALLEL_RENDER_MIN  # else --jobs 2 would render in one process too

    two = make_project(tmp_path / "two", seeds=SEEDS)
    shutil.copytree(one / ".cache" / "extract", two / ".cache" / "extract")  # no parse: only the render differs
    assert built(two, 2) == serial

    # a rebuild after one seed changed renders some pages and reuses the others, in two processes
    for project in (one, two):
        seed = project / "seeds" / SEEDS[0].name
        seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n\nTalks resume on Friday.\n",
                        encoding="utf-8")
    assert built(two, 2) == built(one, 1)


class Tagged(output.LeafContext):
    """Renders each page as its kind, index and the process that rendered it."""

    def __init__(self) -> None:  # no site: the pool is all that is tested here
        pass

    def render(self, kind: str, i: int) -> str:
        return f"{kind}:{i}:{os.getpid()}"


def test_the_render_pool_keeps_the_order_and_uses_other_processes():
    todo = [("article_page" if i % 3 else "entity_page", i) for i in range(1000)]
    texts = list(output._rendered_in_processes(Tagged(), todo, jobs=2))
    assert [tuple(t.split(":")[:2]) for t in texts] == [(kind, str(i)) for kind, i in todo]
    pids = {t.split(":")[2] for t in texts}
    assert str(os.getpid()) not in pids and len(pids) == 2
    assert output._LEAVES is None  # the parent's reference to the site is let go


class Dying(Tagged):
    """A worker that is killed (as the kernel's out-of-memory killer would) on one page."""

    def render(self, kind: str, i: int) -> str:
        if i == 700:
            os._exit(137)
        return super().render(kind, i)


class Failing(Tagged):
    def render(self, kind: str, i: int) -> str:
        if i == 300:
            raise ValueError("page 300 cannot be rendered")
        return super().render(kind, i)


def test_a_killed_render_worker_fails_the_build_in_one_line_and_a_page_error_is_raised_as_it_is():
    todo = [("entity_page", i) for i in range(1000)]
    with pytest.raises(BuildError, match="stopped .*--jobs 1"):
        list(output._rendered_in_processes(Dying(), todo, jobs=2))
    with pytest.raises(ValueError, match="page 300"):
        list(output._rendered_in_processes(Failing(), todo, jobs=2))
    assert output._LEAVES is None
