"""Corridor spec files: a user's YAML corrections and additions to the extracted corridors.

A spec lets an analyst fix what the text leaves open (the towns a pipeline follows, the
status the article got wrong), hide a corridor the extractor should not have found, or
add one the text never names.  :func:`load_spec` reads and validates a file;
:func:`apply_spec` applies it to the corridors :func:`corridormap.corridors.find_corridors`
returned; :func:`corridors_to_spec` writes corridors back out as a spec to start from.

Schema (``version: 1``)
-----------------------
.. code-block:: yaml

    version: 1
    corridors:
      - match: kp-ru-road-e48ab1      # a corridor id, or a selector:
                                      # {id, kind, countries: [KP, RU], name}; every key
                                      # given must hold (countries: same set, any order;
                                      # name: case-insensitive substring of the
                                      # name or the project)
        status: agreed                # proposed | planned | agreed | under construction |
                                      # operating | existing | shelved | cancelled
        kind: road                    # road | rail | pipeline | power | multimodal
        name: Russia–DPRK Tumen road bridge link
        project: Tumen River Bridge   # the project's own name (corrects or adds one)
        from: Khasan                  # new start / end (a waypoint, see below)
        to: Rajin
        via: [Tumangang]              # replaces every intermediate waypoint
        waypoints: [...]              # or the whole chain at once (not with from/to/via)
        countries: [RU, KP]           # countries the route may cross, in route order
        subsea: false                 # may a pipeline or cable cross the sea
        stated_length_km: 54
        geometry: route               # route: the router draws it over terrain;
                                      # straight: a schematic chain of straight lines
        hide: true                    # drop the corridor from the output
        sources: [https://...]        # why: kept in the corridor's notes
      - add:                          # a corridor the text does not name
          name: Trans-Korea gas pipeline (2011 Gazprom route)
          project: PNG                # optional
          kind: pipeline
          status: shelved             # default: proposed
          waypoints: [Vladivostok, Khasan, {name: Kimchaek, lat: 40.6672, lon: 129.2006}]
          countries: [RU, KP, KR]
          geometry: route             # default: route
          subsea: false
          stated_length_km: 1100
          sources: [https://...]
          id: my-pipeline             # optional; default spec-<name slug>-<hash>

A *waypoint* is a place name looked up in the gazetteer (``Wonsan``), or a mapping
``{name, lat, lon}`` that needs no lookup, or ``{name, country: KP}`` to look a name up
in one country only.  ``crossing: true`` marks a border crossing, whose ``country`` may
name both sides (``RU|KP``); ``anchor`` says how the point was chosen (default
``spec (lat/lon)`` or ``spec (gazetteer: <place>, <source id>)``).  Names are looked up
preferring places in the corridor's countries (a matched corridor's, or an added one's
``countries``), then points (cities, crossings, physical features) over areas; a name
that only resolves to a country is an error, since a country is not a point on a route.

Applying a spec
---------------
Entries apply in order; each ``match`` sees the result of the entries before it.  A
selector that matches no corridor is an error (listing the ids there are), and so is one
that changes waypoints on several corridors at once.  A corridor whose waypoints change
gets ``geometry_source="spec"``; its ``allowed_countries`` become the given ``countries``
(if any) merged with the waypoints' own countries in route order.  A change that leaves
every field as it was is no change, so :func:`corridors_to_spec` round-trips.

Every problem, from YAML syntax to an unknown place, is reported with the file, the line
and the field, and all problems of a file are raised together as one
:class:`~corridormap.errors.SpecError`::

    spec.yaml:7: corridors[1].kind: 'highway' is not one of road, rail, pipeline, power, multimodal
"""

from __future__ import annotations

import difflib
import hashlib
import inspect
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from corridormap.errors import CorridormapError, DataError, SpecError
from corridormap.model import Corridor, CorridorKind, CorridorStatus, Waypoint

if TYPE_CHECKING:
    from corridormap.gazetteer import Candidate, Gazetteer

__all__ = ["Spec", "apply_spec", "corridors_to_spec", "load_spec", "parse_spec"]

#: A path into a YAML document: mapping keys and sequence indices.
Loc = tuple[str | int, ...]

SPEC_VERSION = 1

# --------------------------------------------------------------------------- YAML with lines


def read_yaml_text(
    text: str, label: str, error: type[CorridormapError]
) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML and record the line of every key and list item.

    Parameters
    ----------
    text : str
        The document.
    label : str
        How messages name the file (its path as the user gave it).
    error : type of CorridormapError
        What to raise (:class:`SpecError` for specs, :class:`DataError` for catalogues).

    Returns
    -------
    data : Any
        The document as plain Python objects.
    lines : dict
        1-based line of each path (``("corridors", 1, "kind")``); the root is line 1.

    Raises
    ------
    CorridormapError
        Of class ``error``, for invalid YAML (with its line) and for duplicate keys, which
        YAML loaders otherwise resolve silently by keeping the last.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise error(f"{label}:{line}: invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise error(f"{label}: invalid YAML: {exc}") from None
    lines: dict[Loc, int] = {(): 1}
    problems: list[str] = []
    if node is not None:
        _walk(node, (), lines, problems, label, set())
    if problems:
        raise error(joined_problems(problems, label))
    return data, lines


def _walk(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    problems: list[str],
    label: str,
    seen: set[int],
) -> None:
    # An alias reuses a node; walking it again would only repeat its lines (or loop).
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first:
                problems.append(
                    f"{label}:{line}: {_dotted((*loc, key))}: duplicate key "
                    f"(first on line {first[key]})"
                )
                continue
            first[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, problems, label, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            _walk(item, (*loc, index), lines, problems, label, seen)


def read_yaml_file(path: str | Path, error: type[CorridormapError]) -> tuple[Any, dict[Loc, int]]:
    """:func:`read_yaml_text` on a file; a missing or unreadable file raises ``error``."""
    target = Path(path)
    label = str(path)
    if not target.exists():
        raise error(f"{label}: file not found")
    if not target.is_file():
        raise error(f"{label}: not a file")
    try:
        text = target.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise error(f"{label}: cannot read: {exc.strerror or exc}") from None
    return read_yaml_text(text, label, error)


def line_of(lines: Mapping[Loc, int], loc: Loc) -> int:
    """Line of ``loc``, or of its nearest ancestor present in the file (a missing key)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def joined_problems(problems: Sequence[str], label: str) -> str:
    """One problem as is; several under a "N problems in <label>:" header, one per line."""
    if len(problems) == 1:
        return problems[0]
    return f"{len(problems)} problems in {label}:\n" + "\n".join(f"  {p}" for p in problems)


def validation_problems(
    exc: ValidationError, root: type[BaseModel], lines: Mapping[Loc, int], label: str
) -> list[str]:
    """One ``file:line: field: message`` string per pydantic error, in file order."""
    found: list[tuple[int, str]] = []
    for err in exc.errors():
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        value = err.get("input")
        if kind == "extra_forbidden":
            allowed = _allowed_keys(root, loc[:-1])
            message = f"unknown key {loc[-1]!r}" + _suggest(str(loc[-1]), allowed)
            if allowed:
                message += f" (allowed: {', '.join(allowed)})"
        elif kind == "missing":
            message = f"missing required key {loc[-1]!r}"
            loc_line = line_of(lines, loc[:-1])
            found.append((loc_line, f"{label}:{loc_line}: {_dotted(loc)}: {message}"))
            continue
        elif kind == "literal_error":
            options = [
                o.strip().strip("'\"") for o in re.split(r",|\bor\b", err["ctx"]["expected"])
            ]
            options = [o for o in options if o]
            message = f"{value!r} is not one of {', '.join(options)}" + _suggest(
                str(value), options
            )
        elif kind == "too_short" and isinstance(value, list):
            message = f"needs at least {err['ctx']['min_length']} items, got {len(value)}"
        elif kind in {"model_type", "dict_type", "model_attributes_type"}:
            message = f"expected a mapping of keys, got {value!r}"
        else:
            message = str(err["msg"])
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
            elif not isinstance(value, dict | list):
                message += f", got {value!r}"
        line = line_of(lines, loc)
        found.append((line, f"{label}:{line}: {_dotted(loc)}: {message}"))
    found.sort(key=lambda item: item[0])
    return [text for _, text in found]


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _model_of(annotation: Any) -> Any:
    """The model or list type inside ``Annotated``/``Optional`` wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = (
                args[0]
                if len(args) == 1
                else next(
                    (a for a in args if inspect.isclass(a) and issubclass(a, BaseModel)), args[0]
                )
            )
        else:
            return annotation


def _allowed_keys(root: type[BaseModel], loc: Loc) -> list[str]:
    current: Any = root
    for part in loc:
        current = _model_of(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return []
            current = typing.get_args(current)[0]
        elif inspect.isclass(current) and issubclass(current, BaseModel):
            fields = {(f.alias or name): f for name, f in current.model_fields.items()}
            if part not in fields:
                return []
            current = fields[part].annotation
        else:
            return []
    current = _model_of(current)
    if inspect.isclass(current) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


# --------------------------------------------------------------------------- schema

_ISO2 = r"^[A-Z]{2}$"
CountryCode = Annotated[str, Field(pattern=_ISO2)]


def _waypoint_input(value: Any) -> Any:
    if isinstance(value, str):
        return {"name": value}
    if isinstance(value, dict):
        return value
    raise ValueError(f"a waypoint is a place name or a mapping {{name, lat, lon}}, not {value!r}")


def _selector_input(value: Any) -> Any:
    if isinstance(value, str):
        return {"id": value}
    if isinstance(value, dict):
        return value
    raise ValueError(
        f"match takes a corridor id or a mapping {{id, kind, countries, name}}, not {value!r}"
    )


def _upper_countries(value: Any) -> Any:
    # ISO codes are upper case everywhere else; accept "kp" here rather than fail on it.
    if isinstance(value, list):
        return [v.upper() if isinstance(v, str) else v for v in value]
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class WaypointSpec(_Model):
    """One waypoint as written: a name to look up, or a name with coordinates."""

    name: str = Field(min_length=1)
    lat: float | None = Field(default=None, ge=-90.0, le=90.0)
    lon: float | None = Field(default=None, ge=-180.0, le=180.0)
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}(\|[A-Za-z]{2})*$")
    crossing: bool = False
    #: How the point was chosen, shown with it; default ``spec (lat/lon)`` or
    #: ``spec (gazetteer: <place>, <source id>)``.
    anchor: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _both_coordinates(self) -> WaypointSpec:
        if (self.lat is None) != (self.lon is None):
            raise ValueError(f"waypoint {self.name!r}: give both lat and lon, or neither")
        return self


Point = Annotated[WaypointSpec, BeforeValidator(_waypoint_input)]
Countries = Annotated[list[CountryCode], BeforeValidator(_upper_countries)]
Geometry = Literal["route", "straight"]


class Selector(_Model):
    """Which extracted corridor(s) an entry changes; every key given must hold."""

    id: str | None = None
    kind: CorridorKind | None = None
    countries: Countries | None = None
    name: str | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Selector:
        if not self.model_fields_set:
            raise ValueError("an empty selector would match every corridor: give id, kind, "
                             "countries or name")  # fmt: skip
        return self

    def matches(self, corridor: Corridor) -> bool:
        """Whether ``corridor`` satisfies every key of the selector."""
        if self.id is not None and corridor.id != self.id:
            return False
        if self.kind is not None and corridor.kind != self.kind:
            return False
        if self.countries is not None and set(self.countries) != set(corridor.allowed_countries):
            return False
        if self.name is None:
            return True
        # "name: Celtic" selects by the corridor's name or by its project's.
        names = (corridor.name, corridor.project or "")
        return any(self.name.casefold() in n.casefold() for n in names)


class AddSpec(_Model):
    """A corridor the text does not name."""

    name: str = Field(min_length=1)
    project: str | None = Field(default=None, min_length=1)
    kind: CorridorKind
    status: CorridorStatus = "proposed"
    waypoints: list[Point] = Field(min_length=2)
    countries: Countries = Field(default_factory=list)
    geometry: Geometry = "route"
    subsea: bool = False
    stated_length_km: float | None = Field(default=None, gt=0)
    sources: list[str] = Field(default_factory=list)
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


_CHANGE_KEYS = ("status", "kind", "name", "project", "from", "to", "via", "waypoints",
                "countries", "subsea", "stated_length_km", "geometry", "hide",
                "sources")  # fmt: skip


class Entry(_Model):
    """One item of ``corridors``: a ``match`` with changes, or an ``add``."""

    match: Annotated[Selector, BeforeValidator(_selector_input)] | None = None
    add: AddSpec | None = None
    status: CorridorStatus | None = None
    kind: CorridorKind | None = None
    name: str | None = Field(default=None, min_length=1)
    project: str | None = Field(default=None, min_length=1)
    start: Point | None = Field(default=None, alias="from")
    end: Point | None = Field(default=None, alias="to")
    via: list[Point] | None = None
    waypoints: list[Point] | None = Field(default=None, min_length=2)
    countries: Countries | None = None
    subsea: bool | None = None
    stated_length_km: float | None = Field(default=None, gt=0)
    geometry: Geometry | None = None
    hide: bool = False
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_action(self) -> Entry:
        if (self.match is None) == (self.add is None):
            raise ValueError("each entry needs exactly one of `match` (change an extracted "
                             "corridor) or `add` (a new one)")  # fmt: skip
        given = {type(self).model_fields[k].alias or k for k in self.model_fields_set} & set(
            _CHANGE_KEYS
        )
        if self.add is not None and given:
            raise ValueError(f"{', '.join(sorted(given))}: put these inside `add`")
        if self.waypoints is not None and given & {"from", "to", "via"}:
            raise ValueError("give either `waypoints` (the whole chain) or `from`/`to`/`via`")
        return self

    @property
    def changes_waypoints(self) -> bool:
        """Whether the entry sets any waypoint."""
        return any(v is not None for v in (self.start, self.end, self.via, self.waypoints))


class SpecDocument(_Model):
    """The whole file."""

    version: Literal[1]
    corridors: list[Entry] = Field(default_factory=list)


@dataclass(frozen=True)
class Spec:
    """A validated spec with where each of its parts was written.

    Attributes
    ----------
    label : str
        The file as the user named it (or ``"<string>"``).
    document : SpecDocument
    lines : mapping of Loc to int
        Line of each key and list item, for messages raised while applying.
    """

    label: str
    document: SpecDocument
    lines: Mapping[Loc, int]

    @property
    def entries(self) -> list[Entry]:
        """The ``corridors`` entries in file order."""
        return self.document.corridors

    def where(self, loc: Loc) -> str:
        """``file:line: field`` for a path in the document."""
        return f"{self.label}:{line_of(self.lines, loc)}: {_dotted(loc)}"


def parse_spec(text: str, label: str = "<string>") -> Spec:
    """Validate spec text (see :func:`load_spec`); ``label`` names it in messages."""
    data, lines = read_yaml_text(text, label, SpecError)
    return _validated(data, lines, label)


def _validated(data: Any, lines: dict[Loc, int], label: str) -> Spec:
    if not isinstance(data, dict):
        raise SpecError(
            f"{label}:1: a spec is a mapping with `version: {SPEC_VERSION}` and `corridors`, "
            f"not {type(data).__name__ if data is not None else 'an empty file'}"
        )
    try:
        document = SpecDocument.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, SpecDocument, lines, label)
        raise SpecError(joined_problems(problems, label)) from None
    return Spec(label=label, document=document, lines=lines)


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Spec

    Raises
    ------
    SpecError
        For a missing or unreadable file, invalid YAML, and every schema problem (unknown
        or missing keys, bad values), all in one message naming file, line and field.
        Place names are checked by :func:`apply_spec`, which has the gazetteer.
    """
    data, lines = read_yaml_file(path, SpecError)
    return _validated(data, lines, str(path))


# --------------------------------------------------------------------------- applying

_POINT_FEATURES = ("city", "capital", "crossing", "facility", "physical")
_AREA_FEATURES = ("admin1", "admin2", "region")


# Whether Corridor has the ``draw`` field proposed with this module; until it does the
# pipeline draws every non-inferred corridor straight and ``geometry: route`` is inert.
class _Problems:
    """Problems found while applying, raised together at the end."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.items: list[tuple[int, str]] = []

    def add(self, loc: Loc, message: str) -> None:
        self.items.append((line_of(self.spec.lines, loc), f"{self.spec.where(loc)}: {message}"))

    def raise_any(self) -> None:
        if self.items:
            ordered = [text for _, text in sorted(self.items, key=lambda item: item[0])]
            raise SpecError(joined_problems(ordered, self.spec.label))


def _country_at(lat: float, lon: float) -> str | None:
    from corridormap import boundaries

    try:
        return boundaries.nearest_country(lat, lon)
    except DataError:
        # Without the boundary data a point simply has no country; routing then relies
        # on the corridor's allowed countries, which the spec can give.
        return None


def _resolve(
    point: WaypointSpec,
    role: str,
    prefer: Sequence[str],
    gazetteer: Gazetteer,
    loc: Loc,
    problems: _Problems,
) -> Waypoint | None:
    role = "crossing" if point.crossing else role
    if point.lat is not None and point.lon is not None:
        code = point.country.upper() if point.country else _country_at(point.lat, point.lon)
        anchor = point.anchor or "spec (lat/lon)"
        return Waypoint(point.name, point.lat, point.lon, code, role, anchor)
    country = point.country.upper() if point.country else None
    if country is not None and "|" in country:
        problems.add(loc, f"{point.name!r}: look-ups take one country; give lat/lon for a "
                          "crossing between two")  # fmt: skip
        return None
    candidates = list(gazetteer.lookup(point.name, country=country, limit=25))
    if not candidates:
        where = f" in {country}" if country else ""
        problems.add(
            loc,
            f"place {point.name!r} not found in the gazetteer{where}; give its coordinates: "
            f"{{name: {point.name}, lat: ..., lon: ...}}",
        )
        return None

    def rank(candidate: Candidate) -> tuple[int, int, int]:
        place = candidate.place
        in_corridor = place.country_code in prefer
        feature = (
            0 if place.feature in _POINT_FEATURES else 1 if place.feature in _AREA_FEATURES else 2
        )
        return (0 if in_corridor else 1, feature, candidates.index(candidate))

    best = min(candidates, key=rank).place
    if best.feature not in _POINT_FEATURES + _AREA_FEATURES:
        problems.add(
            loc,
            f"{point.name!r} is a {best.feature}, not a point on a route; name a place in it "
            f"or give {{name: {point.name}, lat: ..., lon: ...}}",
        )
        return None
    code = best.country_code
    if best.feature == "crossing":
        role = "crossing"
        code = "|".join(gazetteer.crossing_countries(best)) or code
    anchor = point.anchor or f"spec (gazetteer: {best.name}, {best.source_id or '?'})"
    return Waypoint(point.name, best.lat, best.lon, code, role, anchor)


def _roles(points: Sequence[Waypoint]) -> tuple[Waypoint, ...]:
    """Start, via and end by position; crossings stay crossings."""
    last = len(points) - 1
    out = []
    for i, w in enumerate(points):
        role = (
            "crossing"
            if w.role == "crossing"
            else "start"
            if i == 0
            else "end"
            if i == last
            else "via"
        )
        out.append(w if w.role == role else replace(w, role=role))
    return tuple(out)


def _codes(waypoints: Iterable[Waypoint]) -> list[str]:
    codes: list[str] = []
    for w in waypoints:
        for code in (w.country_code or "").split("|"):
            if code and code not in codes:
                codes.append(code)
    return codes


def merge_countries(primary: Sequence[str], secondary: Sequence[str]) -> tuple[str, ...]:
    """``primary`` in its order, with each code only in ``secondary`` slotted in after the
    nearest code that precedes it in ``secondary`` (at the front if none does)."""
    result = list(dict.fromkeys(primary))
    for i, code in enumerate(secondary):
        if code in result:
            continue
        before = next((c for c in reversed(secondary[:i]) if c in result), None)
        result.insert(result.index(before) + 1 if before is not None else 0, code)
    return tuple(result)


def _reuse(new: Sequence[Waypoint], old: Sequence[Waypoint]) -> tuple[Waypoint, ...]:
    """Keep an old waypoint (with its anchor) wherever the spec restates it unchanged."""
    out = []
    for w in new:
        same = next(
            (o for o in old if (o.name, o.lat, o.lon, o.country_code, o.role)
             == (w.name, w.lat, w.lon, w.country_code, w.role)),
            None,
        )  # fmt: skip
        out.append(same or w)
    return tuple(out)


def _new_waypoints(
    corridor: Corridor,
    entry: Entry,
    loc: Loc,
    gazetteer: Gazetteer,
    problems: _Problems,
) -> tuple[Waypoint, ...] | None:
    prefer = entry.countries or list(corridor.allowed_countries)
    failed = False

    def one(point: WaypointSpec, role: str, where: Loc) -> Waypoint | None:
        nonlocal failed
        found = _resolve(point, role, prefer, gazetteer, where, problems)
        failed = failed or found is None
        return found

    if entry.waypoints is not None:
        chain = [one(p, "via", (*loc, "waypoints", i)) for i, p in enumerate(entry.waypoints)]
    else:
        old = corridor.waypoints
        start = one(entry.start, "start", (*loc, "from")) if entry.start else old[0]
        end = one(entry.end, "end", (*loc, "to")) if entry.end else old[-1]
        if entry.via is not None:
            middle = [one(p, "via", (*loc, "via", i)) for i, p in enumerate(entry.via)]
        else:
            middle = list(old[1:-1])
        chain = [start, *middle, end]
    if failed:
        return None
    return _reuse(_roles([w for w in chain if w is not None]), corridor.waypoints)


def _changed(
    corridor: Corridor, entry: Entry, loc: Loc, gazetteer: Gazetteer, problems: _Problems
) -> Corridor:
    updates: dict[str, Any] = {}
    for key in ("status", "kind", "name", "project", "subsea", "stated_length_km"):
        value = getattr(entry, key)
        if value is not None and value != getattr(corridor, key):
            updates[key] = value
    waypoints = corridor.waypoints
    if entry.changes_waypoints:
        found = _new_waypoints(corridor, entry, loc, gazetteer, problems)
        if found is None:
            return corridor
        if found != corridor.waypoints:
            waypoints = found
            updates["waypoints"] = found
            updates["geometry_source"] = "spec"
            updates["route_accuracy"] = "schematic"
    if "waypoints" in updates or entry.countries is not None:
        countries = merge_countries(entry.countries or [], _codes(waypoints))
        if countries != corridor.allowed_countries:
            updates["allowed_countries"] = countries
    draw = entry.geometry if entry.geometry is not None else corridor.draw
    if not updates and draw == corridor.draw:
        return corridor
    what = ", ".join(k for k in updates if k not in {"geometry_source", "route_accuracy"})
    if draw != corridor.draw:
        what = ", ".join(filter(None, [what, f"geometry: {draw}"]))
    # A source the corridor already cites (e.g. restated by corridors_to_spec) is not repeated.
    sources = [f"source: {s}" for s in entry.sources if f"source: {s}" not in corridor.notes]
    notes = (*corridor.notes, f"changed by spec {problems.spec.where(loc)}: {what}", *sources)
    return replace(corridor, **updates, notes=notes, draw=draw)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "corridor"


def _added(
    add: AddSpec, loc: Loc, taken: set[str], gazetteer: Gazetteer, problems: _Problems
) -> Corridor | None:
    found = [
        _resolve(p, "via", add.countries, gazetteer, (*loc, "add", "waypoints", i), problems)
        for i, p in enumerate(add.waypoints)
    ]
    ident = (
        add.id
        or f"spec-{_slug(add.name)}-"
        + hashlib.sha1(f"{add.kind}|{add.name}".encode()).hexdigest()[:6]
    )
    if ident in taken:
        problems.add((*loc, "add", "id" if add.id else "name"),
                     f"corridor id {ident!r} is already taken; give another `id`")  # fmt: skip
        return None
    if any(w is None for w in found):
        return None
    waypoints = _roles([w for w in found if w is not None])
    corridor = Corridor(
        id=ident,
        name=add.name,
        project=add.project,
        kind=add.kind,
        status=add.status,
        waypoints=waypoints,
        allowed_countries=merge_countries(add.countries, _codes(waypoints)),
        evidence=(),
        geometry_source="spec",
        route_accuracy="schematic",
        subsea=add.subsea,
        stated_length_km=add.stated_length_km,
        notes=(f"added by spec {problems.spec.where(loc)}", *(f"source: {s}" for s in add.sources)),
    )
    return replace(corridor, draw=add.geometry)


def apply_spec(corridors: Sequence[Corridor], spec: Spec, gazetteer: Gazetteer) -> list[Corridor]:
    """Apply a spec to extracted corridors.

    Parameters
    ----------
    corridors : sequence of Corridor
        Usually the output of :func:`corridormap.corridors.find_corridors`.
    spec : Spec
        From :func:`load_spec` or :func:`parse_spec`.
    gazetteer : Gazetteer
        Looks up waypoint names (``lookup(name, country=...)``).

    Returns
    -------
    list of Corridor
        A new list, in the input order: matched corridors changed, hidden ones dropped,
        added ones appended in spec order.  Unchanged corridors are the same objects.

    Raises
    ------
    SpecError
        Listing every selector that matches nothing (or, to change waypoints, several
        corridors), every place the gazetteer cannot find, and every taken id.
    """
    problems = _Problems(spec)
    result: list[Corridor | None] = list(corridors)
    for k, entry in enumerate(spec.entries):
        loc: Loc = ("corridors", k)
        if entry.add is not None:
            taken = {c.id for c in result if c is not None}
            added = _added(entry.add, loc, taken, gazetteer, problems)
            if added is not None:
                result.append(added)
            continue
        assert entry.match is not None
        hits = [i for i, c in enumerate(result) if c is not None and entry.match.matches(c)]
        if not hits:
            ids = [c.id for c in result if c is not None]
            listed = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
            problems.add((*loc, "match"), f"matches no corridor (ids: {listed or 'none'})")
            continue
        if entry.changes_waypoints and len(hits) > 1:
            several = ", ".join(c.id for i in hits if (c := result[i]) is not None)
            problems.add((*loc, "match"),
                         f"matches {len(hits)} corridors ({several}); match one by id to change "
                         "its waypoints")  # fmt: skip
            continue
        for i in hits:
            current = result[i]
            assert current is not None
            result[i] = None if entry.hide else _changed(current, entry, loc, gazetteer, problems)
    problems.raise_any()
    return [c for c in result if c is not None]


# --------------------------------------------------------------------------- writing


class _FlowMap(dict[str, Any]):
    """A mapping written on one line."""


class _FlowList(list[Any]):
    """A list written on one line."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def _waypoint_record(w: Waypoint) -> _FlowMap:
    # Coordinates are written in full (repr) precision so that loading them back gives
    # the very same floats and no gazetteer look-up is needed.
    record = _FlowMap(name=w.name, lat=w.lat, lon=w.lon)
    if w.country_code:
        record["country"] = w.country_code
    if w.role == "crossing":
        record["crossing"] = True
    if w.anchor != "spec (lat/lon)":
        record["anchor"] = w.anchor
    return record


def corridors_to_spec(corridors: Sequence[Corridor], *, extracted: Sequence[Corridor] = ()) -> str:
    """Write corridors as spec YAML, a starting point for corrections.

    Each corridor found in text (it has evidence) becomes a ``match`` by id stating its
    name, project, kind, status, waypoints (with coordinates), countries, subsea flag and stated
    length; a corridor without evidence (added by a spec) becomes an ``add``.  Loading
    the text with :func:`load_spec` and applying it to the same extracted corridors gives
    these corridors again.

    Parameters
    ----------
    corridors : sequence of Corridor
    extracted : sequence of Corridor, optional
        The corridors as extracted; those missing from ``corridors`` are written as
        ``hide: true`` so that the round trip drops them too.

    Returns
    -------
    str
    """
    entries: list[dict[str, Any]] = []
    for c in corridors:
        body: dict[str, Any] = {"name": c.name}
        if c.project is not None:
            body["project"] = c.project
        body.update(kind=c.kind, status=c.status)
        body["waypoints"] = [_waypoint_record(w) for w in c.waypoints]
        body["countries"] = _FlowList(c.allowed_countries)
        body["subsea"] = c.subsea
        if c.stated_length_km is not None:
            body["stated_length_km"] = c.stated_length_km
        body["geometry"] = c.draw
        sources = [n.removeprefix("source: ") for n in c.notes if n.startswith("source: ")]
        if sources:
            body["sources"] = sources
        entries.append({"match": c.id, **body} if c.evidence else {"add": {"id": c.id, **body}})
    present = {c.id for c in corridors}
    entries.extend({"match": c.id, "hide": True} for c in extracted if c.id not in present)
    header = (
        "# corridormap spec (schema: corridormap.spec).  Edit, then pass it with --spec.\n"
        "# Waypoints carry coordinates so that no gazetteer look-up changes them; replace\n"
        "# one by a bare place name to have it looked up.\n"
    )
    body_text = yaml.dump(
        {"version": SPEC_VERSION, "corridors": entries},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10**6,  # one waypoint per line, however long its anchor
    )
    return header + body_text
