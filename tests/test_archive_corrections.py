"""The archive's corrections file (corrections.yml): validated like front-matter, applied to every
article after the extraction cache, and overridden by an article's own front-matter."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FUZZ_EXAMPLES, make_project, run_generator
from generator import archive_corrections
from generator.errors import SeedError
from generator.models import Actor, Extraction, Location, Quote, Source
from generator.schema import FrontMatter

# Three short articles of our own. As extracted today, the minister's surname alone is an
# organisation in the second one, "Covid" a person, and three Tasmanian towns are persons.
MINISTER = """---
title: Minister orders hospital funding review
date: 2025-04-01
---
Health minister Daniel Okafor-Reyes ordered a review of hospital funding on Tuesday, after months of complaints from nurses in Tasmania.
Okafor-Reyes said the review would report within six months. "We owe the staff an honest answer," he said.
Covid admissions have fallen by a third since January, according to the Tasman Health Board.
Residents of Queenstown said waiting times were still too long.
"""
SENATE = """---
title: Senators question hospital review
date: 2025-04-03
---
Okafor-Reyes faced sharp questions from senators on Thursday about the hospital review he ordered this week.
"The review is a delay, not a plan," said Senator Ruth Abernathy, who chairs the health committee.
Covid still fills beds in Launceston, where the Tasman Health Board runs two wards.
Okafor-Reyes told the committee that Covid had cost the state $40 million.
"""
TOWNS = """---
title: Towns plead for nurses
date: 2025-04-05
---
Burnie wants more nurses, its mayor told the inquiry on Monday.
Kingborough has asked the state for two new clinics, and Hobart warned that beds were short.
Smithton lost its only doctor in March, said Lara Quigley, a nurse who works there.
"""
ARTICLES = {"20250401-review.txt": MINISTER, "20250403-senate.txt": SENATE, "20250405-towns.txt": TOWNS}

FIXES = """\
entities:
  - name: Daniel Okafor-Reyes     # the surname alone is this minister in every article
    aliases: [Okafor-Reyes]
    type: person
  - name: Covid
    not_entity: true
  - name: Hobart
    type: place
  - name: Kingborough
    type: place
"""


def counts(output: str) -> tuple[int, int]:
    match = re.search(r"\((\d+) parsed, (\d+) from the cache\)", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> Path:
    """The three articles extracted once; each project below starts from a copy of this cache."""
    project = _project(tmp_path_factory.mktemp("warm"), cache=None)
    run_generator(["build"], cwd=project)
    return project / ".cache" / "extract"


def _project(tmp: Path, cache: Path | None, articles: dict[str, str] = ARTICLES, fixes: str | None = None) -> Path:
    project = make_project(tmp, seeds=[])
    for name, text in articles.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    if cache is not None:
        shutil.copytree(cache, project / ".cache" / "extract")
    if fixes is not None:
        (project / "corrections.yml").write_text(fixes, encoding="utf-8")
    return project


def contract(project: Path, *extra: str) -> dict[str, dict]:
    files = sorted(str(p) for p in (project / "seeds").glob("*.txt"))
    out = run_generator(["extract", "--json", *extra, *files], cwd=project).stdout
    return {Path(d["source_file"]).name: d for d in map(json.loads, out.splitlines())}


def problems_of(text: str, tmp_path: Path, name: str = "corrections.yml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        archive_corrections.load(path)
    return [str(p).replace(str(tmp_path) + os.sep, "") for p in caught.value.problems]


# --- validation ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("entities:\n  - name: Crete\n    kind: place\n",
     "corrections.yml:3:5: entities[0].kind: unknown key — allowed keys: name, type, aliases, canonical, not_entity"),
    ("entites:\n  - name: Crete\n",
     "corrections.yml:1:1: entites: unknown key — did you mean 'entities'?"),
    ("entities:\n  - name: Crete\n    type: island\n",
     "corrections.yml:3:5: entities[0].type: 'island' is not allowed — use 'person', 'organisation' or 'place'"),
    ("entities:\n  - name: '  '\n    type: place\n",
     "corrections.yml:2:5: entities[0].name: is empty — write the name as the pages show it"),
    ("entities:\n  - type: place\n",
     "corrections.yml:2:5: entities[0].name: required key is missing — add 'name:'"),
    ("entities:\n  - name: Ansett\n    aliases: [Ansett Australia, '']\n",
     "corrections.yml:3:33: entities[0].aliases[1]: is empty — write the alias, or delete the empty one"),
    ("entities:\n  - name: Ansett\n    aliases: Ansett Australia\n",
     "corrections.yml:3:5: entities[0].aliases: 'Ansett Australia' has the wrong type (expected a list)"),
    ("entities:\n  - name: Covid\n    not_entity: yes\n",
     "corrections.yml:3:5: entities[0].not_entity: 'yes' has the wrong type (expected true or false)"),
    ("entities:\n  - name: X\n    aliases: [" + ", ".join(f"x{i}" for i in range(101)) + "]\n",
     "corrections.yml:3:5: entities[0].aliases: lists 101 aliases, more than 100"),
    ("entities:\n  - Westpac\n",
     "corrections.yml:2:5: entities[0]: 'Westpac' has the wrong type (expected a mapping of keys)"),
    ("entities:\n  name: Westpac\n",
     "corrections.yml:1:1: entities: 'name: Westpac' has the wrong type (expected a list)"),
    ("- name: Westpac\n  type: organisation\n",
     "corrections.yml:1:1: the file is not a mapping of keys to values"),
    ("entities:\n  - name: Covid\n    not_entity: true\n    canonical: COVID-19\n",
     "corrections.yml:4:5: entities[0].canonical: 'not_entity: true' removes 'Covid' everywhere"),
    ("entities:\n  - name: Moderna\n",
     "corrections.yml:2:5: entities[0].name: the entry for 'Moderna' changes nothing"),
    ("entities:\n  - name: Moderna\n    not_entity: false\n",
     "corrections.yml:2:5: entities[0].name: the entry for 'Moderna' changes nothing"),
    ("entities:\n  - name: '--'\n    type: place\n",
     "corrections.yml:2:5: entities[0].name: '--' has no letter or digit"),
    ("entities:\n  - name: Baltimore\n    type: place\n  - name: BALTIMORE\n    not_entity: true\n",
     "corrections.yml:4:5: entities[1].name: 'BALTIMORE' already has an entry, at line 2"),
    ("entities:\n  - name: Osama bin Laden\n    aliases: [bin Laden]\n"
     "  - name: Yeslam bin Laden\n    aliases: [Bin-Laden]\n",
     "corrections.yml:5:15: entities[1].aliases[0]: 'Bin-Laden' is also named by the entry at line 2, which makes it "
     "'Osama bin Laden'; this one makes it 'Yeslam bin Laden'"),
    ("entities:\n  - name: Opposition\n    not_entity: true\n  - name: Labor\n    aliases: [Opposition]\n",
     "corrections.yml:5:15: entities[1].aliases[0]: 'Opposition' is also named by the entry at line 2, which "
     "removes it (not_entity)"),
    ("entities:\n  - name: Treasurer\n    canonical: Jim Chalmers\n    type: person\n"
     "  - name: Jim Chalmers\n    type: organisation\n",
     "corrections.yml:6:5: entities[1].type: the entry at line 2 gives 'Jim Chalmers' the type 'person'; "
     "this one 'organisation'"),
    ("entities:\n  - name: Hobart\n    type: place\n    type: person\n",
     "corrections.yml:4:5: entities[0].type: duplicate key, first at line 3"),
    ("entities:\n  - name: Hobart\n    type: !!python/name:os.system place\n",
     "corrections.yml:3:11: entities[0].type: YAML tag '!!python/name:os.system' is not allowed"),
    ("entities:\n  - name: Hobart\n   type: place\n",
     "corrections.yml:3:4: YAML syntax error"),
    ("%YAML 1.1\n---\nentities: []\n",
     "corrections.yml:1:1: YAML directives ('%YAML') are not supported"),
])
def test_each_kind_of_mistake_is_named_at_its_line_and_column(tmp_path, text, expected):
    found = problems_of(text, tmp_path)
    assert any(p.startswith(expected) for p in found), found
    assert all(" — " in p for p in found), found  # every problem says how to fix it


def test_every_mistake_in_the_file_is_reported_in_one_run(tmp_path):
    found = problems_of("entities:\n"
                        "  - name: Hobart\n    typo: place\n"          # 2, 3
                        "  - name: Covid\n    not_entity: true\n    type: person\n"  # 4-6
                        "  - name: Moderna\n"                          # 7
                        "  - name: Ansett\n    type: company\n", tmp_path)  # 8, 9
    assert [p.split(": ")[0] for p in found] == ["corrections.yml:3:5", "corrections.yml:6:5",
                                                 "corrections.yml:7:5", "corrections.yml:9:5"]


def test_a_missing_or_empty_file_is_no_corrections(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default path is relative to the project folder
    assert archive_corrections.load().entries == []
    for text in ("", "# nothing yet\n", "entities:\n", "entities: []\n"):
        (tmp_path / "corrections.yml").write_text(text, encoding="utf-8")
        assert archive_corrections.load().entries == []
    with pytest.raises(SeedError, match="no such file"):  # a path given on purpose must exist
        archive_corrections.load(tmp_path / "elsewhere.yml")


def test_hostile_files_are_refused_before_they_cost_anything(tmp_path):
    bomb = "entities:\n  - name: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"  - &b{i} [{', '.join([f'*{prev}'] * 9)}]\n" for i, prev in enumerate(["a", *(f"b{j}" for j in range(8))]))
    assert any("expands to more than 5,000 values" in p for p in problems_of(bomb, tmp_path))
    deep = "entities:\n  - name: Hobart\n    aliases: " + "[" * 40 + "]" * 40 + "\n"
    assert any("nested more than 8 levels deep" in p for p in problems_of(deep, tmp_path))
    assert any("is not UTF-8" in p or "not UTF-8 text" in p
               for p in _problems_of_bytes(b"entities:\n  - name: Caf\xe9\n    type: place\n", tmp_path))
    assert any("over the limit" in p for p in _problems_of_bytes(b"#" * 1_000_001, tmp_path))
    real = tmp_path / "real.yml"
    real.write_text(FIXES, encoding="utf-8")
    (tmp_path / "linked.yml").symlink_to(real)
    with pytest.raises(SeedError, match="is a symbolic link"):
        archive_corrections.load(tmp_path / "linked.yml")
    os.mkfifo(tmp_path / "pipe.yml")  # would block a plain open() forever
    with pytest.raises(SeedError, match="named pipe"):
        archive_corrections.load(tmp_path / "pipe.yml")


def _problems_of_bytes(raw: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "raw.yml"
    path.write_bytes(raw)
    with pytest.raises(SeedError) as caught:
        archive_corrections.load(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["entities:", "\n", "  - ", "name: ", "type: ", "place", "aliases: ", "[", "]",
                                 "{", "}", ", ", "not_entity: ", "true", "canonical: ", "&a ", "*a", "!!set ",
                                 "'", '"', "#", "Hobart", "\u2028", "\t", ": ", "- ", "~", "0x1f", "...", "---"]),
                max_size=40).map("".join))
def test_any_text_is_corrections_or_a_list_of_placed_problems(text):
    try:
        archive_corrections.parse(text, "corrections.yml")
    except SeedError as exc:
        assert exc.problems and all(str(p).startswith("corrections.yml:") for p in exc.problems)


# --- applying, on extractions built by hand ----------------------------------------------------

def _fixes(text: str, tmp_path: Path) -> archive_corrections.ArchiveCorrections:
    path = tmp_path / "corrections.yml"
    path.write_text(text, encoding="utf-8")
    return archive_corrections.load(path)


def _extraction(**parts) -> Extraction:
    return Extraction(sentences=["s"] * 8, paragraphs=[list(range(8))], lede_title="t", **parts)


def test_an_alias_joins_its_entity_and_sums_what_was_counted(tmp_path):
    fixes = _fixes("entities:\n  - name: Osama bin Laden\n    aliases: [bin Laden, 'Bin-Ladin']\n", tmp_path)
    ex = _extraction(
        actors=[Actor("Osama bin Laden", "person", role="al-Qaeda founder", aliases=["Osama"], mentions=2,
                      sentences=[0, 4]),
                Actor("Bin Laden", "organisation", mentions=3, sentences=[1, 4, 6])],
        sources=[Source("Bin Laden", None, False, "organisation", quotes=[Quote("we will", True, "said", 6)]),
                 Source("Osama bin Laden", None, False, "person", quotes=[Quote("it began", True, "said", 0)])])
    out = archive_corrections.apply(ex, fixes)
    [actor] = out.actors
    assert (actor.name, actor.type, actor.role, actor.mentions, actor.sentences) == \
        ("Osama bin Laden", "person", "al-Qaeda founder", 5, [0, 1, 4, 6])
    assert actor.aliases == ["Bin Laden", "Osama"] and "name" in actor.corrected
    [source] = out.sources
    assert source.name == "Osama bin Laden" and [q.sentence for q in source.quotes] == [0, 6]
    assert [a.name for a in ex.actors] == ["Osama bin Laden", "Bin Laden"]  # the cached extraction is untouched


def test_a_canonical_name_renames_the_entity_wherever_it_is_named(tmp_path):
    fixes = _fixes("entities:\n  - name: RFK Jr\n    canonical: Robert F. Kennedy Jr.\n", tmp_path)
    ex = _extraction(actors=[Actor("RFK Jr", "person", mentions=1, sentences=[2])],
                     sources=[Source(None, "an aide", True, "person", via="RFK Jr")])
    out = archive_corrections.apply(ex, fixes)
    assert [(a.name, a.aliases) for a in out.actors] == [("Robert F. Kennedy Jr.", ["RFK Jr"])]
    assert out.sources[0].via == "Robert F. Kennedy Jr."


def test_a_place_taken_for_an_actor_becomes_a_location_and_back(tmp_path):
    fixes = _fixes("entities:\n  - name: Hobart\n    type: place\n  - name: Ballarat\n    type: place\n"
                   "  - name: Westpac\n    type: organisation\n  - name: Moderna\n    type: organisation\n", tmp_path)
    ex = _extraction(
        actors=[Actor("Hobart", "person", mentions=2, sentences=[1, 3]), Actor("Ballarat", "organisation", role="host",
                                                                               mentions=1, sentences=[5]),
                Actor("Moderna", "person", mentions=1, sentences=[0])],
        locations=[Location("Ballarat", "city", "AU", -37.56, 143.85, mentions=1, sentences=[2]),
                   Location("Westpac", "other", mentions=2, sentences=[4, 6])],
        sources=[Source("Moderna", None, False, "person"), Source("Hobart", None, False, "person")])
    out = archive_corrections.apply(ex, fixes)
    places = {loc.name: loc for loc in out.locations}
    actors = {a.name: a for a in out.actors}
    assert set(places) == {"Hobart", "Ballarat"} and set(actors) == {"Moderna", "Westpac"}
    hobart = places["Hobart"]  # a new location, placed by the gazetteers
    assert (hobart.type, hobart.country_code, hobart.mentions, hobart.sentences) == ("city", "AU", 2, [1, 3])
    assert hobart.lat is not None and "type" in hobart.corrected
    ballarat = places["Ballarat"]  # the location it was already: merged into it
    assert (ballarat.mentions, ballarat.sentences, ballarat.lat) == (2, [2, 5], -37.56)
    assert not hasattr(ballarat, "role")  # a place has no role to take over
    assert (actors["Westpac"].type, actors["Westpac"].sentences) == ("organisation", [4, 6])
    assert actors["Moderna"].type == "organisation" and out.sources[0].type == "organisation"
    assert out.sources[1].name == "Hobart" and out.sources[1].type == "organisation"  # a town speaks as a body


def test_a_place_the_gazetteers_do_not_know_is_still_a_place(tmp_path):
    fixes = _fixes("entities:\n  - name: Wombat Flat North\n    type: place\n", tmp_path)
    out = archive_corrections.apply(_extraction(actors=[Actor("Wombat Flat North", "person", mentions=1)]), fixes)
    assert out.actors == [] and [(loc.name, loc.type, loc.country_code) for loc in out.locations] == \
        [("Wombat Flat North", "other", None)]


def test_not_an_entity_is_gone_but_a_source_stays_a_source(tmp_path):
    fixes = _fixes("entities:\n  - name: Covid\n    not_entity: true\n", tmp_path)
    ex = _extraction(
        actors=[Actor("COVID", "person", mentions=2), Actor("Jane Doe", "person", aliases=["Covid", "Doe"])],
        locations=[Location("Covid", "other")],
        sources=[Source("Covid", None, False, "person", quotes=[Quote("cases fell", False, "according to", 3)]),
                 Source(None, "a nurse", True, "person", via="Covid")])
    out = archive_corrections.apply(ex, fixes)
    assert [(a.name, a.aliases) for a in out.actors] == [("Jane Doe", ["Doe"])] and out.locations == []
    unnamed = out.sources[0]  # its quote is kept, as an unnamed source in the article's words
    assert (unnamed.name, unnamed.descriptor, unnamed.anonymous, len(unnamed.quotes)) == (None, "Covid", True, 1)
    assert getattr(unnamed, "kind", "unnamed") == "unnamed"  # models.Source's kind, where it has one
    assert out.sources[1].via is None


def test_an_article_that_corrects_a_name_itself_is_left_to_its_own_correction(tmp_path):
    fixes = _fixes("entities:\n  - name: Daniel Okafor-Reyes\n    aliases: [Okafor-Reyes]\n"
                   "  - name: Covid\n    not_entity: true\n", tmp_path)
    ex = _extraction(actors=[Actor("Okafor-Reyes", "organisation"), Actor("Covid", "person")])
    fm = FrontMatter.model_validate({"actors": [{"name": "the Okafor-Reyes", "type": "person"}]})
    out = archive_corrections.apply(ex, fixes, archive_corrections.front_matter_names(fm))
    assert [a.name for a in out.actors] == ["Okafor-Reyes"]  # not renamed here; Covid still removed


def test_an_extraction_no_entry_names_is_returned_as_it_was(tmp_path):
    ex = _extraction(actors=[Actor("Jane Doe", "person")])
    assert archive_corrections.apply(ex, _fixes(FIXES, tmp_path)) is ex


# --- the real thing: CLI, build, cache -----------------------------------------------------------

def test_one_actor_page_across_articles_in_a_real_site_build(tmp_path, warm_cache):
    project = _project(tmp_path / "p", warm_cache, fixes=FIXES)
    run_generator(["build", "--site"], cwd=project)
    actors = {p.name for p in (project / "docs" / "actors").glob("*.md")}
    assert "daniel-okafor-reyes.md" in actors
    assert not {"okafor-reyes.md", "okafor-reyes-org.md", "covid.md", "hobart.md", "kingborough.md"} & actors
    page = (project / "docs" / "actors" / "daniel-okafor-reyes.md").read_text(encoding="utf-8")
    assert "Minister orders hospital funding review" in page and "Senators question hospital review" in page
    assert (project / "site" / "actors" / "daniel-okafor-reyes" / "index.html").is_file()
    places = {p.name for p in (project / "docs" / "places").glob("*.md")}
    assert "hobart-au.md" in places
    everything = "".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md")
                         if "articles" not in p.parts)
    assert ">Covid<" not in everything  # no page, index entry or link names it


def test_the_extraction_contract_shows_the_fixes_and_marks_them(tmp_path, warm_cache):
    project = _project(tmp_path / "p", warm_cache, fixes=FIXES)
    data = contract(project)
    senate = data["20250403-senate.txt"]
    minister = next(a for a in senate["actors"] if a["name"] == "Daniel Okafor-Reyes")
    assert minister["type"] == "person" and {"name", "type"} <= set(minister["corrected"])
    assert "Covid" not in {a["name"] for d in data.values() for a in d["actors"]}
    towns = data["20250405-towns.txt"]
    assert {"Hobart", "Kingborough"} <= {loc["name"] for loc in towns["locations"]}
    assert not {"Hobart", "Kingborough"} & {a["name"] for a in towns["actors"]}
    files = sorted(str(p) for p in (project / "seeds").glob("*.txt"))
    result = run_generator(["extract", "--json", "--corrections", "none.yml", *files], cwd=project)
    assert "none.yml:1:1: warning: no such file" in result.stderr  # extract warns, and goes on without it
    assert "Covid" in {a["name"] for line in result.stdout.splitlines() for a in json.loads(line)["actors"]}


def test_extract_can_leave_the_corrections_file_out(tmp_path, warm_cache):
    """``extract --no-corrections`` (what ``make eval`` scores) is the extractor alone, even beside a
    corrections file; asked both to use a file and not to, it refuses in one line."""
    project = _project(tmp_path / "p", warm_cache, fixes=FIXES)
    alone = contract(project, "--no-corrections")
    assert "Covid" in {a["name"] for d in alone.values() for a in d["actors"]}
    assert not [a for d in alone.values() for a in d["actors"] if a["corrected"]]
    assert "Daniel Okafor-Reyes" not in {a["name"] for a in alone["20250403-senate.txt"]["actors"]}
    files = sorted(str(p) for p in (project / "seeds").glob("*.txt"))
    both = run_generator(["extract", "--json", "--no-corrections", "--corrections", "corrections.yml", *files],
                         cwd=project, check=False)
    assert both.returncode == 2 and both.stdout == "" and "Traceback" not in both.stderr
    assert "give one of them, not both" in both.stderr


def test_the_articles_own_front_matter_wins_for_that_article(tmp_path, warm_cache):
    own = SENATE.replace("date: 2025-04-03\n", "date: 2025-04-03\nactors:\n  - name: Covid\n"
                         "    type: organisation\n    role: the pandemic, as this article's author insists\n")
    project = _project(tmp_path / "p", warm_cache, {**ARTICLES, "20250403-senate.txt": own}, fixes=FIXES)
    data = contract(project)
    covid = [a for d in data.values() for a in d["actors"] if a["name"] == "Covid"]
    assert [(a["type"], a["role"]) for a in covid] == [("organisation", "the pandemic, as this article's author insists")]
    assert "Daniel Okafor-Reyes" in {a["name"] for a in data["20250403-senate.txt"]["actors"]}


def test_check_reports_file_and_seed_problems_together_and_build_writes_nothing(tmp_path, warm_cache):
    broken = MINISTER.replace("date: 2025-04-01", "date: 2025-04-31")
    project = _project(tmp_path / "p", warm_cache, {**ARTICLES, "20250401-review.txt": broken},
                       fixes="entities:\n  - name: Hobart\n    typo: place\n  - name: Covid\n    not_entity: 1\n")
    result = run_generator(["check"], cwd=project, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert [line.split(": ")[0] for line in lines] == ["corrections.yml:3:5", "corrections.yml:5:5",
                                                       "seeds/20250401-review.txt:3:1"]
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    result = run_generator(["build"], cwd=project, check=False)
    assert result.returncode == 1 and "nothing was written" in result.stderr
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == before
    (project / "corrections.yml").unlink()
    (project / "corrections.yml").symlink_to(tmp_path / "elsewhere.yml")
    result = run_generator(["build"], cwd=project, check=False)
    assert result.returncode == 1 and "corrections.yml:1:1: is a symbolic link" in result.stderr


def test_check_warns_about_an_entry_that_matches_nothing(tmp_path, warm_cache):
    project = _project(tmp_path / "p", warm_cache, fixes=FIXES + "  - name: Hobarth\n    type: place\n")
    result = run_generator(["check"], cwd=project)
    assert "corrections.yml:11:5: warning: entities[4]: 'Hobarth' matches nothing in the archive" in result.stderr
    assert "'Hobart'" not in result.stderr and "3 seeds OK" in result.stdout


def test_changing_only_the_corrections_file_parses_nothing_again(tmp_path):
    project = _project(tmp_path / "p", None)
    assert counts(run_generator(["build"], cwd=project).stdout) == (3, 0)
    assert (project / "docs" / "actors" / "ruth-abernathy.md").exists()
    (project / "corrections.yml").write_text(
        "entities:\n  - name: Ruth Abernathy\n    canonical: Ruth Abernathy-Cole\n", encoding="utf-8")
    assert counts(run_generator(["build"], cwd=project).stdout) == (0, 3)  # noticed, but from the cache
    assert (project / "docs" / "actors" / "ruth-abernathy-cole.md").exists()
    assert not (project / "docs" / "actors" / "ruth-abernathy.md").exists()
    (project / "corrections.yml").write_text("entities: []\n", encoding="utf-8")
    assert counts(run_generator(["build"], cwd=project).stdout) == (0, 3)
    assert (project / "docs" / "actors" / "ruth-abernathy.md").exists()
