"""Choose the referent of each mention, using the document as context.

Scoring, per candidate of a mention (all terms in 0..1, weights in :data:`WEIGHTS`):

* ``prior``: the gazetteer's context-free prior (countries over cities of the same
  name, capitals and big cities over hamlets);
* ``country``: the candidate lies in a country the document names, weighted by how
  often that country's places occur;
* ``admin1``: the candidate lies in a first-level region the document names;
* ``near``: closeness to the places already resolved without doubt
  (countries excluded), ``exp(-d / 400 km)``;
* ``qualifier``: "Paris, Texas" — the name is followed by ", X" where X is a region or
  country containing the candidate;
* ``regions``: an admin-1 candidate, in a country the document names, when the document
  names other admin-1 regions ("Ontario" after Alberta, Montana and Nebraska is the
  province, not Ontario, California).

One sense per discourse: every mention with the same normalised name in a document gets
the same referent.  Confidence is the softmax share of the chosen candidate's score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Final, TypeVar

from corridormap._frozen import evolve
from corridormap.gazetteer.index import Gazetteer
from corridormap.gazetteer.normalize import normalize
from corridormap.mentions import COUNTIES_AFTER
from corridormap.model import (
    DIVISION_FEATURES,
    TOWN_FEATURES,
    Candidate,
    Document,
    Mention,
    Place,
)

#: Fitted on LGL by grid search over acc@161 (see docs/geoparsing.md).
WEIGHTS: Final = {
    "prior": 2.0,
    "country_name": 0.0,
    "country": 1.2,
    "admin1": 0.4,
    "near": 0.5,
    "qualifier": 3.0,
    # An admin-1 region among other regions the story names ("from Wyoming to Ontario"
    # after Alberta, Montana and Nebraska): the province, not Ontario, California.
    # Fitted on LGL alone (session 12), with the others held.
    "regions": 0.8,
}
#: A region abroad takes a country's name only if at least 1/this as populous.
_COUNTRY_OVER_REGION: Final = 2
#: How many other admin-1 regions a story must name for the full "regions" weight.
_REGIONS_FULL: Final = 2
#: Softmax temperature for confidences: lower is more decisive.
TEMPERATURE: Final = 0.5
_EARTH_RADIUS_KM: Final = 6371.0088
_METONYM_VERBS: Final = re.compile(
    r"^(?:['’]s\s+(?:government|position|stance|decision|policy|response)|\s+(?:has|have|"
    r"had|is|was|will|would|said|says|announced|accused|warned|insisted|wants|demanded|"
    r"rejected|agreed|denied|claimed|responded|refused|threatened|signed|urged|opposes|"
    r"opposed|approved))\b"
)
_QUALIFIER: Final = re.compile(r"^,\s*")
#: ... or before it, as the one blamed or told: "officials said Moscow was behind it".
_GOVERNMENT_BEFORE: Final = re.compile(r"\b(?:said|says|accused|blamed|warned|urged|told) \Z")
#: Verbs of speech or stance after a capital's name: its government acting ("Moscow
#: denied", "Beijing warned"), not a town's council.
_GOVERNMENT_VERBS: Final = re.compile(
    r"(?: has| have| had)? (?:said|says|announced|accused|warned|insisted|demanded|"
    r"rejected|denied|claimed|responded|refused|threatened|urged|condemned|vowed|"
    r"retaliated|protested|blamed|backed|recognised|recognized|sanctioned)\b"
)
#: A state this populous keeps its name against a foreign village (below) unless the
#: story puts the village's own region first.
_BIG_STATE_POPULATION: Final = 1_000_000
_VILLAGE_POPULATION: Final = 20_000
#: A place found by one of its other names gives way to one that bears the name as its
#: own and is this many times bigger (and at least this big).
_OWN_NAME_FACTOR: Final = 5
_OWN_NAME_MIN: Final = 1_000_000
#: A hamlet named after a world city abroad (Montreal, Wisconsin: 783 people).
_HAMLET_POPULATION: Final = 1_000
#: A city this big keeps its name against a small town of its own country (Atlanta,
#: Georgia against Atlanta, Michigan or Atlanta, Texas) unless the story puts the
#: town's region first.
_BIG_CITY_POPULATION: Final = 250_000
_SMALL_TOWN_POPULATION: Final = 20_000
#: A region of a capital's name this close to it is the region around it (Buenos Aires).
_CAPITALS_REGION_KM: Final = 500.0
#: A region's name that is a compass direction ("North-Western", "Central").
#: A region named by a compass word alone ("North-Western", a province of Zambia), which
#: before another name only qualifies it ("North-Western Sydney").
_COMPASS_ONLY: Final = re.compile(
    r"^(?:north|south|east|west|central|centre|center)(?:[- ]?(?:east|west))?(?:ern)?$"
)
#: Largest town that gives way to the region a story puts it in (below).
_CONTAINED_TOWN_MAX: Final = 1_000_000
#: "Woodland in County Meath", "Deeside in north Wales": the second place holds the first.
_CONTAINED_IN: Final = re.compile(
    r"^(?: City)?(?:, |,? in (?:the )?(?:(?:north|south|east|west|central|northern|southern|eastern"
    r"|western|north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?"
    r"|south-?west(?:ern)?) )?"
    # "Hazelwood in the Latrobe Valley in Victoria": an unknown area in between
    r"|,? in the (?:(?-i:[A-Z])[\w'’-]+ ){1,3}in "
    # "Ballia, in the east of Uttar Pradesh"
    r"|,? in the (?:far )?(?:north|south|east|west|centre|center|north-?east|north-?west"
    r"|south-?east|south-?west) of )$"
)
#: "X, near Y", "X, just south of Y": X lies by the town Y.
_NEAR_GAP: Final = re.compile(
    r"^, (?:near|close to|outside|(?:just )?"
    r"(?P<dir>north|south|east|west|north-?east|north-?west|south-?east|south-?west) of)"
    r" (?:the )?$"
)
#: How far "X, south of Y" puts X from Y's point, and the unit step of each direction.
_NEAR_STEP_KM: Final = 15.0
_COMPASS_STEP: Final = {
    "north": (1.0, 0.0), "south": (-1.0, 0.0), "east": (0.0, 1.0), "west": (0.0, -1.0),
    "northeast": (0.7, 0.7), "northwest": (0.7, -0.7),
    "southeast": (-0.7, 0.7), "southwest": (-0.7, -0.7),
}  # fmt: skip
#: "X, near Y" moves X to Y's point only if X is a town smaller than this and none of
#: its namesakes lies within _NEAR_KM of Y.
_NEAR_TOWN_MAX: Final = 100_000
_NEAR_KM: Final = 150.0
#: A village this small, this far (km) from the story's town and near none of its other
#: places, is taken for a local one the gazetteer lacks.
_LOST_TOWN_MAX: Final = 5_000
_LOST_TOWN_KM: Final = 800.0
#: A story is local when at least this share of its towns lies this close (km) to its
#: own town (both chosen on LGL).
_LOCAL_STORY_SHARE: Final = 0.5
_LOCAL_STORY_KM: Final = 300.0
#: What joins the last two items of a list of places.
_LIST_GAPS: Final = frozenset({" and ", " or "})
#: How sure the first pass must be of a listed name's region for its neighbours to be
#: regions too ("Texas, Oregon and Washington": Oregon is also a town's name).
_LISTED_REGION_MIN: Final = 0.3
#: A city this big, or a national capital, makes the names listed beside it world cities
#: of its country where they can be ("Paris and London").
_WORLD_CITY_POPULATION: Final = 500_000
#: A firm's seat after a name: "a Milan-based bank", "Dublin-headquartered".
_SEAT_AFTER: Final = re.compile(r"-(?:based|headquartered)\b")
#: A town this small gives way to the world city of its name listed beside another.
_WORLD_NAMESAKE_MAX: Final = 50_000
#: What joins any two items of a list of places.
_LIST_ITEM_GAPS: Final = _LIST_GAPS | {", ", ", and ", ", or "}
_STREET: Final = re.compile(
    r"(?:Street|St\.?|Avenue|Ave\.?|Drive|Boulevard|Blvd\.?|Lane|Pike)$"
    r"|^(?:Highway|Interstate|Route|Hwy)[ -]\d"
)
#: Candidates scored per name: the rest never win on prior plus context.
MAX_CANDIDATES: Final = 40
#: Generic words after which the bare name's places stand in ("Laurel County").
#: Features whose region a place votes for, and features that are no proximity anchor.
_ADMIN1_VOTERS: Final = frozenset({"admin1", "admin2", "city", "capital"})
_NOT_ANCHORS: Final = frozenset({"country", "continent", "region"})
#: A town abroad that the story never leads to (see :func:`_without_strays`): smaller than
#: this, farther than :data:`_STRAY_KM` from every place of the story's main country,
#: while at least :data:`_STRAY_MIN_OTHERS` other names hold :data:`_STRAY_SHARE` of
#: them in that country.
_STRAY_TOWN_MAX: Final = 100_000
_STRAY_KM: Final = 2_000.0
_STRAY_MIN_OTHERS: Final = 3
_STRAY_SHARE: Final = 0.6
#: Names that vouch for their country in a story (with any place of 100,000 or more).
_STRAY_SUPPORT: Final = frozenset({"country", "admin1", "capital"})
_TOWNS: Final = TOWN_FEATURES
#: Towns that a list of regions makes a region: not a capital ("Beirut and Mount
#: Lebanon" is the city).
_LISTED_TOWNS: Final = frozenset({"city", "admin2"})
#: What a story may name abroad without leading there: towns, and areas of a country
#: ("East Coast", "Midwest"), which in a story that never names the United States are
#: not its East Coast and Midwest, however many countries the story names.
_STRAY_FEATURES: Final = _TOWNS | {"region"}
#: A region where this many of a story's doubtful names have a town sets the story there
#: (see :meth:`Resolver._shared_region`), with this admin-1 weight in the first pass.
_SHARED_REGION_MIN_NAMES: Final = 3
_SHARED_REGION_WEIGHT: Final = 1.0
#: A town this close to a county's centre is taken to lie in it (US counties are some
#: 30-60 km across).
_TOWN_IN_COUNTY_KM: Final = 35.0
#: Features whose name a same-named town takes only with local evidence ("Atlantic" in a
#: hurricane story is the ocean, not Atlantic, Iowa).
_WIDE_FEATURES: Final = frozenset({"country", "continent", "region", "physical"})
#: A town named like a country wins the name only with a place this close (km).
_TOWN_CONFIRM_KM: Final = 100.0
_FALLBACK_GENERICS: Final = {"county", "parish", "township", "borough", "river", "valley", "lake"}
#: A compass word written in lower case just before a name: "central Washington",
#: "upstate New York" speak of part of an area, not of a town.
_PART_OF_AREA: Final = re.compile(
    r"\b(?:(?:north|south)(?:[ -]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?"
    r"|central|upstate|downstate)\s$"
)
#: What a name after such a compass word may mean: an area, not a town.
_AREAS: Final = frozenset({"admin1", "country", "region", "physical"})
#: A lower-case administrative generic after a name says it is a division ("Lagos
#: state", "Yunnan province"); the name alone is the mention.  Not "region": "the
#: Charlotte region" is the city's surroundings.
_DIVISION_AFTER: Final = re.compile(r" (?:province|state|oblast|krai|prefecture|governorate)\b")
#: "the New York border", "New York's attorney general": a state's, not a city's (where
#: the name is no country's: "the Mexico border" is the country's).
_STATE_CUE_AFTER: Final = re.compile(
    r"(?:['’]s)? (?:border|state line|[Gg]overnor|Gov\.|attorney general|legislature"
    r"|state senate)(?!\w)"
)
# "the state of Veracruz", "the southern province of Idlib", "Mexico's state of Oaxaca":
# the division word before the name (read backwards from the name, so anchored at it).
_DIVISION_BEFORE: Final = re.compile(
    # "the Nigerian state of", "the U.S. state of"
    r"(?:\bthe|'s|’s)(?: (?:[a-z-]+|[A-Z][\w.-]*)){0,2} (?:state|province|governorate|prefecture)"
    r" of $"
)
#: The same in the plural, after the last name of a list: "Edo and Ondo states".
_DIVISIONS_AFTER: Final = re.compile(r" (?:provinces|states|oblasts|prefectures|governorates)\b")
_DIVISIONS: Final = DIVISION_FEATURES
#: Suffix of the key under which such a mention is resolved, apart from the bare name.
_AS_DIVISION: Final = "\x00division"
# "the Red Sea port of Djibouti", "the city of Kuwait", "Kenya's port city of Mombasa":
# a word for a town before the name.
_TOWN_BEFORE: Final = re.compile(
    r"(?:\bthe|'s|’s)(?: [\w-]+){0,3} (?:port|city|town|village|harbou?r)(?: city| town)? of $"
)
#: Suffix of the key of a mention read as a town.
_AS_TOWN: Final = "\x00town"
#: What a name read so may mean (a name with no such reading keeps all of its own).
_READINGS: Final = {_AS_DIVISION: _DIVISIONS, _AS_TOWN: _TOWNS}


#: Suffix of the key of a mention read as "<name> County".
_AS_COUNTY: Final = "\x00county"
#: Bodies of a town's government that only US towns have: after a town's name they
#: say the town is American ("the Mansfield Police Department", "Dublin City Manager").
_US_TOWN_BODY_AFTER: Final = re.compile(
    r" (?:Police Department|Fire Department|City Manager|city manager|City Commission"
    r"|Board of Education|School District|school district|Public Library|Public Schools"
    r"|City Schools|Parks and Recreation|[Aa]ldermen|Board of Aldermen|[Ss]electmen"
    r"|Township|township)\b"
)
#: Towns this big keep their name after "the" ("the Richmond" is no river).
_RIVER_TOWN_MAX: Final = 100_000
#: A capitalised word right after a name continues it ("the Fraser Institute").
_CAPITAL_AFTER: Final = re.compile(r"[ -][A-Z]")
_COUNTIES: Final = frozenset({"admin2"})


def _listed_before(doc: Document, mentions: list[Mention], k: int) -> list[int]:
    """``k`` and the indices of the list items right before it ("Edo and Ondo states")."""
    listed = [k]
    first = k
    text = doc.text
    while (
        first > 0
        and text[mentions[first - 1].end : mentions[first].start] in _LIST_ITEM_GAPS
        and mentions[first - 1].usage != "adjective"
    ):
        first -= 1
        listed.append(first)
    return listed


def _qualifiers_by_key(
    own: dict[int, set[tuple[str | None, str | None]]], keys: list[str]
) -> dict[str, set[tuple[str | None, str | None]]]:
    """For "X, Y" pairs: key of X -> {(country, admin1) of every Y written after an X}."""
    result: dict[str, set[tuple[str | None, str | None]]] = {}
    for k, found in own.items():
        result.setdefault(keys[k], set()).update(found)
    return result


def _bare(key: str) -> str:
    """A mention's key without the suffix that says how the text reads it."""
    return key.partition("\x00")[0]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on the mean Earth sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _list_neighbours(doc: Document, mentions: list[Mention]) -> Iterator[int]:
    """Each ``k`` whose mention and the next are neighbours in a list ("A, B and C")."""
    text = doc.text
    for k in range(len(mentions) - 1):
        if text[mentions[k].end : mentions[k + 1].start] in _LIST_ITEM_GAPS:
            yield k


class _Anchors:
    """The places a candidate is measured against, prepared once for all the candidates they judge.

    The candidate itself is left out (a place is not near itself), and so is the place
    that the name being resolved chose in the first pass (``skip``: a name does not vote
    for itself); distances use the haversine formula with each anchor's latitude in
    radians and cosine computed once, because this runs for every candidate of every
    name of every document.
    """

    __slots__ = ("_points", "_skip", "places")

    def __init__(
        self,
        places: list[Place],
        points: list[tuple[str, float, float, float]] | None = None,
        skip: str = "",
    ) -> None:
        self.places = places
        self._skip = skip
        if points is None:
            points = [
                (
                    p.source_id,
                    math.radians(p.lat),
                    math.radians(p.lon),
                    math.cos(math.radians(p.lat)),
                )
                for p in places
            ]
        self._points = points

    def without(self, source_id: str) -> _Anchors:
        """The same anchors without the place with ``source_id`` (prepared points shared)."""
        others = [p for p in self.places if p.source_id != source_id]
        return _Anchors(others, self._points, source_id)

    def others(self, source_id: str) -> list[Place]:
        """The anchors other than the place with ``source_id``."""
        if all(p.source_id != source_id for p in self.places):
            return self.places
        return [p for p in self.places if p.source_id != source_id]

    def nearest_km(self, place: Place) -> float:
        """Distance from ``place`` to the nearest other anchor (inf when none)."""
        lat, lon = math.radians(place.lat), math.radians(place.lon)
        cos_lat = math.cos(lat)
        best = 4.0  # above the largest haversine term (1.0)
        own, skip = place.source_id, self._skip
        for source_id, a_lat, a_lon, a_cos in self._points:
            if source_id in (own, skip):
                continue
            h = (
                math.sin((a_lat - lat) / 2) ** 2
                + cos_lat * a_cos * math.sin((a_lon - lon) / 2) ** 2
            )
            if h < best:
                best = h
        if best > 1.0:
            return math.inf
        return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(best))


def _lies_in(place: Place, area: Place) -> bool:
    """Whether a place lies in a country, a region or (within 100 km) a division.

    A division of the place's own region counts within 200 km: the point of San
    Bernardino County lies 140 km from Rancho Cucamonga, which is inside it.
    """
    if place.country_code != area.country_code:
        return False
    if area.feature == "country":
        return True
    if area.feature == "admin1" and place.admin1 and place.admin1 != area.admin1:
        return False
    km = haversine_km(place.lat, place.lon, area.lat, area.lon)
    if area.feature == "admin1":
        return km <= 100.0 or place.admin1 == area.admin1
    if area.feature == "admin2" and place.admin1 and place.admin1 == area.admin1:
        return km <= 200.0
    return km <= 100.0


class Resolver:
    """Resolves mentions to places with document context.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.load`.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()

    def resolve(self, doc: Document, mentions: list[Mention]) -> list[Mention]:
        """Return ``mentions`` with ``place`` and ``confidence`` filled in.

        Two passes: the first scores every candidate with what the document says
        without doubt (countries, unambiguous names); the second re-scores with the
        countries, admin-1 regions and places that the first pass chose for the *other*
        names of the document.  Mentions without any candidate keep ``place=None`` and
        confidence 0.
        """
        if not mentions:
            return []
        keys = [normalize(m.text) for m in mentions]
        for k in self._named_as_divisions(doc, mentions, keys):
            # "Lagos state", "Edo and Ondo states": the text says which reading it is, for
            # this mention only ("Niger state" and "Niger" the country in one story).
            keys[k] += _AS_DIVISION
        for k in self._named_as_counties(doc, mentions, keys):
            if "\x00" not in keys[k]:
                keys[k] += _AS_COUNTY
        for k, mention in enumerate(mentions):
            if (
                keys[k] == _bare(keys[k])
                # (cheap test first: both patterns end in " of ")
                and doc.text.endswith(" of ", 0, mention.start)
                and _TOWN_BEFORE.search(doc.text, max(0, mention.start - 60), mention.start)
            ):
                keys[k] += _AS_TOWN
        for k, mention in enumerate(mentions):
            river = self._river_named(doc.text, mention, keys[k])
            if river is not None:
                keys[k] = river
        cands_by_key = {key: self._candidates(key) for key in dict.fromkeys(keys)}
        part_of_area: set[str] = set()  # names written after a compass word
        for mention, key in zip(mentions, keys, strict=True):
            if mention.usage == "adjective":
                # A demonym means its country or region, not a town of that name.
                demonyms = [c for c in cands_by_key[key] if c.match == "demonym"]
                if demonyms:
                    cands_by_key[key] = demonyms
            elif _PART_OF_AREA.search(doc.text, max(0, mention.start - 16), mention.start):
                part_of_area.add(key)
        fallback = {
            key
            for key in cands_by_key
            if key.rpartition(" ")[2] in _FALLBACK_GENERICS and not self.gazetteer.contains(key)
        }
        # Pass 1: what the document is about without any doubt.
        sure: dict[str, Place] = {}
        for key, cands in cands_by_key.items():
            if not cands:
                continue
            best = cands[0]
            margin = best.prior - (cands[1].prior if len(cands) > 1 else 0.0)
            if best.place.feature in {"country", "continent"} or margin >= 0.5:
                sure[key] = best.place
        country_weight = self._country_weights(keys, cands_by_key, sure)
        admin1s: dict[tuple[str | None, str | None], float] = {
            (p.country_code, p.admin1): 1.0
            for p in sure.values()
            if p.feature == "admin1" and p.admin1
        }
        counts = Counter(keys)
        region = self._shared_region(cands_by_key, sure, counts)
        if region is not None:
            admin1s[region] = max(admin1s.get(region, 0.0), _SHARED_REGION_WEIGHT)
        anchors = [p for p in sure.values() if p.feature not in {"country", "continent", "region"}]
        own_qualifiers = self._mention_qualifiers(doc, mentions, keys)
        qualifiers = _qualifiers_by_key(own_qualifiers, keys)
        for key, mention in zip(keys, mentions, strict=True):
            if key not in qualifiers and _US_TOWN_BODY_AFTER.match(doc.text, mention.end):
                # "the Mansfield Police Department", "Dublin City Manager Jane Brautigam":
                # bodies only a US town has say which country's town it is (where no
                # "X, Y" of the story says more).
                qualifiers[key] = {("US", None)}
        sure_points = _Anchors(anchors)  # the same for every name in pass 1
        # The list neighbours of the story, read once for the rules below.
        pairs = list(_list_neighbours(doc, mentions))
        # "Nigeria, Benin, Togo and Ghana": an item of a list whose neighbour is a country
        # is a country too, when it can be one (Benin is not Benin City, though the story
        # is set in Nigeria)
        among_countries = _listed_beside(
            keys, sure, pairs, lambda place: place.feature == "country"
        )
        region_keys = {key for key, p in sure.items() if p.feature == "admin1"}
        first = {
            key: self._choose(
                cands,
                country_weight,
                admin1s,
                sure_points,
                qualifiers.get(key, set()),
                _regions_share(len(region_keys) - (key in region_keys)),
            )
            for key, cands in cands_by_key.items()
            if cands
        }
        # names listed beside a world city, with the world cities' countries
        beside_big_cities = _listed_beside(
            keys, {key: p for key, (p, c) in first.items() if c >= 0.5}, pairs, _is_world_city
        )
        world_pairs = self._world_city_pairs(doc, mentions, keys, cands_by_key, pairs)
        governments = self._capitals_as_governments(
            doc, mentions, keys, {key: p for key, (p, _) in first.items()}, cands_by_key, pairs
        )
        # "Yucatán, Quintana Roo and Campeche": an item of a list whose neighbour is a
        # region is a region of that country too, when it can be one
        among_regions = _listed_beside(
            keys,
            {key: p for key, (p, c) in first.items() if c >= _LISTED_REGION_MIN},
            pairs,
            lambda place: place.feature == "admin1",
        )
        # Pass 2: the context the first pass found, each name leaving itself out: the
        # whole document's tallies are made once, and each name takes its own share off.
        cc_all: Counter[str] = Counter()
        a1_all: Counter[tuple[str | None, str | None]] = Counter()
        # The same for the places the first pass is sure of: what a story is about,
        # without the guesses that would vote for themselves.
        sure_a1: Counter[tuple[str | None, str | None]] = Counter()
        near_all: list[Place] = []
        regions_all = 0  # names the first pass is sure are admin-1 regions
        for other, (seen, sure_of) in first.items():
            n = counts[other]
            if seen.feature == "admin1" and sure_of >= 0.5:
                regions_all += 1
            if seen.country_code:
                cc_all[seen.country_code] += n
            if seen.admin1 and seen.feature in _ADMIN1_VOTERS:
                a1_all[(seen.country_code, seen.admin1)] += n
                if sure_of >= 0.5:
                    sure_a1[(seen.country_code, seen.admin1)] += n
            if sure_of >= 0.5 and seen.feature not in _NOT_ANCHORS:
                near_all.append(seen)
        everyone = _Anchors(near_all)
        # Towns only: what confirms that a story is set in some town's neighbourhood.
        towns_all = _Anchors([p for p in near_all if p.feature in _TOWNS])
        chosen: dict[str, tuple[Place, float]] = {}
        for key, cands in cands_by_key.items():
            if not cands and key not in fallback:
                continue
            cc, a1, points, towns, sure_regions = cc_all, a1_all, everyone, towns_all, sure_a1
            own = first.get(key)
            if own is not None:
                seen, sure_of = own
                n = counts[key]
                if seen.country_code:
                    cc = _counter_copy(cc_all)
                    cc[seen.country_code] -= n
                    if not cc[seen.country_code]:
                        del cc[seen.country_code]
                if seen.admin1 and seen.feature in _ADMIN1_VOTERS:
                    a1 = _counter_copy(a1_all)
                    a1[(seen.country_code, seen.admin1)] -= n
                    if not a1[(seen.country_code, seen.admin1)]:
                        del a1[(seen.country_code, seen.admin1)]
                if sure_of >= 0.5 and seen.feature not in _NOT_ANCHORS:
                    points = everyone.without(seen.source_id)
                    towns = towns_all.without(seen.source_id)
                if sure_of >= 0.5 and seen.admin1 and seen.feature in _ADMIN1_VOTERS:
                    sure_regions = _counter_copy(sure_a1)
                    sure_regions[(seen.country_code, seen.admin1)] -= n
            total = sum(cc.values())
            weights = {code: n / total for code, n in cc.items()} if total else {}
            a1_total = sum(a1.values())
            a1_weights = {k: 0.5 + 0.5 * n / a1_total for k, n in a1.items()} if a1_total else {}
            if region is not None:
                # The region the doubtful names share stays evidence in this pass too:
                # "Henry County" must not lose Tennessee because Paris chose it.
                a1_weights[region] = max(a1_weights.get(region, 0.0), _SHARED_REGION_WEIGHT)
            place: Place | None = None
            conf = 0.0
            if cands:
                own_region = own is not None and own[0].feature == "admin1" and own[1] >= 0.5
                place, conf = self._choose(
                    cands,
                    weights,
                    a1_weights,
                    points,
                    qualifiers.get(key, set()),
                    _regions_share(regions_all - own_region),
                )
                listed_country = key in among_countries and cands[0].place.feature == "country"
                if (listed_country and place is not cands[0].place) or not self._town_confirmed(
                    cands[0], place, towns, sure_regions, qualifiers.get(key), cc
                ):
                    place, conf = cands[0].place, 0.5
                if (
                    key in governments
                    and (governments[key] or place.population < _WORLD_NAMESAKE_MAX)
                    and place is not cands[0].place
                    and cands[0].place.feature == "capital"
                    and cands[0].match == "name"
                    and not qualifiers.get(key)
                ):
                    # "Washington said Moscow was behind it": a capital that speaks, or
                    # that is listed with another country's capital, is the government's
                    # seat, not a namesake town (Moscow, Idaho) near the story's places.
                    place, conf = cands[0].place, max(conf, 0.5)
                if (
                    key in world_pairs
                    and place is not cands[0].place
                    and _stray_namesake(place, sure_regions)
                    and not qualifiers.get(key)
                ):
                    # "connects through Dubai and Doha", "a Milan-based bank": not villages
                    # of India or a town of Ohio named after them
                    place, conf = cands[0].place, max(conf, 0.5)
                if key in beside_big_cities and not qualifiers.get(key):
                    # "flew to Paris and London": beside a world city, a name is the world
                    # city of that country where it has one (not Paris, Texas) ...
                    world_city = None
                    if place.country_code not in beside_big_cities[key]:
                        world_city = next(
                            (
                                c.place
                                for c in cands
                                if c.place.country_code in beside_big_cities[key]
                                and _is_world_city(c.place)
                            ),
                            None,
                        )
                    if (
                        world_city is None
                        and _is_world_city(cands[0].place)
                        and cands[0].match == "name"
                        and _stray_namesake(place, sure_regions)
                    ):
                        # ... or else its own world city, where the story is not set in
                        # the town's region: "flights between New York and Moscow" is
                        # not Moscow, Pennsylvania
                        world_city = cands[0].place
                    if world_city is not None:
                        place, conf = world_city, max(conf, 0.5)
                if (
                    key in among_regions
                    and (
                        place.feature in _LISTED_TOWNS
                        # "California, Colorado and Washington": the state, not the capital
                        or (place.feature == "capital" and place.country_code in among_regions[key])
                    )
                    and not qualifiers.get(key)  # "Washington, D.C." is no list
                ):
                    # "Yucatán, Quintana Roo and Campeche": the state, not its capital.
                    listed_region = next(
                        (
                            c.place
                            for c in cands
                            if c.place.feature == "admin1"
                            and c.place.country_code in among_regions[key]
                        ),
                        None,
                    )
                    if listed_region is not None:
                        place, conf = listed_region, max(conf, 0.5)
                if key in part_of_area and place.feature in _TOWNS:
                    place = self._area_namesake(cands, place)
            if (
                key in fallback
                and a1
                and (place is None or (place.country_code, place.admin1) not in a1)
            ):
                # "Laurel County" in a Kentucky story, and no Laurel in Kentucky: the
                # county lies among the places the story names in its main region.
                region = a1.most_common(1)[0][0]
                inside = [p for p, _ in first.values() if (p.country_code, p.admin1) == region]
                if inside:
                    place = replace(
                        inside[0],
                        name=mentions[keys.index(key)].text,
                        lat=sum(p.lat for p in inside) / len(inside),
                        lon=sum(p.lon for p in inside) / len(inside),
                        feature="region",
                        population=0,
                        source_id=f"context:{_bare(key)}",
                        confidence=0.3,
                    )
                    conf = 0.3
            if place is not None:
                if place.confidence != round(conf, 3):
                    place = evolve(place, confidence=round(conf, 3))
                chosen[key] = place, conf
        for key, holder_key in self._contained(doc, mentions, keys).items():
            # "Woodland in County Meath" and no Woodland there: not the Woodland in
            # California, but a place in Meath, put at Meath's point.
            if holder_key not in chosen or key == holder_key:
                continue
            holder, _ = chosen[holder_key]
            # A state, province or county, or a valley or plain of one country ("to
            # Hazelwood in the Latrobe Valley").
            holds = holder.feature in {"admin1", "admin2"} or (
                holder.feature == "physical" and holder.country_code is not None
            )
            if key not in chosen:
                # "from Hardisty, Alberta": a town no gazetteer entry has, in a region.
                if not cands_by_key.get(key) and holds:
                    chosen[key] = _in_holder(holder, mentions[keys.index(key)].text, key), 0.3
                continue
            place, _ = chosen[key]
            if _COMPASS_ONLY.match(holder_key):
                # "Wilberforce in North-Western Sydney": not Zambia's province (but
                # "Robertstown in South Australia" is in that state).
                continue
            if (
                not holds
                or place.feature not in {"city", "admin2"}
                or place.population >= _CONTAINED_TOWN_MAX
                or _lies_in(place, holder)
                # a feature's point may lie far from its towns ("Arish in Sinai"): only a
                # namesake abroad gives way to it
                or (holder.feature == "physical" and place.country_code == holder.country_code)
                # "Hospital in Whitechapel, St Thomas' Hospital" in a London story: not
                # Jamaica's St Thomas parish, a country the story otherwise never names.
                or cc_all[place.country_code or ""] > cc_all[holder.country_code or ""]
            ):
                # Only a small town gives way, and only to a state, province, county or
                # an area of one country: "Narek in Vatican City" names where a person
                # is, not where Narek is.
                continue
            if any(_lies_in(c.place, holder) for c in cands_by_key[key]):
                continue  # the context preferred another candidate; leave it
            chosen[key] = _in_holder(holder, mentions[keys.index(key)].text, key), 0.3
        for key, (town_key, direction) in self._near(doc, mentions, keys).items():
            # "Isar, near Landshut in Bavaria": the gazetteer's only Isar is a Spanish
            # village 1,500 km away; the story's Isar lies by Landshut.
            if key not in chosen or town_key not in chosen or key == town_key:
                continue
            place, _ = chosen[key]
            town, _ = chosen[town_key]
            if (
                town.feature not in _TOWNS
                or place.feature not in _TOWNS
                or place.population >= _NEAR_TOWN_MAX
                or any(
                    haversine_km(c.place.lat, c.place.lon, town.lat, town.lon) <= _NEAR_KM
                    for c in cands_by_key[key]
                )
            ):
                continue
            where = _in_holder(town, mentions[keys.index(key)].text, key)
            if direction:
                # "Brestovac, south of Niš": a little way off in that direction, so that
                # a line from Niš to Brestovac is no line of no length.
                north, east = _COMPASS_STEP[direction]
                where = replace(
                    where,
                    lat=where.lat + north * _NEAR_STEP_KM / 111.0,
                    lon=where.lon
                    + east * _NEAR_STEP_KM / (111.0 * max(0.1, math.cos(math.radians(where.lat)))),
                )
            chosen[key] = where, 0.3
        strays = set(chosen)
        _without_strays(chosen, counts)
        strays -= set(chosen)
        local = self._local_place(chosen, counts)
        if local is not None:
            self._bring_lost_towns_home(chosen, local, qualifiers, mentions, keys)
        resolved = []
        for k, (mention, key) in enumerate(zip(mentions, keys, strict=True)):
            if key not in chosen and local is not None and _STREET.search(mention.text):
                # "Main Street", "Highway 19": no gazetteer has them; they lie in the
                # town the story is about, which is as close as we can place them.
                chosen[key] = (
                    replace(
                        local,
                        name=mention.text,
                        feature="region",
                        population=0,
                        source_id=f"context:{_bare(key)}",
                        confidence=0.2,
                    ),
                    0.2,
                )
            if key in strays and not _AFTER_PLACE_WORD.search(
                doc.text, max(0, mention.start - 12), mention.start
            ):
                # A namesake abroad that the story never leads to, and no preposition
                # of place before it: mostly a person or a firm ("Wagner mercenaries"
                # in a story about Mali), so no mention at all.  "... with Hazelwood"
                # stays, a place the gazetteer lacks.
                continue
            if key not in chosen:
                resolved.append(mention)
                continue
            place, confidence = chosen[key]
            if k in own_qualifiers:
                qualified = self._as_qualified(place, cands_by_key[key], own_qualifiers[k])
                if qualified is not None:
                    place, confidence = qualified, max(confidence, 0.8)
            usage = mention.usage
            if usage == "place" and place.feature in {"capital", "country"}:
                after = doc.text[mention.end : mention.end + 40]
                if _METONYM_VERBS.match(after):
                    usage = "metonym"
            resolved.append(
                evolve(mention, place=place, confidence=round(confidence, 3), usage=usage)
            )
        return resolved

    @staticmethod
    def _area_namesake(cands: list[Candidate], town: Place) -> Place:
        """The state or region of ``town``'s country that bears its name, else ``town``.

        "central Washington", "upstate New York": a compass word before the name speaks
        of part of an area.  Only an area of the chosen town's own country is taken
        (Washington State for Washington, D.C.; not El Salvador's Santa Ana department
        for "south Santa Ana" in California), and only one that lies apart from the
        town: "northern Beirut" is part of the city, not of the governorate around it.
        """
        for c in cands:
            area = c.place
            if (
                area.feature in _AREAS
                and area.country_code == town.country_code
                and haversine_km(area.lat, area.lon, town.lat, town.lon) > _TOWN_CONFIRM_KM
            ):
                return area
        return town

    @staticmethod
    def _town_confirmed(
        top: Candidate,
        place: Place,
        towns: _Anchors,
        regions: Counter[tuple[str | None, str | None]],
        qualifiers: set[tuple[str | None, str | None]] | None,
        countries: Counter[str],
    ) -> bool:
        """Whether a town may take the name of the country, state or sea the name first means.

        "China" in a Pittsburgh story is still China, not China, Maine; "California" in a
        list of states that names Missouri is the state, not California, Missouri (a town
        against a state of its own country); but
        "Mexico" in a story about central Missouri towns is Mexico, Missouri.  A town
        wins such a name only when the story itself puts it there: a qualifier ("Mexico,
        Mo."), most of the places the story is sure of in the town's own state (naming
        the state among others is not enough: there is a China in New York), or a town the
        story is sure of within :data:`_TOWN_CONFIRM_KM`; and never when the story names
        other places in the country ("Xinhua" in a Houston story keeps China the country,
        although there is a China in Texas).
        """
        if (
            place.feature == "admin1"
            and top.place.feature == "country"
            and top.place.country_code != place.country_code
            and place.population * _COUNTRY_OVER_REGION < top.place.population
            and not (qualifiers and (place.country_code, place.admin1) in qualifiers)
        ):
            # "through Niger" in a Nigerian story: Nigeria's Niger State (1.3 million
            # people) does not take the name of a country of 22 million; Georgia, a US
            # state bigger than the country, may.
            return False
        if place.feature not in _TOWNS:
            return True  # a state ("Georgia" in a US story) needs no confirming place
        state_namesake = (
            top.place.feature == "admin1" and top.place.country_code == place.country_code
        )
        # "the Texas border" in a Mexican story: a village named after a big state abroad
        # takes the name only if the story puts it in the village's own region; being
        # 70 km from Mexico City is not enough.
        # Likewise a village named after a city of a million abroad: "from Montreal to
        # New York City" in a US story is not Montreal, Wisconsin (783 people).
        big_abroad = (
            top.place.country_code != place.country_code
            and top.place.population >= _BIG_STATE_POPULATION
        )
        needs_own_region = (
            big_abroad
            and (
                (top.place.feature == "admin1" and place.population < _VILLAGE_POPULATION)
                or (
                    top.place.feature in {"city", "capital"}
                    and place.population < _HAMLET_POPULATION
                )
            )
        ) or (
            # "ATLANTA (Reuters) - ... in Michigan and Texas", "from Atlanta to Houston":
            # a small town does not take the name of a big city of its own country either.
            top.place.feature in {"city", "capital"}
            and top.place.country_code == place.country_code
            and top.place.population >= _BIG_CITY_POPULATION
            and place.population < _SMALL_TOWN_POPULATION
        )
        if needs_own_region:
            own = (place.country_code, place.admin1)
            return bool(qualifiers and own in qualifiers) or bool(
                place.admin1 and 2 * regions.get(own, 0) > sum(regions.values())
            )
        if top.place.feature not in _WIDE_FEATURES and not state_namesake:
            return True  # Gaza the city against Gaza, a province of Mozambique: as scored
        if top.place.feature == "country" and countries.get(top.place.country_code or ""):
            return False  # the story names other places in that country (Xinhua, China)
        region = (place.country_code, place.admin1)
        # A country after a country's name is a list, not a qualifier: "investors in
        # China, Japan and the United States" is no town of China in Japan.
        country_qualified = (place.country_code, None) in (qualifiers or ()) and (
            top.place.feature != "country"
        )
        if qualifiers and (region in qualifiers or country_qualified):
            return True
        if place.admin1 and 2 * regions.get(region, 0) > sum(regions.values()):
            return True  # most of the story's places lie in the town's own state
        return towns.nearest_km(place) <= _TOWN_CONFIRM_KM

    @staticmethod
    def _shared_region(
        cands_by_key: dict[str, list[Candidate]], sure: dict[str, Place], counts: Counter[str]
    ) -> tuple[str | None, str | None] | None:
        """The admin-1 region the story's doubtful town names share, if one stands out.

        "Norfolk", "Columbus" and "Fremont" in one story are three towns of Nebraska,
        although each alone would be read elsewhere (Norfolk, Virginia; Columbus and
        Fremont, Ohio).  Among the names the first pass is not sure of and whose best
        reading is a town, the region holding a town or county of at least
        :data:`_SHARED_REGION_MIN_NAMES` of them (by their own name, not a variant
        spelling), more than any other region holds, is where the story is set.  Names
        whose best reading is a country, a state or a sea ("Ontario", "Mexico") do not
        vote.
        """
        cover: Counter[tuple[str | None, str | None]] = Counter()
        for key, cands in cands_by_key.items():
            if len(cands) < 2 or key in sure or cands[0].place.feature not in _TOWNS:
                continue
            cover.update(
                {
                    (c.place.country_code, c.place.admin1)
                    for c in cands
                    if c.place.feature in _TOWNS and c.place.admin1 and c.match != "alternate"
                }
            )
        ranked = cover.most_common(2)
        if not ranked or ranked[0][1] < _SHARED_REGION_MIN_NAMES:
            return Resolver._county_and_town_region(
                cands_by_key, sure, counts
            ) or Resolver._state_and_town_region(cands_by_key, sure)
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # a tie says nothing
        return ranked[0][0]

    @staticmethod
    def _state_and_town_region(
        cands_by_key: dict[str, list[Candidate]], sure: dict[str, Place]
    ) -> tuple[str | None, str | None] | None:
        """The state a doubtful state-or-country name shares with a doubtful town.

        "An Albany man was arrested in Georgia": "Georgia" is a country or a US state,
        "Albany" a town of New York or of Georgia; the state that holds one of the
        story's doubtful towns is where the story is set.  Only when one state does.
        """
        states = {
            (c.place.country_code, c.place.admin1)
            for cands in cands_by_key.values()
            # (a country's name ranks its country first: a cheap test for every name)
            if cands and cands[0].place.feature == "country"
            for c in cands
            if c.place.feature == "admin1" and c.place.admin1
        }
        if not states:
            return None
        held = {
            (c.place.country_code, c.place.admin1)
            for key, cands in cands_by_key.items()
            if len(cands) >= 2 and key not in sure and cands[0].place.feature in _TOWNS
            for c in cands
            if c.place.feature in {"city", "capital"} and c.match != "alternate"
        } & states
        return next(iter(held)) if len(held) == 1 else None

    @staticmethod
    def _county_and_town_region(
        cands_by_key: dict[str, list[Candidate]], sure: dict[str, Place], counts: Counter[str]
    ) -> tuple[str | None, str | None] | None:
        """The admin-1 region where a doubtful county holds a doubtful town the story names.

        "Paris and Henry County": there are Henry Counties in ten states and Parises in
        a dozen, but Tennessee's Henry County holds a Paris (within
        :data:`_TOWN_IN_COUNTY_KM` of its centre).  When several regions have such a
        pair (Virginia's Henry County holds a Ridgeway), the one whose towns the story
        names most often wins; a tie says nothing.
        """
        doubtful = {
            key: cands
            for key, cands in cands_by_key.items()
            if len(cands) >= 2 and key not in sure and cands[0].place.feature in _TOWNS
        }
        counties = [
            (key, c.place)
            for key, cands in doubtful.items()
            for c in cands
            if c.place.feature == "admin2"
        ]
        if not counties:
            return None
        votes: Counter[tuple[str | None, str | None]] = Counter()
        for key, cands in doubtful.items():
            held = {
                (town.country_code, town.admin1)
                for town in (c.place for c in cands if c.place.feature in {"city", "capital"})
                for county_key, county in counties
                # another name: Zamora the town is no evidence for Zamora the county
                if county_key != key
                and county.admin1 == town.admin1
                and county.country_code == town.country_code
                and haversine_km(county.lat, county.lon, town.lat, town.lon) <= _TOWN_IN_COUNTY_KM
            }
            for region in held:
                votes[region] += counts[key]
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    @staticmethod
    def _bring_lost_towns_home(
        chosen: dict[str, tuple[Place, float]],
        local: Place,
        qualifiers: dict[str, set[tuple[str | None, str | None]]],
        mentions: list[Mention],
        keys: list[str],
    ) -> None:
        """Put a far village that no other place of the story is near at the story's town.

        "orchards near Parkdale" in a Hood River story: the gazetteer lacks Parkdale,
        Oregon (300 people) and has Parkdale, Michigan, 2,700 km away; a village that
        far from every place the story names is far more often a local one the
        gazetteer lacks than the namesake, so it is put at the story's town, confidence
        0.2.  Only in a local story (half its other towns lie near its own), and not a
        village of a state or province the story names.
        """
        towns = [(key, place) for key, (place, _) in chosen.items() if place.feature in _TOWNS]
        around = sum(
            haversine_km(place.lat, place.lon, local.lat, local.lon) <= _LOCAL_STORY_KM
            for _, place in towns
            if place is not local
        )
        if around < _LOCAL_STORY_SHARE * (len(towns) - 1):
            return  # a story that ranges wide ("a railway from Darwin to Mount Isa")
        regions = {(p.country_code, p.admin1) for p, _ in chosen.values() if p.feature == "admin1"}
        for key, place in towns:
            if (
                place.population >= _LOST_TOWN_MAX
                or qualifiers.get(key)
                or (place.country_code, place.admin1) in regions
                or haversine_km(place.lat, place.lon, local.lat, local.lon) <= _LOST_TOWN_KM
                or any(
                    haversine_km(place.lat, place.lon, other.lat, other.lon) <= _NEAR_KM
                    for other_key, other in towns
                    if other_key != key
                )
            ):
                continue
            where = _in_holder(local, mentions[keys.index(key)].text, key)
            chosen[key] = replace(where, confidence=0.2), 0.2

    @staticmethod
    def _local_place(choices: dict[str, tuple[Place, float]], counts: Counter[str]) -> Place | None:
        """The town the story names most often (ties: the first named), if any."""
        towns = [
            (counts[key], place)
            for key, (place, _) in choices.items()
            if place.feature in {"city", "capital"}
        ]
        if not towns:
            return None
        top = max(n for n, _ in towns)
        return next(place for n, place in towns if n == top)

    def _candidates(self, key: str, *, as_division: bool = False) -> list[Candidate]:
        """The best :data:`MAX_CANDIDATES` candidates of ``key``, best prior first.

        "Laurel County", "Neches River": when the gazetteer lacks the whole name, the
        places named by its first part stand in, at half their prior (a county is often
        named after its seat, a river after a town on it).  A region named like its
        country's capital and around it stands in only ``as_division`` ("the Moscow
        region").
        """
        if key.endswith(_AS_COUNTY):
            return self._divisions_named(_bare(key), "county", _COUNTIES)[:MAX_CANDIDATES]
        for suffix, features in _READINGS.items():
            if key.endswith(suffix):
                # Edo State, not Edo (an old name of Tokyo); Djibouti the city, not the
                # country.
                cands = self._candidates(_bare(key), as_division=True)
                return [c for c in cands if c.place.feature in features] or cands
        cands = self.gazetteer.candidates(key)
        if not cands and key.startswith("shin-"):
            # "Shin-Osaka": the city's new station (see MentionFinder).
            return self._candidates(key[len("shin-") :])
        if not cands:
            head, _, generic = key.rpartition(" ")
            if head and generic in _FALLBACK_GENERICS:
                cands = [
                    replace(c, prior=c.prior * 0.5)
                    for c in self.gazetteer.candidates(head)
                    if c.place.feature in {"city", "capital"}
                ]
        capitals = [c.place for c in cands if c.place.feature == "capital"]
        if capitals and not as_division:
            # "Patagonia wind to Buenos Aires": a national capital's name is the city,
            # not the province around it, however many places the story names in the
            # province ("Buenos Aires province", read as a division, keeps it).
            # Washington State, far from the capital, stays a candidate.
            cands = [
                c
                for c in cands
                if not (
                    c.place.feature == "admin1"
                    and any(
                        capital.country_code == c.place.country_code
                        and haversine_km(capital.lat, capital.lon, c.place.lat, c.place.lon)
                        <= _CAPITALS_REGION_KM
                        for capital in capitals
                    )
                )
            ]
        # The gazetteer ranks them best prior first; halving every prior keeps the order.
        return cands[:MAX_CANDIDATES]

    def _choose(
        self,
        cands: list[Candidate],
        country_weight: dict[str, float],
        admin1s: dict[tuple[str | None, str | None], float],
        points: _Anchors,
        qualifiers: set[tuple[str | None, str | None]],
        regions: float = 0.0,
    ) -> tuple[Place, float]:
        """The best candidate and its confidence; ``regions`` is :func:`_regions_share`."""
        if len(cands) == 1:
            return cands[0].place, 1.0
        # Candidates come best prior first and context adds at most `reach`: once a
        # candidate's prior cannot catch the best score so far, neither can the rest,
        # and their prior alone is a close enough share for the confidence.
        reach = sum(WEIGHTS.values()) - WEIGHTS["prior"]
        if not qualifiers:
            reach -= WEIGHTS["qualifier"]
        seats: set[tuple[str | None, str | None]] = set()
        if regions:
            if any(c.place.feature in {"country", "capital"} for c in cands):
                # "Niger", "Georgia", "obstacles in Washington": a country or a national
                # capital is what news means first; the other rules decide.
                regions = 0.0
            else:
                # Kuala Lumpur, Nong Khai: a city whose region bears its name is the
                # city; the gazetteer's prior already says so.
                seats = {
                    (c.place.country_code, c.place.admin1)
                    for c in cands
                    if c.place.feature in {"city", "capital"}
                }
        scores: list[float] = []
        best = -math.inf
        for c in cands:
            floor = WEIGHTS["prior"] * c.prior
            if floor + reach < best:
                scores.append(floor)
                continue
            own_regions = regions
            if seats and (c.place.country_code, c.place.admin1) in seats:
                own_regions = 0.0
            score = self._score(c, country_weight, admin1s, points, qualifiers, best, own_regions)
            scores.append(score)
            if score > best:
                best = score
        best_index = scores.index(max(scores))
        chosen = cands[best_index]
        if chosen.match == "alternate" and not (
            qualifiers and (chosen.place.country_code, chosen.place.admin1) in qualifiers
        ):
            # "from Quebec to New York City" in a US story: a name GeoNames only lists
            # among New Britain's others does not beat the city and province that bear
            # it as their own name and are far bigger.
            named = [
                k
                for k, c in enumerate(cands)
                if c.match != "alternate"
                and c.place.feature in {"city", "capital", "admin1"}
                and c.place.population
                >= max(_OWN_NAME_MIN, _OWN_NAME_FACTOR * chosen.place.population)
            ]
            if named:
                best_index = max(named, key=scores.__getitem__)
        top = scores[best_index]
        shares = [math.exp((s - top) / TEMPERATURE) for s in scores]
        confidence = shares[best_index] / sum(shares)
        return cands[best_index].place, confidence

    @staticmethod
    def _country_weights(
        keys: list[str], cands_by_key: dict[str, list[Candidate]], sure: dict[str, Place]
    ) -> dict[str, float]:
        counts: Counter[str] = Counter()
        for key in keys:
            place = sure.get(key)
            if place is not None and place.country_code:
                counts[place.country_code] += 1
        total = sum(counts.values())
        if not total:
            return {}
        top = max(counts.values())
        return {code: 0.5 + 0.5 * n / top for code, n in counts.items()}

    def _mention_qualifiers(
        self, doc: Document, mentions: list[Mention], keys: list[str]
    ) -> dict[int, set[tuple[str | None, str | None]]]:
        """For "X, Y" pairs: index of X -> {(country, admin1) of Y}."""
        result: dict[int, set[tuple[str | None, str | None]]] = {}
        for k in range(len(mentions) - 1):
            left, right = mentions[k], mentions[k + 1]
            gap = doc.text[left.end : right.start]
            if not (_QUALIFIER.match(gap) and gap.strip() == ",") and not _CONTAINED_IN.match(gap):
                continue
            if k + 2 < len(mentions) and doc.text[right.end : mentions[k + 2].start] in _LIST_GAPS:
                continue  # "stops in Washington, New York and Boston": a list, not a state
            if _CAPITAL_AFTER.match(doc.text, right.end) and not right.text.endswith("."):
                # "in Aurora, Texas Children's Hospital in Houston": the region begins
                # another name (an organisation's), it does not say where X is
                continue
            right_cands = self.gazetteer.candidates(_bare(keys[k + 1]))
            for cand in right_cands:
                if cand.place.feature == "country":
                    result.setdefault(k, set()).add((cand.place.country_code, None))
                elif cand.place.feature in {"admin1", "admin2"}:
                    result.setdefault(k, set()).add((cand.place.country_code, cand.place.admin1))
        return result

    @staticmethod
    def _as_qualified(
        place: Place, cands: list[Candidate], qualifier: set[tuple[str | None, str | None]]
    ) -> Place | None:
        """The town this mention's own "X, Y" names when the story's reading of X is another.

        One sense per document holds for a name, but "Perth, Australia" and "Perth,
        Scotland" in a story about Perth, Ontario say themselves which Perth they are:
        the first town in ``Y`` (candidates come in order of prior), or None when
        ``place`` is no town, already lies in ``Y``, or no candidate does.
        """

        def inside(p: Place) -> bool:
            return (p.country_code, None) in qualifier or (p.country_code, p.admin1) in qualifier

        if place.feature not in _TOWNS or inside(place):
            return None  # "Mexico, China, Japan": after a country, a list
        for c in cands:
            if c.place.feature in _TOWNS and inside(c.place):
                return c.place
        return None

    def _river_named(self, text: str, mention: Mention, key: str) -> str | None:
        """The key of the river "the <name>" means, or None.

        "The Fraser was running high", "the Severn": "the" before a lone name that is
        only some small towns' makes it the river of that name the gazetteer knows as
        "<name> River" or "River <name>" (not "the Richmond", a big city's name, nor
        "the Fraser Institute").
        """
        if (
            not text.endswith(("the ", "The "), 0, mention.start)
            or mention.usage == "adjective"
            or key != _bare(key)
            or text[mention.start - 5 : mention.start - 4].isalnum()
            or _CAPITAL_AFTER.match(text, mention.end)
        ):
            return None
        cands = self.gazetteer.candidates(key)
        if any(
            c.match != "alternate"
            and (c.place.feature not in _TOWNS or c.place.population >= _RIVER_TOWN_MAX)
            for c in cands
        ):
            return None
        for form in (f"{key} river", f"river {key}"):
            if any(c.place.feature == "physical" for c in self.gazetteer.candidates(form)):
                return form
        return None

    def _named_as_divisions(
        self, doc: Document, mentions: list[Mention], keys: list[str]
    ) -> set[int]:
        """Indices of mentions a division word follows: "Lagos state", "Yunnan province",
        and every item of a list before a plural one ("Edo and Ondo states").

        "region" only where the gazetteer names a division so ("the Kherson region",
        "the Ashanti region"): "the Charlotte region" is the city's surroundings.
        """
        text = doc.text
        named: set[int] = set()
        for k, mention in enumerate(mentions):
            if mention.usage == "adjective":
                continue
            if (
                _DIVISION_AFTER.match(text, mention.end)
                or (
                    _STATE_CUE_AFTER.match(text, mention.end)
                    and not any(
                        c.place.feature == "country" for c in self.gazetteer.candidates(keys[k])
                    )
                )
                or (
                    text.startswith(" region", mention.end) and self._division_named_region(keys[k])
                )
                or (
                    text.endswith(" of ", 0, mention.start)
                    and _DIVISION_BEFORE.search(text, max(0, mention.start - 48), mention.start)
                )
            ):
                named.add(k)
            elif _DIVISIONS_AFTER.match(text, mention.end):
                named.update(_listed_before(doc, mentions, k))
        return named

    def _named_as_counties(
        self, doc: Document, mentions: list[Mention], keys: list[str]
    ) -> set[int]:
        """Indices of mentions that "county" follows in lower case, and the lists before
        "counties": "across Watauga, Avery and Ashe counties", "Boone county".

        Only where the gazetteer knows "<name> County" (US counties are stored so).
        """
        named: set[int] = set()
        for k, mention in enumerate(mentions):
            if mention.usage == "adjective":
                continue
            after = COUNTIES_AFTER.match(doc.text, mention.end)
            if after is not None:
                listed = _listed_before(doc, mentions, k) if after.group(1) else [k]
                named.update(i for i in listed if self._is_county(keys[i]))
        return named

    def _divisions_named(self, key: str, word: str, features: frozenset[str]) -> list[Candidate]:
        """The candidates of "<key> <word>" ("Boone county", "Kherson region") that are
        divisions of one of ``features``."""
        cands = self.gazetteer.candidates(f"{key} {word}")
        return [c for c in cands if c.place.feature in features]

    def _is_county(self, key: str) -> bool:
        """Whether the gazetteer knows "<key> county" as an admin-2 division's name."""
        return bool(self._divisions_named(key, "county", _COUNTIES))

    def _division_named_region(self, key: str) -> bool:
        """Whether the gazetteer knows "<key> region" as a division's name."""
        return bool(self._divisions_named(key, "region", _DIVISIONS))

    @staticmethod
    def _world_city_pairs(
        doc: Document,
        mentions: list[Mention],
        keys: list[str],
        cands_by_key: dict[str, list[Candidate]],
        pairs: list[int],
    ) -> set[str]:
        """Keys whose best-known reading is a world city and whose mention pairs with
        another such name ("through Dubai and Doha") or heads a firm's seat ("a
        Milan-based bank"): the world cities are meant, whatever villages share the names.
        """

        def world(key: str) -> bool:
            cands = cands_by_key.get(key) or []
            return bool(cands) and cands[0].match == "name" and _is_world_city(cands[0].place)

        paired = {
            keys[k]
            for k, mention in enumerate(mentions)
            if doc.text.startswith("-", mention.end)
            and _SEAT_AFTER.match(doc.text, mention.end)
            and world(keys[k])
        }
        for k in pairs:
            if world(keys[k]) and world(keys[k + 1]):
                paired.update((keys[k], keys[k + 1]))
        return paired

    @staticmethod
    def _capitals_as_governments(
        doc: Document,
        mentions: list[Mention],
        keys: list[str],
        first: dict[str, Place],
        cands_by_key: dict[str, list[Candidate]],
        pairs: list[int],
    ) -> dict[str, bool]:
        """Keys of names that act as a government: a verb of speech or stance follows
        ("Moscow denied"; True), or a national capital is listed beside them ("talks
        between Washington and Moscow"; False: a weaker sign, which only a small namesake
        gives way to, not Kingston, Ontario beside Ottawa)."""

        def capital(key: str) -> bool:
            cands = cands_by_key.get(key) or []
            return bool(cands) and cands[0].place.feature == "capital"

        acting = {
            keys[k]: True
            for k, mention in enumerate(mentions)
            if capital(keys[k])  # (cheap first: only a capital's name can act so)
            and (
                _GOVERNMENT_VERBS.match(doc.text, mention.end)
                or _GOVERNMENT_BEFORE.search(doc.text, max(0, mention.start - 12), mention.start)
            )
        }
        for key in _listed_beside(keys, first, pairs, lambda place: place.feature == "capital"):
            acting.setdefault(key, False)
        return acting

    @staticmethod
    def _near(
        doc: Document, mentions: list[Mention], keys: list[str]
    ) -> dict[str, tuple[str, str]]:
        """For "X, near Y", "X, south of Y": key of X -> (key of Y, direction or "")."""
        result: dict[str, tuple[str, str]] = {}
        for k in range(len(mentions) - 1):
            gap = doc.text[mentions[k].end : mentions[k + 1].start]
            near = _NEAR_GAP.match(gap)
            if near:
                direction = (near.group("dir") or "").replace("-", "")
                result.setdefault(keys[k], (keys[k + 1], direction))
        return result

    @staticmethod
    def _contained(doc: Document, mentions: list[Mention], keys: list[str]) -> dict[str, str]:
        """For "X in Y", "X, Y": key of X -> key of Y (whatever Y turns out to be).

        "X, Y" inside a list ("the states of Tabasco, Campeche, Yucatán and Quintana
        Roo") is no containment.
        """
        result: dict[str, str] = {}
        text = doc.text
        for k in range(len(mentions) - 1):
            gap = text[mentions[k].end : mentions[k + 1].start]
            if not _CONTAINED_IN.match(gap):
                continue
            if " in " not in gap and (
                (k > 0 and text[mentions[k - 1].end : mentions[k].start] in _LIST_ITEM_GAPS)
                or (
                    k + 2 < len(mentions)
                    and text[mentions[k + 1].end : mentions[k + 2].start] in _LIST_ITEM_GAPS
                )
            ):
                continue
            result.setdefault(keys[k], keys[k + 1])
        return result

    @staticmethod
    def _score(
        cand: Candidate,
        country_weight: dict[str, float],
        admin1s: dict[tuple[str | None, str | None], float],
        anchors: _Anchors,
        qualifiers: set[tuple[str | None, str | None]],
        best: float = -math.inf,
        regions: float = 0.0,
    ) -> float:
        """The candidate's score; without the proximity term when even a full one
        could not lift it above ``best`` (the score to beat), which saves the distances.
        """
        place = cand.place
        score = WEIGHTS["prior"] * cand.prior
        if place.feature == "country":
            score += WEIGHTS["country_name"]
        elif place.feature == "admin1" and place.country_code in country_weight:
            # Only in a country the story names: the Gulf Province of Papua New Guinea
            # is no likelier "Gulf" because a US story names Texas and Louisiana.
            score += WEIGHTS["regions"] * regions
        if place.country_code:
            score += WEIGHTS["country"] * country_weight.get(place.country_code, 0.0)
        # Inside a region the document names, or (for a region) holding places it names.
        score += WEIGHTS["admin1"] * admin1s.get((place.country_code, place.admin1), 0.0)
        if qualifiers and (
            (place.country_code, None) in qualifiers
            or (place.country_code, place.admin1) in qualifiers
        ):
            score += WEIGHTS["qualifier"]
        if score + WEIGHTS["near"] < best:
            return score
        others = anchors.others(place.source_id)
        if others:
            if place.feature in {"country", "admin1"}:
                # A country or region is "near" the places the document names inside it.
                inside = any(
                    a.country_code == place.country_code
                    and (place.feature == "country" or a.admin1 == place.admin1)
                    for a in others
                )
                closeness = 1.0 if inside else 0.0
            elif place.feature in {"continent", "region"}:
                closeness = 0.0
            else:
                closeness = math.exp(-anchors.nearest_km(place) / 400.0)
            score += WEIGHTS["near"] * closeness
        return score


def _is_world_city(place: Place) -> bool:
    """A national capital or a city of :data:`_WORLD_CITY_POPULATION`."""
    return place.feature == "capital" or (
        place.feature == "city" and place.population >= _WORLD_CITY_POPULATION
    )


def _listed_beside(
    keys: list[str],
    confident: dict[str, Place],
    pairs: list[int],
    kind: Callable[[Place], bool],
) -> dict[str, set[str | None]]:
    """Keys of names listed next to a name read as a place of ``kind``, with the
    countries of those neighbours.

    ``confident``: the first pass's readings the caller trusts enough; ``pairs``: the
    indices ``k`` where mentions ``k`` and ``k + 1`` are neighbours in one list.
    """
    listed: dict[str, set[str | None]] = {}
    for k in pairs:
        for this, other in ((k, k + 1), (k + 1, k)):
            neighbour = confident.get(keys[other])
            if neighbour is not None and kind(neighbour):
                listed.setdefault(keys[this], set()).add(neighbour.country_code)
    return listed


_K = TypeVar("_K")


def _counter_copy(counts: Counter[_K]) -> Counter[_K]:
    """``counts.copy()`` without Counter's Python-level ``__init__`` and ``update``.

    The resolver copies its tallies for every name of every document; a dict-level copy
    into an uninitialised Counter is several times cheaper and the same Counter.
    """
    copy: Counter[_K] = Counter.__new__(Counter)
    dict.update(copy, counts)
    return copy


def _stray_namesake(place: Place, sure_regions: Counter[tuple[str | None, str | None]]) -> bool:
    """A small town outside the regions the story is surely set in.

    Such a town loses its name to a world city: "Dubai and Doha" are not villages of
    India, unless the story is set in the village's own region.
    """
    return place.population < _WORLD_NAMESAKE_MAX and not sure_regions.get(
        (place.country_code, place.admin1)
    )


def _regions_share(n_other_regions: int) -> float:
    """How far a story names admin-1 regions besides the one being resolved, 0 to 1."""
    return min(1.0, n_other_regions / _REGIONS_FULL)


#: The word before a name that makes it a place even when its point is dropped.
_AFTER_PLACE_WORD: Final = re.compile(
    r"\b(?:from|to|in|near|at|via|through|into|between|with|and) $"
)


#: Words of the areas every country has ("East Coast", "Midwest", "Gulf Coast"), which
#: _without_strays keeps only where the story leads to their country; a region with a
#: name of its own ("Siberia", "Patagonia") is that region wherever the story is set.
_AREA_WORD: Final = re.compile(
    r"north|south|east|west|mid|central|upper|lower|coast|inland|interior"
)


def _without_strays(chosen: dict[str, tuple[Place, float]], counts: Counter[str]) -> None:
    """Forget the namesakes abroad that a story set in one country never leads to.

    "Marinus Link ... from Heybridge in Tasmania to Hazelwood": the gazetteer's only
    Hazelwood is a Missouri suburb 14,000 km from every place of an Australian story.
    When one country holds :data:`_STRAY_SHARE` of the story's names, a town of another
    country smaller than :data:`_STRAY_TOWN_MAX` is kept only if the story leads there:
    it names that country, one of its regions, its capital or a big city of it, or the
    town lies within :data:`_STRAY_KM` of a place of the main country.  Otherwise its
    point is dropped rather than drawn across the world (:meth:`Resolver.resolve` then
    keeps the mention without a point after a preposition of place, and drops it
    elsewhere).  Other doubtful names abroad ("Media", "Change") do not vouch for
    each other.  An area of a country ("East Coast", "Midwest") is kept only if the story
    leads to that country, in a story set in several countries too: the East Coast Rail
    Link of a Malaysian story is no line on the US seaboard.  Changes ``chosen`` in place.
    """
    countries: Counter[str] = Counter()
    for key, (place, _) in chosen.items():
        if place.country_code:
            countries[place.country_code] += counts[key]
    if not countries:
        return
    main, n_main = countries.most_common(1)[0]
    supported = {
        place.country_code
        for place, _ in chosen.values()
        if place.feature in _STRAY_SUPPORT or place.population >= _STRAY_TOWN_MAX
    }
    home = [
        place
        for place, _ in chosen.values()
        if place.country_code == main and place.feature not in _NOT_ANCHORS
    ]
    for key, (place, _) in list(chosen.items()):
        code = place.country_code
        if (
            code is None
            or code == main
            or code in supported
            or place.feature not in _STRAY_FEATURES
            or place.population >= _STRAY_TOWN_MAX
        ):
            continue
        others = sum(countries.values()) - counts[key]
        if place.feature != "region" and (
            others < _STRAY_MIN_OTHERS or n_main < _STRAY_SHARE * others
        ):
            continue  # a town abroad is a stray only in a story set in one country
        if place.feature == "region" and not _AREA_WORD.search(_bare(key)):
            continue  # "even Siberia": a region's own name, not a compass area's
        if any(haversine_km(place.lat, place.lon, p.lat, p.lon) <= _STRAY_KM for p in home):
            continue
        del chosen[key]


def _in_holder(holder: Place, name: str, key: str) -> Place:
    """A town put at the point of the place that holds it or lies by it, confidence 0.3."""
    return replace(
        holder,
        name=name,
        feature="city",
        population=0,
        source_id=f"context:{_bare(key)}",
        confidence=0.3,
    )


def resolve_mentions(
    doc: Document, mentions: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    """Convenience wrapper: :meth:`Resolver.resolve` with a default gazetteer."""
    return Resolver(gazetteer).resolve(doc, mentions)
