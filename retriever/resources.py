"""Resources the documents point to: the reports, films, toolkits, guidance and training that
a newsletter lists under "Linked Research & Resources" (``corpus.digests`` keeps them apart
from its reviews, in the store's ``resources`` table).

They are not what any review found, so an answer never quotes them as evidence. A question
that asks for them ("any films I could use on radicalisation?", "where can I find safe sleep
guidance?") is shown them beside the answer, each linked to where its document lists it: a
trainer's question, which the passages answered with case summaries while a note said no
passage uses "films".

A resource is matched to what the question is about, its asking words taken out ("any
research on" of "any research on learning disabled parents"): with them in, every resource
titled "... research" or "... Resources" came close to every question."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from reviewqa.corpus.store import ResourceRow
from reviewqa.corpus.text import words

from .answer import SUBJECT_WORDS
from .lexical import STOPWORDS
from .types import ResourceLink, source_url

RESOURCES_HEADING = "Resources the documents point to"
RESOURCES_NOTE = "Reports, films, toolkits and training a document lists: not what any review found."

# A word that asks for resources wherever it stands ...
_ALWAYS = (r"films|toolkits?|tool ?kits?|leaflets?|podcasts?|infographics?|e-?learning|further reading|"
           r"reading lists?|useful links|hand-?outs?|hand\s+out|research\s+summar(?:y|ies)")
# ... and one that does beside a word saying which ("any research", "guidance on", "films
# for", "what reading or resources"): "were there enough resources in the team?" asks for
# none, nor "his phone was full of drill videos", nor "for a training session, give me three
# case examples".
_TRAINING = r"training(?!\s+(?:sessions?|days?|events?|workshops?))"  # (not what it is for)
_SOMETIMES = (rf"resources?|research(?! project)|guidance|guides?|articles?|reading|{_TRAINING}|"
              r"courses?|materials?|film|videos?|clips?|evaluations?")
_ASKS = re.compile(
    rf"\b(?:{_ALWAYS})\b"
    rf"|\b(?:any|some|a|short|useful|good|helpful|recommended|free|other|more)\s+(?:\w+\s+)?"
    rf"(?:{_SOMETIMES})\b"
    # ("what reading or resources do the documents recommend?"; not "what training did the
    # reviews recommend for police officers?", which asks what reviews found)
    # ("what guidance or practice tools do the documents mention?")
    rf"|\b(?:what|which)\s+(?:\w+\s+){{0,2}}?(?:{_SOMETIMES})(?:\s+(?:or|and)\s+(?:\w+\s+)?\w+)?"
    r"\s+(?:is\s+there|are\s+there|"
    r"(?:do|does|can|could|would|might)\s+(?!(?:the\s+|these\s+|any\s+)?(?:reviews?|cases?|reports?)\b)|"
    # ("what resources are listed under the neglect heading?")
    r"(?:are|is)\s+(?:listed|linked)\b)"
    rf"|\b(?:{_SOMETIMES})\s+(?:(?:is|are)\s+(?:there|available)\s+)?"
    r"(?:on|about|into|around|regarding|for|to use|(?:that\s+)?(?:i|we)\s+(?:could|can))\b"
    r"|\bwhere\s+(?:can|could|do|would)\s+(?:i|we)\s+(?:find|get|read)\b"
    # what a newsletter's section links ("and the barnardo's resource under that heading?")
    rf"|\b(?:{_SOMETIMES})\s+(?:listed\s+|linked\s+)?(?:under|in)\s+(?:that|this|the|its|each)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:heading|section)s?\b"
    # what a newsletter or digest points its readers to
    r"|\b(?:documents?|newsletters?|digests?|it|they)\s+points?\s+(?:\w+\s+)?to\b"
    # and what a document lists ("what resources did it list for practitioners?", after the
    # Sameer brief: it repeated the answer before)
    r"|\b(?:what|which)\s+(?:resources?|links?|reading|materials?|guidance)\s+(?:did|does|do)\s+"
    r"(?:it|they|the\s+\w+(?:\s+\w+){0,3})\s+(?:list|link|give|include|signpost|point)", re.IGNORECASE)
# The kinds a question may ask for, and the words a resource's text says it is one with (not
# research: most resources are reports of it).
KINDS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    kind: (re.compile(rf"\b(?:{asked})\b", re.IGNORECASE),
           re.compile(rf"\b(?:{said})\b", re.IGNORECASE))
    for kind, asked, said in [
        ("film", r"films?|videos?|clips?", r"films?|videos?"),
        ("toolkit", r"tool ?kits?", r"tool ?kits?"),
        ("training", rf"{_TRAINING}|courses?|e-?learning", r"training|courses?|e-?learning"),
        ("guidance", r"guidance|guides?|leaflets?", r"guidance|guides?|leaflets?"),
        ("article", r"articles?|blogs?", r"articles?|blogs?"),
    ]}
# What asks and says nothing of the topic, beside stopwords ("are there any ... I could use
# for a session on ..."), and who a resource is for ("films for young people" asks for films).
ASKING_WORDS = frozenset("""any some useful good helpful recommended free other more further list lists
links link resource resources film films video videos clip clips toolkit
toolkits tool kit kits leaflet leaflets podcast podcasts infographic
infographics elearning research guidance guide guides article articles reading
read watch show share training course courses material materials find get use
using used session sessions workshop team teams staff need needed looking look
recommend please where can could would there is are know anything something hand
hands out handout handouts point points people documents document newsletter
evaluation evaluations summary summaries reports report recommends apart give
them hand-out alongside accompanying besides advertise advertises advertised advertising
offer offers offered local available""".split())  # ("any resources on Prevent alongside it?";
# "does the newsletter advertise any local training?" named no topic, and listed nothing)
_AUDIENCE = SUBJECT_WORDS | frozenset("""parents parent carers professionals practitioners
schools school teachers social workers workers nurses police""".split())
_E_LEARNING = re.compile(r"\be-learning\b", re.IGNORECASE)  # (not "learning" of a topic)
# A resource this close to what the question is about is listed ...
MIN_COSINE = 0.5
# ... and one this close that is of the kind asked for ("any videos about grooming of gay boys
# online": the BBC's film, 0.45; at 0.3, "an evening for parents on what to do if your
# teenager is being sexually exploited ... films, guides, research summaries?" listed county
# lines guidance) ...
KIND_MIN_COSINE = 0.4
# ... or this close that says half or more of the topic's words, each said by few resources
# ("any resources on neglect": "How Safe Are our Children", "Child Neglect 19,448 reports
# ...", 0.34; not Barnardo's "parental offending" for "parental substance misuse")
NAMED_MIN_COSINE = 0.3
KIND_BONUS = 0.1  # "training on domestic abuse" lists the training pathway (0.45) first
MAX_LISTED = 5
MAX_UNTOPICAL = 8  # "any films?" lists the documents' films, this many at most
MAX_OF_DOCUMENTS = 12  # a review's own list, asked for (the Sameer brief's is 11)


def asks_for_resources(question: str) -> bool:
    """Whether a question asks for reports, films, toolkits, guidance or training to use, not
    (only) what the reviews found."""
    return bool(_ASKS.search(question))


def topic_of(question: str) -> str:
    """What a request for resources is about, its asking words and audience taken out:
    "any research on learning disabled parents" -> "learning disabled parents"; "" for
    "any films for young people?"."""
    kept = [w for w in words(_E_LEARNING.sub(" ", question))
            if w not in STOPWORDS and w not in ASKING_WORDS]
    return " ".join(kept) if set(kept) - _AUDIENCE else ""


class _Loaded(NamedTuple):
    rows: list[ResourceRow]
    vectors: np.ndarray  # one a row, as questions are encoded
    said: list[frozenset[str]]  # each row's words
    themes: list[list[frozenset[str]]]  # each row's themes (see _themes)


class Resources:
    """The index's resources, with their vectors and words made on first use (a few dozen in
    a newsletter: encoded like questions, as the model is symmetric) and kept until
    :meth:`forget` (the index changed), not again for each question."""

    def __init__(self, rows: Callable[[], Sequence[ResourceRow]],
                 encode: Callable[[str], np.ndarray]) -> None:
        self._read = rows
        self._encode = encode
        self._lock = threading.Lock()
        self._loaded_once: _Loaded | None = None

    def forget(self) -> None:
        with self._lock:
            self._loaded_once = None

    def _loaded(self) -> _Loaded:
        with self._lock:
            if self._loaded_once is None:
                rows = list(self._read())
                vectors = [self._encode(_plain(row.text)) for row in rows]
                self._loaded_once = _Loaded(
                    rows, np.stack(vectors) if vectors else np.zeros((0, 1), np.float32),
                    [frozenset(words(row.text)) for row in rows], [_themes(row) for row in rows])
            return self._loaded_once

    def documents(self) -> frozenset[str]:
        """The names of the documents that list a resource."""
        return frozenset(row.document for row in self._loaded().rows)

    def for_question(self, question: str) -> list[ResourceLink]:
        """The resources a question asks for, closest first: those close in meaning to its
        topic (those of the kind it names ahead), or, where it names no topic, those of the
        kind it names ("any films?"), or the first few ("any resources?"). None where it asks
        for no resource."""
        return self.listing(question)[0]

    def naming(self, names: Sequence[str]) -> list[ResourceLink]:
        """The resources whose titles say one of ``names`` (the names in capitals a question
        says that no review passage does: "what is FASH?", a service a newsletter's resource
        evaluates, had no answer and listed nothing), in the documents' order."""
        wanted = {n.lower() for n in names}
        return [_link(row, 0.0) for row in self._loaded().rows
                if wanted & set(words(row.title))][:MAX_LISTED]

    def listing(self, question: str, within: Callable[[ResourceRow], bool] | None = None,
                topic: str | None = None) -> tuple[list[ResourceLink], int]:
        """:meth:`for_question`'s resources, and how many match in all: more than are listed
        where they are cut short ("any resources?" lists 8 of 24). ``within``: those of some
        documents alone (see :meth:`of_reviews`); ``topic``: what the question is about, where
        the caller has read it (by default, :func:`topic_of` the question)."""
        if not asks_for_resources(question):
            return [], 0
        rows, vectors, said, themes = self._loaded()
        allowed = [within is None or within(row) for row in rows]
        if not any(allowed):
            return [], 0
        kinds = [said for asked, said in KINDS.values() if asked.search(question)]
        of_kind = [bool(kinds) and any(said.search(row.text) for said in kinds) for row in rows]
        if not (topic := topic_of(question) if topic is None else topic):
            wanted = [_link(row, 0.0) for row, of_it, ok in zip(rows, of_kind, allowed, strict=True)
                      if ok and (of_it or not kinds)]
            return wanted[:MAX_UNTOPICAL if within is None else MAX_OF_DOCUMENTS], len(wanted)
        scores = vectors @ self._encode(topic)
        # the topic's words some resource says (not "glos" of "what does the South Glos
        # newsletter point people to on neglect?"), each said by few (a word most resources use
        # names none: "care" of "children in care")
        named = {w for w in set(topic.split()) - _AUDIENCE if any(w in s for s in said)}
        rare = all(sum(w in s for s in said) <= max(2, len(rows) // 8) for w in named)
        # or listed under a theme the topic names: "What the Prevent Duty Means for Schools"
        # never says "radicalisation" (its cosine with it 0.01), the theme it is listed under
        # (the most telling of those: "sexually exploited" names "Child Sexual Exploitation",
        # not "Sexual Abuse" too)
        about = _openings(topic)
        named_themes = {theme for row_themes in themes for theme in row_themes if theme <= about}
        named_themes = {theme for theme in named_themes if not any(theme < other for other in named_themes)}
        under = [not named_themes.isdisjoint(row_themes) for row_themes in themes]
        listed = [i for i in range(len(rows)) if allowed[i] and (
            scores[i] >= MIN_COSINE
            or (scores[i] >= KIND_MIN_COSINE and of_kind[i])
            or (scores[i] >= NAMED_MIN_COSINE and rare and named
                and 2 * len(named & said[i]) >= len(named))
            or under[i])]
        listed.sort(key=lambda i: (-(scores[i] + KIND_BONUS * (of_kind[i] + under[i])), i))
        return [_link(rows[i], float(scores[i])) for i in listed[:MAX_LISTED]], len(listed)

    def of_reviews(self, question: str, within: Callable[[ResourceRow], bool],
                   topic: str) -> list[ResourceLink]:
        """The resources the reviews or documents a question names list (``within``), that it
        asks about. Asked for resources, as :meth:`listing` finds them among those, all of them
        where it names no ``topic`` ("what resources did the Sameer brief list for
        practitioners?" repeated its answer on supervision); not asked for them, those close
        in meaning to its topic (MIN_COSINE), closest first ("anything in the Sameer brief
        about bruising in babies?": it lists the NSPCC's guidance on bruising and a protocol
        for bruising in non-mobile babies, and no passage says more; "why did the brief say
        criminal evidence was given too much weight?" does not ask for its "Resolving
        Professional Disagreements and Escalation evidence log", 0.42)."""
        if asks_for_resources(question):
            return self.listing(question, within, topic)[0]
        rows, vectors, _, _ = self._loaded()
        mine = [i for i, row in enumerate(rows) if within(row)]
        if not topic or not mine:
            return []
        scores = vectors[mine] @ self._encode(topic)
        close = sorted(((float(score), i) for i, score in zip(mine, scores, strict=True)
                        if score >= MIN_COSINE), key=lambda item: (-item[0], item[1]))
        return [_link(rows[i], score) for score, i in close[:MAX_LISTED]]


def listed_text(question: str, listed: int, matching: int) -> str:
    """What an answer listing a question's resources and nothing else says of them: how many
    the documents point to, and, where some are left out, how to find those ("any
    resources?" listed 8 of 24 and said nothing of the others)."""
    named = [_KIND_SHOWN.get(kind, kind) for kind, (asked, _) in KINDS.items() if asked.search(question)]
    kind = f" of the kind asked ({' or '.join(named)})" if named else ""
    if listed == matching:
        return f"The documents point to {resource_count(listed)}{kind}, below."
    return (f"The documents point to {resource_count(matching)}{kind}; the first {listed} are below. "
            "Name a topic to find the others (\"any films on radicalisation?\").")


_KIND_SHOWN = {"film": "films", "toolkit": "toolkits", "article": "articles"}


def resource_count(n: int) -> str:
    """ "1 resource", "11 resources"."""
    return f"{n} resource" + ("" if n == 1 else "s")


def _plain(text: str) -> str:
    return " ".join(text.split())


def _themes(row: ResourceRow) -> list[frozenset[str]]:
    """The themes a resource is listed under, each as the openings of its words (see
    :func:`_openings`): of a heading naming several ("Safe Sleeping/Substance Abuse"), those
    whose words its own text says (the Lullaby Trust's guidance is on safe sleeping, not
    substance misuse)."""
    parts = [_openings(part) for part in _THEME_PARTS.split(row.theme) if part.strip()]
    if len(parts) > 1:
        own = _openings(row.text)
        parts = [part for part in parts if part & own]
    return [part for part in parts if part]


_THEME_PARTS = re.compile(r"[/;]")


def _openings(text: str) -> frozenset[str]:
    """The first four letters of each word of ``text`` that says what it is about:
    "sexually exploited" meets "Child Sexual Exploitation", "learning disabled parents"
    "Parental Learning Disability"."""
    return frozenset(w[:4] for w in words(text) if w not in STOPWORDS and w not in SUBJECT_WORDS)


def _link(row: ResourceRow, score: float) -> ResourceLink:
    return ResourceLink(title=row.title, text=_plain(row.text), document=row.document,
                        url=source_url(row.document_key, row.start, row.end), score=score,
                        theme=row.theme)
