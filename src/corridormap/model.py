"""Data types shared by every pipeline stage.

All are frozen dataclasses: a stage never mutates what an earlier stage produced, it
returns new values (``dataclasses.replace``, or :func:`evolve` in hot loops).
Coordinates are stored as ``lat``/``lon`` in degrees (EPSG:4326); the swap to
shapely's ``(x=lon, y=lat)`` happens in exactly one place, :attr:`Place.point` /
:attr:`Waypoint.point`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

# Fast constructors and copies of these frozen classes (compiled with the geoparser).
from corridormap._frozen import construct as construct
from corridormap._frozen import evolve as evolve

if TYPE_CHECKING:
    from shapely.geometry import Point

#: Kinds of gazetteer entries, coarse enough to rank on and to show to a user.
Feature = Literal[
    "country",
    "admin1",
    "capital",
    "city",
    "continent",
    "region",
    "physical",
    "crossing",
    "admin2",
    "facility",
]

#: Features that are towns: what a story is set in, what "a Clinton couple" lives in.
TOWN_FEATURES: frozenset[str] = frozenset({"city", "capital", "admin2"})
#: Features that are administrative divisions: what "Lagos state" names.
DIVISION_FEATURES: frozenset[str] = frozenset({"admin1", "admin2", "region"})

CorridorKind = Literal["road", "rail", "pipeline", "power", "multimodal"]
CorridorStatus = Literal[
    "proposed",
    "planned",
    "agreed",
    "under construction",
    "operating",
    "existing",
    "shelved",
    "cancelled",
]
GeometrySource = Literal["inferred", "reference", "spec"]
RouteAccuracy = Literal["schematic", "terrain", "traced"]


def _point(lat: float, lon: float) -> Point:
    from shapely.geometry import Point

    return Point(lon, lat)


@dataclass(frozen=True)
class Place:
    """A geocoded place: one gazetteer entry or one geocoder answer.

    Attributes
    ----------
    name : str
        Preferred (English) name.
    lat, lon : float
        WGS84 degrees.
    country_code : str or None
        ISO 3166-1 alpha-2 code, ``None`` for places in no country (seas, continents).
    feature : Feature
        Coarse kind of place.
    population : int
        0 when unknown.
    source_id : str
        Where the entry comes from, e.g. ``"geonames:2013348"`` or ``"curated:khasan"``.
    confidence : float
        0..1, how sure the resolver (or geocoder) is that this is the referent.
    admin1 : str or None
        First-level administrative code (GeoNames style, e.g. ``"59"``) when known.
    """

    name: str
    lat: float
    lon: float
    country_code: str | None
    feature: Feature
    population: int = 0
    source_id: str = ""
    confidence: float = 1.0
    admin1: str | None = None

    @property
    def point(self) -> Point:
        """The place as a shapely Point (x = lon, y = lat)."""
        return _point(self.lat, self.lon)


@dataclass(frozen=True)
class Candidate:
    """One gazetteer answer for a name.

    Attributes
    ----------
    place : Place
        The place; ``place.confidence`` equals ``prior``.
    match : str
        How the name matched: ``"name"`` (primary name), ``"alias"`` (official, short or
        curated alias), ``"alternate"`` (GeoNames alternate name, any language),
        ``"native"`` (alternate name in the script of the place's own country, 서울),
        ``"demonym"`` (``"Russian"``), ``"code"`` (``"RUS"``, ``"Calif."``).
    prior : float
        Context-free plausibility, 0..1 (see the module docstring).
    form : str or None
        For case-sensitive entries, the forms as stored, ``|``-separated (``"US"``,
        ``"GA|Ga."``); ``None`` when any casing matches.
    """

    place: Place
    match: str
    prior: float
    form: str | None = None

    @property
    def case_sensitive(self) -> bool:
        """Whether the name only matches when written as one of :attr:`form`."""
        return self.form is not None

    def accepts(self, surface: str) -> bool:
        """Whether ``surface`` (the text as written) may use this entry.

        A case-sensitive entry needs the exact form, except that dots are optional in
        all-capital acronyms (``"U.S."`` and ``"US"`` are the same entry) of more than
        two letters, or where the stored form has none.

        Parameters
        ----------
        surface : str
            The name as it appears in the text.

        Returns
        -------
        bool
        """
        if self.form is None:
            return True
        surface = surface.strip()
        bare_surface = surface.replace(".", "")
        for form in self.form.split("|"):
            if surface == form:
                return True
            bare = form.replace(".", "")
            if (
                bare.isupper()
                and bare_surface == bare
                # "N.S." is Nova Scotia, but "NS" a Dutch railway or an Irish school
                and (len(bare) > 2 or "." not in form or "." in surface)
            ):
                return True
        return False


@dataclass(frozen=True)
class Document:
    """One input text with its sentence boundaries.

    Attributes
    ----------
    id : str
        Stable identifier (file path, URL, JSONL ``id`` or line number).
    text : str
        The full text; every offset in the pipeline indexes this string.
    title : str
        A human label (first line, HTML title or file name).
    source : str
        Where the text was read from.
    sentences : tuple of (int, int)
        Character spans of sentences, in order, covering the text.
    """

    id: str
    text: str
    title: str = ""
    source: str = ""
    sentences: tuple[tuple[int, int], ...] = ()

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (-1 if none)."""
        from bisect import bisect_right

        starts = [s for s, _ in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return i
        return -1

    def sentence_text(self, index: int) -> str:
        """Text of sentence ``index``."""
        start, end = self.sentences[index]
        return self.text[start:end]


@dataclass(frozen=True)
class Mention:
    """A toponym found in a document, optionally resolved to a place.

    ``doc.text[start:end] == text`` always holds.
    """

    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    place: Place | None = None
    confidence: float = 0.0
    #: "place" for literal use, "adjective" for demonym-adjectives ("Russian"),
    #: "metonym" where the name stands for a government ("Moscow said").
    usage: str = "place"


@dataclass(frozen=True)
class Evidence:
    """A quoted sentence that supports a corridor."""

    doc_id: str
    start: int
    end: int
    quote: str
    date: str | None = None


@dataclass(frozen=True)
class Waypoint:
    """A point a corridor route must visit, in order.

    ``role`` is ``start``, ``via``, ``end`` or ``crossing``; ``anchor`` says how a point
    was chosen (``mentioned``, ``capital``, ``nearest-city``, ``directional``,
    ``crossing``, ``reference``, ``spec``).
    """

    name: str
    lat: float
    lon: float
    country_code: str | None
    role: str
    anchor: str = "mentioned"

    @property
    def point(self) -> Point:
        """The waypoint as a shapely Point (x = lon, y = lat)."""
        return _point(self.lat, self.lon)


@dataclass(frozen=True)
class Corridor:
    """A proposed or existing piece of infrastructure found in text or a spec."""

    id: str
    name: str
    kind: CorridorKind
    status: CorridorStatus
    waypoints: tuple[Waypoint, ...]
    allowed_countries: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    geometry_source: GeometrySource = "inferred"
    route_accuracy: RouteAccuracy = "schematic"
    #: True where the text or spec allows the line to cross the sea.
    subsea: bool = False
    stated_length_km: float | None = None
    #: Ids of corridors this one is compared with (e.g. today's route for a trade flow).
    alternative_of: str | None = None
    notes: tuple[str, ...] = field(default=())
    #: "route": the router draws it over terrain; "straight": straight legs between the
    #: waypoints (a spec asked for it, or a traced reference polyline is the geometry).
    draw: Literal["route", "straight"] = "route"
    #: The project's own name where the text gives one ("Celtic Interconnector"); the
    #: ``name`` says what the line is (its ends and kind) in every case.
    project: str | None = None
