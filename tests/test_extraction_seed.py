"""The seed article's extraction: the contract's shape and the entities a reader expects."""
from __future__ import annotations

CONTRACT_KEYS = {"source_file", "slug", "title", "date", "outlet", "actors", "locations", "figures", "sources"}


def test_contract_has_every_key(seed_extraction):
    assert CONTRACT_KEYS <= set(seed_extraction)
    for actor in seed_extraction["actors"]:
        assert {"name", "type", "role", "aliases", "mentions", "sentences"} <= set(actor)
    for loc in seed_extraction["locations"]:
        assert {"name", "type", "country_code", "lat", "lon", "mentions", "sentences"} <= set(loc)
    for fig in seed_extraction["figures"]:
        assert {"value", "qualifier", "unit", "object", "text", "sentence"} <= set(fig)
    for src in seed_extraction["sources"]:
        assert {"name", "descriptor", "anonymous", "type", "via", "quotes"} <= set(src)
        assert all({"text", "direct", "cue", "sentence"} <= set(q) for q in src["quotes"])


def test_actors_are_one_per_entity(seed_extraction):
    actors = {a["name"]: a for a in seed_extraction["actors"]}
    for name in ("Karoline Leavitt", "Adam Boehler", "Mick Mulroy", "Steve Witkoff"):
        assert actors[name]["type"] == "person"
    assert "Leavitt" not in actors and "Leavitt" in actors["Karoline Leavitt"]["aliases"]
    assert not any("’s" in name or "'s" in name for name in actors)
    assert actors["Axios"]["type"] == "organisation"
    assert "White House press secretary" in actors["Karoline Leavitt"]["role"]
    assert actors["Trump"]["role"] == "President"
    assert not {"Palestinian", "Israelis", "American"} & set(actors)


def test_locations_are_typed_and_geocoded(seed_extraction):
    places = {loc["name"]: loc for loc in seed_extraction["locations"]}
    assert places["Doha"]["type"] == "city" and places["Doha"]["country_code"] == "QA"
    assert abs(places["Doha"]["lat"] - 25.29) < 0.1 and abs(places["Doha"]["lon"] - 51.53) < 0.1
    assert places["Qatar"]["type"] == "country"
    assert places["Gaza"]["country_code"] == "PS"
    # the article writes only "US": the contract names the place so, the gazetteer's name among the aliases
    assert places["US"]["country_code"] == "US" and "United States" in places["US"]["aliases"]


def test_figures(seed_extraction):
    figures = {(f["value"], f["qualifier"]): f for f in seed_extraction["figures"]}
    assert "hostages" in figures[(59, None)]["object"]
    assert figures[(24, "up to")]["sentence"] == 8
    assert figures[(2, None)]["object"] == "direct meetings"
    assert 2012 not in {f["value"] for f in seed_extraction["figures"]}


def test_sources(seed_extraction):
    sources = seed_extraction["sources"]
    named = {s["name"]: s for s in sources if s["name"]}
    anonymous = {s["descriptor"]: s for s in sources if s["anonymous"]}
    leavitt = named["Karoline Leavitt"]
    assert any(q["direct"] for q in leavitt["quotes"]) and any(not q["direct"] for q in leavitt["quotes"])
    assert {q["sentence"] for q in leavitt["quotes"]} >= {2, 5, 6, 7}  # "she told reporters" resolved
    assert anonymous["a Palestinian source"]["via"] == "BBC"
    assert anonymous["a US official"]["via"] == "Axios"
    assert anonymous["anonymous sources"]["via"] == "Axios"  # "the US-based news site"
    assert named["Axios"]["anonymous"] is False
    assert any(q["cue"] == "said in a statement" for q in named["Israel’s prime minister’s office"]["quotes"])
    assert "Mick Mulroy" in named and not any("Secretary" in (s["descriptor"] or "") for s in sources)
    assert not any("Debusmann" in (s["name"] or "") for s in sources)  # a credit line is not a source


def test_every_item_points_at_its_sentence(seed_extraction):
    sentences = seed_extraction["sentences"]
    for fig in seed_extraction["figures"]:
        assert fig["text"] in sentences[fig["sentence"]]
    for actor in seed_extraction["actors"]:
        first = sentences[actor["sentences"][0]]
        assert any(form.split()[-1] in first for form in [actor["name"], *actor["aliases"]])
    for loc in seed_extraction["locations"]:
        assert any(form in sentences[loc["sentences"][0]] for form in [loc["name"], *loc["aliases"]])
    for src in seed_extraction["sources"]:
        for q in src["quotes"]:
            assert q["text"].split(" … ")[0][:20] in sentences[q["sentence"]]


def test_title_derived_from_lede(seed_extraction):
    title = seed_extraction["title"]
    assert title.startswith("US is holding talks with Hamas")
    assert "White House has confirmed" not in title
