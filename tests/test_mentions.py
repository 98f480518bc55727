"""Recognising toponyms: exact offsets and the context rules that reject non-places."""

from __future__ import annotations

import dataclasses

import pytest

from corridormap.documents import make_document
from corridormap.mentions import MentionFinder
from corridormap.model import Mention


@pytest.fixture(scope="module")
def finder(gazetteer):  # type: ignore[no-untyped-def]
    return MentionFinder(gazetteer)


def _texts(finder: MentionFinder, text: str) -> list[str]:
    doc = make_document(text, "t")
    mentions = finder.find(doc)
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text
    return [m.text for m in mentions]


def test_offsets_index_the_original_text(finder: MentionFinder) -> None:
    assert _texts(finder, "Trade between Vladivostok and Pyongyang grew.") == [
        "Vladivostok",
        "Pyongyang",
    ]


def test_article_and_possessive_stay_outside_the_span(finder: MentionFinder) -> None:
    assert _texts(finder, "The DPRK’s leader met the Russian side.") == ["DPRK", "Russian"]


def test_found_mentions_are_whole_frozen_mentions(finder: MentionFinder) -> None:
    # The finder makes mentions without __init__ (mentions._mention): each must hold
    # exactly Mention's fields and equal, hash and refuse changes as one built normally.
    doc = make_document("The Russian side met officials of the DPRK in Vladivostok.", "t")
    found = finder.find(doc)
    assert [m.usage for m in found] == ["adjective", "place", "place"]
    for mention in found:
        assert set(vars(mention)) == {f.name for f in dataclasses.fields(Mention)}
        assert mention == Mention(**vars(mention))
        assert hash(mention) == hash(Mention(**vars(mention)))
        with pytest.raises(dataclasses.FrozenInstanceError):
            mention.start = 0  # type: ignore[misc]


def test_person_names_are_not_places(finder: MentionFinder) -> None:
    found = _texts(finder, "Sergey Lavrov met Kim Jong-un and Vladimir Putin spoke to Moon Jae-in.")
    assert found == []


def test_a_country_inside_a_compound_name_is_found(finder: MentionFinder) -> None:
    assert "South Korea" in _texts(finder, "Putin proposed a Russia/North-South Korea corridor.")


def test_lower_case_generic_completes_a_name(finder: MentionFinder) -> None:
    assert _texts(finder, "Tensions on the Korean peninsula eased.") == ["Korean peninsula"]


def test_months_and_common_words_are_not_places(finder: MentionFinder) -> None:
    assert _texts(finder, "March was cold. Reading the report took May and June.") == []


def test_newspaper_name_is_not_its_city(finder: MentionFinder) -> None:
    assert "Washington" not in _texts(finder, "The Washington Post reported it.")


def test_short_codes_need_capitals(finder: MentionFinder) -> None:
    assert _texts(finder, "The US said it would help us.") == ["US"]


def test_demonyms_are_adjective_mentions(finder: MentionFinder) -> None:
    doc = make_document("The Russian side agreed.", "t")
    (mention,) = finder.find(doc)
    assert (mention.text, mention.usage) == ("Russian", "adjective")


def test_ap_state_abbreviations_keep_their_full_stop(finder: MentionFinder) -> None:
    assert _texts(finder, "He grew up in Gainesville, Ga., and Charleston, W.Va., before.") == [
        "Gainesville",
        "Ga.",
        "Charleston",
        "W.Va.",
    ]


def test_county_is_part_of_the_name_even_when_the_gazetteer_lacks_it(
    finder: MentionFinder,
) -> None:
    found = _texts(finder, "Deputies in Laurel County and Tangipahoa Parish searched.")
    assert found == ["Laurel County", "Tangipahoa Parish"]


def test_county_inside_an_organisation_name_is_still_the_county(finder: MentionFinder) -> None:
    found = _texts(finder, "Both were lodged in the Laurel County Detention Center.")
    assert found == ["Laurel County"]


def test_surname_alone_is_the_person_named_before(finder: MentionFinder) -> None:
    text = "Capt. Roy A. Nelson said so. Later, Nelson said the tenant left."
    assert "Nelson" not in _texts(finder, text)


def test_acronyms_and_titles_are_not_places(finder: MentionFinder) -> None:
    assert _texts(finder, "NATO and the FDA met Ms. Smith in Paris.") == ["Paris"]


def test_place_inside_an_organisation_name_is_reported(finder: MentionFinder) -> None:
    assert _texts(finder, "The Texas Department of Health said so.") == ["Texas"]


def test_word_also_written_in_lower_case_is_that_word(finder: MentionFinder) -> None:
    assert _texts(finder, "Most of the cuts fell on Ohio. It was the most.") == ["Ohio"]


def test_streets_and_numbered_roads_are_places(finder: MentionFinder) -> None:
    found = _texts(finder, "On Main Street, near Darby St. and Highway 19, the crash happened.")
    assert found == ["Main Street", "Darby St.", "Highway 19"]
    # Texas numbers its loops: no Chicago Loop.
    assert _texts(finder, "The truck left Loop 286 in the evening.") == ["Loop 286"]


def test_a_road_named_after_a_town_is_the_road_not_the_town(finder: MentionFinder) -> None:
    found = _texts(finder, "The crash closed Mayfield Road near the Goshen Road exit.")
    assert found == ["Mayfield Road", "Goshen Road"]


def test_a_county_before_a_numbered_road_stays_the_county(finder: MentionFinder) -> None:
    found = _texts(finder, "Crews paved Otter Tail County Road 43 this week.")
    assert found[0] == "Otter Tail County"


def test_two_places_hyphenated_before_road_are_the_two_ends(finder: MentionFinder) -> None:
    assert _texts(finder, "The Mombasa-Nairobi Road was rebuilt.") == ["Mombasa", "Nairobi"]
    # a small town at the end is no project's name there
    assert _texts(finder, "The Rasht-Astara railway will be built.") == ["Rasht", "Astara"]
    # ... and the route's noun may be capitalised in its name
    assert _texts(finder, "The Delhi-Mumbai Expressway is open.") == ["Delhi", "Mumbai"]


def test_a_road_named_after_a_country_or_a_big_city_is_that_place(finder: MentionFinder) -> None:
    found = _texts(finder, "The Burma Road ran from Lashio; trucks now use Mombasa Road.")
    assert found == ["Burma", "Lashio", "Mombasa"]


def test_a_small_town_at_the_head_of_an_initiative_is_its_name(finder: MentionFinder) -> None:
    # Belt is a town in Montana; the Belt and Road Initiative is China's programme.
    assert _texts(finder, "It is part of the Belt and Road Initiative in Kenya.") == ["Kenya"]
    # ... and without its "Initiative"; a numbered county road is no programme
    assert _texts(finder, "Kenya joined Beijing's Belt and Road.") == ["Kenya", "Beijing"]
    assert _texts(finder, "It crashed on Freestone County Road 360.") == ["Freestone County"]


def test_a_common_adjective_heading_a_body_is_no_town(finder: MentionFinder) -> None:
    # Superior (Wisconsin) and Federal (Argentina) are towns; qualified, the town stays.
    text = "The Superior Court and the Federal Network Agency met in Superior, Wisconsin."
    assert _texts(finder, text) == ["Superior", "Wisconsin"]
    # Prosperity (West Virginia) and Peace (Alberta) in a programme's title
    text = "Armenia backs the Route for International Peace and Prosperity."
    assert _texts(finder, text) == ["Armenia"]


def test_a_common_word_before_a_noun_of_residence_is_the_town(finder: MentionFinder) -> None:
    # "Clinton" and "Monroe" are also names; people "of" them are townsfolk.
    text = "A Clinton couple and two Monroe residents were charged on Friday."
    assert _texts(finder, text) == ["Clinton", "Monroe"]


def test_a_division_word_stays_only_where_the_name_needs_it(finder: MentionFinder) -> None:
    # "Yunnan" is a name of its own; "Benishangul-Gumuz" is known only with "region".
    text = (
        "The dam in the Benishangul-Gumuz region sends power to Yunnan province and the "
        "Northern state."
    )
    assert _texts(finder, text) == ["Benishangul-Gumuz region", "Yunnan"]
    # "delta" is written in lower case too, which alone would make "Delta" the word;
    # "state" after it says it is Nigeria's Delta State.
    assert _texts(finder, "Spills in the Delta state and the delta.") == ["Delta"]
    # Tskhinvali alone is the town; "the Tskhinvali region" is South Ossetia.
    assert _texts(finder, "Troops entered the Tskhinvali region.") == ["Tskhinvali region"]


def test_a_name_after_of_inside_an_organisations_name_is_no_person(finder: MentionFinder) -> None:
    # "Georgia" is also a first name; "Georgia Educators" after "Association of" is not.
    text = "A spokesman for the Professional Association of Georgia Educators said no."
    assert _texts(finder, text) == ["Georgia"]


def test_party_and_article_letters_do_not_make_a_name(finder: MentionFinder) -> None:
    text = "Sen. Robert Ford, D-Charleston, spoke. A Charleston man was charged."
    assert _texts(finder, text) == ["Charleston", "Charleston"]


def test_ordinary_words_around_a_place_do_not_make_a_person(finder: MentionFinder) -> None:
    text = (
        "Another Gainesville business moved, and another left. The Georgia Bureau of "
        "Investigation and the federal bureau agreed. China's One Belt-One Road plan goes on."
    )
    assert _texts(finder, text) == ["Gainesville", "Georgia", "China"]


def test_a_place_naming_a_virus_or_disease_is_not_a_mention(finder: MentionFinder) -> None:
    found = _texts(finder, "West Nile virus and Rift Valley fever spread in Kenya.")
    assert found == ["Kenya"]


def test_common_nouns_that_name_small_towns_are_not_places(finder: MentionFinder) -> None:
    assert _texts(finder, "Grand Jury Indicts Man In Ohio Slaying.") == ["Ohio"]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and Côte d'Ivoire signed; Korea’s 서울 and 北京 — Ängelholm, x-ray.",
        "“Primorsky Krai”, N. Korea (DPRK) & St. Petersburg's port; über Ölçek.",
        # no apostrophe and no dotted abbreviation: tokens are the runs of letters
        "Trains run from Vladivostok_2 to Khasan x2y, ²and Ⅻ, via Tumangang.",
        # letters past U+FFFF (mathematical bold, a CJK extension) and an emoji
        "The 𝐁𝐨𝐥𝐝 text, 𠀀 and 😀Seoul's port, d'Ivoire.",
        "𝐀 plain 𝐁 words",
        "",
        "   ",
    ],
)
def test_tokenize_gives_the_words_of_the_token_pattern_with_their_offsets(text: str) -> None:
    from corridormap.mentions import _TOKEN, tokenize

    expected = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    tokens = tokenize(text)
    assert [(t.start, t.end, t.text) for t in tokens] == expected
    # the exact pattern, as for a document with code points past U+FFFF
    assert [(t.start, t.end, t.text) for t in tokenize(text, in_plane=False)] == expected
    assert [t.capitalised for t in tokens] == [not t.text[0].islower() for t in tokens]
    assert [t.text for t in tokenize(text, 4, len(text) - 3)] == [
        m.group() for m in _TOKEN.finditer(text, 4, max(4, len(text) - 3))
    ]


def test_a_name_at_the_start_of_a_sentence_without_other_capitals_is_found(
    finder: MentionFinder,
) -> None:
    long_tail = " and then it went on" * 20
    assert _texts(finder, "Nothing here. Kenya was calm" + long_tail + ".") == ["Kenya"]
    assert _texts(finder, "the road was calm" + long_tail + ".") == []


def test_a_town_naming_an_organisation_with_more_words_is_still_reported(
    finder: MentionFinder,
) -> None:
    found = _texts(finder, "Officials of Gainesville Public Utilities said the spill was small.")
    assert found == ["Gainesville"]
    # A person's name has no organisation word: "Jackson Browne" is no place.
    assert _texts(finder, "Officials met Jackson Browne yesterday.") == []


def test_a_name_the_gazetteer_lacks_is_a_place_when_the_context_says_so(
    finder: MentionFinder,
) -> None:
    assert _texts(finder, "Nickel comes from the village of Musongati.") == ["Musongati"]
    assert _texts(finder, "Trains stop at Qorvalla Junction, a small town.") == [
        "Qorvalla Junction"
    ]
    # Without the cue an unknown capitalised word is no place, and a person stays a person.
    assert _texts(finder, "Qorvalla spoke to the Minister of Energy.") == []


def test_another_spelling_of_a_town_after_from_or_to_is_the_town(finder: MentionFinder) -> None:
    assert _texts(finder, "A pipeline from Turkmenbashi to Baku.") == ["Turkmenbashi", "Baku"]
    # A lone variant spelling elsewhere is still no place ("More" for Mora).
    assert _texts(finder, "More talks followed.") == []


def test_a_town_spelt_another_way_is_the_town_once_the_story_calls_it_one(
    finder: MentionFinder,
) -> None:
    # "Douma" is only a variant spelling of Dūmā, Syria.
    alone = "Douma is surrounded by government forces."
    assert _texts(finder, alone) == []
    story = "Fighting went on in the outskirts of the city of Douma. " + alone
    assert _texts(finder, story) == ["Douma", "Douma"]


def test_a_line_named_after_an_unknown_and_a_known_end_keeps_the_known_one(
    finder: MentionFinder,
) -> None:
    # The gazetteer lacks Habshan; a hyphen before "oil pipeline" pairs two ends, while
    # a hyphenated first name stays a person's.
    assert _texts(finder, "The Habshan-Fujairah oil pipeline opened.") == ["Fujairah"]
    assert _texts(finder, "The Fujairah-Habshan oil pipeline opened.") == ["Fujairah"]
    assert _texts(finder, "Jean-Fujairah Martin said.") == []


def test_places_joined_by_a_hyphen_are_both_places(finder: MentionFinder) -> None:
    assert _texts(finder, "They upgraded the Isiolo-Moyale highway.") == ["Isiolo", "Moyale"]


def test_a_variant_spelling_does_not_make_a_hyphenated_name_two_places(
    finder: MentionFinder,
) -> None:
    # "Wal" is a variant spelling of Waal (Ethiopia) and Mart a town in Texas; the
    # store is neither.
    assert _texts(finder, "He shops at the Wal-Mart in town.") == []
    assert _texts(finder, "Ships dock at Lamu Port.") == ["Lamu Port"]  # a curated facility
    assert _texts(finder, "Ships dock at Mombasa Port.") == ["Mombasa"]


def test_a_combining_form_hyphenated_to_a_place_names_a_firm_not_a_town(
    finder: MentionFinder,
) -> None:
    # Hydro is a town in Oklahoma; in "Hydro-Québec" it is half of a utility's name,
    # while the place the firm is named after is still reported.
    found = _texts(finder, "Power from Hydro-Québec and Hydro-Ottawa will reach Boston.")
    assert found == ["Québec", "Ottawa", "Boston"]
    assert _texts(finder, "The town of Hydro lies in Caddo County.") == ["Hydro", "Caddo County"]


def test_the_white_house_is_a_building_unless_qualified(finder: MentionFinder) -> None:
    # Casablanca's alternate name and a Tennessee town; LGL annotates neither here.
    assert _texts(finder, "The White House said talks would go on.") == []
    found = _texts(finder, "He moved to White House, Tenn., in 2001.")
    assert found == ["White House", "Tenn."]


def test_a_close_respelling_of_a_big_city_is_the_city(finder: MentionFinder) -> None:
    # GeoNames spells it Hargeysa; news writes Hargeisa, with no preposition before it.
    assert _texts(finder, "Hargeisa wants a road to Berbera.") == ["Hargeisa", "Berbera"]


def test_a_demonym_naming_a_language_is_no_place(finder: MentionFinder) -> None:
    assert _texts(finder, "She learned English in a year.") == []
    assert _texts(finder, "It airs in English and Spanish, daily.") == []
    assert _texts(finder, "Classes for English language learners grew.") == []
    # Modifying a noun after "in", it is the country again.
    assert _texts(finder, "The port was in Russian hands.") == ["Russian"]
    # ... also at the head of a list of demonyms that modifies a noun
    assert _texts(finder, "It was translated from French and Spanish.") == []
    assert _texts(finder, "Gas from Israeli and Cypriot fields.") == ["Israeli", "Cypriot"]


def test_a_demonym_that_is_a_surname_is_no_place(finder: MentionFinder) -> None:
    text = "Officer Monica French said questions arose. French said more would follow."
    assert _texts(finder, text) == []
    assert _texts(finder, "The BBC Russian Service reported it.") == ["Russian"]


def test_a_name_that_is_also_a_given_name_stays_a_place_in_an_organisation(
    finder: MentionFinder,
) -> None:
    # "Georgia" is also a given name; a run ending in an organisation word is no person.
    text = "If approved by the Georgia Public Service Commission, rates rise."
    assert _texts(finder, text) == ["Georgia"]


def test_a_demonym_as_the_subject_of_a_verb_is_no_place(finder: MentionFinder) -> None:
    assert _texts(finder, "At the school English is the main language.") == []
    # Modifying a noun, it is the country, also right after another place.
    text = "Leaders of Sudan, and Egyptian officials are wary."
    assert _texts(finder, text) == ["Sudan", "Egyptian"]


def test_a_town_name_that_speaks_is_a_person(finder: MentionFinder) -> None:
    # Noma is a town in Japan; here it is a woman, in every sentence of the story.
    text = "Noma said she was bathing her daughter. Later Noma moved to Cape Town."
    assert _texts(finder, text) == ["Cape Town"]
    # After "said", a place that does not end the clause stays a place.
    text = "Inspector David Eldridge said Devon and Cornwall police were alerted."
    assert _texts(finder, text) == ["Devon", "Cornwall"]


def test_a_name_after_a_particle_and_a_first_name_is_a_person(finder: MentionFinder) -> None:
    assert _texts(finder, "The colt trained by Mike de Kock won in Dubai.") == ["Dubai"]


def test_currencies_holidays_and_news_agencies_are_no_places(finder: MentionFinder) -> None:
    assert _texts(finder, "It costs US$460 million, Agence France-Presse said.") == []
    assert _texts(finder, "Crashes rise on St. Patrick's Day in Dublin.") == ["Dublin"]
    assert _texts(finder, "China's news agency Xinhua said, and Tass agreed.") == ["China"]


def test_an_organisation_name_may_hold_lower_case_connectors(finder: MentionFinder) -> None:
    text = "It was known as the New Orleans Railways and Light Company power house."
    assert _texts(finder, text) == ["New Orleans"]


def test_city_before_a_council_belongs_to_the_council(finder: MentionFinder) -> None:
    # "Dublin City" is another name of Dublin: before a council or a manager the
    # word is the body's, and the toponym is the town.
    assert _texts(finder, "The Dublin City Council met on Monday.") == ["Dublin"]
    assert _texts(finder, "Dublin City Manager Dana McDaniel spoke.") == ["Dublin"]
    # Alone, it is still the name.
    assert _texts(finder, "Dublin City is the capital.") == ["Dublin City"]


def test_a_town_named_city_keeps_its_name_before_its_council(finder: MentionFinder) -> None:
    # Boulder City, Nevada is not Boulder, Colorado.
    assert _texts(finder, "The Boulder City Council in Nevada met.") == ["Boulder City", "Nevada"]


def test_a_name_after_a_kinship_word_is_a_person(finder: MentionFinder) -> None:
    # Adrian is a town in Michigan; after "their son" it is a boy.
    text = "They drove to Lyon with their son Adrian on Sunday."
    assert _texts(finder, text) == ["Lyon"]


def test_a_place_named_before_a_fever_is_a_disease(finder: MentionFinder) -> None:
    text = "Cases of Marburg haemorrhagic fever rose in Uganda."
    assert _texts(finder, text) == ["Uganda"]


def test_an_arabic_article_inside_a_name_keeps_the_name_whole(finder: MentionFinder) -> None:
    # Not "Dar", a village in Cambodia.
    assert _texts(finder, "Critics in Dar es Salaam objected.") == ["Dar es Salaam"]
    # Assimilated forms of the article: az-, ez-, ad-, ed-.
    assert _texts(finder, "Fighting in Deir ez-Zor went on.") == ["Deir ez-Zor"]


def test_lakes_rivers_and_islands_of_news_are_places(finder: MentionFinder) -> None:
    text = "The line skirts Lake Victoria's basin; floods hit the Indus River and Oahu."
    assert _texts(finder, text) == ["Lake Victoria", "Indus River", "Oahu"]


def test_a_dash_pairs_a_place_with_an_unknown_one(finder: MentionFinder) -> None:
    # An en dash names a route between two places, even when the gazetteer lacks one of
    # them; a hyphen still glues a double name ("Jean-Claude").
    assert _texts(finder, "The Agartala–Akhaura rail link will reopen.") == ["Agartala"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The storm hit Mobile, Ala., on Monday.", ["Mobile", "Ala."]),
        ("Reading, Pa., is a city.", ["Reading", "Pa."]),
        ("He moved to Arab, Ala., last year.", ["Arab", "Ala."]),
        # Without the qualifier the common reading wins.
        ("Mobile phones were banned.", []),
        ("Arab countries met in Cairo.", ["Cairo"]),
    ],
)
def test_a_state_after_a_comma_makes_a_common_word_the_town(
    finder: MentionFinder, text: str, places: list[str]
) -> None:
    assert _texts(finder, text) == places


def test_a_name_after_a_settlement_word_is_no_person_for_the_whole_story(
    finder: MentionFinder,
) -> None:
    text = (
        "The SOS Children's Village Malakal is stable. "
        "Planes are flying into Khartoum and Malakal again."
    )
    assert _texts(finder, text).count("Malakal") == 2


def test_us_in_capitals_before_an_organisation_word_is_the_country(finder: MentionFinder) -> None:
    assert _texts(finder, "He served with US Special Forces and the US Army.") == ["US", "US"]
    assert _texts(finder, "Let us build it.") == []


def test_a_big_citys_other_spelling_after_a_place_preposition_is_the_city(
    finder: MentionFinder,
) -> None:
    # GeoNames spells it Tirmiz; news writes Termez.
    assert _texts(finder, "Officials met in Termez on Monday.") == ["Termez"]
    assert _texts(finder, "The rockets were fired by Hamas.") == []


def test_island_is_no_country_of_that_native_name(finder: MentionFinder) -> None:
    # "Brass Island" is a feature the gazetteer lacks: reported whole, not as Iceland.
    found = finder.find(make_document("A pipeline would run from Brass Island to Dakhla.", "t"))
    assert [m.text for m in found] == ["Brass Island", "Dakhla"]
    assert found[0].place is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Crews pulled a boat from the Red River near Shreveport.", ["Red River", "Shreveport"]),
        ("Flooding along the Neches River reached Beaumont.", ["Neches River", "Beaumont"]),
        ("Fishing on Lake Lanier was good.", ["Lake Lanier"]),
        ("The ferry sank in Humboldt Bay.", ["Humboldt Bay"]),
        ("Water levels in Tuttle Creek Lake are high.", ["Tuttle Creek Lake"]),
        ("He swam in the River Witham at Boston.", ["River Witham", "Boston"]),
        ("Two dams burst on Wadi Derna.", ["Wadi Derna"]),
        ("The army held Jabal al-Akhdar.", ["Jabal al-Akhdar"]),
        # a sun letter's article ("ash-", "ad-") is an article too
        ("Snow fell on Jabal ash-Sheikh.", ["Jabal ash-Sheikh"]),
        ("Climbers died on Mt. Hood.", ["Mt. Hood"]),
    ],
)
def test_a_physical_feature_the_gazetteer_lacks_is_found_whole(
    finder: MentionFinder, sentence: str, expected: list[str]
) -> None:
    assert _texts(finder, sentence) == expected


def test_a_province_the_gazetteer_lacks_is_named_by_its_generic(finder: MentionFinder) -> None:
    assert _texts(finder, "Aid reached Karnali Province on Monday.") == ["Karnali Province"]


def test_names_before_a_lower_case_division_word_are_places(finder: MentionFinder) -> None:
    text = "The army reached Jajarkot and Gorkha districts. The Business district was shut."
    assert _texts(finder, text) == ["Jajarkot", "Gorkha"]
    assert _texts(finder, "The Chenab and Sutlej rivers rose.") == ["Chenab", "Sutlej"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebecca Jordan, a spokeswoman for the agency, said aid was late.", []),
        ("Israel Fuentes, a spokesman for the fire brigade, said crews were tired.", []),
        ("Larry Pogemiller, DFL-Minneapolis, said cuts may be moderated.", ["Minneapolis"]),
        ("Trade between Israel and Jordan, a key partner of the US, grew.",
         ["Israel", "Jordan", "US"]),
    ],
)  # fmt: skip
def test_a_country_as_a_described_persons_name_is_the_person(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    assert _texts(finder, text) == expected


def test_a_place_preposition_keeps_a_name_the_story_also_gives_a_person(
    finder: MentionFinder,
) -> None:
    text = (
        "Battalion Chief Troy Jensen said the fire moved fast. Crews in Troy and Pullman, "
        "Wash., responded."
    )
    assert _texts(finder, text) == ["Troy", "Pullman", "Wash."]


def test_a_surname_before_counties_is_the_county_again(finder: MentionFinder) -> None:
    text = (
        "Sheriff Ray Ashe said deputies were out all night. Ice brought down lines across "
        "Watauga, Avery and Ashe counties."
    )
    assert _texts(finder, text)[-3:] == ["Watauga", "Avery", "Ashe"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Director Michael Bay said the film was a hit.",
        "The show was hosted by Ricki Lake.",
        "River Phoenix starred in the film.",
        "Deposits at the Red River Bank rose.",
    ],
)
def test_a_person_or_firm_with_a_feature_word_is_no_feature(
    finder: MentionFinder, sentence: str
) -> None:
    assert not any(t.endswith(("Bay", "Lake", "River")) for t in _texts(finder, sentence))


def test_a_persian_ezafe_joins_a_hyphenated_name(finder: MentionFinder) -> None:
    assert _texts(finder, "The railway would run from Termez to Mazar-i-Sharif.") == [
        "Termez",
        "Mazar-i-Sharif",
    ]


def test_a_variant_spelling_in_its_own_country_is_the_town(finder: MentionFinder) -> None:
    text = "The railway would link Termez in Uzbekistan with Peshawar in Pakistan."
    assert _texts(finder, text) == ["Termez", "Uzbekistan", "Peshawar", "Pakistan"]


def test_the_republic_alone_is_no_place(finder: MentionFinder) -> None:
    # "the Republic" (of Ireland, of Korea ...), not Republic, Missouri.
    assert _texts(finder, "It shares a grid with the Republic.") == []


def test_a_small_town_heading_a_projects_name_is_no_place(finder: MentionFinder) -> None:
    # Keystone (Florida), Viking (Alberta): the project's name, not the town.
    assert _texts(finder, "TC Energy cancelled the Keystone XL pipeline.") == []
    assert _texts(finder, "The Viking Link cable runs under the North Sea.") == ["North Sea"]
    # A real city keeps its name: the Benguela railway runs from Benguela.
    assert _texts(finder, "They upgraded the Benguela railway.") == ["Benguela"]


def test_a_word_before_of_and_a_name_is_part_of_a_longer_name(finder: MentionFinder) -> None:
    assert "Isle" not in _texts(finder, "The cable lands at the Isle of Grain in Kent.")


def test_a_city_before_strip_is_still_the_city(finder) -> None:  # type: ignore[no-untyped-def]
    assert "Las Vegas" in _texts(finder, "a line from the Las Vegas Strip to Rancho Cucamonga.")


@pytest.mark.parametrize(
    "text", ["two 525-kV DC connections", "a DC link between them", "Enbridge's Line 5 runs"]
)
def test_currents_and_numbered_lines_are_no_places(finder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _texts(finder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # GeoNames names Shigatse Rikaze: in a route's name it is the town.
        ("The Lhasa-Shigatse railway has operated since 2014.", ["Lhasa", "Shigatse"]),
        # ... but the first half of "Trans-Kalahari" is no Trans-en-Provence.
        ("The Trans-Kalahari railway is planned.", ["Kalahari"]),
        # A town's other name of six letters or more after a place preposition
        # (Shibirghan, 55,000 people).
        ("A power line would run to Sheberghan.", ["Sheberghan"]),
    ],
)
def test_other_names_of_towns_in_route_names_and_after_prepositions(
    finder, text: str, expected: list[str]
) -> None:  # type: ignore[no-untyped-def]
    assert _texts(finder, text) == expected


def test_a_person_named_in_an_institution_does_not_hide_the_town(finder: MentionFinder) -> None:
    text = (
        "Researchers at Charles Darwin University studied the route. A power cable would "
        "run from Darwin to Singapore."
    )
    assert _texts(finder, text) == ["Darwin", "Singapore"]


def test_another_spelling_of_a_town_after_between_is_the_town(finder: MentionFinder) -> None:
    text = "a subsea link between Turkmenbashi on the eastern shore and the port of Baku"
    assert _texts(finder, text) == ["Turkmenbashi", "Baku"]


def test_a_lower_case_generic_does_not_end_a_town_name(finder: MentionFinder) -> None:
    # French Island, Wisconsin is written with a capital; "the Korean peninsula" is not.
    text = "It reached the French island of Saint Martin, then the Korean peninsula."
    assert "French island" not in _texts(finder, text)
    assert "Korean peninsula" in _texts(finder, text)


def test_an_unknown_gulf_or_cape_of_a_name_is_one_mention(finder: MentionFinder) -> None:
    # Not "Gulf" (the Persian Gulf) and "San Matías" (a town in Bolivia), nor "Good Hope"
    # (a town in California).
    text = "Tankers load in the Gulf of San Matías and sail round the Cape of Good Hope."
    assert _texts(finder, text) == ["Gulf of San Matías", "Cape of Good Hope"]
    assert _texts(finder, "Storms hit the Gulf of Mexico.") == ["Gulf of Mexico"]


def test_a_capitals_name_as_a_first_name_is_no_place(finder: MentionFinder) -> None:
    text = (
        '"The line is viable," said Sofia Papadopoulou, an analyst. Astana Sarsenbayev '
        "said it would open. Beijing Olympics organisers said tickets were sold out."
    )
    assert _texts(finder, text) == ["Beijing"]


def test_a_name_after_said_with_its_speaker_before_is_no_speaker(finder: MentionFinder) -> None:
    # '..., said Sandberg.' names the speaker; "He said Sohar, ..." does not, so the
    # port stays a place in the whole story; "told Hoover." is still the listener.
    text = (
        "The line will run from Sohar to Abu Dhabi. He said Sohar, on the Gulf of Oman, "
        "could handle more cargo."
    )
    assert _texts(finder, text).count("Sohar") == 2
    assert "Hoover" not in _texts(finder, "The attorney told Hoover. Hoover left for Ohio.")


def test_two_places_before_an_organisation_word_are_no_persons_name(
    finder: MentionFinder,
) -> None:
    # "Sanford Bemidji Medical Center" names no person called Bemidji: the dateline and
    # the headline keep the town.
    text = (
        "Bemidji hospital to reopen clinics. BEMIDJI, Minn. - Sanford Bemidji Medical "
        "Center said clinics will reopen."
    )
    texts = _texts(finder, text)
    assert texts[:2] == ["Bemidji", "BEMIDJI"]


def test_a_demonym_qualified_by_a_state_is_the_town_in_the_whole_story(
    finder: MentionFinder,
) -> None:
    doc = make_document(
        "Alpine approves water project. ALPINE, Texas - The Alpine City Council voted.", "t"
    )
    usages = [(m.text, m.usage) for m in finder.find(doc)]
    assert usages[:3] == [("Alpine", "place"), ("ALPINE", "place"), ("Texas", "place")]
    # Without a qualifier the word stays an adjective.
    doc = make_document("Alpine skiing resorts opened early.", "t")
    assert [m.usage for m in finder.find(doc)] == ["adjective"]


def test_a_hospital_named_after_a_saint_is_no_place(finder: MentionFinder) -> None:
    text = "Pickets formed outside St Thomas' Hospital and in St. Thomas, Ontario."
    assert _texts(finder, text) == ["St. Thomas", "Ontario"]


def test_a_short_capitalised_dateline_is_its_town_not_an_acronym(finder: MentionFinder) -> None:
    assert _texts(finder, "LOMÉ, Feb 8 - Togo and Niger signed.") == ["LOMÉ", "Togo", "Niger"]
    assert _texts(finder, "GOMA (Reuters) - Fighting resumed.") == ["GOMA"]
    # An acronym at a line's start stays an acronym.
    assert _texts(finder, "NATO, the alliance, met in Brussels.") == ["Brussels"]


def test_a_name_runs_on_through_an_elided_article(finder: MentionFinder) -> None:
    assert _texts(finder, "Abidjan in Côte d'Ivoire and Accra.") == [
        "Abidjan",
        "Côte d'Ivoire",
        "Accra",
    ]


def test_a_long_respelling_of_a_town_is_the_town(finder: MentionFinder) -> None:
    # GeoNames spells them Alexandroupoli and Türkmenbaşy.
    text = "Alexandroupolis has grown, and Turkmenistan pitches Turkmenbashi as a hub."
    assert _texts(finder, text) == ["Alexandroupolis", "Turkmenistan", "Turkmenbashi"]


def test_an_acronym_before_a_country_is_no_first_name(finder: MentionFinder) -> None:
    # "Rebecca Jordan said" is a person; "NHS England said" is the body for England.
    assert _texts(finder, "NHS England said consultants would cover.") == ["England"]
    assert _texts(finder, "Pickets stood at the Manchester Royal Infirmary.") == ["Manchester"]


def test_an_arabic_name_runs_on_through_its_elided_article(finder: MentionFinder) -> None:
    assert _texts(finder, "The pipeline crosses the Rub' al Khali to Duqm.") == [
        "Rub' al Khali",
        "Duqm",
    ]


def test_a_big_citys_name_before_a_role_is_the_persons(finder: MentionFinder) -> None:
    text = "Jamie Cleveland, mayor of the district, said Paris, capital of France, helped."
    assert _texts(finder, text) == ["Paris", "France"]


def test_a_place_before_virus_in_an_institutes_name_is_the_place(finder: MentionFinder) -> None:
    assert _texts(finder, "Samples went to the Uganda Virus Research Institute.") == ["Uganda"]
    assert _texts(finder, "Cases of West Nile virus rose in Texas.") == ["Texas"]


def test_a_generic_in_lower_case_stays_outside_a_named_features_span(
    finder: MentionFinder,
) -> None:
    # As the corpora mark it: "the [Indus] river"; but "the Korean peninsula" is no
    # adjective, and "the Okavango river" is not the Okavango Delta.
    text = "Floods on the Indus river, the Okavango river and the Korean peninsula."
    assert _texts(finder, text) == ["Indus", "Okavango river", "Korean peninsula"]


def test_a_capitalised_dateline_after_a_headline_is_the_town(finder: MentionFinder) -> None:
    # Hamilton is also a surname, which the story would otherwise need a preposition
    # to overrule; its dateline says it is the town.
    text = "Audit finds county staff owe taxes. HAMILTON — Officials met on Monday."
    assert _texts(finder, text) == ["HAMILTON"]
    assert _texts(finder, "MANSFIELD -- The mayor wants a patrol program.") == ["MANSFIELD"]
    assert _texts(finder, "NATO - the alliance met in Brussels.") == ["Brussels"]
    assert _texts(finder, "Phila. officer charged with drug dealing.") == ["Phila"]


def test_a_clubs_town_is_no_persons_surname(finder: MentionFinder) -> None:
    text = "Bayern travel to Eintracht Frankfurt. Trains around Frankfurt were cancelled."
    assert _texts(finder, text)[-2:] == ["Frankfurt", "Frankfurt"]


def test_a_world_citys_other_name_is_the_city(finder: MentionFinder) -> None:
    # GeoNames: Bengaluru, Ho Chi Minh City, Acapulco de Juárez.
    text = "The Bangalore Metro Rail Corporation said riders from Saigon and Acapulco waited."
    assert _texts(finder, text) == ["Bangalore", "Saigon", "Acapulco"]


def test_a_variant_spelling_listed_with_a_town_of_its_country_is_a_town(
    finder: MentionFinder,
) -> None:
    # GeoNames spells them Magugpo Poblacion and Kashmor; a list of places names places.
    text = "Police in Tagum and Panabo were told. Kashmore, Ghotki and Shikarpur were hit."
    assert _texts(finder, text) == ["Tagum", "Panabo", "Kashmore", "Ghotki", "Shikarpur"]
    # But a variant spelling of a town abroad is no place beside a country: "Hamas" is
    # also a spelling of Hamm, Germany.
    assert _texts(finder, "Israel and Hamas agreed.") == ["Israel"]


def test_a_possessive_inside_an_organisations_name_keeps_the_place(
    finder: MentionFinder,
) -> None:
    text = "He appeared in the Rustenburg Magistrate's Court on Monday."
    assert _texts(finder, text) == ["Rustenburg"]


def test_names_after_towns_such_as_are_towns(finder: MentionFinder) -> None:
    # GeoNames spells them Kupyansk and Izyum.
    text = "Frontline towns such as Kupiansk and Izium have had no power."
    assert _texts(finder, text) == ["Kupiansk", "Izium"]


def test_small_divisions_named_like_english_words_are_no_places(finder: MentionFinder) -> None:
    # Light (an Australian shire) and See (a Swiss district) are in the gazetteer.
    assert _texts(finder, "See the table below. Light rain fell on Perth.") == ["Perth"]


def test_a_town_before_a_compass_word_is_the_towns_school_or_district(
    finder: MentionFinder,
) -> None:
    assert _texts(finder, "Goaltender Ben Moua made 31 saves for Mankato West.") == ["Mankato"]
    assert _texts(finder, "He was elected for Belfast East in 2010.") == ["Belfast"]


def test_canadian_press_abbreviations_and_irish_counties_are_places(
    finder: MentionFinder,
) -> None:
    text = "In Truro, N.S., and Hague, Sask., and in Co Waterford and Co. Cork it rained."
    assert _texts(finder, text) == ["Truro", "N.S.", "Hague", "Sask.", "Co Waterford", "Co. Cork"]
    # Two capitals without their full stops are some other body: NS, the Dutch railway.
    assert _texts(finder, "The rail operator NS said services would resume.") == []


def test_a_wire_storys_credit_line_names_people(finder: MentionFinder) -> None:
    text = (
        "(Reporting by Pierre Mbuyi in Kinshasa and Clara Whitlock in London; Writing by "
        "Diego Vargas; Editing by Simon Ferrand)"
    )
    assert _texts(finder, text) == ["Kinshasa", "London"]


def test_a_small_town_opening_a_sentence_is_the_town_the_story_names(
    finder: MentionFinder,
) -> None:
    # Chiefland, Florida has 2,300 people: alone at a sentence's start its name is
    # doubtful, but the story calls it a place elsewhere.
    text = "Chiefland man, 19, stabbed. He was taken from his home in Chiefland."
    assert _texts(finder, text) == ["Chiefland", "Chiefland"]
    assert _texts(finder, "Chiefland man, 19, stabbed.") == []


def test_a_name_that_speaks_after_a_quotation_is_a_person(finder: MentionFinder) -> None:
    text = '"We were pressing," Lincoln said. "We\'re a crossroads town," Houston said.'
    assert _texts(finder, text) == []
    assert _texts(finder, "Fans came from Lincoln and Houston.") == ["Lincoln", "Houston"]


def test_a_name_ending_in_a_possessive_keeps_it(finder: MentionFinder) -> None:
    # St. John's, Newfoundland is not Saint John, New Brunswick; China's is China.
    text = "He moved to St. John's, Newfoundland, from China's capital."
    assert _texts(finder, text) == ["St. John's", "Newfoundland", "China"]
    # A saint's school or hospital is no place, with or without the possessive.
    text = "She studied at St. John's Lutheran School and St. Mary's High School in Lombard."
    assert _texts(finder, text) == ["Lombard"]


def test_a_compass_word_before_an_ordinal_opens_a_streets_name(finder: MentionFinder) -> None:
    assert "Northwest" not in _texts(finder, "They met at Northwest 34th Street in Gainesville.")
    assert _texts(finder, "Storms hit the Northwest.") == ["Northwest"]


def test_a_big_towns_name_that_speaks_after_a_quotation_is_a_person(
    finder: MentionFinder,
) -> None:
    # ... but a capital that speaks is its government, a place (metonymy).
    text = '"They stuck me in the second row," Manchester said. "No," Moscow said.'
    assert _texts(finder, text) == ["Moscow"]


def test_a_weekday_or_a_date_after_a_town_is_no_part_of_its_name(finder: MentionFinder) -> None:
    text = "The crash happened in Gainesville Friday night; he flies to Atlanta March 3."
    assert _texts(finder, text) == ["Gainesville", "Atlanta"]


def test_a_town_named_by_the_story_is_the_town_in_its_other_mentions(finder: MentionFinder) -> None:
    # Monroe is mostly a surname in news: "the city of Monroe" settles it for the story.
    text = "It worries the city of Monroe. Monroe Mayor Robert Routson agreed."
    assert _texts(finder, text) == ["Monroe", "Monroe"]
    assert _texts(finder, "Monroe Mayor Robert Routson agreed.") == []


def test_a_slash_makes_a_firms_name(finder: MentionFinder) -> None:
    assert _texts(finder, "It was near the Re/Max office in Lombard.") == ["Lombard"]


def test_a_peoples_name_in_a_list_of_counties_is_a_county(finder: MentionFinder) -> None:
    text = "School boards in Barrow, Jackson and Madison counties met."
    assert _texts(finder, text) == ["Barrow", "Jackson", "Madison"]


def test_the_before_another_spelling_that_names_a_river_is_the_river(
    finder: MentionFinder,
) -> None:
    # "Periyar" is otherwise only an alternate name of Erode, a city far from the river.
    text = "Heavy rain pushed the Periyar close to the danger mark in Ernakulam."
    assert _texts(finder, text) == ["Periyar", "Ernakulam"]


def test_a_bodys_acronym_after_a_place_is_no_surname(finder: MentionFinder) -> None:
    assert _texts(finder, "Africa CDC said it had sent epidemiologists.") == ["Africa"]


def test_a_town_before_an_acronym_names_the_body_of_the_town(finder: MentionFinder) -> None:
    assert _texts(finder, "Gladstone LNG exports hit a record.") == ["Gladstone"]


def test_more_organisation_words_keep_the_town_that_heads_them(finder: MentionFinder) -> None:
    text = (
        "Rep. Tom Hawk, a Manhattan Democrat, flew from Kansas City International to the "
        "Hammond Marina and then to Feltham Magistrates’ Court."
    )
    assert _texts(finder, text) == ["Manhattan", "Kansas City", "Hammond", "Feltham"]


def test_an_ampersand_joins_a_places_name_or_makes_a_firms(finder: MentionFinder) -> None:
    text = "Stevens & Wilkinson opened offices in Trinidad & Tobago and Tyne & Wear."
    assert _texts(finder, text) == ["Trinidad & Tobago", "Tyne & Wear"]


def test_a_persons_role_is_no_settlement_in_apposition(finder: MentionFinder) -> None:
    text = "Dr. Jackson Tumwine, a district health officer, spoke from Mubende."
    assert _texts(finder, text) == ["Mubende"]
    assert _texts(finder, "They fled to Hardisty, a small town in Alberta.") == [
        "Hardisty",
        "Alberta",
    ]


def test_an_oil_benchmark_is_no_town(finder: MentionFinder) -> None:
    assert _texts(finder, "Brent crude traded above $80 in London.") == ["London"]


def test_a_demonym_before_a_region_says_whose_it_is(finder: MentionFinder) -> None:
    assert _texts(finder, "The line runs to Rovaniemi, in Finnish Lapland.") == [
        "Rovaniemi",
        "Finnish",
        "Lapland",
    ]


def test_a_variant_spelling_at_the_other_end_of_a_route_is_a_town(finder: MentionFinder) -> None:
    # GeoNames spells it Zaxo; "from Mosul to Zakho" names two Iraqi towns.
    assert _texts(finder, "The road runs from Mosul to Zakho.") == ["Mosul", "Zakho"]


def test_a_peoples_name_in_a_list_of_towns_after_a_preposition_is_a_town(
    finder: MentionFinder,
) -> None:
    text = "Battalion Chief Troy Jensen said crews from Troy, Genesee and Potlatch responded."
    assert _texts(finder, text) == ["Troy", "Genesee", "Potlatch"]
    assert _texts(finder, "Troy and Genesee met Monday.") == ["Genesee"]


def test_a_persons_name_is_a_town_again_in_a_list_of_towns(finder: MentionFinder) -> None:
    text = (
        "Warnings were in place at Tenbury Wells and Ludlow, said Emma Ludlow, "
        "the agency's duty manager."
    )
    assert _texts(finder, text)[:2] == ["Tenbury Wells", "Ludlow"]


def test_a_big_citys_name_borne_by_the_storys_person_is_the_person_again(
    finder: MentionFinder,
) -> None:
    # Gilbert, Arizona has 250,000 people, but here it is Brian Gilbert.
    text = "His partner, Brian Gilbert, said he moved to Phoenix. Gilbert is a producer."
    assert _texts(finder, text) == ["Phoenix"]
    text = "Brian Gilbert said so. The council in Gilbert met."
    assert _texts(finder, text) == ["Gilbert"]


def test_a_preposition_opening_a_sentence_is_no_first_name(finder: MentionFinder) -> None:
    text = "Following Venice's lead, villages on Lake Como consider a fee."
    assert _texts(finder, text) == ["Venice", "Lake Como"]


def test_pan_before_a_demonym_makes_no_country(finder: MentionFinder) -> None:
    text = "The Pan American Health Organization warned Colombia."
    assert _texts(finder, text) == ["Colombia"]


def test_a_sports_team_named_after_its_city_keeps_the_city(finder: MentionFinder) -> None:
    text = "The Kansas City Chiefs beat the Buffalo Bills, and Mumbai Indians lost."
    assert _texts(finder, text) == ["Kansas City", "Buffalo", "Mumbai"]


def test_a_role_before_a_name_and_surname_makes_a_person(finder: MentionFinder) -> None:
    text = "Brazilian forward Paris Oliveira scored, and Cricket Australia said so."
    assert _texts(finder, text) == ["Brazilian", "Australia"]


def test_an_age_after_a_big_citys_name_makes_it_a_surname(finder: MentionFinder) -> None:
    text = "Its candidate, Jack Durham, a 41-year-old haulier, met the Law Society of Kenya."
    assert _texts(finder, text) == ["Kenya"]


def test_a_peoples_name_after_capital_is_the_capital(finder: MentionFinder) -> None:
    text = "The district includes the capital, Jackson, and the Delta counties."
    assert _texts(finder, text)[0] == "Jackson"


def test_a_family_particle_makes_a_firms_name(finder: MentionFinder) -> None:
    assert _texts(finder, "Botswana wants a bigger stake in De Beers.") == ["Botswana"]
    assert _texts(finder, "They met in De Aar.") == ["De Aar"]


def test_a_persons_namesake_dateline_is_the_town(finder: MentionFinder) -> None:
    text = "JACKSON, Miss. (AP) — Nissan will cut a shift. Plant manager Ray Jackson said so."
    assert _texts(finder, text)[:2] == ["JACKSON", "Miss."]


@pytest.mark.parametrize(
    "text",
    [
        "the bureau said most roads in the north were shut; Kim Jong-un's visit.",
        "co-operation with don't and rock’n’roll, x_y, abc1 def2, 3ghi, café and the",
        "Lower case at the very start and end",
        "𝐀bc under 𝐁 and e\u0301tude — past the plane",
        "",
    ],
)
def test_lower_words_answers_as_the_lower_word_pattern_lists(text: str) -> None:
    import re

    from corridormap.mentions import _LOWER_WORD, _LowerWords

    listed = set(_LOWER_WORD.findall(text))
    asked = _LowerWords(text)
    words = set(re.findall(r"\w+", text)) | {w.lower() for w in re.findall(r"\w+", text)}
    for word in sorted(words | {"the", "un", "t", "n", "roll", "y", "def", "ghi", "bc", ""}):
        assert (word in asked) == (word in listed), word


def test_a_given_name_before_a_family_particle_is_a_person(finder: MentionFinder) -> None:
    text = "According to Dennis van Engelsdorp, a bee specialist in Pennsylvania, hives died."
    assert _texts(finder, text) == ["Pennsylvania"]
    assert _texts(finder, '"It is here," Hassan el Bushra said in Cairo.') == ["Cairo"]


def test_a_name_before_and_i_is_the_speakers_companion(finder: MentionFinder) -> None:
    text = '"Laura and I will travel to Africa next month," he said.'
    assert _texts(finder, text) == ["Africa"]


def test_a_capitals_code_glued_to_digits_is_a_designation(finder: MentionFinder) -> None:
    assert _texts(finder, "Gunmen fired AK-47 rifles in Sinaloa.") == ["Sinaloa"]
    # A country's code before a number still names the country: "US-24", a US highway.
    assert _texts(finder, "The US-24 project will widen the road.") == ["US"]


def test_a_features_bare_generic_inside_another_name_is_no_feature(
    finder: MentionFinder,
) -> None:
    assert _texts(finder, "The series ran on the Discovery Channel last year.") == []
    assert _texts(finder, "According to WIVB Channel 4, the school closed.") == []
    assert _texts(finder, "He swam across the Channel to Britain.") == ["Channel", "Britain"]


def test_iso_alpha3_codes_are_not_countries(finder: MentionFinder) -> None:
    text = "The call came at 1:58 p.m. [EST], according to GTM Research."
    assert _texts(finder, text) == []
    # the codes news writes for countries are aliases, and stay
    text = "Exports to the USA and the UAE rose."
    assert _texts(finder, text) == ["USA", "UAE"]


def test_english_words_that_name_small_places_are_those_words(finder: MentionFinder) -> None:
    text = "Media reports said cases began in Spring 2002, the Godfather of Soul's year."
    assert _texts(finder, text) == []
    # Another spelling of a big city (Seoul, Münster) does not outweigh the word.
    assert _texts(finder, "He wrote The Monster at Our Door.") == []


def test_unknown_names_qualified_by_a_region_or_listed_after_a_colon_are_places(
    finder: MentionFinder,
) -> None:
    text = "Those who ate at the McDonalds located in Greenlane, Auckland, were tested."
    assert _texts(finder, text) == ["Greenlane", "Auckland"]
    assert _texts(finder, "They live in Kampungu, Namibia.") == ["Kampungu", "Namibia"]
    # A country that goes on ("Canada's biggest firm") qualifies no town.
    assert _texts(finder, "He works at Bombardier, Canada's biggest firm.") == ["Canada"]
    text = "The epidemic has affected four villages: Kampungu and others."
    assert _texts(finder, text) == ["Kampungu"]


def test_a_war_named_after_a_feature_and_a_flu_season_are_not_diseases_or_places(
    finder: MentionFinder,
) -> None:
    assert _texts(finder, "The disabled Gulf War veteran rode on.") == []
    assert _texts(finder, "With the United States flu season here, stay home.") == ["United States"]


def test_an_influenza_strains_name_is_no_mention_of_its_place(finder: MentionFinder) -> None:
    text = "The vaccine holds an A/California/7/2009 (H1N1) virus, made in Texas."
    assert _texts(finder, text) == ["Texas"]


def test_a_name_given_as_a_last_name_is_that_person_later(finder: MentionFinder) -> None:
    text = (
        "The son is identified only by his last name of Lu. Samples from Lu were sent to Beijing."
    )
    assert _texts(finder, text) == ["Beijing"]


def test_a_big_citys_other_name_does_not_outweigh_a_village_so_named(
    finder: MentionFinder,
) -> None:
    # "Lim" and "Sam" are other names of Lima and Damascus, and villages' own names:
    # the village's reading lets the person rules apply.
    text = '"Nobody told me," Dennis Lim said in Casa Grande. Lim is retired.'
    assert _texts(finder, text) == ["Casa Grande"]
    text = "Blues forward duo Sam Gallagher and Che Adams will miss the game in Birmingham."
    assert _texts(finder, text) == ["Birmingham"]


def test_the_one_thanked_is_a_person(finder: MentionFinder) -> None:
    assert _texts(finder, '"Thank you, Dennis," the anchor in Buffalo replied.') == ["Buffalo"]


def test_a_works_title_after_its_kind_names_no_place(finder: MentionFinder) -> None:
    text = 'The Coen brothers\' 1996 film "Fargo," was shot in Minnesota.'
    assert _texts(finder, text) == ["Minnesota"]
    text = 'Her lead single, "Memphis in the Rearview," topped the charts in Canada.'
    assert _texts(finder, text) == ["Canada"]


def test_a_style_a_breed_or_a_schools_namesake_is_no_place(finder: MentionFinder) -> None:
    text = "The recall covers Buffalo-style chicken dip sold in Ohio."
    assert _texts(finder, text) == ["Ohio"]
    text = "Farmers in Iowa are selling off Holstein cows and Angus cattle."
    assert _texts(finder, text) == ["Iowa"]
    text = "Pupils at Franklin Elementary and Kennedy High School in Paducah were sent home."
    assert _texts(finder, text) == ["Paducah"]


def test_a_title_and_a_first_name_make_a_big_citys_name_a_surname(
    finder: MentionFinder,
) -> None:
    text = "It shut, said company president Victoria Lincoln. According to Lincoln, it may reopen."
    assert _texts(finder, text) == []


def test_a_city_named_before_the_person_who_bears_its_name_stays_the_city(
    finder: MentionFinder,
) -> None:
    text = (
        "Most cases were in the Houston and Dallas areas. "
        '"It spreads," said Dr. Mark Houston. Houston said more would come.'
    )
    assert _texts(finder, text) == ["Houston", "Dallas"]


def test_a_compass_word_before_a_peoples_name_makes_it_the_place(
    finder: MentionFinder,
) -> None:
    text = "Residents fled coastal towns in eastern Victoria as bushfires spread."
    assert _texts(finder, text) == ["Victoria"]


def test_a_countrys_flu_season_or_vaccine_is_the_country(finder: MentionFinder) -> None:
    assert _texts(finder, "Its U.S. flu vaccine plant is busy.") == ["U.S."]
    # but a place naming the virus is still none
    assert _texts(finder, "Cases of West Nile virus rose in Texas.") == ["Texas"]


def test_names_listed_as_brands_or_labels_are_no_places(finder: MentionFinder) -> None:
    text = "The eggs were sold in Iowa under the labels Lucerne, Albertson and Sun Valley."
    assert _texts(finder, text) == ["Iowa"]
    assert _texts(finder, "Crackers sold under the Austin label were recalled.") == []


def test_a_party_tag_names_no_place(finder: MentionFinder) -> None:
    assert _texts(finder, "Sen. Tom Harkin (D-IA) spoke in Chicago.") == ["Chicago"]


def test_a_school_named_for_a_person_is_that_school_later_in_the_story(
    finder: MentionFinder,
) -> None:
    text = (
        "Five boys at Franklin Elementary fell ill. Then more children at Franklin were "
        "diagnosed. Families in Franklin, Tenn., were not affected."
    )
    assert _texts(finder, text) == ["Franklin", "Tenn."]


def test_a_single_name_given_as_the_source_is_a_person(finder: MentionFinder) -> None:
    text = "According to Yap, the test results from Manila were negative."
    assert _texts(finder, text) == ["Manila"]


def test_a_compass_region_before_a_place_is_part_of_that_place(finder: MentionFinder) -> None:
    assert _texts(finder, "Ducks died in North-Western Sydney.") == ["Sydney"]


def test_a_given_name_before_a_big_citys_name_makes_it_a_surname(
    finder: MentionFinder,
) -> None:
    text = "He and his business partner, Brian Gilbert, plan more films. Gilbert said so."
    assert _texts(finder, text) == []
    # a place first, then the city: both places
    assert _texts(finder, "Flights from Paris Tampa were cancelled.") == ["Paris", "Tampa"]


def test_a_name_before_a_middle_initial_is_a_first_name(finder: MentionFinder) -> None:
    text = "The flat had been leased to Barry M. George, 46, of Gainesville."
    assert _texts(finder, text) == ["Gainesville"]


def test_a_given_name_and_a_surname_before_an_organisation_are_a_person(
    finder: MentionFinder,
) -> None:
    text = "He fought with 19-year-old Anthony Gillen of Kansas City."
    assert _texts(finder, text) == ["Kansas City"]
    assert _texts(finder, "Wanda Y. Martin, 39, was convicted.") == []
    assert _texts(finder, 'Sheriff Beauregard "Bud" Torres said the boy was held.') == []


def test_a_given_name_before_an_institution_word_or_a_common_noun_stays_the_place(
    finder: MentionFinder,
) -> None:
    text = "Frederick Memorial Hospital in Frederick, Md., will open a clinic."
    assert _texts(finder, text) == ["Frederick", "Frederick", "Md."]
    assert _texts(finder, "The Wayne Food Pantry needs food donations.") == ["Wayne"]
