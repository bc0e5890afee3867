"""One theme taxonomy for the whole project: canonical safeguarding themes and their words.

The data lives in ``taxonomy.json`` beside this module. Each theme has a canonical name
(lower-case: "domestic abuse"), professional near-synonyms ("partner violence", "coercive
control"), lay wording a parent or practitioner might type ("hitting mum"), and the variants
the bundled corpus actually prints in its keyword lines, typos included ("discguised
compliance"). Every term carries the source it was taken from. An ``ignore`` list names
corpus keywords that are deliberately left unmapped (generic words, ambiguous ones), each
with a reason.

Matching is done on *keys*: text lower-cased, accents, apostrophes and punctuation dropped,
each word reduced to a simple singular ("injuries" -> "injury", "GPs" -> "gp", "children" ->
"child"), and the words joined without spaces, so that "bed-sharing", "bed sharing" and
"bedsharing", or "non-accidental head injuries" and "Non accidental head injury", are one
term. Inside a longer text, terms match whole words only (a run of consecutive words whose
key equals the term's key), so "gp" never matches inside "group".

Used by the filters (:func:`theme_filter_terms`), query expansion for lay wording
(:func:`lay_expansion`), theme detection in questions (:func:`themes_in_query`), keyword
clean-up at ingestion (:func:`normalise_keywords`) and the Themes view (:func:`get_theme`).
Only the standard library is imported (and :mod:`reviewqa.corpus.text`, which is the same).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from .text import IRREGULAR_PLURALS, longest_first

DATA_FILE = Path(__file__).with_name("taxonomy.json")
# Filters match a theme's terms inside keywords by substring (``instr``), so very short
# single words and acronyms ("sen", "lac", "race") would match inside unrelated keywords
# ("consent", "placement", "embrace"): they are left out of the filter terms.
MIN_FILTER_TERM_CHARS = 5
_SEMICOLON = re.compile(r"\s*;\s*")
_SLASH = re.compile(r"\s*/\s*")
_APOSTROPHES = re.compile(r"['’‘`´]")
_WORD = re.compile(r"[a-z0-9]+")
_NOT_PLURAL_ENDINGS = ("ss", "us", "is")


@dataclass(frozen=True)
class Theme:
    """A canonical theme and its terms, each term mapped to where it comes from.

    ``synonyms`` are professional near-synonyms (used for query expansion and filters),
    ``lay`` everyday wording (used only to recognise a theme in a question), ``variants``
    spellings and forms as the corpus prints them (used for keywords and filters), ``names``
    wording that shows a passage tells of the theme though it means more besides ("death
    of"), read only to leave the theme out, never searched for it. ``sources`` maps every
    term, the theme's own name included, to its source.
    """

    theme: str
    synonyms: tuple[str, ...]
    lay: tuple[str, ...]
    variants: tuple[str, ...]
    sources: Mapping[str, str]
    names: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """The theme's name, synonyms, variants and lay phrases, in that order."""
        return (self.theme, *self.synonyms, *self.variants, *self.lay)

    @property
    def own_terms(self) -> tuple[str, ...]:
        """The theme's name, synonyms and variants: the words reviews use, not lay ones."""
        return (self.theme, *self.synonyms, *self.variants)


# --- normalisation ------------------------------------------------------------------------


def _singular(word: str) -> str:
    """A simple singular of one lower-case word ("injuries" -> "injury", "gps" -> "gp")."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif len(word) >= 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL_ENDINGS):
        word = word[:-1]
    return IRREGULAR_PLURALS.get(word, word)


# Words that only make another stronger: "did really well" is "did well" (no term has one).
_INTENSIFIERS = frozenset("really very quite extremely totally completely actually ever".split())


def _words(text: str) -> list[str]:
    """The words of ``text``: lower-case, accents and apostrophes dropped, simple singulars,
    without intensifiers."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    return [_singular(w) for w in _WORD.findall(text) if w not in _INTENSIFIERS]


def term_key(text: str) -> str:
    """The matching key of a term: its simple-singular words joined without spaces."""
    return "".join(_words(text))


def clean_keyword(keyword: str) -> str:
    """A keyword lower-cased, curly quotes straightened, whitespace collapsed, edges trimmed."""
    text = _APOSTROPHES.sub("'", keyword.casefold()).replace("“", '"').replace("”", '"')
    return " ".join(text.split()).strip(" .,;:!?\"'*-–")


# --- loading --------------------------------------------------------------------------------


def _flatten(groups: Iterable[Mapping], field: str, theme: str) -> list[tuple[str, str]]:
    """(term, source) pairs of a theme's term groups ``[{"terms": [...], "source": ...}]``."""
    pairs: list[tuple[str, str]] = []
    for group in groups:
        source = group.get("source", "").strip()
        if not source:
            raise ValueError(f"taxonomy.json: {theme!r} {field} group has no source")
        pairs.extend((clean_keyword(term), source) for term in group["terms"])
    return pairs


@cache
def _data() -> Mapping:
    with DATA_FILE.open(encoding="utf-8") as f:
        return json.load(f)


@cache
def _themes() -> dict[str, Theme]:
    """Every theme by canonical name, read from ``taxonomy.json`` once."""
    themes: dict[str, Theme] = {}
    for item in _data()["themes"]:
        name = clean_keyword(item["theme"])
        sources: dict[str, str] = {name: item["source"]}
        fields: dict[str, list[str]] = {}
        for field in ("synonyms", "variants", "lay", "names"):
            pairs = _flatten(item.get(field, []), field, name)
            for term, source in pairs:
                sources.setdefault(term, source)
            fields[field] = list(dict.fromkeys(term for term, _ in pairs if term != name))
        themes[name] = Theme(theme=name, synonyms=tuple(fields["synonyms"]),
                             lay=tuple(fields["lay"]), variants=tuple(fields["variants"]),
                             sources=MappingProxyType(sources), names=tuple(fields["names"]))
    return themes


@cache
def _lay_means() -> dict[str, tuple[str, ...]]:
    """The theme terms a lay phrase stands for, by the phrase's key, where its group says
    ("means"); each must be a name, synonym or variant of the phrase's own theme."""
    means: dict[str, tuple[str, ...]] = {}
    for item in _data()["themes"]:
        theme = clean_keyword(item["theme"])
        for group in item.get("lay", []):
            terms = tuple(clean_keyword(t) for t in group.get("means", ()))
            if stray := [t for t in terms if _keyword_index().get(term_key(t)) != theme]:
                raise ValueError(f"taxonomy.json: {theme!r} lay group means {stray!r},"
                                 " not terms of the theme")
            if terms:
                means.update((term_key(phrase), terms) for phrase in group["terms"])
    return means


@dataclass(frozen=True)
class _Kind:
    """One kind of a theme of several: its terms as the taxonomy writes them, their keys,
    and the words they are written in."""

    terms: tuple[str, ...]
    keys: frozenset[str]
    words: frozenset[str]


@cache
def _kinds() -> dict[str, list[_Kind]]:
    """By theme, its kinds where the theme is one of several ("kinds": child exploitation is
    sexual, criminal or trafficking); each term must be a name, synonym or variant of the
    theme."""
    kinds: dict[str, list[_Kind]] = {}
    for item in _data()["themes"]:
        theme = clean_keyword(item["theme"])
        for kind in item.get("kinds", []):
            keys = frozenset(term_key(t) for t in kind["terms"])
            if stray := sorted(k for k in keys if _keyword_index().get(k) != theme):
                raise ValueError(f"taxonomy.json: {theme!r} kind {kind['kind']!r} holds"
                                 f" {stray!r}, not terms of the theme")
            kinds.setdefault(theme, []).append(
                _Kind(tuple(kind["terms"]), keys,
                      frozenset(w for t in kind["terms"] for w in _words(t))))
    return kinds


def _kinds_named(question: str) -> Iterator[tuple[list[str], str, _Kind]]:
    """Each term of a theme's kind that a question names, in its words as matched, with the
    theme and the kind; in the question's order."""
    words = _words(question)
    for i, j, theme in sorted(_matches(question, lay=False)):
        for kind in _kinds().get(theme, ()):
            if "".join(words[i:j]) in kind.keys:
                yield words[i:j], theme, kind


def kinds_asked(question: str) -> dict[str, frozenset[str]]:
    """By theme, the term keys of the kinds of it a question names ("criminal exploitation
    of boys": criminal exploitation's "county lines", "gangs" ...), for the themes whose
    kinds it names."""
    asked: dict[str, frozenset[str]] = {}
    for _, theme, kind in _kinds_named(question):
        asked[theme] = asked.get(theme, frozenset()) | kind.keys
    return asked


def theme_terms_named(text: str) -> list[tuple[str, Theme]]:
    """Each of a theme's own terms (:attr:`Theme.own_terms`, in their clean lower-case form:
    "forced marriage", "fgm") that ``text`` names, with its theme; in the text's order."""
    words = _words(text)
    named = []
    for i, j, theme in sorted(_matches(text, lay=False)):
        key = "".join(words[i:j])
        named.append((next(t for t in _themes()[theme].own_terms if term_key(t) == key),
                      _themes()[theme]))
    return named


def kind_terms_named(question: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Each term of a theme's kind that a question names, as the taxonomy writes it ("knife
    crime"), with the other terms of that kind that share a word with it ("use of
    knives") and those that do not ("child criminal exploitation", "criminal exploitation"
    ...), each in the taxonomy's order. In the question's order."""
    named = []
    for words, _, kind in _kinds_named(question):
        key, mine = "".join(words), set(words)
        others = [t for t in kind.terms if term_key(t) != key]
        near = tuple(t for t in others if mine & set(_words(t)))
        term = next(t for t in kind.terms if term_key(t) == key)
        named.append((term, near, tuple(t for t in others if t not in near)))
    return named


def words_kinds_share(question: str) -> set[str]:
    """The words of the kinds a question names that the theme's other kinds' terms use too
    ("exploitation" of "criminal exploitation", as "sexual exploitation" has it): alone they
    say no more than the theme."""
    shared: set[str] = set()
    for theme, keys in kinds_asked(question).items():
        kinds = _kinds()[theme]
        mine = set().union(*(kind.words for kind in kinds if kind.keys <= keys))
        others = set().union(*(kind.words for kind in kinds if not kind.keys <= keys))
        shared |= mine & others
    return shared


def themes_named_as_asked(text: str, asked: Mapping[str, frozenset[str]]) -> set[str]:
    """The themes ``text`` names in the reviews' words (:func:`themes_named_in`), a theme
    whose kinds a question asked (:func:`kinds_asked`) only where it is named by one of
    them: "child sexual exploitation" does not name the criminal exploitation asked about."""
    words = _words(text)
    return {theme for i, j, theme in _matches(text, lay=False)
            if theme not in asked or "".join(words[i:j]) in asked[theme]}


@cache
def _index() -> dict[str, str]:
    """Theme by term key, for every term of every theme; a key in two themes is an error."""
    index: dict[str, str] = {}
    for theme in _themes().values():
        for term in theme.terms:
            key = term_key(term)
            if not key:
                continue
            if index.setdefault(key, theme.theme) != theme.theme:
                raise ValueError(f"taxonomy.json: {term!r} is in both {index[key]!r}"
                                 f" and {theme.theme!r}")
    return index


@cache
def _spaced_terms() -> dict[str, str]:
    """Term by key, for the names, synonyms and variants written as two words or more."""
    spaced: dict[str, str] = {}
    for theme in _themes().values():
        for term in theme.own_terms:
            if len(_words(term)) > 1:
                spaced.setdefault(term_key(term), term)
                # its letters as typed, too: the key makes each word singular ("hidden men"
                # is "hiddenman"), which a word typed run together is not ("hiddenmen")
                spaced.setdefault(_letters(term), term)
    return spaced


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def written_term(word: str) -> str | None:
    """The term of a theme that ``word`` runs together ("cosleeping": "co-sleeping",
    "bedsharing": "bed-sharing", "hiddenmen": "hidden men"), as the taxonomy writes it;
    None where it runs none."""
    if len(_words(word)) != 1:
        return None
    return _spaced_terms().get(term_key(word)) or _spaced_terms().get(_letters(word))


@cache
def _keyword_index() -> dict[str, str]:
    """Theme by key of the terms a keyword may be (name, synonyms, variants; not lay words)."""
    return {term_key(t): theme.theme for theme in _themes().values() for t in theme.own_terms}


@cache
def _max_span() -> int:
    """How many question words one term can span at most (joined forms span a few more)."""
    return max(len(_words(t)) for theme in _themes().values() for t in theme.terms) + 2


@cache
def _glossary() -> dict[str, tuple[str, ...]]:
    """Professional terms by the key of each everyday phrase of the glossary, and each
    acronym's long form by the key of its short form and the other way round."""
    out: dict[str, tuple[str, ...]] = {}
    for phrases, terms, source in _glossary_entries():
        if not source.strip():
            raise ValueError(f"taxonomy.json: glossary entry {phrases!r} has no source")
        for phrase in phrases:
            key = term_key(phrase)
            out[key] = out.get(key, ()) + tuple(t for t in terms if t not in out.get(key, ()))
    return out


def all_terms() -> list[str]:
    """Every term the taxonomy holds: each theme's name, synonyms, variants and lay phrases,
    and both sides of the glossary and the acronyms."""
    return [*(t for theme in _themes().values() for t in theme.terms),
            *(t for phrases, terms, _ in _glossary_entries() for t in (*phrases, *terms))]


def _glossary_entries() -> Iterable[tuple[list[str], list[str], str]]:
    """(phrases, the terms they are searched with, source) of the glossary and acronyms."""
    for entry in _data().get("glossary", []):
        yield entry["lay"], entry["professional"], entry.get("source", "")
    for entry in _data().get("acronyms", []):
        yield [entry["short"]], [entry["long"]], entry.get("source", "")
        yield [entry["long"]], [entry["short"]], entry.get("source", "")


@cache
def _glossary_span() -> int:
    return max((len(_words(p)) for phrases, _, _ in _glossary_entries() for p in phrases),
               default=0) + 2


def glossary_terms(question: str) -> list[str]:
    """The professional terms for the glossary's everyday phrases found in ``question``
    ("teenager with fits" -> seizures, epilepsy), each once, leaving out those the question
    already uses."""
    words = _words(question)
    said = set(words)
    out: dict[str, str] = {}
    for _, _, key in _spans(words, _glossary_span()):
        for term in _glossary().get(key, ()):
            if not set(_words(term)) <= said:
                out.setdefault(term_key(term), term)
    return list(out.values())


def glossary_words(question: str) -> frozenset[str]:
    """The words of ``question``, as :func:`term_key` reads them, inside one of the
    glossary's everyday phrases ("smother", "tummy" of "tummy infection"): no misspellings,
    though no passage holds them."""
    words = _words(question)
    glossary = _glossary()
    return frozenset(word for i, j, key in _spans(words, _glossary_span()) if key in glossary
                     for word in words[i:j])


def lay_words(question: str) -> frozenset[str]:
    """The words of ``question``, as :func:`term_key` reads them, inside an everyday phrase
    searched in the reviews' terms: a theme's lay phrase of two words or more (see
    :func:`lay_expansion`) or a glossary phrase (:func:`glossary_words`)."""
    words = _words(question)
    return glossary_words(question) | frozenset(
        word for i, j, _ in _matches(question) if j - i >= 2 for word in words[i:j])


def glossary_terms_said(question: str) -> list[str]:
    """The glossary's reviews' terms of two words or more that ``question`` says itself
    ("any reviews where a young carer got missed": "young carer"), each once."""
    keys = {key for _, _, key in _spans(_words(question), _glossary_span())}
    return list(dict.fromkeys(term for _, terms, _ in _glossary_entries() for term in terms
                              if len(_words(term)) > 1 and term_key(term) in keys))


@cache
def _welsh() -> dict[str, tuple[str, ...]]:
    """English terms by the key of each Welsh word or phrase of the taxonomy's list."""
    out: dict[str, tuple[str, ...]] = {}
    for entry in _data().get("welsh", {}).get("words", []):
        for phrase in entry["cy"]:
            out[term_key(phrase)] = tuple(entry["en"])
    return out


@cache
def _welsh_span() -> int:
    """How many words the longest Welsh phrase of the list has."""
    return max((len(_words(p)) for e in _data().get("welsh", {}).get("words", [])
                for p in e["cy"]), default=0)


def _welsh_found(question: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the Welsh words and phrases of the list in the question, the
    longest where they overlap ("plant sy'n derbyn gofal", not "plant")."""
    welsh = _welsh()
    return longest_first([(i, j, key) for i, j, key in _spans(_words(question), _welsh_span())
                           if key in welsh])


@cache
def _english_too() -> frozenset[str]:
    return frozenset(term_key(w) for w in _data().get("welsh", {}).get("english_too", []))


def welsh_words_in(question: str) -> int:
    """How many of the list's Welsh words and phrases the question uses, less those that are
    English words too ("the plant closed" is no Welsh)."""
    return sum(key not in _english_too() for _, _, key in _welsh_found(question))


def welsh_terms(question: str) -> list[str]:
    """The English terms for the Welsh words of a question asked in Welsh ("trais domestig
    a babanod" -> domestic abuse, babies), each once: the model and the index read English.
    The caller says whether the question is Welsh ("plant" and "tai" are English words too)."""
    out: dict[str, str] = {}
    for _, _, key in _welsh_found(question):
        for term in _welsh()[key]:
            out.setdefault(term_key(term), term)
    return list(out.values())


@cache
def ignored_keywords() -> Mapping[str, str]:
    """Corpus keywords deliberately mapped to no theme, each with the reason why."""
    return MappingProxyType({clean_keyword(item["keyword"]): item["reason"]
                             for item in _data().get("ignore", [])})


@cache
def _ignored_keys() -> frozenset[str]:
    return frozenset(term_key(k) for k in ignored_keywords())


# --- public API -----------------------------------------------------------------------------


def all_themes() -> list[Theme]:
    """Every canonical theme, sorted by name."""
    return sorted(_themes().values(), key=lambda t: t.theme)


def get_theme(name: str) -> Theme | None:
    """The theme that ``name`` (a canonical name or any of its terms) belongs to."""
    theme = _themes().get(clean_keyword(name)) or _themes().get(
        _index().get(term_key(name), ""))
    return theme


def canonical_theme(keyword: str) -> str | None:
    """The canonical theme of a corpus keyword, or None if it names no known theme.

    Case, whitespace, punctuation, hyphens, apostrophes, simple plurals and the typos listed
    as variants are all forgiven. A compound keyword of the kind newsletter headings use
    ("Safe Sleeping/Substance Abuse", "Risk Assessment; Parents in the Criminal Justice
    System") gets the theme of its first known part; :func:`normalise_keywords` keeps all.
    Lay wording is not accepted here (keywords are professional terms), and keywords in the
    ignore list give None.
    """
    key = term_key(keyword)
    if key in _keyword_index():
        return _keyword_index()[key]
    if key in _ignored_keys():
        return None
    for part in _compound_parts(keyword):
        if theme := _keyword_index().get(term_key(part)):
            return theme
    return None


def _compound_parts(keyword: str) -> list[str]:
    """The parts of a compound keyword, or [] if it is not one.

    Parts are separated by ";", or by "/" where a side is itself a known term ("Safe
    Sleeping/Substance Abuse"); a slash inside a phrase ("parents/carers") splits nothing.
    """
    parts = []
    for part in (p for p in _SEMICOLON.split(keyword) if p.strip()):
        sides = [p for p in _SLASH.split(part) if p.strip()]
        if len(sides) > 1 and any(term_key(side) in _keyword_index() for side in sides):
            parts.extend(sides)
        else:
            parts.append(part)
    return parts if len(parts) > 1 else []


def normalise_keywords(keywords: Iterable[str]) -> list[str]:
    """Canonical themes for a review's keywords, deduplicated, in first-seen order.

    A keyword that is a known term becomes its theme. A compound keyword ("a/b", "a; b") is
    read part by part. Any other keyword (or part) is kept, cleaned and lower-cased, so that
    nothing is lost, preceded by the themes whose names, synonyms or variants it mentions:
    the learning theme "thresholds for neglect" gives ["assessment", "neglect",
    "thresholds for neglect"].
    """
    out: dict[str, None] = {}
    for keyword in keywords:
        cleaned = clean_keyword(keyword)
        if not cleaned:
            continue
        key = term_key(cleaned)
        if key in _keyword_index():
            out[_keyword_index()[key]] = None
            continue
        for part in _compound_parts(cleaned) or [cleaned]:
            if theme := _keyword_index().get(term_key(part)):
                out[theme] = None
                continue
            if term_key(part) not in _ignored_keys():
                for theme in _matched_themes(part, lay=False):
                    out[theme] = None
            out[clean_keyword(part)] = None
    return list(out)


def _spans(words: list[str], longest: int | None = None) -> Iterable[tuple[int, int, str]]:
    """(start, end, key) of every run of consecutive words up to ``longest`` words (default:
    the longest theme term)."""
    longest = longest or _max_span()
    for i in range(len(words)):
        key = ""
        for j in range(i, min(len(words), i + longest)):
            key += words[j]
            yield i, j + 1, key


# Acronyms that are everyday words as well: named only where written in capitals ("should
# GPs send reports to conference?" was taken to be about special educational needs).
CAPITALS_ONLY = frozenset({"send"})


def _matches(text: str, lay: bool = True) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, theme) term matches in ``text``, longest terms first."""
    return _terms_in(_words(text), text, _index() if lay else _keyword_index())


def _terms_in(words: list[str], text: str, index: dict[str, str]) -> list[tuple[int, int, str]]:
    """:func:`_matches` over ``words``, the words of ``text``, as word positions."""
    return longest_first([(i, j, index[key]) for i, j, key in _spans(words)
                          if key in index and (key not in CAPITALS_ONLY
                                               or re.search(rf"\b{key.upper()}\b", text))])


_TOKEN = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*|&")


def theme_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, theme) of each theme term ``text`` names (lay phrases too), as character
    offsets, in the text's order (see :func:`themes_in_query`)."""
    placed = [(word, m.start(), m.end()) for m in _TOKEN.finditer(text) for word in _words(m[0])]
    return sorted((placed[i][1], placed[j - 1][2], theme)
                  for i, j, theme in _terms_in([word for word, _, _ in placed], text, _index()))


def _matched_themes(text: str, lay: bool = True) -> list[str]:
    return list(_themes_matched(text, lay))


@lru_cache(maxsize=16384)
def _themes_matched(text: str, lay: bool) -> tuple[str, ...]:
    """(remembered by text: an answer asks it of the same passages' sentences again and
    again, and the index's passages are few)"""
    matches = sorted(_matches(text, lay), key=lambda m: m[0])
    return tuple(dict.fromkeys(theme for _, _, theme in matches))


def names_any_theme(text: str, themes: Iterable[str]) -> bool:
    """Whether ``text`` names any of ``themes`` in any of its terms, everyday phrases too
    (as :func:`themes_in_query` reads it): a theme's review read for it is quoted where it
    says it so ("Both parents had learning difficulties")."""
    return not set(themes).isdisjoint(_themes_matched(text, True))


def lay_expansion(question: str, per_theme: int = 3) -> list[str]:
    """Professional words for what a question says in lay words only: for each theme its
    lay phrases name ("mum kept hiding things" -> disguised compliance) and its professional
    terms do not, the theme's name and first synonyms, or the terms the phrase's group says
    it means ("carrying knives" -> knife crime, not child sexual exploitation); then the
    glossary's terms for the everyday phrases it uses ("locked up" -> custody;
    :func:`glossary_terms`). A question already in the reviews' own words ("domestic abuse")
    gets nothing: adding synonyms there dilutes it (on the tune split, theme questions lost
    0.05 MRR@10 when every theme was expanded)."""
    professional = set(_matched_themes(question, lay=False))
    # Only lay *phrases* count: a lone everyday word ("died", "baby") names too much to
    # stand for one theme's professional terms.
    words = _words(question)
    phrased: dict[str, list[tuple[str, ...]]] = {}
    for i, j, theme in sorted(_matches(question), key=lambda m: m[0]):
        if j - i >= 2 and theme not in professional:
            # the theme's kinds the phrase means ("carrying knives": knife crime), else its
            # name and first synonyms
            phrased.setdefault(theme, []).append(_lay_means().get("".join(words[i:j]), ()))
    out: dict[str, str] = {}
    for theme, meant in phrased.items():
        named = (_themes()[theme].theme, *_themes()[theme].synonyms)[:per_theme]
        for terms in meant:
            for term in terms or named:
                out.setdefault(term_key(term), term)
    for term in glossary_terms(question):
        out.setdefault(term_key(term), term)
    return list(out.values())


def themes_in_query(question: str) -> list[str]:
    """Canonical themes whose terms (name, synonyms, variants, lay phrases) occur in a question.

    Terms match whole words, forgiving case, punctuation, hyphens and spaces inside
    compounds ("bed-sharing", "bed sharing", "bedsharing") and simple plurals ("GPs" and
    "gp"). Where terms overlap, the longest wins ("online grooming" is online abuse, not
    child exploitation). Themes come in the order they first appear in the question.
    """
    return _matched_themes(question)


def _typed(short: str) -> re.Pattern[str]:
    """An acronym as typed: in its capitals, a word of its own, plural or not ("DVs")."""
    return re.compile(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])")


def acronyms_written_out(text: str, unheld: Callable[[str], bool] = lambda short: True) -> str:
    """``text`` with each acronym of the taxonomy typed in capitals that ``unheld`` says no
    passage holds written out ("DV": "domestic violence"), for what reads it by meaning: the
    model reads "DV" as letters (one passages hold, "CIN", is searched as itself)."""
    for entry in _data().get("acronyms", []):
        typed = _typed(entry["short"])
        if typed.search(text) and unheld(entry["short"]):  # (asked only of those typed)
            text = typed.sub(entry["long"], text)
    return text


def acronyms_typed(text: str) -> list[tuple[str, str]]:
    """(acronym, long form) of each acronym of the taxonomy typed in capitals in ``text``."""
    return [(entry["short"], entry["long"]) for entry in _data().get("acronyms", [])
            if _typed(entry["short"]).search(text)]


def acronyms_for_long_forms(text: str) -> str:
    """``text`` with the long form of each acronym of the taxonomy, where it says one,
    written as the acronym ("Social Care Institute for Excellence (SCIE)": "SCIE (SCIE)"),
    so that it reads alike whichever way it is written."""
    for entry in _data().get("acronyms", []):
        if entry["long"].casefold() in text.casefold():
            text = re.sub(rf"(?<![\w-]){re.escape(entry['long'])}(?![\w-])", entry["short"], text,
                          flags=re.IGNORECASE)
    return text


def acronym_themes(question: str) -> list[tuple[str, str]]:
    """(acronym, theme) for each acronym typed in capitals whose long form is one of a
    theme's own terms ("DV cases": DV, domestic abuse, whose synonym is "domestic
    violence"), in the taxonomy's order; not one whose long form only holds a theme's term
    ("MARAC" is no question on assessment)."""
    index = _keyword_index()
    return [(entry["short"], index[term_key(entry["long"])])
            for entry in _data().get("acronyms", []) if term_key(entry["long"]) in index
            and _typed(entry["short"]).search(question)]


def phrases_holding(word: str, theme: str, text: str) -> list[str]:
    """The terms of two or more words of ``theme`` (lay phrases included) that hold
    ``word`` ("missing": "went missing", "missing from care"...), where ``text`` names the
    theme; none where it does not."""
    if theme not in themes_in_query(text):
        return []
    return [term for term in _themes()[theme].terms
            if word in term.lower().split() and len(term.split()) > 1]


def theme_phrases(text: str) -> list[list[str]]:
    """The words of each of the reviews' theme terms (name, synonyms, variants) of two or
    more words that ``text`` uses, as terms are matched: lower-case simple singulars
    ("safe sleep")."""
    words = _words(text)
    return [words[i:j] for i, j, _ in _matches(text, lay=False) if j - i >= 2]


def themes_named_in(text: str) -> list[str]:
    """Canonical themes whose own terms (name, synonyms, variants: the words reviews use, not
    lay phrases) occur in ``text``, in order of first occurrence."""
    return _matched_themes(text, lay=False)


def mentions(text: str, term: str) -> bool:
    """Whether ``term`` occurs in ``text`` as whole words, with the same tolerance."""
    key = term_key(term)
    return bool(key) and any(k == key for _, _, k in _spans(_words(text)))


def mentions_any(text: str, terms: Iterable[str]) -> bool:
    """Whether any of ``terms`` occurs in ``text`` as :func:`mentions` reads it, the text
    read once, not once a term."""
    keys = {key for term in terms if (key := term_key(term))}
    return bool(keys) and any(k in keys for _, _, k in _spans(_words(text)))


def theme_naming_terms(theme: str) -> list[str]:
    """The everyday words for a theme and those that show a passage tells of it ("died",
    "death of" for child death), beside its filter terms where a theme is left out; none
    for an unknown theme."""
    found = get_theme(theme)
    return [*found.lay, *found.names] if found else []


def theme_filter_terms(theme: str) -> list[str]:
    """Every term a theme filter should find in a review's keywords (substring match).

    The theme's name, synonyms and variants, lower-case, deduplicated; short single words
    and acronyms are left out (see ``MIN_FILTER_TERM_CHARS``). ``theme`` may be a canonical
    name or any of its terms; an unknown theme gives just itself, cleaned.
    """
    found = get_theme(theme)
    if found is None:
        cleaned = clean_keyword(theme)
        return [cleaned] if cleaned else []
    return list(dict.fromkeys(
        t for t in found.own_terms if " " in t or "-" in t or len(t) >= MIN_FILTER_TERM_CHARS))
