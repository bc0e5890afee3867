"""The UK places a question may name beside the index's own areas (corpus/places.json)."""

from __future__ import annotations

import json

import pytest

from reviewqa.corpus import places
from reviewqa.corpus.text import holds_words


def test_the_data_file_is_whole_and_says_where_its_names_come_from():
    data = json.loads(places.DATA_FILE.read_text(encoding="utf-8"))
    assert data["source"].startswith("ISO 3166-2:GB") and data["former_source"]
    nations = set(data["nations"])
    assert nations == {"England", "Wales", "Scotland", "Northern Ireland"}
    assert set(data["adjectives"].values()) == nations  # "Scottish reviews"
    entries = [*data["authorities"], *data["former"]]
    assert all(e["nation"] in nations for e in entries)
    names = [n for e in entries for n in (e["name"], *e.get("also", ()))]
    assert len(names) == len(set(names)), "a name stands for one place"
    counts = {n: sum(e["nation"] == n for e in data["authorities"]) for n in nations}
    # ISO 3166-2:GB: 22 Welsh principal areas, 32 Scottish council areas, 11 NI districts.
    assert (counts["Wales"], counts["Scotland"], counts["Northern Ireland"]) == (22, 32, 11)
    assert sum(bool(e.get("london")) for e in data["authorities"]) == 33  # 32 boroughs + the City


@pytest.mark.parametrize(("question", "said", "kind"), [
    ("Were there any reviews from Wales?", "Wales", "nation"),
    ("reviews in cymru", "Wales", "nation"),
    ("From Kent, what did reviews say?", "Kent", "authority"),
    ("what happened in london?", "London", "london"),
    ("reviews from the City of London", "City of London", "authority"),  # the longest name
    ("neglect cases in Lewisham", "Lewisham", "authority"),
    ("cases from Kingston upon Hull", "Kingston upon Hull", "authority"),
    ("reviews from Caerdydd", "Caerdydd", "authority"),
    ("what did reviews in Newry, Mourne and Down find?", "Newry, Mourne and Down", "authority"),
])
def test_a_place_after_in_or_from_is_read(question, said, kind):
    [place] = places.places_named(question)
    assert (place.said, place.kind) == (said, kind)


@pytest.mark.parametrize(("question", "said"), [
    ("Cornwall reviews on neglect", "Cornwall"),
    ("what did Leeds serious case reviews say about neglect", "Leeds"),
    ("Oxfordshire Operation Bullfinch SCR recommendations", "Oxfordshire"),
    ("what did Reading reviews say about neglect", "Reading"),  # mid-question: the town
])
def test_a_place_before_reviews_is_read(question, said):
    # "Cornwall reviews on neglect" was told no passage uses "cornwall" and quoted reviews
    # from elsewhere without saying that none is Cornwall's.
    [place] = places.places_named(question)
    assert (place.said, place.kind) == (said, "authority")


@pytest.mark.parametrize(("question", "said"), [
    ("Hackney Child M: what was recommended?", "Hackney"),
    ("Kent 2017, Baby ON16 - key issues?", "Kent"),
    ("Lambeth – Young Person L, what went wrong?", "Lambeth"),
])
def test_a_place_before_a_review_s_title_is_read(question, said):
    # (set AH's read half: "Hackney 2018, Child M - what do they mean by respectful
    # certainty?" named no place, and Dorset's Child M was quoted beside Hackney's)
    [place] = places.places_named(question)
    assert (place.said, place.kind) == (said, "authority")


def test_a_word_that_is_a_place_opening_a_question_before_a_title_is_the_word():
    assert places.places_named("Reading Child A's review, what stands out?") == []


def test_a_place_before_a_title_names_its_review_of_that_title(retriever):
    plan = retriever.understand("Hackney 2018, Child M - what did it say about certainty?")
    assert plan.named_reviews == ("city-of-london-and-hackney-2018-child-m",)


def test_every_english_authority_outside_london_is_in_one_region():
    data = json.loads(places.DATA_FILE.read_text(encoding="utf-8"))
    assert data["regions_source"].startswith("ONS")
    english = {e["name"] for e in [*data["authorities"], *data["former"]]
               if e["nation"] == "England" and not e.get("london")}
    listed = [name for members in data["regions"].values() for name in members]
    assert sorted(listed) == sorted(english)  # each once, none unknown
    assert len(data["regions"]) == 8  # England's nine, London read as London


@pytest.mark.parametrize(("question", "region"), [
    ("reviews from the North West of England", "North West"),  # was read as "England"
    ("North West reviews on neglect", "North West"),
    ("cases in the north-east", "North East"),
    ("cases from the East of England", "East of England"),
    ("Yorkshire and the Humber SCRs", "Yorkshire and the Humber"),
])
def test_an_english_region_is_read(question, region):
    [place] = places.places_named(question)
    assert (place.names, place.kind) == ((region,), "region")


@pytest.mark.parametrize("question", [
    "reviews from North East Lincolnshire",  # an authority, the longest name
    "the family lived to the north west of the city",  # a direction, not after "in"/"from"
])
def test_a_regions_words_elsewhere_are_not_the_region(question):
    assert all(p.kind != "region" for p in places.places_named(question))


@pytest.mark.parametrize(("question", "regions", "named"), [
    ("any reviews in the north of england?", ("North East", "North West", "Yorkshire and the Humber"),
     "the North of England (the North East, the North West and Yorkshire and the Humber)"),
    ("cases in the north", ("North East", "North West", "Yorkshire and the Humber"),
     "the North of England (the North East, the North West and Yorkshire and the Humber)"),
    ("Midlands reviews about neglect", ("East Midlands", "West Midlands"),
     "the Midlands (the East Midlands and the West Midlands)"),
    ("reviews from the south", ("London", "South East", "South West"),
     "the South of England (London, the South East and the South West)"),
    ("reviews from yorkshire", ("Yorkshire and the Humber",), "Yorkshire (Yorkshire and the Humber)"),
])
def test_a_part_of_england_is_read_as_its_regions(question, regions, named):
    # "any reviews in the north of england?" was read as England's 68 reviews and quoted
    # Thurrock's through "NHS England"; "reviews from yorkshire" quoted Baby Sama's method
    [place] = places.places_named(question)
    assert (place.names, place.kind, places.place_name(place)) == (regions, "region", named)


@pytest.mark.parametrize("question", [
    "reviews in north wales",  # a nation's part, not England's North
    "in the south of Ireland",
    "reviews from North Yorkshire",  # an authority, the longest name
    "East Midlands reviews",  # a region, the longest name
])
def test_a_part_of_englands_words_elsewhere_are_not_the_part(question):
    assert all(p.title == "" for p in places.places_named(question))


def test_a_part_of_englands_reviews_are_listed_and_said(retriever):
    in_london = {r.id for r in retriever.store.reviews() if places.in_london(r.area or "")}
    south = {r.id for r in retriever.store.reviews()
             if places.region_of(r.area or "") in ("South East", "South West")} | in_london
    answer = retriever.answer("which reviews are from the south of england?")
    assert in_london and south - in_london and answer.groups
    assert {g.review_id for g in answer.groups} <= south, answer.text
    assert (f"Only the {len(south)} reviews from the South of England (London, the South East "
            "and the South West) (as your question asks) were searched.") in answer.notes, answer.notes


@pytest.mark.parametrize("question", ["anything from Rochdale?", "Rochdale?",
                                      "what have you got from rochdale"])
def test_a_place_said_alone_lists_its_reviews(retriever, question):
    # "anything from Rochdale?" quoted one of its two reviews, "what have you got from the
    # north east?" none of four: a place and nothing else asks for its reviews
    rochdale = {r.id for r in retriever.store.reviews() if r.area == "Rochdale"}
    answer = retriever.answer(question)
    assert len(rochdale) == 2 and {g.review_id for g in answer.groups} == rochdale, answer.text


def test_a_regions_reviews_are_searched_and_said(retriever):
    # "reviews from the North West of England" was read as England's 68 reviews, and quoted
    # Thurrock's through "West African"
    assert [places.region_of(a) for a in ("Rochdale", "Croydon and Lewisham", "Hull")] == [
        "North West", None, "Yorkshire and the Humber"]
    north_west = {r.id for r in retriever.store.reviews()
                  if places.region_of(r.area or "") == "North West"}
    answer = retriever.answer("reviews from the North West of England")
    assert north_west and {g.review_id for g in answer.groups} <= north_west, answer.text
    assert (f"Only the {len(north_west)} reviews from the North West (as your question asks) "
            "were searched.") in answer.notes, answer.notes


@pytest.mark.parametrize("question", [
    "London reviews from 2016 about injured babies",
    "what have London boroughs found about gangs",
    "london cases of neglect",
])
def test_london_before_its_reviews_or_boroughs_is_read(question):
    # "London reviews from 2016 about injured babies" was searched in every 2016 review and
    # quoted Hertfordshire's and Swindon's
    [place] = places.places_named(question)
    assert (place.said, place.kind) == ("London", "london")


def test_london_reviews_are_searched_in_londons_reviews_alone(retriever):
    in_london = {r.id for r in retriever.store.reviews()
                 if places.in_london(r.area or "") and r.year == 2016}
    answer = retriever.answer("London reviews from 2016 about injured babies")
    assert answer.groups and {g.review_id for g in answer.groups} <= in_london, answer.text
    assert any(n.startswith(f"Only the {len(in_london)} reviews from London published in 2016 ")
               for n in answer.notes), answer.notes


@pytest.mark.parametrize(("question", "said"), [
    ("are there any reviews from Scotland, Wales or Northern Ireland in the collection",
     ["Scotland", "Wales", "Northern Ireland"]),
    ("neglect in Cornwall and Bradford", ["Cornwall", "Bradford"]),
    ("reviews from Leeds, Bury and Reading", ["Leeds", "Bury", "Reading"]),
    ("reviews from the City of London and Kent", ["City of London", "Kent"]),
    # not what follows a place that names none
    ("neglect in Bradford and the family's move", ["Bradford"]),
    ("in Kent, and what did they find?", ["Kent"]),
    # a region said as one's own, its places in brackets (set K: read as the places alone)
    ("any reviews from my region, the South West (Somerset, Dorset, Wiltshire)?",
     ["South West", "Somerset", "Dorset", "Wiltshire"]),
    ("cases in my area: the North East", ["North East"]),
])
def test_the_places_a_question_lists_are_read_in_order(question, said):
    # "from Scotland, Wales or Northern Ireland" was read as Scotland alone
    assert [p.said for p in places.places_named(question)] == said


def test_places_named_beside_the_places_reviews_are_from_are_said(retriever):
    answer = retriever.answer("are there any reviews from Scotland, Wales or Northern Ireland "
                              "in the collection")
    assert "Only the 1 review from Scotland (as your question asks) was searched." in answer.notes
    assert "No review from Wales or Northern Ireland is in the index." in answer.notes
    assert not any(n.startswith("No passage in the index uses") for n in answer.notes)
    assert {c.hit.review.area for c in answer.citations} == {"Edinburgh"}, answer.text
    mixed = retriever.answer("neglect in Cornwall and Bradford")
    assert "No review from Cornwall is in the index." in mixed.notes, mixed.notes
    assert mixed.citations and {c.hit.review.area for c in mixed.citations} == {"Bradford"}
    none = retriever.answer("reviews from Wales or Northern Ireland")
    assert none.kind == "no_answer"
    assert "No review from Wales or Northern Ireland is in the index." in none.notes, none.notes
    # a nation's adjective beside places says how a review was run, not where
    plan = retriever.understand("Which reviews used the Welsh child practice review methodology "
                                "even though they are English areas")
    assert plan.place == "England" and not plan.places_absent


def test_a_place_before_reviews_that_no_review_is_from_is_said(retriever):
    answer = retriever.answer("Cornwall reviews on neglect")
    assert "No review from Cornwall is in the index; all reviews were searched." in answer.notes
    assert answer.citations, answer.text  # the reviews on neglect, from elsewhere, said so


@pytest.mark.parametrize(("question", "nation"), [
    ("are there any Scottish reviews", "Scotland"),
    ("Welsh case reviews about neglect", "Wales"),
    ("any northern irish cases?", "Northern Ireland"),
    ("what do English safeguarding partnerships recommend?", "England"),
])
def test_a_nations_adjective_before_reviews_names_it(question, nation):
    # "are there any Scottish reviews" searched the word "scottish", which no passage uses,
    # and found nothing: Edinburgh's review is Scottish.
    [place] = places.places_named(question)
    assert (place.names, place.kind) == ((nation,), "nation")


@pytest.mark.parametrize("question", [
    "children with English as an additional language",  # a language, not a nation's reviews
    "a Welsh-speaking family",
])
def test_a_nations_adjective_elsewhere_names_no_place(question):
    assert places.places_named(question) == []


def test_a_nations_reviews_are_listed_by_its_adjective(retriever):
    scottish = {r.id for r in retriever.store.reviews() if places.nation_of(r.area or "") == "Scotland"}
    answer = retriever.answer("are there any Scottish reviews")
    assert scottish and {g.review_id for g in answer.groups} == scottish, answer.text
    assert any("review from Scotland" in note for note in answer.notes), answer.notes
    none = retriever.answer("any northern irish cases?")
    assert none.kind == "no_answer" and "No review from Northern Ireland is in the index." in none.notes


@pytest.mark.parametrize("question", [
    "Reading the reviews, what went wrong?",  # a word that is also a town, not after "in"
    "Reading reviews about neglect, what stands out?",  # nor opening a question
    "what did reviews recommend for NHS England?",
    "the mother's reading and writing",  # a place in lower case is a word
    "families who bury their concerns",
    "a baby left in bath alone",
    "difficulties in reading",
])
def test_words_that_are_also_places_are_not_read_as_places(question):
    assert places.places_named(question) == []


def test_a_place_typed_in_lower_case_is_read_as_printed():
    # "neglect reviews from cornwall" was searched across every review, and said nothing
    assert [(p.said, p.kind) for p in places.places_named("neglect reviews from cornwall")] == [
        ("Cornwall", "authority")]
    assert [p.said for p in places.places_named("any leeds reviews on neglect")] == ["Leeds"]
    assert [p.said for p in places.places_named("from scotland, wales or cardiff")] == [
        "Scotland", "Wales", "Cardiff"]
    assert places.written_out("the south glos newsletter") == "the south Gloucestershire newsletter"


def test_a_place_in_lower_case_that_no_review_is_from_is_said(retriever):
    notes = retriever.answer("neglect reviews from cornwall").notes
    assert "No review from Cornwall is in the index; all reviews were searched." in notes, notes
    notes = retriever.answer("what did the south glos newsletter say about neglect").notes
    assert any("South Gloucestershire Safeguarding Children Board" in n for n in notes), notes


def test_a_countys_usual_abbreviation_is_written_out():
    # "the Bucks review covering CSE from 1998 to 2016" was read as reviews published then
    assert places.written_out("the Bucks review") == "the Buckinghamshire review"
    assert places.written_out("Herts and Glos") == "Hertfordshire and Gloucestershire"
    assert places.written_out("passing the bucks, Hertsmere") == "passing the bucks, Hertsmere"
    data = json.loads(places.DATA_FILE.read_text(encoding="utf-8"))
    short = [s for e in [*data["authorities"], *data["former"]] for s in e.get("short", ())]
    assert len(short) == len(set(short)) >= 16


def test_a_point_of_the_compass_abbreviated_before_a_place_is_written_out(retriever):
    # "NE Lincolnshire Child T, the 4 yr old with the drugs and head injuries - key issues?"
    # (set AD) was read as Child T alone, and answered with Warwickshire's too
    assert places.written_out("the NE Lincs review") == "the North East Lincolnshire review"
    assert places.written_out("NE Lincolnshire") == "North East Lincolnshire"
    assert places.written_out("S Glos and W Sussex") == "South Gloucestershire and West Sussex"
    assert places.written_out("N Yorks SCRs") == "North Yorkshire SCRs"
    assert places.written_out("what about the NE?") == "what about the NE?"
    answer = retriever.answer("NE Lincs Child T - what happened?")
    assert {g.review_id for g in answer.groups} == {"north-east-lincolnshire-2017-child-t"}, answer.text


def test_places_listed_after_an_informal_areas_name_are_named():
    # "anything from the Black Country – Dudley, Wolverhampton, Sandwell or Walsall?" (set AE)
    # named no place: Sandwell and Walsall were searched as words, and said to be in no passage
    # (the Black Country is now a place of its own, whose boroughs they are)
    named = places.places_named(
        "anything from the Black Country – Dudley, Wolverhampton, Sandwell or Walsall?")
    assert {name for p in named for name in p.names} == {
        "Dudley", "Wolverhampton", "Sandwell", "Walsall"}
    assert [p.said for p in places.places_named("the West Country: Somerset or Devon")] == [
        "Somerset", "Devon"]
    assert places.places_named("which country has the most reviews?") == []


def test_an_areas_nation_is_its_own_or_its_first_known_parts():
    assert places.nation_of("Edinburgh") == "Scotland"
    assert places.nation_of("Croydon and Lewisham") == "England"
    assert places.nation_of("Bournemouth and Poole") == "England"  # former authorities
    assert places.nation_of("Durham") == places.nation_of("Hull") == "England"  # short forms
    assert places.nation_of("Atlantis") is None
    assert places.in_london("City of London and Hackney") and not places.in_london("Luton")


def test_the_areas_in_a_place():
    areas = ["Croydon", "Croydon and Lewisham", "Edinburgh", "Hull", "Luton"]

    def in_(question: str) -> list[str]:
        [place] = places.places_named(question)
        return places.areas_in(place, areas)

    assert in_("reviews from Scotland") == ["Edinburgh"]
    assert in_("reviews from Wales") == []
    assert in_("cases in London") == ["Croydon", "Croydon and Lewisham"]
    assert in_("cases in Lewisham") == ["Croydon and Lewisham"]
    assert in_("cases in Kingston upon Hull") == ["Hull"]


def test_a_joint_authority_is_named_by_its_first_town(retriever):
    # "tell me more about the Blackburn one", after an answer quoting Blackburn with
    # Darwen's Child Y, was answered with Baby Sama's review, and "what happened in
    # Blackburn?" with Haringey's Child R: "Blackburn" named no place.
    assert retriever.understand("what happened in Blackburn?").areas == ("Blackburn with Darwen",)
    assert {g.review_id for g in retriever.answer("what happened in Blackburn?").groups} == {
        "blackburn-with-darwen-2018-child-y"}
    read = retriever.read_in_conversation(
        "tell me more about the Blackburn one",
        "which reviews are about young people who took their own lives",
        ["Greenwich 2018 – W family (serious case review)",
         "Blackburn with Darwen 2018 – Child Y (serious case review)"])
    assert {g.review_id for g in retriever.answer(read).groups} == {
        "blackburn-with-darwen-2018-child-y"}, read
    [place] = places.places_named("reviews from Stockton")
    assert place.said == "Stockton" and "Stockton-on-Tees" in place.names


@pytest.mark.parametrize(("question", "area", "says_it"), [
    ("what does the South Gloucestershire newsletter say?", "Gloucestershire", False),
    ("reviews from North Yorkshire", "Yorkshire", False),
    ("reviews from Gloucestershire", "Gloucestershire", True),
    ("Gloucestershire and South Gloucestershire", "Gloucestershire", True),
])
def test_an_areas_name_inside_a_wider_places_is_not_the_area(question, area, says_it):
    assert holds_words(places.outside_wider_places(question, area), area) is says_it


def test_an_area_said_only_inside_a_wider_places_name_is_not_that_area(retriever):
    # "the South Gloucestershire newsletter" confined the search to Gloucestershire's review.
    assert retriever.understand("what does the South Gloucestershire newsletter say?").place is None
    plan = retriever.understand("reviews from South Gloucestershire")
    assert plan.place == "South Gloucestershire" and plan.areas == ()
    assert retriever.understand("reviews from Gloucestershire").areas == ("Gloucestershire",)


def test_a_metropolitan_countys_districts_are_listed_in_the_data_file():
    data = json.loads(places.DATA_FILE.read_text(encoding="utf-8"))
    assert data["counties_source"].startswith("Local Government Act 1972")
    names = {e["name"] for e in data["authorities"]}
    assert {c["name"] for c in data["counties"]} == {
        "Greater Manchester", "Merseyside", "South Yorkshire", "Tyne and Wear", "West Yorkshire",
        "Black Country", "Cheshire"}
    assert all(set(c["members"]) <= names for c in data["counties"])


def test_a_metropolitan_county_is_searched_as_its_districts(retriever):
    # "What case reviews are there from Greater Manchester?" was read as Manchester's, and
    # listed its one review, not Rochdale's and Trafford's
    plan = retriever.understand("What case reviews are there from Greater Manchester?")
    assert plan.place == "Greater Manchester" and plan.lists_reviews
    assert set(plan.areas) == {"Manchester", "Rochdale", "Trafford"}
    answer = retriever.answer("What case reviews are there from Greater Manchester?")
    assert {g.heading.split(" 20")[0] for g in answer.groups} == {"Manchester", "Rochdale", "Trafford"}
    assert answer.notes[0] == ("Only the 5 reviews from Greater Manchester (as your question "
                               "asks) were searched.")
    # the city alone is still the city, and a county no review is from is said to be so
    assert retriever.understand("Manchester reviews").areas == ("Manchester",)
    none = retriever.answer("reviews from South Yorkshire")
    assert not none.citations and none.notes == ["No review from South Yorkshire is in the index."]
    # and the Black Country, no county in law, is its four boroughs ("any reviews from the
    # Black Country?" quoted Thurrock's "Black British boy", not Dudley's nor Wolverhampton's)
    black = retriever.understand("any reviews from the Black Country?")
    assert black.place == "the Black Country" and set(black.areas) == {"Dudley", "Wolverhampton"}
    # (and its boroughs listed after it are places still, not words searched for)
    listed = retriever.answer("anything from the Black Country – Dudley, Wolverhampton, Sandwell or Walsall?")
    assert "No review from Sandwell or Walsall is in the index." in listed.notes, listed.notes
    # (set AF, read half) "Which reviews come from the North West - Greater Manchester,
    # Merseyside, Cheshire, Lancashire?" had no answer: the counties were read as words
    # (a county's name, not being its boroughs', was taken for a nation's adjective)
    north_west = retriever.answer("any reviews from the North West (Greater Manchester, Merseyside, "
                                  "Cheshire or Lancashire)?")
    assert north_west.notes[:2] == ["Only the 10 reviews from the North West (as your question asks) "
                                    "were searched.", "No review from Lancashire is in the index."], (
        north_west.notes)
    assert len(north_west.groups) == 10
    assert set(retriever.understand("reviews from Cheshire").areas) == {"Halton", "Warrington"}


@pytest.mark.parametrize("question", [
    "Rochdale 2017 – Child K: what did it recommend?",  # a follow-up read with its review
    "Croydon 2018 – Joe: what did it recommend?",  # (Croydon matched Croydon and Lewisham too)
    "what did the Rochdale Child K review find?",
])
def test_a_place_that_only_says_which_review_is_meant_is_not_said_to_confine(retriever, question):
    """A follow-up read with the review the answer before it was from was told "Only the 2
    reviews from Rochdale (as your question asks) were searched.", which the user never
    asked; the answer is the review's alone."""
    answer = retriever.answer(question)
    assert answer.groups and len({g.review_id for g in answer.groups}) == 1, answer.text
    assert not any(n.startswith("Only the") for n in answer.notes), answer.notes


@pytest.mark.parametrize(("question", "named"), [
    ("Bedford 2017 – Baby Sama and 2024 – C101: what did they recommend?", 2),
    # (a follow-up read with the four reviews the answer before it quoted)
    ("Sunderland 2017 – Young person Rachel, Surrey 2017 – Child GG, 2017 – Considering child "
     "sexual exploitation and Buckinghamshire 2017 – Child Sexual Exploitation 1998 - 2016: "
     "and her review's recommendations were?", 4),
])
def test_places_that_only_say_which_reviews_are_meant_beside_one_of_no_place_are_not_said_to_confine(
        retriever, question, named):
    # ("Only the 6 reviews from Sunderland and Surrey and Buckinghamshire and the Considering
    # child sexual exploitation review (as your question asks) were searched.")
    answer = retriever.answer(question)
    assert len({g.review_id for g in answer.groups}) == named, answer.text
    assert not any(n.startswith("Only the") for n in answer.notes), answer.notes


def test_a_place_asked_about_is_still_said_to_confine(retriever):
    answer = retriever.answer("tell me about neglect cases in Rochdale")
    assert any(n.startswith("Only the 2 reviews from Rochdale") for n in answer.notes), answer.notes


@pytest.mark.parametrize("question", [
    "any reviews from the North East? Sunderland, Durham etc",
    # (set AG: "anything from the north east? durham, sunderland, that way" had no answer)
    "got any from the North East? Sunderland and Durham, round there",
])
def test_a_region_with_its_places_listed_and_etc_is_a_list_of_its_reviews(retriever, question):
    # (set AF, held-out half, mended after its grading) "anything from Yorkshire and the
    # Humber? Bradford, Calderdale, Hull, NE Lincs etc" quoted Hull's review alone
    plan = retriever.understand(question)
    assert plan.lists_reviews and set(plan.areas) == {"Sunderland", "Durham"}, plan
    answer = retriever.answer(question)
    assert {g.review_id.split("-")[0] for g in answer.groups} == {"sunderland", "durham"}
    assert len(answer.groups) == len(retriever._scope(plan))


def test_a_place_typed_with_an_ampersand_and_a_one_letter_title_after_it_name_them(retriever):
    # (set AG: "compare enfield child YT and brighton & hove A - both 17 yr old lads who died
    # after being placed" quoted Enfield's alone: "&" named no place, and "A" no review)
    assert retriever.understand("any reviews from brighton & hove?").areas == ("Brighton and Hove",)
    plan = retriever.understand("what's similar in Enfield Child YT and Brighton & Hove A?")
    assert set(plan.named_reviews) == {"enfield-2017-child-yt", "brighton-and-hove-2017-a"}, plan
    # (the word "a" after the place names nothing)
    assert not retriever.understand("Brighton and Hove a year later").named_reviews


def test_a_county_s_abbreviation_that_is_a_word_names_it_in_lower_case_before_a_review(retriever):
    # (set AG, held-out half, mended after its grading: "staffs child B - what were the 5
    # critical incidents?" quoted the three reviews of a Child B)
    assert retriever.understand("bucks cse review - what did it find?").areas == ("Buckinghamshire",)
    assert retriever.understand("staffs child b: what did the siblings say?").named_reviews == (
        "staffordshire-2017-child-b",)
    assert not retriever.understand("what do reviews say about staffs training?").place


@pytest.mark.parametrize("question", ["which Bradford reviews are in the documents?",
                                      "are there other Bradford reviews in the documents?"])
def test_a_place_s_reviews_asked_for_in_the_documents_are_each_listed(retriever, question):
    # (set AI's read half: each quoted Sameer's brief alone, of Bradford's three reviews)
    answer = retriever.answer(question)
    assert {g.review_id for g in answer.groups} == {"bradford-2018-sameer", "bradford-2017-jack",
                                                    "bradford-2024-child-a"}, answer.text


def test_a_count_asking_what_each_review_was_about_lists_them_with_the_count(retriever):
    # (set AI's read half: "how many Sunderland reviews are in the NSPCC list and what were
    # they each about?" was told the count alone)
    answer = retriever.answer("how many Sunderland reviews are in the NSPCC list and what were they "
                              "each about?")
    assert len(answer.groups) == 3 and all(g.heading.startswith("Sunderland") for g in answer.groups)
    assert any("The index holds 3 reviews" in n for n in answer.notes), answer.notes
    assert "family dog" in answer.text and "secure setting" in answer.text
    counted = retriever.answer("how many reviews are from Sunderland?")  # (a count alone)
    assert counted.kind == "catalogue" and not counted.groups, counted.text


def test_a_document_s_place_before_a_review_type_names_the_document_and_the_type(retriever):
    # (set AI's read half: "the Torbay thematic review of injured babies" was told that no
    # thematic review from Torbay is in the index, and every review was searched)
    answer = retriever.answer("what did the torbay thematic review recommend?")
    assert answer.groups and all(g.heading.startswith(("2024 – Babies who", "Luton 2024"))
                                 for g in answer.groups), answer.text
    assert any("thematic reviews in Torbay" in n for n in answer.notes), answer.notes
    assert not any("No thematic review from Torbay" in n for n in answer.notes), answer.notes
    answer = retriever.answer("How old were each of the three babies in the Torbay thematic review "
                              "of injured babies in 2022?")
    assert answer.groups[0].heading == "2024 – Babies who sustained injuries (thematic review)"
    assert not any("is in the index" in n for n in answer.notes), answer.notes


def test_a_newsletter_s_theme_section_is_its_reviews_under_that_heading(retriever):
    # (set AI's read half: "what's in the neglect section of the south glos newsletter?"
    # quoted Hertfordshire's Child A and Bethany beside Child M, never Child J; set AH's
    # "how many reviews are under the Adolescence heading?" was left: the headings had
    # been kept only as the reviews' keywords)
    answer = retriever.answer("anything in the newsletter's neglect section?")
    assert [g.review_id for g in answer.groups] == ["waltham-forest-2017-child-m", "nottingham-2017-child-j"]
    assert answer.notes[0] == ("South Gloucestershire Safeguarding Children Board's “News and Research "
                               "Quarter Two” lists 2 reviews under “Neglect”: Waltham Forest 2017 – "
                               "Child M and Nottingham 2017 – Child J."), answer.notes
    counted = retriever.answer("how many reviews are under the Adolescence heading?")
    assert counted.kind == "catalogue" and "2 reviews under “Adolescence”: 2017 – Martin and " \
        "Thurrock 2017 – Harry." in counted.text, counted.text
    # (a part of a heading joined by "/" is one; a report's section or a word no heading
    # says is not)
    both = retriever.answer("which reviews are in the substance abuse sections of the newsletter?")
    assert len(both.groups) == 4 and "“Safe Sleeping/Substance Abuse”" in both.notes[0], both.notes
    for question in ("what does the Baby Sama report's learning section say about escalation?",
                     "what's in the resources section of the newsletter?"):
        assert not any(" lists " in n and " under “" in n for n in retriever.answer(question).notes), question


def test_a_newsletter_s_headings_are_told_in_its_order_with_their_reviews(retriever):
    # (set AJ's read half: "how is the south glos newsletter laid out - what topic headings
    # does it use?" quoted three of its reviews; a digest without headings is said to have none)
    laid_out = retriever.answer("how is the south glos newsletter laid out - what topic headings "
                                "does it use?")
    assert laid_out.kind == "catalogue" and not laid_out.groups, laid_out.text
    assert "groups its reviews under 11 headings, in this order: “Domestic Abuse” (Camden 2016 – " \
        "Child B and Rochdale 2017 – Child K); “Adolescence” (" in laid_out.text, laid_out.text
    assert laid_out.text.index("“Radicalisation” (Brighton and Hove 2017 – Siblings W and X)") < \
        laid_out.text.index("“Neglect” (Waltham Forest 2017 – Child M and Nottingham 2017 – Child J)")
    digest = retriever.answer("what headings does the NSPCC list use?")
    assert digest.kind == "catalogue" and "groups its reviews under no theme headings: each of its " \
        "68 reviews has an entry of its own" in digest.text, digest.text
    assert retriever.answer("which sections of the reviews talk about neglect?").groups


def test_a_newsletter_section_s_reading_is_what_it_links_under_those_headings(retriever):
    # (set AJ's read half: "what extra reading does the newsletter give under the Looked
    # After Children and Parental Learning Disability headings?" quoted Bethany's case, the one
    # review of the second heading, and none of the three resources)
    answer = retriever.answer("what extra reading does the newsletter give under the Looked After "
                              "Children and Parental Learning Disability headings?")
    assert answer.kind == "catalogue" and not answer.groups, answer.text
    assert sorted(r.title for r in answer.resources) == [
        "BILD Resources about Parenting", "NSPCC Information about Safeguarding Children in Care",
        "Parents with Learning Disabilities by Ailsa Stewart and Gillian MacIntyre"]
    assert "lists 3 resources under “Looked After Children” and “Parental Learning Disability”" in answer.text
    listed = retriever.answer("what resources are listed under the neglect heading?")
    assert [r.title for r in listed.resources] == ["How Safe Are our Children"], listed.resources
    # ("advertise" is no misspelling of "adverse", nor "local training" a topic)
    training = retriever.answer("does the newsletter advertise any local training?")
    assert [r.title for r in training.resources] == [
        "Domestic Violence and Abuse Training in South Gloucestershire"], training.text


def test_a_document_s_entries_of_a_year_are_listed_as_its_reviews_of_that_year(retriever):
    # (set AJ's read half: "which entries in the 2018 part of the NSPCC list are about children
    # under 2?" quoted Rochdale's 2017 Child K alone: "entries" was no word for reviews, and
    # "the 2018 part" no year)
    answer = retriever.answer("which entries in the 2018 part of the NSPCC list are about children "
                              "under 2?")
    assert sorted(g.review_id for g in answer.groups) == [
        "anonymous-2018-emily", "city-of-london-and-hackney-2018-child-m", "sunderland-2018-baby-a"
    ], answer.text
    plan = retriever.understand("which of the 2018 entries in the NSPCC list are about babies?")
    assert plan.lists_reviews and (plan.year_from, plan.year_to) == (2018, 2018)
    # (not a part of a case's story)
    assert retriever.understand("what happened in the 2015 part of the chronology?").year_from is None


def test_a_resource_under_a_review_s_heading_is_the_one_its_section_lists(retriever):
    # (set AJ's read half: "and the barnardo's resource under that heading?" after Philip's
    # review quoted its case again and listed nothing: no resource's words are close to
    # "barnardo's", and "resource under that heading" asked for none)
    answer = retriever.answer("Gloucestershire 2016 – Philip: what about the barnardo's resource under "
                              "that heading?")
    assert [r.title for r in answer.resources] == [
        "Barnardos iHop The Practitioner's Guide to supporting children and families affected by…"
    ], answer.resources
    assert not retriever.answer("what does the findings section of the Baby Sama report say about "
                                "escalation?").resources


def test_which_heading_covers_something_is_the_newsletter_heading_closest_to_it(retriever):
    # (set AJ's read half: "which one covers parents who are offenders?" after the
    # newsletter's headings were told was told them all again)
    after = retriever.answer("how is the south glos newsletter laid out - what topic headings does "
                             "it use: which one covers parents who are offenders?")
    assert [g.heading.split(",")[0].split(" (")[0] for g in after.groups] == [
        "Haringey 2016 – Child R", "Gloucestershire 2016 – Philip"], after.text
    assert "under “Risk Assessment; Parents in the Criminal Justice System”" in after.notes[0], after.notes
    teenagers = retriever.answer("which section of the south glos newsletter is about teenagers?")
    assert "2 reviews under “Adolescence”" in teenagers.notes[0], teenagers.notes
    # (not where no newsletter is spoken of)
    assert not any(" under “" in n for n in retriever.answer("which one covers the police?").notes)


def test_a_county_part_that_publishes_a_document_is_its_document_not_the_county(retriever):
    # (set AJ's held-out half, mended after its grading in other words: "the South
    # Gloucestershire one" was read as Gloucestershire's place, and the answer said that no
    # review from South Gloucestershire is in the index; the newsletter is its document)
    answer = retriever.answer("what does the South Gloucestershire review say about neglect?")
    assert answer.groups and any("News and Research Quarter Two" in n for n in answer.notes), answer.notes
    assert not any("No review from South Gloucestershire" in n for n in answer.notes), answer.notes
    assert retriever.understand("what did the Gloucestershire review find?").place == "Gloucestershire"
    assert "No review from South Gloucestershire is in the index." in retriever.answer(
        "any reviews from South Gloucestershire?").notes


def test_whether_named_reviews_turn_up_in_a_document_is_the_catalogue_s_answer(retriever):
    # (set AJ's held-out half, in other words: asked whether two reviews "turn up" in a
    # document, it quoted another review of that document)
    answer = retriever.answer("do Jack or Jeanette turn up in the Torbay one?")
    assert answer.kind == "catalogue" and not answer.groups, answer.text
    assert answer.text.count("It is not in Torbay Safeguarding Children Partnership's") == 2, answer.text
    assert retriever.answer("does Child K show up in the newsletter?").kind == "catalogue"
    # (not whether a theme features in one)
    assert retriever.answer("does neglect feature in the newsletter?").groups


def test_a_document_named_by_its_kind_beside_another_is_searched_with_it(retriever):
    # (set AJ: "do the newsletter and the NSPCC list describe it differently?" searched the
    # NSPCC's list alone: the newsletter was read by its kind only where nothing else was
    # named; "the NSPCC repository" is still the NSPCC's, its kind a word of that name)
    plan = retriever.understand("how old was Harry when he died? do the newsletter and the NSPCC list "
                                "describe it differently?")
    assert plan.source == ("NSPCC's “Case reviews published in 2018” and South Gloucestershire "
                           "Safeguarding Children Board's “News and Research Quarter Two”"), plan.source
    assert retriever.understand("what does the NSPCC repository say about knives?").source == (
        "NSPCC's “Case reviews published in 2018”")
