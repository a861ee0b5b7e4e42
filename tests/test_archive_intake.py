"""A real archive goes in without hand edits: repeated headlines, copies, updated versions, other scripts.

Real builds (``make_project``/``run_generator``: the spaCy pipeline, the page writer, MkDocs) on
small archives written here, plus a property test of the address rule on many generated archives.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import FUZZ_EXAMPLES, make_project, run_generator
from generator.article import settle_slugs, slugify
from generator import duplicates
from generator.duplicates import MAX_VERSIONS, THRESHOLD, ShingleMemo, find_copies, link_versions, shingles, similar_pairs
from generator.models import Article, Extraction, Seed

# Four different reports that a headline-writer gave one headline.
FERRY = [
    "The ferry between Rosslare and Cherbourg was cancelled on Monday because of high winds, "
    "the operator said. About 300 passengers were offered places on a later sailing.",
    "Workers at the port of Rosslare voted on Tuesday to accept a new pay offer after talks that "
    "lasted two weeks. The union said the agreement covers 140 staff.",
    "A cargo ship lost part of its load of timber off the Welsh coast on Wednesday, and the "
    "coastguard warned small boats to keep clear of the area until Friday.",
    "The harbour authority in Cork announced on Thursday that it will spend 12 million euros on a "
    "new pier. Building work is due to start next spring.",
]
STORY = ("Firefighters in Valencia worked through the night to contain a blaze at a chemical warehouse "
         "near the port, the regional government said on Saturday. Residents of three nearby streets "
         "were told to keep their windows closed while crews cooled the tanks. A spokesman for the fire "
         "service said no one had been injured and that the cause of the fire was not yet known. "
         "Police closed the coastal road for several hours as a precaution.")
UPDATE = STORY + (" On Sunday morning the mayor said the fire was out and that air samples "
                  "taken overnight showed no danger to health.")


def seed_text(front: str, body: str) -> str:
    return f"---\n{front}---\n{body}\n"


def write_seeds(project: Path, seeds: dict[str, str]) -> None:
    for name, text in seeds.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")


def new_project(tmp_path: Path, seeds: dict[str, str]) -> Path:
    project = make_project(tmp_path / "project", seeds=[])
    write_seeds(project, seeds)
    return project


def addresses(project: Path) -> dict[str, str]:
    """Seed file → published article address, from the build's data index and article JSON."""
    index = json.loads((project / "docs" / "data" / "index.json").read_text(encoding="utf-8"))
    result = {}
    for entry in index["articles"]:
        data = json.loads((project / "docs" / entry["data"]).read_text(encoding="utf-8"))
        result[data["source_file"]] = entry["slug"]
    return result


def article_page(project: Path, slug: str) -> str:
    return (project / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")


def extract_lines(project: Path) -> tuple[list[dict], str]:
    files = sorted(str(p.relative_to(project)) for p in (project / "seeds").iterdir())
    result = run_generator(["extract", "--json", *files], cwd=project)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source_file"] for line in lines] == files  # one line per file, in order
    assert "Traceback" not in result.stderr
    return lines, result.stderr


def test_one_headline_for_several_stories_gives_distinct_stable_addresses(tmp_path):
    project = new_project(tmp_path, {
        "b.txt": seed_text("title: Storm news from the ports\ndate: 2025-03-02\n", FERRY[1]),
        "a.txt": seed_text("title: Storm news from the ports\ndate: 2025-03-02\n", FERRY[0]),
        "c.txt": seed_text("title: Storm News From The Ports!\n", FERRY[2]),  # undated: sorts last
    })
    result = run_generator(["build"], cwd=project)
    assert "wrote pages for 3 articles" in result.stdout
    first = addresses(project)
    assert first["seeds/a.txt"] == "storm-news-from-the-ports"  # same date: the first file name keeps it
    assert re.fullmatch(r"storm-news-from-the-ports-[0-9a-f]{6}", first["seeds/b.txt"])
    assert re.fullmatch(r"storm-news-from-the-ports-[0-9a-f]{6}", first["seeds/c.txt"])
    assert len(set(first.values())) == 3

    run_generator(["build"], cwd=project)  # the same inputs: the same addresses
    assert addresses(project) == first
    write_seeds(project, {"d.txt": seed_text("title: Storm news from the ports\ndate: 2025-03-09\n", FERRY[3])})
    result = run_generator(["build", "--site"], cwd=project)
    assert "wrote pages for 4 articles" in result.stdout
    second = addresses(project)
    assert {k: second[k] for k in first} == first  # a newer article moves none of the older ones
    assert len(set(second.values())) == 4
    for slug in second.values():
        assert (project / "site" / "articles" / slug / "index.html").is_file()

    lines, stderr = extract_lines(project)
    assert len({line["slug"] for line in lines}) == 4 and "warning: slug" not in stderr


def test_the_same_text_filed_twice_is_published_once_and_named(tmp_path):
    project = new_project(tmp_path, {
        "copy-1.txt": seed_text("title: Valencia warehouse fire\ndate: 2025-06-07\ntags: [fire]\n", STORY),
        # other front-matter, other line breaks and spacing: still the same text
        "copy-2.txt": seed_text("title: Blaze at a chemical store\noutlet: The Coast Herald\n",
                                "  " + STORY.replace(". ", ".\n", 3).replace(" ", "   ", 2) + "\n\n"),
    })
    check = run_generator(["check"], cwd=project)
    assert check.returncode == 0 and "2 seeds OK" in check.stdout
    assert ("seeds/copy-2.txt:1:1: warning: same text as seeds/copy-1.txt — published once, from seeds/copy-1.txt"
            in check.stderr)
    build = run_generator(["build", "--site"], cwd=project)
    assert "warning: same text as seeds/copy-1.txt" in build.stderr
    assert addresses(project) == {"seeds/copy-1.txt": "valencia-warehouse-fire"}
    assert sorted(p.name for p in (project / "docs" / "articles").iterdir()) == ["valencia-warehouse-fire.md"]
    html = (project / "site" / "articles" / "valencia-warehouse-fire" / "index.html").read_text(encoding="utf-8")
    assert "Also filed as seeds/copy-2.txt" in html
    assert "Other versions of this story" not in html  # a copy is not a version

    lines, stderr = extract_lines(project)
    assert "seeds/copy-2.txt:1:1: warning: same text as seeds/copy-1.txt" in stderr
    assert lines[0]["slug"] == lines[1]["slug"] == "valencia-warehouse-fire"  # where the copy's text is


def test_an_explicit_slug_that_clashes_is_an_error_naming_both_files(tmp_path):
    project = new_project(tmp_path, {
        "a.txt": seed_text("title: Ferry cancelled\nslug: port-news\n", FERRY[0]),
        "b.txt": seed_text("title: Pay deal agreed\nslug: Port News\n", FERRY[1]),
        "c.txt": seed_text("title: Timber lost\nslug: cork-pier\n", FERRY[2]),
        "d.txt": seed_text("title: Cork pier\n", FERRY[3]),  # its title gives the address c.txt asks for
    })
    before = sorted(str(p.relative_to(project)) for p in (project / "docs").rglob("*"))
    result = run_generator(["build", "--site"], cwd=project, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "seeds/b.txt:3:1: slug: slug 'port-news' is also used by seeds/a.txt" in result.stderr
    assert ("seeds/c.txt:3:1: slug: slug 'cork-pier' is also the address its title gives seeds/d.txt"
            in result.stderr)
    assert sorted(str(p.relative_to(project)) for p in (project / "docs").rglob("*")) == before  # nothing written
    assert not (project / "site").exists()
    check = run_generator(["check"], cwd=project, check=False)
    assert check.returncode == 1 and "seeds/a.txt" in check.stderr and "seeds/d.txt" in check.stderr

    lines, stderr = extract_lines(project)  # extract: warnings, and still every file
    assert "seeds/b.txt:3:1: warning: slug: slug 'port-news' is also used by seeds/a.txt" in stderr
    assert "seeds/c.txt:3:1: warning: slug: slug 'cork-pier' is also the address" in stderr
    assert lines[3]["slug"] != "cork-pier"  # the title-derived one steps aside even here


def test_updated_versions_of_one_story_link_to_each_other(tmp_path):
    project = new_project(tmp_path, {
        "fire.txt": seed_text("title: Fire at a Valencia warehouse\ndate: 2025-06-07\n", STORY),
        "fire-update.txt": seed_text("title: Valencia fire is out\ndate: 2025-06-08\n", UPDATE),
        "other.txt": seed_text("title: Pay deal agreed\ndate: 2025-06-08\n", FERRY[1]),
    })
    run_generator(["build", "--site"], cwd=project)
    site = project / "site" / "articles"
    first = (site / "fire-at-a-valencia-warehouse" / "index.html").read_text(encoding="utf-8")
    update = (site / "valencia-fire-is-out" / "index.html").read_text(encoding="utf-8")
    other = (site / "pay-deal-agreed" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'Other versions of this story: <a href="\.\./valencia-fire-is-out/">Valencia fire is out</a>'
                     r" \(2025-06-08\)", first)
    assert re.search(r'Other versions of this story: <a href="\.\./fire-at-a-valencia-warehouse/">'
                     r"Fire at a Valencia warehouse</a> \(2025-06-07\)", update)
    assert "Other versions" not in other and "Also filed as" not in first
    lines, _ = extract_lines(project)
    assert len(lines) == 3


def test_titles_in_other_scripts_get_distinct_readable_addresses(tmp_path):
    project = new_project(tmp_path, {
        "el.txt": seed_text("title: Σεισμός στην Κρήτη\n", FERRY[2]),
        "ru.txt": seed_text("title: Шторм у побережья\n", FERRY[3]),
    })
    result = run_generator(["build", "--site"], cwd=project)
    assert "Traceback" not in result.stderr
    assert addresses(project) == {"seeds/el.txt": "seismos-stin-kriti", "seeds/ru.txt": "shtorm-u-poberezh-ya"}
    assert (project / "site" / "articles" / "seismos-stin-kriti" / "index.html").is_file()
    lines, _ = extract_lines(project)
    assert [line["slug"] for line in lines] == ["seismos-stin-kriti", "shtorm-u-poberezh-ya"]


# --- the address rule over many archives, without the NLP stage -----------------------------------

TITLES = ["Talks resume", "talks RESUME!", "Σεισμός", "Шторм", "★", "index", "Talks resume 3fa2c1", ""]


def fake(name: str, title: str, date: str | None, body: str, slug: str | None = None) -> tuple[Article, Seed]:
    article = Article(source_file=f"seeds/{name}", slug=slugify(slug or title or body), title=title or body,
                      date=date, outlet=None, url=None, authors=[], tags=[], summary=None, language="en",
                      draft=False, extraction=Extraction(sentences=[body], paragraphs=[[0]], lede_title=body),
                      slug_given=slug is not None)
    return article, Seed(f"seeds/{name}", {"title": title} if title else {}, body, 1)


seed_specs = st.lists(st.tuples(st.sampled_from(TITLES), st.sampled_from([None, "2025-01-01", "2025-01-02"]),
                                st.integers(0, 6)), min_size=1, max_size=12)


def settle(specs) -> dict[str, str]:
    pairs = [fake(f"{i:02d}.txt", title, date, f"Body number {body} of the archive.") for i, (title, date, body)
             in enumerate(specs)]
    assert not any(p.warning is False for p in find_copies(pairs))  # copies are warnings
    assert settle_slugs(pairs) == []  # titles alone never clash
    link_versions(pairs)
    published = [a.slug for a, _ in pairs if a.duplicate_of is None]
    assert len(set(published)) == len(published)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in published)
    return {a.source_file: a.slug for a, _ in pairs if a.duplicate_of is None}


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(seed_specs, st.tuples(st.sampled_from(TITLES), st.integers(0, 9)))
def test_title_addresses_are_unique_and_a_newer_seed_moves_no_older_one(specs, newest):
    before = settle(specs)
    title, body = newest
    after = settle([*specs, (title, "2025-02-01", body)])  # newer than every dated seed, last file name
    # it can take the place only of an undated seed, or become the copy published instead of one
    # (both documented); every other address stays
    undated = {f"seeds/{i:02d}.txt" for i, (_, date, _) in enumerate(specs) if date is None}
    assert {k: v for k, v in before.items() if k not in undated} == {k: after[k] for k in before if k not in undated}


def test_near_copies_are_found_and_different_texts_are_not():
    texts = [STORY, UPDATE, FERRY[0], FERRY[1], FERRY[0] + " " + FERRY[1]]
    assert similar_pairs(texts) == [(0, 1)]


def brute_force(texts: list[str]) -> list[tuple[int, int]]:
    sets = [shingles(t) for t in texts]
    return [(i, j) for j in range(len(texts)) for i in range(j)
            if sets[i] | sets[j] and len(sets[i] & sets[j]) >= THRESHOLD * len(sets[i] | sets[j])]


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.lists(st.sampled_from("ab cd ef gh ij".split()), min_size=0, max_size=40), min_size=1,
                max_size=12))
def test_the_shingle_index_finds_exactly_the_similar_pairs_of_short_texts(word_lists):
    texts = [" ".join(words) for words in word_lists]
    assert similar_pairs(texts) == sorted(brute_force(texts), key=lambda p: (p[1], p[0]))


def test_the_sampled_index_finds_every_similar_pair_of_long_texts():
    rnd = random.Random(15)
    vocab = [f"w{i}" for i in range(3000)]
    texts = [" ".join(rnd.choice(vocab) for _ in range(rnd.randint(250, 700))) +
             " Reporting by the wire desk; editing by the night desk." for _ in range(120)]
    for k in range(0, 120, 12):  # an update: a paragraph added, a few words changed
        words = texts[k].split()
        words[10:12] = ["changed", "words"]
        texts[k + 1] = " ".join(words) + " " + " ".join(rnd.choice(vocab) for _ in range(60))
    expected = sorted(brute_force(texts), key=lambda p: (p[1], p[0]))
    assert len(expected) == 10
    assert similar_pairs(texts) == expected


def rebuild_with_memo(path: Path, texts: list[str]) -> list[tuple[int, int]]:
    """``similar_pairs`` as a build runs it: with the memo the last build left at ``path``, then saved."""
    memo = ShingleMemo(path)
    found = similar_pairs(texts, memo)
    memo.save()
    return found


def edited(texts: list[str], rnd: random.Random) -> list[str]:
    """The archive at its next build: one text edited, one removed, one added, one moved to the front."""
    texts = list(texts)
    k = rnd.randrange(len(texts))
    texts[k] = texts[k] + " A correction was added to the last paragraph."
    texts.pop(rnd.randrange(len(texts)))
    texts.insert(rnd.randrange(len(texts) + 1), rnd.choice(texts) + " Updated with a new paragraph.")
    texts.insert(0, texts.pop())
    return texts


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.lists(st.sampled_from("ab cd ef gh ij".split()), min_size=0, max_size=40), min_size=2,
                max_size=12), st.integers(0, 2**32))
def test_versions_found_with_the_last_builds_memo_are_those_found_without_it(word_lists, seed):
    import tempfile

    rnd = random.Random(seed)
    texts = [" ".join(words) for words in word_lists]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "versions.npz"
        assert rebuild_with_memo(path, texts) == similar_pairs(texts)
        for _ in range(3):  # builds in a row, each reading what the last one stored
            texts = edited(texts, rnd)
            assert rebuild_with_memo(path, texts) == similar_pairs(texts)


def test_a_rebuild_computes_the_shingles_of_the_changed_text_only(tmp_path, monkeypatch):
    texts = [STORY, UPDATE, *FERRY]
    path = tmp_path / "versions.npz"
    assert rebuild_with_memo(path, texts) == [(0, 1)]
    computed = []
    real = duplicates.shingles
    monkeypatch.setattr(duplicates, "shingles", lambda text: computed.append(text) or real(text))
    changed = [STORY, UPDATE + " The road reopened at noon.", *FERRY]
    assert rebuild_with_memo(path, changed) == [(0, 1)]
    assert computed == [changed[1]]
    computed.clear()
    assert rebuild_with_memo(path, changed) == [(0, 1)] and computed == []  # nothing changed: nothing computed


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other rules", "link", "offsets"])
def test_a_damaged_or_foreign_memo_is_ignored(tmp_path, damage):
    import numpy as np

    texts = [STORY, UPDATE, *FERRY]
    path = tmp_path / "versions.npz"
    rebuild_with_memo(path, texts)
    if damage == "garbage":
        path.write_bytes(b"not a memo at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    elif damage in ("other rules", "offsets"):
        with np.load(path) as data:
            arrays = dict(data)
        if damage == "other rules":
            arrays["rules"] = np.array("shingles v0")
        else:
            arrays["offsets"] = arrays["offsets"][::-1].copy()
        arrays["similar"] = np.array([], dtype=np.uint64)  # if it were read, (0, 1) would be lost
        np.savez(path, **arrays)
    else:
        elsewhere = tmp_path / "elsewhere.npz"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    memo = ShingleMemo(path)
    assert memo.index == {} and memo.checked == set()
    assert similar_pairs(texts, memo) == [(0, 1)]


def test_a_story_filed_many_times_lists_its_newest_versions_and_counts_them_all():
    pairs = [fake(f"{i:02d}.txt", "Markets today", f"2025-01-{i + 1:02d}", f"Report {i}.") for i in range(25)]
    assert find_copies(pairs) == [] and settle_slugs(pairs) == []
    link_versions(pairs)
    first = pairs[0][0]
    assert first.versions_total == 24 and len(first.versions) == MAX_VERSIONS
    assert first.versions == [a.slug for a, _ in reversed(pairs[1 + 24 - MAX_VERSIONS:])]  # newest first


def test_a_title_cut_from_the_lede_links_no_versions():
    """Titles nobody wrote ('Federal Education Minister' cut from two ledes) are no evidence of one story."""
    pairs = [fake(f"{i}.txt", "", "2025-01-0" + str(i + 1), text) for i, text in
             enumerate(["Federal Education Minister. Schools reopen in Perth after the storm.",
                        "Federal Education Minister. A new exam for nurses starts in May."])]
    for article, _ in pairs:
        article.title = "Federal Education Minister"
    link_versions(pairs)
    assert [a.versions for a, _ in pairs] == [[], []]
