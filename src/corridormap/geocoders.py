"""Geocoder backends: the offline gazetteer and geopy web services, one protocol.

Every backend has ``geocode(query, *, country=None, limit=10) -> list[Place]`` and is
found by name in :data:`GEOCODERS` through :func:`get_geocoder`:

* ``gazetteer`` (default): the offline index of :mod:`corridormap.gazetteer`.
* ``nominatim``, ``photon``, ``arcgis``, ``pelias``: geopy adapters.  Each takes a
  ``domain`` and ``scheme`` so it can be pointed at a self-hosted server (or a loopback
  test server), a ``user_agent`` and a ``timeout``.  Calls go through geopy's
  :class:`~geopy.extra.rate_limiter.RateLimiter` (``min_delay_seconds``); timeouts,
  5xx answers and 429s are retried ``max_retries`` times with exponential backoff that
  waits at least the service's Retry-After.  Answers are kept in a persistent SQLite
  cache in ``cache_dir()`` keyed by a hash of (backend, domain, query, parameters).
  Only successful answers with valid coordinates are cached, so a failing service never
  poisons the cache.  geopy's exceptions become
  :class:`~corridormap.errors.GeocoderError` /
  :class:`~corridormap.errors.GeocoderRateLimited` (with ``retry_after``).  With
  ``fallback=True`` a failing service degrades to the gazetteer with a warning.

geopy is imported only when a web backend is created.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import sqlite3
import time
import warnings
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast, runtime_checkable

from corridormap import __version__
from corridormap._paths import cache_dir
from corridormap.errors import GeocoderError, GeocoderRateLimited, UnknownGeocoderError
from corridormap.model import Feature, Place

if TYPE_CHECKING:
    from corridormap.gazetteer import Gazetteer

__all__ = [
    "GEOCODERS",
    "ArcGISGeocoder",
    "GazetteerGeocoder",
    "GeocodeCache",
    "Geocoder",
    "GeopyGeocoder",
    "NominatimGeocoder",
    "PeliasGeocoder",
    "PhotonGeocoder",
    "get_geocoder",
]

logger = logging.getLogger(__name__)

#: Sent when no ``user_agent`` is given.  Public services (Nominatim's usage policy in
#: particular) ask for one that identifies the application and a contact: pass your own.
DEFAULT_USER_AGENT = f"corridormap/{__version__}"

# Service vocabularies -> corridormap's coarse Feature.
_FEATURE_WORDS: dict[str, Feature] = {
    "country": "country",
    "state": "admin1",
    "province": "admin1",
    "region": "admin1",
    "macroregion": "admin1",
    "county": "admin2",
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "locality": "city",
    "municipality": "city",
    "suburb": "city",
    "borough": "city",
    "neighbourhood": "city",
    "populatedplace": "city",
    "continent": "continent",
    "sea": "physical",
    "ocean": "physical",
    "river": "physical",
    "water": "physical",
    "bay": "physical",
    "strait": "physical",
    "peak": "physical",
    "mountain_range": "physical",
    "peninsula": "physical",
    "island": "physical",
    "border_control": "crossing",
    "harbour": "facility",
    "port": "facility",
    "terminal": "facility",
    "substation": "facility",
}


@runtime_checkable
class Geocoder(Protocol):
    """What every backend provides."""

    name: str

    def geocode(self, query: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Places matching ``query``, best first (at most ``limit``).

        Raises :class:`~corridormap.errors.GeocoderError` when the service fails.
        """
        ...


class GazetteerGeocoder:
    """The offline gazetteer as a geocoder (no network, no cache needed).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.load`.
    **options
        Accepted and ignored when they only concern web services (``user_agent``,
        ``timeout``, ``cache``, ``fallback``, ``min_delay_seconds``, ``max_retries``), so
        a caller can pass one set of options to any backend.
    """

    name = "gazetteer"
    _IGNORED: ClassVar[frozenset[str]] = frozenset(
        {
            "user_agent",
            "timeout",
            "cache",
            "fallback",
            "min_delay_seconds",
            "max_retries",
            "backoff_seconds",
            "max_retry_after",
        }
    )

    def __init__(self, gazetteer: Gazetteer | None = None, **options: Any) -> None:
        unknown = sorted(set(options) - self._IGNORED)
        if unknown:
            raise TypeError(f"gazetteer geocoder got unexpected options {unknown!r}")
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The underlying index (loaded on first use)."""
        if self._gazetteer is None:
            from corridormap.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def geocode(self, query: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Gazetteer candidates for ``query`` as places, confidence = prior.

        Parameters
        ----------
        query : str
            A place name in any script.
        country : str, optional
            ISO alpha-2 filter.
        limit : int
            At most this many places.

        Returns
        -------
        list of Place
        """
        return [c.place for c in self.gazetteer.lookup(query, country=country, limit=limit)]


class GeocodeCache:
    """Persistent answers of web geocoders, in one SQLite file.

    Parameters
    ----------
    path : Path, optional
        Defaults to ``cache_dir() / "geocode-cache.sqlite"``.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "geocode-cache.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(self._connect()) as db, db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answers "
                    "(key TEXT PRIMARY KEY, backend TEXT, query TEXT, places TEXT, created REAL)"
                )
        except sqlite3.DatabaseError as exc:
            raise GeocoderError(
                f"{self.path}: geocode cache unreadable ({exc}); delete it to start afresh"
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        # A short-lived connection per call keeps the cache safe across threads and
        # processes; sqlite's own locking serialises writers.
        return sqlite3.connect(self.path, timeout=30)

    @staticmethod
    def key(backend: str, query: str, params: dict[str, Any]) -> str:
        """Hash of one request: backend, query and every parameter that shapes the answer."""
        payload = json.dumps([backend, query, params], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def get(self, key: str) -> list[Place] | None:
        """The cached places for ``key``, or ``None`` when never stored or unreadable."""
        try:
            with closing(self._connect()) as db:
                row = db.execute("SELECT places FROM answers WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            return [Place(**item) for item in json.loads(row[0])]
        except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
            # A locked or damaged entry is a miss: the service is asked again.
            logger.warning("%s: cache entry unreadable (%s); asking the service", self.path, exc)
            return None

    def put(self, key: str, backend: str, query: str, places: list[Place]) -> None:
        """Store a successful answer (an empty list is a valid answer too)."""
        payload = json.dumps([asdict(p) for p in places], ensure_ascii=False)
        try:
            with closing(self._connect()) as db, db:
                db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                    (key, backend, query, payload, time.time()),
                )
        except sqlite3.DatabaseError as exc:
            # The answer is still good; only its reuse is lost.
            logger.warning("%s: cannot store answer (%s)", self.path, exc)

    def __len__(self) -> int:
        with closing(self._connect()) as db:
            return int(db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])


def _import_geopy() -> Any:
    try:
        import geopy.geocoders
    except ImportError as exc:  # pragma: no cover - geopy is a declared dependency
        raise GeocoderError("web geocoders need geopy: pip install geopy") from exc
    return geopy.geocoders


def _brief(exc: BaseException) -> str:
    """An exception's text as one short line: services put whole pages in their errors."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:299] + "…"


def _map_error(exc: Exception, backend: str) -> GeocoderError:
    from geopy import exc as gexc

    if isinstance(exc, gexc.GeocoderRateLimited):
        return GeocoderRateLimited(
            f"{backend}: rate limited ({_brief(exc)}); retry after {exc.retry_after!r} s",
            retry_after=exc.retry_after,
        )
    if isinstance(exc, gexc.GeocoderTimedOut):
        return GeocoderError(f"{backend}: timed out ({_brief(exc)})")
    if isinstance(exc, gexc.GeocoderParseError):
        return GeocoderError(f"{backend}: malformed answer ({_brief(exc)})")
    if isinstance(exc, gexc.GeocoderAuthenticationFailure | gexc.GeocoderInsufficientPrivileges):
        return GeocoderError(f"{backend}: not authorised ({_brief(exc)})")
    return GeocoderError(f"{backend}: {type(exc).__name__}: {_brief(exc)}")


def _iso2(code: object) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    code = code.strip().upper()
    if not (code.isascii() and code.isalpha()):
        return None
    if len(code) == 2:
        return code
    if len(code) == 3:
        import pycountry

        found = pycountry.countries.get(alpha_3=code)
        return str(found.alpha_2) if found else None
    return None


def _feature(*words: object) -> Feature:
    for word in words:
        if isinstance(word, str):
            feature = _FEATURE_WORDS.get(word.lower().replace(" ", ""))
            if feature:
                return feature
    return "city"


def _int(value: object) -> int:
    try:
        return int(float(str(value).replace(",", "")))
    except (TypeError, ValueError):
        return 0


class GeopyGeocoder:
    """Common machinery of the geopy-backed services; subclasses map one service.

    Parameters
    ----------
    user_agent : str
        Sent with every request (Nominatim's policy requires a real one).
    timeout : float
        Seconds per request.
    domain, scheme : str, optional
        Point the backend at another server (self-hosted, or a test server).
    cache : bool or GeocodeCache
        ``True`` (default) for the SQLite cache in ``cache_dir()``, ``False`` for none.
    min_delay_seconds : float
        Minimum delay between two requests (geopy ``RateLimiter``); Nominatim's public
        server asks for 1 s.
    max_retries : int
        Retries of a timed-out, 5xx or 429 request before the error is raised.
    backoff_seconds : float
        Wait before the first retry, doubled for each next one; a 429's Retry-After is
        waited instead when it is longer.
    max_retry_after : float
        A Retry-After longer than this is not waited for: the rate-limit error is raised.
    fallback : bool
        On a service error, warn and answer from the offline gazetteer instead of raising.
    **service_options
        Passed to the geopy class (e.g. ``api_key``).
    """

    name: ClassVar[str] = ""
    service: ClassVar[str] = ""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 10.0,
        domain: str | None = None,
        scheme: str | None = None,
        cache: bool | GeocodeCache = True,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        backoff_seconds: float = 1.0,
        max_retry_after: float = 60.0,
        fallback: bool = False,
        **service_options: Any,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        geocoders = _import_geopy()
        kwargs: dict[str, Any] = {"user_agent": user_agent, "timeout": timeout}
        if domain is not None:
            kwargs["domain"] = domain
        if scheme is not None:
            kwargs["scheme"] = scheme
        if "adapter_factory" not in service_options:
            from geopy.adapters import URLLibAdapter

            # geopy's requests adapter retries 429s itself, sleeping through Retry-After
            # inside one call; retries belong to the RateLimiter, and a rate limit must
            # reach the caller as GeocoderRateLimited(retry_after).
            kwargs["adapter_factory"] = URLLibAdapter
        kwargs.update(service_options)
        try:
            self._service = getattr(geocoders, self.service)(**kwargs)
        except Exception as exc:
            raise GeocoderError(f"{self.name}: cannot configure: {exc}") from exc
        self._params = {
            "domain": domain,
            "scheme": scheme,
            **{k: v for k, v in service_options.items() if k not in ("api_key", "adapter_factory")},
        }
        self._limited: Callable[..., Any] = RateLimiter(
            self._service.geocode,
            min_delay_seconds=min_delay_seconds,
            # Retries are ours (_call): geopy's ignore Retry-After, retry errors that
            # will not go away (400, 401, parse errors) and log tracebacks.
            max_retries=0,
            error_wait_seconds=max(min_delay_seconds, 0.0),
            # geopy's default swallows the error and returns None, which would be
            # cached as "no such place".
            swallow_exceptions=False,
        )
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_retry_after = max_retry_after
        self._sleep: Callable[[float], None] = time.sleep
        if cache is True:
            self.cache: GeocodeCache | None = GeocodeCache()
        elif cache is False:
            self.cache = None
        else:
            self.cache = cache
        self.fallback = fallback
        self._fallback_geocoder: GazetteerGeocoder | None = None

    def _query_kwargs(self, country: str | None, limit: int) -> dict[str, Any]:
        return {"exactly_one": False}

    def _place(self, location: Any) -> Place | None:
        raise GeocoderError(f"{self.name}: no result mapping")  # overridden by every service

    def _call(self, query: str, kwargs: dict[str, Any]) -> Any:
        """One request through the rate limiter, retried while the failure is transient."""
        from geopy import exc as gexc

        transient = (gexc.GeocoderTimedOut, gexc.GeocoderUnavailable, gexc.GeocoderRateLimited)
        attempt = 0
        while True:
            try:
                return self._limited(query, **kwargs)
            except gexc.GeocoderServiceError as exc:
                # A bare GeocoderServiceError is geopy's answer to a 500.
                if attempt >= self.max_retries or not (
                    isinstance(exc, transient) or type(exc) is gexc.GeocoderServiceError
                ):
                    raise
                wait = self.backoff_seconds * 2**attempt
                retry_after = getattr(exc, "retry_after", None)
                if retry_after is not None:
                    if retry_after > self.max_retry_after:
                        raise
                    wait = max(wait, float(retry_after))
                logger.info(
                    "%s: %s; retry %d/%d in %.1f s",
                    self.name, exc, attempt + 1, self.max_retries, wait,
                )  # fmt: skip
                self._sleep(wait)
                attempt += 1

    def _fetch(self, query: str, country: str | None, limit: int) -> list[Place]:
        from geopy.exc import GeopyError

        try:
            with warnings.catch_warnings():
                # geopy warns, then raises, about an out-of-range latitude: one error.
                warnings.filterwarnings("error", category=UserWarning, module=r"geopy\.")
                answer = self._call(query, self._query_kwargs(country, limit))
        except GeopyError as exc:
            raise _map_error(exc, self.name) from exc
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, UserWarning) as exc:
            # geopy lets some malformed payloads through as plain exceptions.
            raise GeocoderError(f"{self.name}: malformed answer ({_brief(exc)})") from exc
        if answer is None:
            return []
        locations = answer if isinstance(answer, list) else [answer]
        places = []
        for location in locations:
            try:
                place = self._place(location)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise GeocoderError(f"{self.name}: malformed answer ({_brief(exc)})") from exc
            if place is None:
                continue
            if not (
                math.isfinite(place.lat)
                and math.isfinite(place.lon)
                and -90 <= place.lat <= 90
                and -180 <= place.lon <= 180
            ):
                raise GeocoderError(
                    f"{self.name}: malformed answer (coordinates {place.lat!r}, "
                    f"{place.lon!r} out of range)"
                )
            if country and place.country_code != country.upper():
                continue
            places.append(place)
        return places[:limit]

    def geocode(self, query: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Ask the service, through the cache and the rate limiter.

        Parameters
        ----------
        query : str
            Free text.
        country : str, optional
            ISO alpha-2; passed to services that filter by country and applied to the
            answer in any case.
        limit : int
            At most this many places.

        Returns
        -------
        list of Place

        Raises
        ------
        GeocoderRateLimited
            The service answered 429 (``retry_after`` from its Retry-After header).
        GeocoderError
            Any other failure: timeout, HTTP error, malformed answer.  Not raised with
            ``fallback=True``: the gazetteer answers instead, with a warning.
        """
        key = GeocodeCache.key(
            self.name, query, {**self._params, "country": country, "limit": limit}
        )
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        try:
            places = self._fetch(query, country, limit)
        except GeocoderError as exc:
            if not self.fallback:
                raise
            message = f"{exc}; falling back to the offline gazetteer"
            # A warning, not also a log record: the CLI shows warnings as one line each.
            warnings.warn(message, RuntimeWarning, stacklevel=2)
            if self._fallback_geocoder is None:
                self._fallback_geocoder = GazetteerGeocoder()
            return self._fallback_geocoder.geocode(query, country=country, limit=limit)
        if self.cache is not None:
            self.cache.put(key, self.name, query, places)
        return places


class NominatimGeocoder(GeopyGeocoder):
    """OpenStreetMap Nominatim (public server or self-hosted via ``domain``)."""

    name = "nominatim"
    service = "Nominatim"

    def _query_kwargs(self, country: str | None, limit: int) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "exactly_one": False,
            "limit": limit,
            "addressdetails": True,
            "extratags": True,
        }
        if country:
            kwargs["country_codes"] = [country.lower()]
        return kwargs

    def _place(self, location: Any) -> Place:
        raw = location.raw
        address = raw.get("address") or {}
        extratags = raw.get("extratags") or {}
        feature = _feature(raw.get("addresstype"), raw.get("type"), raw.get("class"))
        if feature == "city" and extratags.get("capital") == "yes":
            feature = "capital"
        name = raw.get("name") or str(raw.get("display_name", "")).split(",")[0]
        return Place(
            name=name,
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            country_code=_iso2(address.get("country_code")),
            feature=feature,
            population=_int(extratags.get("population")),
            source_id=f"nominatim:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
            confidence=min(1.0, max(0.0, float(raw.get("importance") or 0.5))),
        )


class PhotonGeocoder(GeopyGeocoder):
    """Komoot Photon (OpenStreetMap data; public server or self-hosted)."""

    name = "photon"
    service = "Photon"

    def _query_kwargs(self, country: str | None, limit: int) -> dict[str, Any]:
        # Photon has no country filter: ask for more and filter the answer.
        return {"exactly_one": False, "limit": limit * 3 if country else limit}

    def _place(self, location: Any) -> Place:
        raw = location.raw
        props = raw.get("properties") or {}
        lon, lat = raw["geometry"]["coordinates"][:2]
        return Place(
            name=props.get("name") or location.address.split(",")[0],
            lat=float(lat),
            lon=float(lon),
            country_code=_iso2(props.get("countrycode")),
            feature=_feature(props.get("type"), props.get("osm_value"), props.get("osm_key")),
            population=_int(props.get("population")),
            source_id=f"photon:{props.get('osm_type', '')}/{props.get('osm_id', '')}",
            confidence=0.5,
        )


class ArcGISGeocoder(GeopyGeocoder):
    """Esri ArcGIS World Geocoding Service (anonymous ``findAddressCandidates``)."""

    name = "arcgis"
    service = "ArcGIS"

    def _query_kwargs(self, country: str | None, limit: int) -> dict[str, Any]:
        return {"exactly_one": False, "out_fields": "*"}

    def _place(self, location: Any) -> Place:
        raw = location.raw
        attributes = raw.get("attributes") or {}
        score = float(raw.get("score") or attributes.get("Score") or 50.0)
        return Place(
            name=attributes.get("PlaceName") or raw.get("address") or location.address,
            lat=float(raw["location"]["y"]),
            lon=float(raw["location"]["x"]),
            country_code=_iso2(attributes.get("Country") or attributes.get("CntryCode")),
            feature=_feature(attributes.get("Type"), attributes.get("Addr_type")),
            population=0,
            source_id=f"arcgis:{raw.get('address', '')}",
            confidence=min(1.0, max(0.0, score / 100.0)),
        )


class PeliasGeocoder(GeopyGeocoder):
    """Pelias (Geocode Earth or self-hosted; ``domain`` is required)."""

    name = "pelias"
    service = "Pelias"

    def __init__(self, *, domain: str | None = None, **options: Any) -> None:
        if not domain:
            raise GeocoderError("pelias: a domain is required (pelias has no public default)")
        super().__init__(domain=domain, **options)

    def _query_kwargs(self, country: str | None, limit: int) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"exactly_one": False}
        if country:
            kwargs["countries"] = [country.upper()]
        return kwargs

    def _place(self, location: Any) -> Place:
        raw = location.raw
        props = raw.get("properties") or {}
        lon, lat = raw["geometry"]["coordinates"][:2]
        return Place(
            name=props.get("name") or location.address.split(",")[0],
            lat=float(lat),
            lon=float(lon),
            country_code=_iso2(props.get("country_code") or props.get("country_a")),
            feature=_feature(props.get("layer")),
            population=_int(props.get("population")),
            source_id=f"pelias:{props.get('gid', '')}",
            confidence=min(1.0, max(0.0, float(props.get("confidence") or 0.5))),
        )


#: Backend name -> class.
GEOCODERS: dict[str, type[Any]] = {
    "gazetteer": GazetteerGeocoder,
    "nominatim": NominatimGeocoder,
    "photon": PhotonGeocoder,
    "arcgis": ArcGISGeocoder,
    "pelias": PeliasGeocoder,
}


def get_geocoder(name: str = "gazetteer", **options: Any) -> Geocoder:
    """Create the backend called ``name``.

    Parameters
    ----------
    name : str
        One of :data:`GEOCODERS` (case-insensitive).
    **options
        Passed to the backend (see :class:`GeopyGeocoder` for the web services).

    Returns
    -------
    Geocoder

    Raises
    ------
    UnknownGeocoderError
        If ``name`` is not registered; the message lists the valid names.
    """
    cls = GEOCODERS.get(name.strip().lower())
    if cls is None:
        valid = ", ".join(sorted(GEOCODERS))
        raise UnknownGeocoderError(f"unknown geocoder {name!r}; choose one of: {valid}")
    return cast(Geocoder, cls(**options))
