"""Front-matter corrections change the extracted data and the page, and say so."""
from __future__ import annotations

import json

from conftest import ROOT, SEED, make_project, run_generator

CORRECTED_SEED = """---
title: US and Hamas hold direct talks over hostages
date: 2025-03-05
outlet: BBC News
url: https://www.bbc.co.uk/news/articles/example
tags: [Middle East, diplomacy]
actors:
  - name: Adam Boehler            # matched against extracted names and aliases
    role: US special envoy for hostage affairs
    aliases: [Boehler]
  - name: Obama
    exclude: true
  - name: Qatar's prime minister
    type: person
locations:
  - name: Washington
    exclude: true
  - name: Doha
    lat: 25.29
    lon: 51.53
figures:
  - text: "since 2012"
    exclude: true
sources:
  - name: Israel
    exclude: true
  - name: a US official
    anonymous: true
---
"""


def corrected_seed(tmp_path):
    body = SEED.read_text(encoding="utf-8")
    path = tmp_path / "corrected.txt"
    path.write_text(CORRECTED_SEED + body, encoding="utf-8")
    return path


def test_corrections_take_effect_in_the_extraction(tmp_path):
    path = corrected_seed(tmp_path)
    result = run_generator(["extract", "--json", str(path)], cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["title"] == "US and Hamas hold direct talks over hostages"
    assert data["date"] == "2025-03-05" and data["outlet"] == "BBC News"
    actors = {a["name"]: a for a in data["actors"]}
    assert actors["Adam Boehler"]["role"] == "US special envoy for hostage affairs"
    assert "role" in actors["Adam Boehler"]["corrected"]
    assert "Obama" not in actors
    assert actors["Qatar's prime minister"]["type"] == "person"
    assert "Washington" not in {loc["name"] for loc in data["locations"]}
    doha = next(loc for loc in data["locations"] if loc["name"] == "Doha")
    assert (doha["lat"], doha["lon"]) == (25.29, 51.53) and {"lat", "lon"} <= set(doha["corrected"])
    assert "Israel" not in {s["name"] for s in data["sources"]}
    # "since 2012" is not extracted as a figure: excluding it is harmless, and only a warning
    assert "nothing to exclude" in result.stderr


def test_check_accepts_the_corrected_seed(tmp_path):
    path = corrected_seed(tmp_path)
    result = run_generator(["check", str(path)], cwd=tmp_path)
    assert "1 seed OK" in result.stdout


def test_corrections_show_on_the_page(tmp_path):
    project = make_project(tmp_path / "p", seeds=[])
    corrected_seed(project / "seeds")
    run_generator(["build", "--site"], cwd=project)
    page = (project / "site" / "articles" / "us-and-hamas-hold-direct-talks-over-hostages" / "index.html").read_text()
    assert "US special envoy for hostage affairs" in page
    assert page.count("digest-edited") >= 3  # Boehler, the added actor, Doha
    assert ">Obama<" not in page


def test_correction_that_matches_nothing_is_an_error(tmp_path):
    path = tmp_path / "typo.txt"
    path.write_text("---\nactors:\n  - name: Adam Boeler\n    role: envoy\n---\n" + SEED.read_text(), encoding="utf-8")
    result = run_generator(["check", str(path)], cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert f"{path}:3:5: actors[0]: correction 'Adam Boeler' matches nothing" in result.stderr


def test_tags_outside_the_allowed_list_are_reported(tmp_path):
    project = make_project(tmp_path / "p", seeds=[])
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nextra:\n  tags_allowed: [diplomacy, hostages]\n", encoding="utf-8")
    seed = project / "seeds" / "tagged.txt"
    seed.write_text("---\ntags: [diplomacy, hostage]\n---\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_generator(["check"], cwd=project, check=False)
    assert result.returncode == 1
    assert "tagged.txt:2:19: tags[1]: 'hostage' is not an allowed tag — did you mean 'hostages'?" in result.stderr


def test_every_front_matter_key_is_documented():
    from generator.schema import ActorCorrection, FigureCorrection, FrontMatter, LocationCorrection, SourceCorrection

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for model in (FrontMatter, ActorCorrection, LocationCorrection, FigureCorrection, SourceCorrection):
        for key in model.model_fields:
            assert f"`{key}`" in guide, f"{model.__name__}.{key} is not documented in CONTRIBUTING.md"


KINDS_BODY = """The pier at Saltmouth will close until spring, Marta Kowalczyk, a harbour engineer, said on Monday.
"We cannot risk another storm on those boards," Kowalczyk said.
"The tide tables were ignored for years," a council official said.
Police said they would patrol the promenade at night.
The report said repairs would cost 2 million pounds.
"""


def kinds_rules_broken(sources: list[dict]) -> list[dict]:
    """Sources that break the kinds' rules (models.SourceKind): only an unnamed person or body is
    anonymous, an unnamed person always is, and a person source has a name."""
    return [s for s in sources if s["anonymous"] and s["kind"] not in ("unnamed", "body")
            or s["kind"] == "unnamed" and not s["anonymous"] or s["kind"] == "person" and not s["name"]]


def test_anonymity_corrections_keep_the_source_kinds_true(tmp_path):
    """Made anonymous, a named person becomes an unnamed person; named (by 'rename'), an unnamed person
    becomes a named one and an unnamed body a named body — never a kind its fields contradict."""
    seed = tmp_path / "pier.txt"
    seed.write_text("---\ntitle: Pier closes for the winter\nsources:\n"
                    "  - name: Marta Kowalczyk\n    anonymous: true\n"
                    "  - name: a council official\n    rename: Dafydd Price\n"
                    "  - name: police\n    rename: Harbour Police\n---\n" + KINDS_BODY, encoding="utf-8")
    sources = json.loads(run_generator(["extract", "--json", str(seed)], cwd=tmp_path).stdout)["sources"]
    by_name = {s["name"] or s["descriptor"]: s for s in sources}
    assert kinds_rules_broken(sources) == []
    assert (by_name["Marta Kowalczyk"]["kind"], by_name["Marta Kowalczyk"]["anonymous"]) == ("unnamed", True)
    assert (by_name["Dafydd Price"]["kind"], by_name["Dafydd Price"]["anonymous"]) == ("person", False)
    assert (by_name["Harbour Police"]["kind"], by_name["Harbour Police"]["anonymous"]) == ("body", False)


def test_an_anonymity_correction_that_cannot_hold_is_a_clear_error(tmp_path):
    """An unnamed person made not anonymous without a name, and a document made anonymous, are refused
    at their own line with how to fix it; nothing is built from them."""
    seed = tmp_path / "pier.txt"
    seed.write_text("---\ntitle: Pier closes for the winter\nsources:\n"
                    "  - name: a council official\n    anonymous: false\n"
                    "  - name: the report\n    anonymous: true\n---\n" + KINDS_BODY, encoding="utf-8")
    result = run_generator(["check", str(seed)], cwd=tmp_path, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "pier.txt:4:5: sources[0]: 'a council official': an unnamed person cannot be made not anonymous" \
        in result.stderr, result.stderr
    assert "— give 'rename:' with the person's name" in result.stderr
    assert "pier.txt:6:5: sources[1]: 'the report': a source of kind 'document' is on the record" in result.stderr
    assert "nothing was written" in result.stderr
