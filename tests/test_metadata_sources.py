"""Metadata that is never invented: what each document is taken to be, where every field of
every review comes from, and documents that are not reviews.

On real text: the sample corpus's own README (notes that name Baby Sama, Bradford and 2016
without being a review; copied below), a partnership annual report written here that
discusses three published reviews by name, and the 84 bundled reviews, whose metadata must
stay as it was before fields had sources (the table below was read from an index built
before).
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from reviewqa.corpus.digests import child_age
from reviewqa.corpus.identity import same_review
from reviewqa.corpus.ingest import ingest, remove_document
from reviewqa.corpus.manifest import bundled_corpus_dir
from reviewqa.corpus.repair import repair_text
from reviewqa.corpus.segment import segment
from reviewqa.corpus.store import SCHEMA_VERSION, Store, StoreVersionError
from reviewqa.corpus.types import META_FIELDS, FieldSource, ReviewMeta

SAMA = "bedford-borough-2017-baby-sama-scr-overview-report.txt"

SAMPLE_CORPUS_README = (  # /work/shared/corpus/README.md, byte for byte
    "# The sample corpus\n"
    "\n"
    "Five real, published documents about UK child-safeguarding case reviews. They are the\n"
    "project's bundled default corpus: copy them into `corpus/data/` under descriptive "
    "names,\n"
    "keep the text byte-for-byte (do not hand-edit the damage; the ingester must cope with "
    "it),\n"
    "and record each one's provenance in a manifest.\n"
    "\n"
    "| file | what it is | shape | what makes it hard |\n"
    "| --- | --- | --- | --- |\n"
    "| `000_cc634e817c93ccea.txt` | Bradford Safeguarding Children Board learning brief, "
    'child "Sameer" (actions dated 2017–2018) | one review; Markdown-ish bullet sections '
    '("What was the story?", "What are we worried about?", "What needs to happen?") | links '
    "stripped to `[text](#)`; headings are plain lines |\n"
    "| `001_fcca8598beaff0b9.txt` | South Gloucestershire Safeguarding Children Board "
    'newsletter, "News and Research Quarter Two" (reviews published 2016–2017) | ~25 serious '
    "case review summaries grouped under themes (Domestic Abuse, Adolescence, CSE, Neglect, "
    '...), each with author, board and year, plus "Linked Research & Resources" that are not '
    'reviews | entries without a header line; a heading broken over two lines ("Serious" / '
    '"Case Reviews:"); metadata inline in odd orders |\n'
    '| `002_e4301c9ae491deef.txt` | Torbay Safeguarding Children Partnership digest, "NSPCC '
    'Repository – January 2024" | 6 reviews in Markdown, each with summary, learning themes, '
    "recommendations | some entries lack the `##` heading; numbered titles |\n"
    "| `003_886d59e6be5cdeb8.txt` | Bedford Borough Safeguarding Children Board, Serious "
    'Case Review "Baby Sama" (2017), full overview report | one long report (~18,000 words): '
    "foreword, numbered paragraphs (1.3, 2.72, ...), findings, learning points, glossary, "
    "appendices | extracted from PDF: hard-wrapped lines, paragraph numbers on their own "
    'lines, footnote bodies interleaved with text, words split by stray spaces ("t he", "pr '
    'ocedures"), page furniture |\n'
    '| `004_a4fbcd6355c5d539.txt` | NSPCC list "Case reviews published in 2018" (last '
    "updated 4 Sep 2018; also holds 2017 entries) | ~68 entries: `YEAR – AREA – CHILD`, "
    'one-line incident, Background / Key issues / Learning / Recommendations / Keywords, "> '
    'Read the overview report" | dash styles vary (`-`, `–`, none); some areas "Anonymous"; '
    'keywords contain typos ("discguised") |\n'
    "\n"
    "Several reviews appear in more than one document (Baby Sama in 003 and 004; Child K,\n"
    "Jack, Martin, Harry, Child T, Siblings W and X and others in both 001 and 004): one "
    "review,\n"
    "several sources.\n"
    "\n"
    "The content is about the abuse and deaths of real children. The reviews are published\n"
    "and anonymised; the software must never help re-identify anyone.\n"
)

ANNUAL_REPORT = """Northbridge Safeguarding Children Partnership
Annual Report 2018–19

Foreword

This report sets out what the partners did between April 2018 and March 2019 to keep
children in Northbridge safe, and what we will do next year. It was written for the
partnership board by its business manager and agreed in July 2019.

Learning from case reviews

The partnership did not commission any new reviews this year. Instead, practitioners met to
learn from three reviews published elsewhere. The serious case review "Baby Sama" (Bedford
Borough Safeguarding Children Board, 2017) looked at pre-birth assessment and at how the
risk from a violent father was understood; Baby Sama was 7 weeks old when she died. The
serious case review about Child K (Rochdale, 2017) concerned a baby girl who drowned in the
bath, and the learning brief about Sameer (Bradford Safeguarding Children Board, 2018) told
how a boy's voice was not heard.

Sixty practitioners came to the Baby Sama and Child K sessions in November 2018. They said
they now check criminal history when a pregnancy is reported, and that they escalate
disagreements sooner.

Priorities for 2019–20

- Embed the escalation policy across all agencies.
- Audit pre-birth assessments in the maternity service.
- Hear from children about what helps them to speak out.
"""

SCR = "serious case review"
LCSPR = "local child safeguarding practice review"
BRIEF = "learning brief"

# id: (title, area, year, type) of each bundled review, as an index built before this change
# stored them.
BUNDLED = {
    "anonymous-2017-alex": ("Alex", None, 2017, SCR),
    "anonymous-2017-child-ab": ("Child AB", None, 2017, SCR),
    "anonymous-2017-child-f": ("Child F and Family", None, 2017, SCR),
    "anonymous-2017-child-y": ("Child Y", None, 2017, SCR),
    "anonymous-2017-considering-child-sexual-exploitation": (
        "Considering child sexual exploitation", None, 2017, SCR),
    "anonymous-2017-martin": ("Martin", None, 2017, SCR),
    "anonymous-2018-charlie-and-sam": ("Charlie and Sam", None, 2018, SCR),
    "anonymous-2018-child-h1": ("Child H1", None, 2018, SCR),
    "anonymous-2018-child-z": ("Child Z", None, 2018, SCR),
    "anonymous-2018-children-f-g-and-h": ("Children F, G and H", None, 2018, SCR),
    "anonymous-2018-emily": ("Emily", None, 2018, SCR),
    "anonymous-2024-babies-who-sustained-injuries": (
        "Babies who sustained injuries", None, 2024, "thematic review"),
    "anonymous-2024-c101": ("C101", None, 2024, "safeguarding children practice review"),
    "anonymous-2024-child-v": ("Child V", None, 2024, SCR),
    "anonymous-2024-samuel-shay-and-joy": ("Samuel, Shay, and Joy", None, 2024, LCSPR),
    "bedford-2017-baby-sama": ("Baby Sama", "Bedford", 2017, SCR),
    "birmingham-2017-child-d": ("Child D", "Birmingham", 2017, SCR),
    "birmingham-2017-child-s": ("Child S", "Birmingham", 2017, SCR),
    "birmingham-2017-isobel": ("Isobel", "Birmingham", 2017, SCR),
    "birmingham-2017-shi-anne-downer-birth-name-aka-keegan-downer": (
        "Shi-Anne Downer [birth name]: AKA Keegan Downer", "Birmingham", 2017, SCR),
    "blackburn-with-darwen-2018-child-y": ("Child Y", "Blackburn with Darwen", 2018, SCR),
    "blackpool-2017-child-bw": ("Child BW", "Blackpool", 2017, SCR),
    "bournemouth-and-poole-2017-child-o": ("Child O", "Bournemouth and Poole", 2017, SCR),
    "bradford-2017-jack": ("Jack", "Bradford", 2017, SCR),
    "bradford-2018-sameer": ("Sameer", "Bradford", 2018, BRIEF),
    "bradford-2024-child-a": ("Child A", "Bradford", 2024, LCSPR),
    "brighton-and-hove-2017-a": ("'A'", "Brighton and Hove", 2017, SCR),
    "brighton-and-hove-2017-siblings-w-and-x": ("Siblings W and X", "Brighton and Hove", 2017, SCR),
    "buckinghamshire-2017-child-sexual-exploitation-1998-2016": (
        "Child Sexual Exploitation 1998 - 2016", "Buckinghamshire", 2017, SCR),
    "calderdale-2016-jeanette": ("Jeanette", "Calderdale", 2016, SCR),
    "camden-2016-child-b": ("Child B", "Camden", 2016, SCR),
    "central-bedfordshire-2016-bethany": ("Bethany", "Central Bedfordshire", 2016, SCR),
    "central-bedfordshire-2017-nolan": ("Nolan", "Central Bedfordshire", 2017, SCR),
    "city-of-london-and-hackney-2018-child-m": ("Child M", "City of London and Hackney", 2018, SCR),
    "croydon-2017-claire": ("Claire", "Croydon", 2017, SCR),
    "croydon-2018-joe": ("Joe", "Croydon", 2018, SCR),
    "croydon-and-lewisham-2017-children-r-s-and-w": (
        "Children R, S and W", "Croydon and Lewisham", 2017, SCR),
    "derbyshire-2017-polly": ("Polly", "Derbyshire", 2017, SCR),
    "dorset-2018-child-m": ("Child M", "Dorset", 2018, SCR),
    "dudley-2017-child-p-and-child-h": ("Child P and Child H", "Dudley", 2017, SCR),
    "durham-2017-baby-bailey": ("Baby Bailey", "Durham", 2017, SCR),
    "edinburgh-2017-the-sexual-abuse-of-children-in-care": (
        "The Sexual abuse of children in care", "Edinburgh", 2017, "significant case review"),
    "enfield-2017-child-yt": ("Child YT", "Enfield", 2017, SCR),
    "gloucestershire-2016-philip-and-his-siblings-john-and-darren": (
        "Philip, (and his siblings, John and Darren)", "Gloucestershire", 2016, SCR),
    "greenwich-2018-w-family": ("W family", "Greenwich", 2018, SCR),
    "halton-2017-young-person": ("Young Person", "Halton", 2017, SCR),
    "haringey-2016-child-r": ("Child R", "Haringey", 2016, SCR),
    "hertfordshire-2016-child-a": ("Child A", "Hertfordshire", 2016, SCR),
    "hertfordshire-2017-child-g": ("Child G", "Hertfordshire", 2017, SCR),
    "hertfordshire-2017-family-h": ("Family H", "Hertfordshire", 2017, SCR),
    "hull-2017-baby-j": ("Baby J", "Hull", 2017, SCR),
    "isle-of-wight-2017-child-g": ("Child G", "Isle of Wight", 2017, SCR),
    "kent-2017-child-c": ("Child C", "Kent", 2017, SCR),
    "liverpool-2017-chris": ("Chris", "Liverpool", 2017, SCR),
    "luton-2017-child-j": ("Child J", "Luton", 2017, SCR),
    "luton-2024-keeping-young-people-safe-from-risks-related-to-exploitation-violent-youth-crime-and-gang-associations-luton": (  # noqa: E501
        "Keeping young people safe from risks related to"
        " exploitation, violent youth crime and gang associations (Luton)",
        "Luton", 2024, "child safeguarding practice review"),
    "manchester-2017-child-i1": ("Child I1", "Manchester", 2017, SCR),
    "merton-2017-child-b": ("Child B", "Merton", 2017, SCR),
    "norfolk-2016-child-p": ("Child P", "Norfolk", 2016, SCR),
    "north-east-lincolnshire-2017-child-t": ("Child T", "North East Lincolnshire", 2017, SCR),
    "nottingham-2017-baby-on16": ("Baby ON16", "Nottingham", 2017, SCR),
    "nottingham-2017-child-j": ("Child J", "Nottingham", 2017, SCR),
    "rochdale-2017-child-k": ("Child K", "Rochdale", 2017, SCR),
    "rochdale-2017-child-l": ("Child L", "Rochdale", 2017, SCR),
    "somerset-2017-child-l-and-child-j": ("Child L and Child J", "Somerset", 2017, SCR),
    "somerset-2017-child-sam": ("Child Sam", "Somerset", 2017, SCR),
    "somerset-2017-fenestra": ("Fenestra", "Somerset", 2017, SCR),
    "staffordshire-2017-child-b": ("Child B", "Staffordshire", 2017, SCR),
    "sunderland-2017-young-person-rachel": ("Young person Rachel", "Sunderland", 2017, SCR),
    "sunderland-2018-baby-a": ("Baby A", "Sunderland", 2018, SCR),
    "sunderland-2018-young-person-mark": ("Young Person Mark", "Sunderland", 2018, SCR),
    "surrey-2017-child-bb": ("Child BB", "Surrey", 2017, SCR),
    "surrey-2017-child-gg": ("Child GG", "Surrey", 2017, SCR),
    "swindon-2016-child-d": ("Child D", "Swindon", 2016, SCR),
    "swindon-2017-child-s": ("Child S", "Swindon", 2017, SCR),
    "thurrock-2017-harry": ("Harry", "Thurrock", 2017, SCR),
    "trafford-2017-child-n": ("Child N", "Trafford", 2017, SCR),
    "trafford-2017-child-pb": ("Child PB", "Trafford", 2017, SCR),
    "waltham-forest-2017-child-m": ("Child M", "Waltham Forest", 2017, SCR),
    "waltham-forest-2017-child-s": ("Child S and Family", "Waltham Forest", 2017, SCR),
    "warrington-2017-child-1": ("Child 1", "Warrington", 2017, SCR),
    "warwickshire-2017-child-j": ("Child J", "Warwickshire", 2017, SCR),
    "warwickshire-2017-child-t": ("Child T", "Warwickshire", 2017, SCR),
    "wolverhampton-2018-child-g": ("Child G", "Wolverhampton", 2018, SCR),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Store:
    """The bundled corpus, with the README saved as notes.md and the annual report, in one
    index (chunked with the estimating tokenizer: metadata does not depend on the window)."""
    extra = tmp_path_factory.mktemp("extra")
    (extra / "notes.md").write_text(SAMPLE_CORPUS_README, encoding="utf-8")
    (extra / "annual-report-2018-19.txt").write_text(ANNUAL_REPORT, encoding="utf-8")
    store = Store.open(tmp_path_factory.mktemp("index"))
    report = ingest(store, [bundled_corpus_dir(), extra])
    assert report.ok, report.failed
    assert len(report.added) == 7
    yield store
    store.close()


def _document(store: Store, name: str):
    (doc,) = [d for d in store.documents() if d.name == name]
    return doc


def _rows_of(store: Store, document_id: int) -> set[str]:
    return {r[0] for r in store.db.execute(
        "SELECT DISTINCT review_id FROM chunks WHERE document_id = ?", (document_id,))}


# -- what a document is -----------------------------------------------------------------------


def test_the_bundled_documents_are_what_they_say_they_are():
    manifest = json.loads((bundled_corpus_dir() / "manifest.json").read_text(encoding="utf-8"))
    kinds = {}
    for info in manifest["documents"]:
        text = repair_text((bundled_corpus_dir() / info["file"]).read_text(encoding="utf-8"))
        with_manifest = segment(text, layout=info.get("layout"), review=info.get("review"),
                                fallback_title=info["file"], manifest_title=info["title"])
        without = segment(text, fallback_title=info["file"])
        assert with_manifest.kind == without.kind, info["file"]
        assert with_manifest.warnings == [], info["file"]  # the manifest agrees with the text
        kinds[info["file"]] = without.kind
    assert sorted(kinds.values()) == ["digest", "digest", "digest", "review", "review"]


def test_readme_as_notes_is_an_other_document_titled_by_its_heading():
    text = repair_text(SAMPLE_CORPUS_README)
    segmented = segment(text, fallback_title="notes")
    assert segmented.kind == "other"
    assert segmented.reason == "it does not name itself a review"
    assert segmented.title == "The sample corpus"
    (entry,) = segmented.entries
    meta = entry.meta
    assert meta == ReviewMeta(title="The sample corpus", kind="document",
                              sources={"title": FieldSource("text", 2, 19)})
    assert text[2:19] == "The sample corpus"
    # The whole text is searchable, in blocks, like any document's.
    assert entry.blocks and entry.blocks[-1].end > len(text) - 200


def test_notes_in_the_index_have_a_title_and_no_child_area_or_year(corpus):
    notes = _document(corpus, "notes.md")
    (row_id,) = _rows_of(corpus, notes.id)
    row = corpus.review(row_id)
    assert (row.kind, row.title) == ("document", "The sample corpus")
    assert (row.area, row.year, row.type, row.child_age, row.summary) == (None,) * 5
    assert row.authors == [] and row.keywords == []
    assert row.label == row.heading == "The sample corpus"
    assert not any("sama" in r.title.lower() for r, _ in corpus.other_documents())
    assert row_id not in {r.id for r in corpus.reviews()}  # not in the catalogue
    assert [(r.title, d.name) for r, d in corpus.other_documents()] == [
        ("Northbridge Safeguarding Children Partnership Annual Report 2018–19",
         "annual-report-2018-19.txt"),
        ("The sample corpus", "notes.md")]
    assert dict(corpus.reviews_per_document())["notes.md"] == 0
    assert corpus.document_reviews(notes.id) == []
    # A search hit in the notes names the notes, nothing else: its review is title only.
    hits = corpus.chunks(corpus.bm25(["Sama"], depth=200))
    in_notes = [c for c in hits if c.document_id == notes.id]
    assert in_notes
    (shown,) = corpus.reviews({c.review_id for c in in_notes})
    assert (shown.title, shown.area, shown.year, shown.type) == ("The sample corpus", None,
                                                                 None, None)


def test_filters_on_review_metadata_never_return_other_documents(corpus):
    from reviewqa.corpus.types import Filters

    others = {c.id for d in ("notes.md", "annual-report-2018-19.txt")
              for c in corpus.chunks() if c.document_id == _document(corpus, d).id}
    for filters in (Filters(year_from=2016), Filters(area="Bradford"), Filters(area="Bedford"),
                    Filters(review_type="review"), Filters(theme="neglect")):
        assert not others & set(corpus.chunk_ids(filters)), filters


def test_annual_report_is_no_review_and_merges_into_none(corpus):
    report = _document(corpus, "annual-report-2018-19.txt")
    text = corpus.document_text(report.id)
    segmented = segment(text, fallback_title="annual-report-2018-19")
    assert segmented.kind == "other"
    (row_id,) = _rows_of(corpus, report.id)
    row = corpus.review(row_id)
    assert row.kind == "document"
    assert row.title == "Northbridge Safeguarding Children Partnership Annual Report 2018–19"
    assert (row.area, row.year, row.type, row.child_age) == (None, None, None, None)
    # The reviews it discusses keep exactly their own sources, and the counts are unchanged.
    assert corpus.counts()["reviews"] == 84
    assert corpus.counts()["other_documents"] == 2
    sama = [r for r in corpus.reviews() if r.title == "Baby Sama"]
    child_k = [r for r in corpus.reviews() if r.title == "Child K" and r.area == "Rochdale"]
    sameer = [r for r in corpus.reviews() if r.title == "Sameer"]
    assert len(sama) == len(child_k) == len(sameer) == 1
    assert {s.document_name for s in corpus.review_sources(sama[0].id)} == {
        SAMA, "nspcc-2018-case-reviews-published-in-2018.txt"}
    assert {s.document_name for s in corpus.review_sources(child_k[0].id)} == {
        "nspcc-2018-case-reviews-published-in-2018.txt",
        "south-gloucestershire-2017-news-and-research-q2.txt"}
    assert {s.document_name for s in corpus.review_sources(sameer[0].id)} == {
        "bradford-2018-sameer-learning-brief.txt"}
    for review in (*sama, *child_k, *sameer):
        assert not _rows_of(corpus, report.id) & {review.id}


def test_a_document_is_never_the_same_review_as_one_it_mentions():
    sama_text = repair_text((bundled_corpus_dir() / SAMA).read_text(encoding="utf-8"))
    sama = ReviewMeta(title="Baby Sama", area="Bedford", year=2017)
    quoted = ANNUAL_REPORT + "\n" + sama_text[:4000]  # even one quoting the report at length
    as_document = ReviewMeta(title="Baby Sama", kind="document")
    assert not same_review(as_document, quoted, sama, sama_text)
    assert not same_review(sama, sama_text, as_document, quoted)
    # The same words as a review without an area would be one with it: it is the kind that
    # keeps them apart.
    assert same_review(ReviewMeta(title="Baby Sama"), quoted, sama, sama_text)


def test_removing_an_other_document_removes_its_row(tmp_path):
    store = Store.open(tmp_path / "index")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "annual.txt").write_text(ANNUAL_REPORT, encoding="utf-8")
    assert ingest(store, [folder]).ok
    assert store.counts()["other_documents"] == 1 and store.counts()["reviews"] == 0
    remove_document(store, "annual.txt")
    assert store.counts() == {"documents": 0, "reviews": 0, "other_documents": 0, "chunks": 0,
                              "resources": 0}
    store.close()


# -- the manifest ----------------------------------------------------------------------------


def test_the_manifest_corrects_and_warns_where_the_text_disagrees():
    text = repair_text((bundled_corpus_dir() / SAMA).read_text(encoding="utf-8"))
    segmented = segment(text, layout="single", fallback_title="x",
                        review={"title": "Baby S", "area": "Luton", "year": 2017,
                                "authors": ["Liz Murphy"], "type": "serious case review"})
    meta = segmented.entries[0].meta
    assert (meta.title, meta.area, meta.year) == ("Baby S", "Luton", 2017)
    assert all(meta.sources[f] == FieldSource("manifest")
               for f in ("title", "area", "year", "authors", "review_type"))
    assert meta.sources["child_age"].origin == "text"  # the manifest did not give it
    assert len(segmented.warnings) == 2
    title_warning, area_warning = segmented.warnings
    assert "title 'Baby S'" in title_warning and "'Baby Sama'" in title_warning
    assert "area 'Luton'" in area_warning and "'Bedford'" in area_warning
    assert "Bedford Borough" in area_warning  # where the text says so
    # A manifest may also empty a field, and then it has no source.
    cleared = segment(text, layout="single", review={"area": None}).entries[0].meta
    assert cleared.area is None and "area" not in cleared.sources


def test_the_manifest_says_what_a_document_is():
    text = repair_text(SAMPLE_CORPUS_README)
    forced = segment(text, layout="single", review={"title": "Sample corpus notes"})
    assert forced.kind == "review"
    assert forced.warnings == ["the manifest says this is a review, but it does not name itself "
                               "a review"]
    report = repair_text((bundled_corpus_dir() / SAMA).read_text(encoding="utf-8"))
    other = segment(report, layout="other", manifest_title="Sama report")
    assert other.kind == "other"
    assert other.entries[0].meta == ReviewMeta(title="Sama report", kind="document",
                                               sources={"title": FieldSource("manifest")})
    assert other.warnings == ["the manifest says this is not a review, but its title names a "
                              "serious case review"]


# -- every field has a source ------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _states(name: str, value: object, span: str) -> bool:
    """Whether the words ``span`` holds state ``value``, allowing for normalisation: case,
    spacing, plurals ("serious case reviews"), "Bedford Borough" for "Bedford", number words
    for digits in an age ("aged eight")."""
    if name == "child_age":
        return child_age(span) == value
    said = " ".join(_words(span))
    values = value if isinstance(value, list) else [value]
    return all(all(re.search(rf"\b{re.escape(w)}s?\b", said) for w in _words(str(v))) for v in values)


def _manifest_reviews() -> dict[str, dict]:
    manifest = json.loads((bundled_corpus_dir() / "manifest.json").read_text(encoding="utf-8"))
    return {d["file"]: {("review_type" if k == "type" else k): v
                        for k, v in d.get("review", {}).items()} for d in manifest["documents"]}


def _check(meta: object, sources: dict, text_of, manifest_of, where: str, *,
           merged: bool = False) -> None:
    """Every field of ``meta`` that has a value has a source, and that source gives it: the
    manifest entry says it, or the span of the text states it. In a merged review a list
    (keywords, authors) is a union: its source is the first document's, which need not
    hold the others' items (checked on their own entries)."""
    for name in META_FIELDS:
        attr = "type" if name == "review_type" and not hasattr(meta, name) else name
        value = getattr(meta, attr)
        if not value:
            assert name not in sources, (where, name)
            continue
        assert name in sources, (where, name, value)
        src = sources[name]
        if src.origin == "manifest":
            assert manifest_of(src).get(name) == value, (where, name)
        else:
            assert src.origin == "text", (where, name, src)
            span = text_of(src)[src.start:src.end]
            if merged and isinstance(value, list):
                assert any(_states(name, [item], span) for item in value), (where, name, span)
            else:
                assert _states(name, value, span), (where, name, value, span)


def test_every_field_of_every_document_entry_has_a_source_in_its_text(corpus):
    manifest = _manifest_reviews()
    rows = corpus.db.execute(
        "SELECT d.id, d.name, s.label, s.meta FROM review_sources s"
        " JOIN documents d ON d.id = s.document_id").fetchall()
    checked = 0
    for document_id, name, label, raw in rows:
        meta = ReviewMeta.from_json(json.loads(raw))
        text = corpus.document_text(document_id)
        _check(meta, meta.sources, lambda src, text=text: text,
               lambda src, name=name: manifest.get(name, {}), f"{name}: {label}")
        assert all(src.document is None for src in meta.sources.values())  # it is this one
        checked += 1
    assert checked == 68 + 19 + 6 + 1 + 1 + 2


def test_every_field_of_every_merged_review_keeps_its_source(corpus):
    assert len(corpus.reviews()) == 84
    documents = {d.key: d for d in corpus.documents()}
    manifest = _manifest_reviews()
    for review in corpus.reviews():
        names = {s.document_name for s in corpus.review_sources(review.id)}

        def document_of(src: FieldSource, review_id: str = review.id, names: set = names):
            assert src.document in documents, (review_id, src)
            assert documents[src.document].name in names  # one of the review's own documents
            return documents[src.document]

        _check(review, review.sources,
               lambda src, of=document_of: corpus.document_text(of(src).id),
               lambda src, of=document_of: manifest.get(of(src).name, {}), review.id,
               merged=True)
        # A union (keywords, authors) takes its items from the documents' own entries, each
        # of which has them in its own source.
        entries = [(ReviewMeta.from_json(json.loads(raw)), document_id) for raw, document_id in
                   corpus.db.execute("SELECT meta, document_id FROM review_sources"
                                     " WHERE review_id = ?", (review.id,))]
        for field_name in ("authors", "keywords"):
            for item in getattr(review, field_name):
                assert any(
                    meta.sources[field_name].origin == "manifest"
                    or _states(field_name, [item], corpus.document_text(document_id)[
                        meta.sources[field_name].start:meta.sources[field_name].end])
                    for meta, document_id in entries
                    if item.lower() in (v.lower() for v in getattr(meta, field_name))
                ), (review.id, field_name, item)


def test_the_bundled_reviews_keep_their_metadata(corpus):
    got = {r.id: (r.title, r.area, r.year, r.type) for r in corpus.reviews()}
    assert got == BUNDLED


# -- the store's layout --------------------------------------------------------------------------


def test_an_index_of_the_first_layout_is_refused_with_the_rebuild_hint(tmp_path):
    assert SCHEMA_VERSION == 2
    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / Store.FILENAME)
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StoreVersionError, match="--rebuild"):
        Store.open(tmp_path)
    store, paths = Store.recreate(tmp_path)
    assert paths == [] and store.get_meta("schema_version") == "2"
    store.close()


def test_info_reviews_shows_each_field_with_the_words_that_state_it(bundled_index_dir):
    """`reviewqa info --reviews`: every field of every review, and for a text source the
    quoted words, which are the document's own at those offsets."""
    import json as json_

    from typer.testing import CliRunner

    from reviewqa.corpus.store import Store
    from reviewqa.ui.cli import app

    result = CliRunner().invoke(app, ["info", "--reviews", "--json", "--index",
                                      str(bundled_index_dir)])
    assert result.exit_code == 0, result.output
    listed = json_.loads(result.stdout)
    with Store.open(bundled_index_dir) as store:
        assert len(listed) == store.counts()["reviews"]
        names = {d.name: d for d in store.documents()}
        checked = 0
        for review in listed:
            for f in review["fields"]:
                assert f["origin"] in ("manifest", "text", "file", "not stated"), f
                if f["origin"] == "text":
                    text = store.document_text(names[f["document"]].id)
                    assert f["quote"] == " ".join(text[f["start"]:f["end"]].split())[:160]
                    checked += 1
        assert checked > 84  # most reviews state several fields in their text
