"""UK places a question may name beside the index's own areas: the local authorities of the
four nations, the nations, England's regions ("the North West") and the parts of England that
join them ("the North", "the Midlands"), and London (its boroughs and the City of London).

The data file (``places.json``) says where its names come from. A question naming one of
them is confined to the index's reviews from there, and where there are none it is told so:
"were there any reviews from Wales?" was answered with a Croydon review's recommendations,
the word "Wales" being in no passage. A place counts only after a word such as "in" or
"from" ("cases in Reading", not "Reading the reviews..."; "reviews from England", not "NHS
England"), and a local authority only with its capital as printed; a nation or London in
any case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reviewqa.corpus.text import holds_words, longest_first, said_as_list

DATA_FILE = Path(__file__).with_name("places.json")
LONDON = "London"
# (or a place said as what one's region or area is: "any reviews from my region, the South
# West (Somerset, Dorset, ...)?" was read as its counties alone)
_BEFORE_A_PLACE = (r"(?i:\b(?:(?:in|from|at|of|for|across|around|near|by)\s+|"
                   r"(?:region|area|patch)(?:\s+is)?\s*[,:(–—-]?\s*|"
                   # (the places an informal area is said as: "the Black Country – Dudley,
                   # Wolverhampton, Sandwell or Walsall" named none)
                   r"country\s*[:(–—-]\s*)(?:the\s+)?)")
_PARTS = re.compile(r",\s*|\s+and\s+")
# authorities' names that are everyday words as well: before "reviews", named only mid-question
_NAMES_THAT_ARE_WORDS = frozenset({"reading", "bury"})
# Names read in lower case too, as chat is typed ("neglect reviews from cornwall" was searched
# across every review, with no word that none is from Cornwall), but not these, everyday
# words first ("a baby left in bath", "difficulties in reading", "the bucks stops here")
_NOT_IN_LOWER_CASE = _NAMES_THAT_ARE_WORDS | {"bath", "hull", "derby", "slough", "highland", "wells",
                                              "bucks", "staffs", "angus", "sale", "poole", "halton"}
# a nation's adjective names it only before reviews or their makers ("Scottish reviews",
# "Welsh safeguarding boards"), not as a language ("English as an additional language")
# (nor before a way of reviewing: "the Welsh child practice review methodology" asks for
# reviews that used it, from anywhere)
# (a review's name between them may be in quotes: "the Brighton 'A' review")
# (or "one" straight after: "what did the blackburn one recommend?" had quoted Gloucestershire)
_REVIEWS_AFTER = (r"(?:(?:[\w'\u2018\u2019\"\u201c\u201d-]+\s+){0,3}?"
                  r"(?:reviews?|cases?|scrs?|csprs?|reports?|briefs?|boards?|"
                  r"partnerships?|councils?|local\s+authorit(?:y|ies)|areas?|ones)|one)\b"
                  r"(?!\s+(?:methodolog\w*|methods?|models?|guidance|process|approach|framework)\b)")

# or before a review's title, a year between ("Hackney 2018, Child M - what do they mean by
# respectful certainty?" was asked of Dorset's Child M too)
_TITLE_AFTER = (r"(?=(?:\s*,?\s*(?:19|20)\d\d)?\s*[,:\u2013-]?\s*(?:child|baby|young\s+person)\s+"
                r"(?-i:[A-Z0-9]))")

# London before its reviews or boroughs names it too ("London reviews from 2016 about injured
# babies" was searched across every review)
_LONDON_BEFORE = re.compile(rf"(?<![\w-])({LONDON})\s+(?:boroughs?\b|{_REVIEWS_AFTER})", re.I)


@dataclass(frozen=True)
class Place:
    """A place a question names: as it is written there (``said``), every name of it
    (``names``), and what it is: ``"nation"``, ``"london"``, ``"region"`` (one of England's
    nine, London aside, or a part of England joining some, its ``names`` theirs and
    ``title`` its own) or ``"authority"``."""

    said: str
    names: tuple[str, ...]
    kind: str
    title: str = ""


@dataclass(frozen=True)
class _Gazetteer:
    nations: dict[str, str]  # any name of a nation (or London), lower-cased -> the nation
    authorities: dict[str, tuple[str, ...]]  # any name, as printed -> all names of the authority
    printed: dict[str, str]  # any name or abbreviation, lower-cased -> as printed
    nation_of: dict[str, str]  # any name of an authority, lower-cased -> its nation
    london: frozenset[str]  # names of London's boroughs and the City of London, lower-cased
    authority_pattern: re.Pattern[str]  # any authority's name after "in", "from"...
    authority_reviews: re.Pattern[str]  # ... or before reviews ("Cornwall reviews", "Leeds SCRs")
    any_authority: re.Pattern[str]  # any authority's name, wherever it stands
    nation_pattern: re.Pattern[str]  # any nation's name, or London's, after "in", "from"...
    adjectives: dict[str, str]  # a nation's adjective, lower-cased -> the nation
    adjective_pattern: re.Pattern[str]  # "Scottish reviews", "any Welsh cases"
    # a county's usual abbreviation, as printed -> its name ("Bucks", "NE Lincs")
    short: dict[str, str]
    short_pattern: re.Pattern[str]  # any of those, wherever it stands
    # a place after another in a list ("from Scotland, Wales or Northern Ireland")
    continued: re.Pattern[str]
    region_of: dict[str, str]  # any name of an English authority, lower-cased -> its region
    regions: dict[str, str]  # a region's name as matched (lower-cased, single-spaced) -> its name
    region_pattern: re.Pattern[str]  # a region after "in", "from"... or before reviews
    parts: dict[str, tuple[str, tuple[str, ...]]]  # a part of England as matched -> name, regions
    part_pattern: re.Pattern[str]  # a part after "in", "from"... or before reviews
    # the areas named with "the", as printed ("the Black Country")
    with_the: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    nations = {name.lower(): nation for nation, other in data["nations"].items()
               for name in (nation, *other)}
    authorities: dict[str, tuple[str, ...]] = {}
    nation_of: dict[str, str] = {}
    london: set[str] = set()
    for entry in [*data["authorities"], *data["former"]]:
        names = (entry["name"], *entry.get("also", ()))
        for name in names:
            authorities[name] = names
            nation_of[name.lower()] = entry["nation"]
            if entry.get("london"):
                london.add(name.lower())
    for county in data["counties"]:  # a metropolitan county, named as its districts
        authorities[county["name"]] = tuple(n for member in county["members"]
                                            for n in authorities[member])
        nation_of[county["name"].lower()] = "England"
    nations[LONDON.lower()] = LONDON
    pattern = _alternatives(authorities)
    adjectives = {name.lower(): nation for name, nation in data["adjectives"].items()}
    short = {s: e["name"] for e in [*data["authorities"], *data["former"]] for s in e.get("short", ())}
    short |= _compass_abbreviations(authorities, short)
    printed = {name.lower(): name for name in [*authorities, *short]}
    region_of = {name.lower(): region for region, members in data["regions"].items()
                 for member in members for name in authorities.get(member, (member,))}
    region_names = {_said_as(name): name for name in data["regions"]}
    # "the North West", "North-West England", "the north west of England"
    region = _spaced_alternatives(data["regions"])
    parts = {_said_as(said): (part["name"], tuple(part["regions"]))
             for part in data["parts"] for said in part["said"]}
    part = _spaced_alternatives(said for part in data["parts"] for said in part["said"])
    return _Gazetteer(nations, authorities, printed, nation_of, frozenset(london),
                      re.compile(rf"{_BEFORE_A_PLACE}({pattern})(?![\w-])", re.I),
                      re.compile(rf"(?<![\w-])({pattern})(?:\s+(?i:{_REVIEWS_AFTER})|{_TITLE_AFTER})", re.I),
                      re.compile(rf"(?<![\w-])({pattern})(?![\w-])", re.I),
                      re.compile(rf"{_BEFORE_A_PLACE}({_alternatives(nations)})(?![\w-])", re.I),
                      adjectives,
                      re.compile(rf"\b({_alternatives(adjectives)})\s+{_REVIEWS_AFTER}", re.I),
                      short, re.compile(rf"(?<![\w-])({_alternatives(short)})(?![\w-])", re.I),
                      # (or in brackets: "the South West (Somerset, Dorset, Wiltshire ...)",
                      # or after a dash: "the Black Country – Dudley, Wolverhampton, ...")
                      re.compile(rf"(?:\s*[,(:–—]\s*(?:(?:or|and)\s+)?|\s+-\s+|\s+(?:or|and|and\s+the)\s+)"
                                 rf"({pattern}|{_alternatives(nations)})(?![\w-])", re.I),
                      region_of, region_names,
                      re.compile(rf"(?:{_BEFORE_A_PLACE}(?P<after>(?:{region})(?:\s+(?:of\s+)?England)?)"
                                 rf"(?![\w-])|(?<![\w-])(?P<before>{region})\s+(?i:{_REVIEWS_AFTER}))",
                                 re.I),
                      # "cases from the north", "from the North of England", "Yorkshire
                      # reviews"; a name with "the" only with it, and none before another
                      # place's name or "of" ("in north Wales", "the south of Ireland")
                      parts, re.compile(rf"(?:\b(?:in|from|at|of|for|across|around|near|by)\s+"
                                        rf"(?P<after>{part})(?![\w-])(?!\s+(?:of|London|Wales|"
                                        rf"Scotland|Ireland)\b)|(?<![\w-])(?P<before>{part})\s+"
                                        rf"(?i:{_REVIEWS_AFTER}))", re.I),
                      frozenset(c["name"] for c in data["counties"] if c.get("the")))


_COMPASS = re.compile(r"((?:(?:North|South|East|West)\s+)+)(.+)")


def _compass_abbreviations(authorities: Iterable[str], short: dict[str, str]) -> dict[str, str]:
    """Each authority named from a point of the compass, with the point abbreviated as it
    is written ("NE Lincolnshire", "NE Lincs", "S Glos", "W Sussex") -> its name."""
    names: dict[str, str] = {}
    for name in authorities:
        if said := _COMPASS.fullmatch(name):
            point = "".join(word[0] for word in said[1].split())
            rest = [said[2], *(s for s, county in short.items() if county == said[2])]
            names |= {f"{point} {form}": name for form in rest}
    return names


def _spaced_alternatives(names: Iterable[str]) -> str:
    """A regex alternation of ``names``, longest first, each written with any spaces or
    hyphens between its words ("the North West", "North-West")."""
    return "|".join(r"[\s-]+".join(map(re.escape, name.split()))
                    for name in sorted(names, key=len, reverse=True))


def _said_as(name: str) -> str:
    """A region's name as matched: lower-cased, its words single-spaced."""
    return " ".join(re.split(r"[\s-]+", name.lower()))


def _as_printed(said: str) -> str | None:
    """The name of an authority (or a county's abbreviation) as printed, for a name said in
    any case; None for one said in another case that is an everyday word ("bath")."""
    printed = _gazetteer().printed.get(_AMPERSAND.sub(" and ", said).lower())
    if printed is None or (said != printed and printed.lower() in _NOT_IN_LOWER_CASE):
        return None
    return printed


def _alternatives(names: Iterable[str]) -> str:
    """A regex alternation of ``names``, longest first, so that the longest name matches; an
    "and" in a name may be typed "&" ("brighton & hove A" named no place)."""
    return "|".join(re.escape(name).replace(r"\ and\ ", r"\s*(?:\ and\ |&)\s*")
                    for name in sorted(names, key=len, reverse=True))


_AMPERSAND = re.compile(r"\s*&\s*")


def written_out(question: str) -> str:
    """The question with each county's abbreviation, as printed, written out ("the Bucks
    review" names Buckinghamshire's, "NE Lincs" North East Lincolnshire); one that is a
    word too, in lower case only before a review or its child ("staffs child B": Staffordshire's,
    which had been read as the three reviews of a Child B)."""
    g = _gazetteer()

    def out(m: re.Match[str]) -> str:
        name = _as_printed(m[1])
        if name is None and _CHILD_OR_REVIEW_AFTER.match(question, m.end()):
            name = g.printed.get(m[1].lower())
        return g.short[name] if name in g.short else m[0]

    return g.short_pattern.sub(out, question)


_CHILD_OR_REVIEW_AFTER = re.compile(rf"\s+(?:(?:child|baby|young\s+person)\b|{_REVIEWS_AFTER})", re.I)


def places_named(question: str) -> list[Place]:
    """The UK places the question names, in the order said, the longest where names overlap
    ("City of London" over "London"; "Scotland, Wales or Northern Ireland": all three)."""
    g = _gazetteer()
    found = [(m.start(1), m.end(1), Place(name, g.authorities[name], "authority"))
             for pattern in (g.authority_pattern, g.authority_reviews)
             for m in pattern.finditer(question) if (name := _as_printed(m[1]))
             # a name that is an everyday word too opens a question as the word ("Reading
             # reviews about neglect, what stands out?")
             and not (pattern is g.authority_reviews and m[1].lower() in _NAMES_THAT_ARE_WORDS
                      and not question[:m.start()].strip())]
    for m in g.nation_pattern.finditer(question):
        region = g.nations[m[1].lower()]
        found.append((m.start(1), m.end(1),
                      Place(region, (region,), "london" if region == LONDON else "nation")))
    for m in g.region_pattern.finditer(question):
        group = "after" if m["after"] else "before"
        said = _said_as(m[group])  # "the East of England"; "the North West of England"
        region = g.regions.get(said) or g.regions[re.sub(r"\s+(?:of\s+)?england$", "", said)]
        found.append((m.start(group), m.end(group), Place(m[group], (region,), "region")))
    for m in g.part_pattern.finditer(question):
        group = "after" if m["after"] else "before"
        name, regions = g.parts[_said_as(m[group])]
        found.append((m.start(group), m.end(group), Place(m[group], regions, "region", name)))
    for m in _LONDON_BEFORE.finditer(question):
        found.append((m.start(1), m.end(1), Place(LONDON, (LONDON,), "london")))
    for m in g.adjective_pattern.finditer(question):
        found.append((m.start(1), m.end(1), Place(m[1], (g.adjectives[m[1].lower()],), "nation")))
    ends = [end for _, end, _ in found]
    while ends:  # the places listed after one ("from Scotland, Wales or Northern Ireland")
        if listed := g.continued.match(question, ends.pop()):
            name = _as_printed(listed[1])
            nation = g.nations.get(listed[1].lower())
            if name in g.authorities:
                found.append((listed.start(1), listed.end(1), Place(name, g.authorities[name],
                                                                    "authority")))
            elif nation:
                found.append((listed.start(1), listed.end(1),
                              Place(nation, (nation,), "london" if nation == LONDON else "nation")))
            else:
                continue
            ends.append(listed.end(1))
    return [place for _, _, place in sorted(longest_first(found), key=lambda m: m[0])]


def outside_wider_places(question: str, area: str) -> str:
    """The question less the UK authorities' names it says that hold ``area``'s name as words
    and more ("South Gloucestershire" is not Gloucestershire, nor "North Yorkshire"
    Yorkshire): what is left says ``area`` where the question truly does."""
    return _gazetteer().any_authority.sub(
        lambda m: " " if len(m[1]) > len(area) and holds_words(m[1], area) else m[0], question)


def _names_in(area: str) -> list[str]:
    """An index's area as names to look up, lower-cased: itself, then its parts ("Croydon
    and Lewisham": "croydon", "lewisham")."""
    return [name.strip().lower() for name in (area, *_PARTS.split(area))]


def nation_of(area: str) -> str | None:
    """The nation of an index's area: its own name's, else its first known part's ("Croydon
    and Lewisham", "Bournemouth and Poole"); None where no part is known."""
    return _first_known(_gazetteer().nation_of, area)


def region_of(area: str) -> str | None:
    """The English region of an index's area, as nation_of finds its nation; None outside
    England's regions (London's boroughs are London's: see in_london)."""
    return _first_known(_gazetteer().region_of, area)


def _first_known(known: dict[str, str], area: str) -> str | None:
    """What ``known`` says of the area's own name, else of its first known part."""
    return next((known[name] for name in _names_in(area) if name in known), None)


def place_name(place: Place) -> str:
    """A place as an answer names it: a nation or a region by its own name ("the North
    West", "Yorkshire and the Humber"), a part of England by its own and its regions' ("the
    Midlands (the East Midlands and the West Midlands)"), anywhere else as the question says
    it."""
    if place.title:
        return f"{place.title} ({said_as_list([_region_named(n) for n in place.names])})"
    if place.kind == "region":
        return _region_named(place.names[0])
    if place.said in _gazetteer().with_the:  # "from the Black Country"
        return f"the {place.said}"
    return place.names[0] if place.kind == "nation" else place.said


def _region_named(region: str) -> str:
    """A region (or London) as a sentence names it: "the North West", "Yorkshire and the
    Humber", "London"."""
    return region if region.startswith("Yorkshire") or region == LONDON else f"the {region}"


def in_london(area: str) -> bool:
    """Whether an index's area is, or joins, a London borough or the City of London."""
    return any(name in _gazetteer().london for name in _names_in(area))


def areas_in(place: Place, areas: list[str]) -> list[str]:
    """Those of the index's ``areas`` that lie in ``place``: a nation's or London's, or those
    naming the authority as words ("Lewisham": "Croydon and Lewisham")."""
    if place.kind == "nation":
        return [a for a in areas if nation_of(a) == place.names[0]]
    if place.kind == "london":
        return [a for a in areas if in_london(a)]
    if place.kind == "region":  # (a part of England may hold London: "the South")
        return [a for a in areas if region_of(a) in place.names
                or (LONDON in place.names and in_london(a))]
    return [a for a in areas if any(holds_words(a, name) for name in place.names)]
