"""A rebuild renders only the pages whose model changed (``generator.pagecache``), and its ``docs/``
is byte for byte what a cold build of the same seeds writes.

Real builds (spaCy, templates, files), in two projects: one built, edited and built again; the
other built once from the edited seeds with no pages and no page record before it."""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from conftest import ROOT, generated_tree, make_project, run_generator

from generator import pagecache
from generator.output import GENERATED


def tree(docs: Path) -> dict[str, bytes]:
    """Every generated file under ``docs`` (the generator's list of them) → its bytes."""
    return generated_tree(docs, GENERATED)


def edit_seed(seed: Path) -> None:
    """What an editor does to one article: a new title and one more paragraph (so it is parsed again)."""
    text = seed.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    text = text.replace(title, title + " (updated)", 1)
    seed.write_text(text.rstrip("\n") + "\n\nThe two sides agreed to meet again on Thursday.\n", encoding="utf-8")


def test_a_rebuild_after_one_seed_changed_equals_a_cold_build_and_reuses_the_rest(tmp_path):
    seeds = sorted(ROOT.glob("tests/gold/articles/*.txt"))[:4]
    project = make_project(tmp_path / "project", seeds=seeds)
    run_generator(["build", "--jobs", "1"], cwd=project)
    docs = project / "docs"
    record = project / ".cache" / "pages.json"
    assert record.is_file()
    first = tree(docs)
    inodes = {rel: (docs / rel).stat().st_ino for rel in first}

    edited = project / "seeds" / seeds[0].name
    # a generated page changed by hand must not be taken for the one the record describes
    # (an article page that does not name the edited article, so its bytes stay those of the first build)
    title = next(line for line in edited.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
    hand_edited = next(rel for rel in sorted(first) if rel.startswith("articles/")
                       and title.removeprefix("title:").strip().encode() not in first[rel])
    (docs / hand_edited).write_text("changed by hand\n", encoding="utf-8")
    edit_seed(edited)
    run_generator(["build", "--jobs", "1"], cwd=project)
    rebuilt = tree(docs)

    cold = make_project(tmp_path / "cold", seeds=[])
    for seed in sorted((project / "seeds").iterdir()):
        shutil.copy(seed, cold / "seeds" / seed.name)
    shutil.copytree(project / ".cache" / "extract", cold / ".cache" / "extract")  # the extractions, not the pages
    run_generator(["build", "--jobs", "1"], cwd=cold)
    assert not filecmp.dircmp(cold / "docs", docs).diff_files
    assert rebuilt == tree(cold / "docs")

    # what did not change was reused, not rendered again: the very same file (a hard link)
    reused = [rel for rel in rebuilt if rel in inodes and (docs / rel).stat().st_ino == inodes[rel]]
    assert any(rel.startswith(("actors/", "places/", "sources/")) for rel in reused)
    assert any(rel.startswith("data/articles/") for rel in reused)
    assert hand_edited not in reused and rebuilt[hand_edited] == first[hand_edited]
    changed = [rel for rel in rebuilt if rel.startswith("articles/") and first.get(rel) != rebuilt[rel]]
    assert any(b"(updated)" in rebuilt[rel] for rel in changed)  # the edited article's page, rendered anew
    assert not any(rel in reused for rel in changed)


def test_a_page_digest_follows_its_model_and_not_the_objects_that_hold_it():
    from generator.models import Actor, Article, Extraction

    def article(title: str) -> Article:
        ex = Extraction(sentences=["Ms Lee spoke.", "She left."], paragraphs=[[0, 1]], lede_title="Ms Lee spoke",
                        actors=[Actor("Lee", "person", mentions=2, sentences=[0, 1])])
        return Article("seeds/a.txt", "a", title, "2025-01-02", None, None, [], ["x"], None, "en", False, ex)

    digests = pagecache.Digests(("site", "https://example.org/", None, True, True))
    same, other = article("Lee speaks"), article("Lee speaks")
    assert same is not other and digests.article(same) == digests.article(other)  # by value, not identity
    assert digests.article(article("Lee leaves")) != digests.article(same)
    other_settings = pagecache.Digests(("site", "https://example.org/", None, False, True))
    assert other_settings.article(same) != digests.article(same)  # use_directory_urls changes every link


def test_every_module_the_render_code_imports_is_digested_or_acts_through_the_models():
    """``pagecache.RENDER_CODE`` is a hand list: a helper module newly imported by the render code, and
    missing from it, would leave pages stale when that helper changes. Every generator module those
    files import (at the top or inside a function) must be in RENDER_CODE or in THROUGH_MODELS."""
    import ast

    package = Path(pagecache.__file__).parent
    imported: dict[str, set[str]] = {}
    for name in pagecache.RENDER_CODE:
        for node in ast.walk(ast.parse((package / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module] if node.module else [alias.name for alias in node.names]
                for target in targets:
                    imported.setdefault(target.split(".")[0] + ".py", set()).add(name)
    assert imported, "the render code imports nothing from the package: the check would prove nothing"
    classified = set(pagecache.RENDER_CODE) | set(pagecache.THROUGH_MODELS)
    unclassified = {module: sorted(by) for module, by in imported.items()
                    if module not in classified and (package / module).is_file()}
    assert not unclassified, f"add to pagecache.RENDER_CODE or THROUGH_MODELS: {unclassified}"
    assert all((package / name).is_file() for name in classified)
