"""Geocoder backends: one contract every backend passes, web services answered by a
loopback HTTP server that speaks each service's format (never the internet)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from corridormap.errors import GeocoderError, GeocoderRateLimited, UnknownGeocoderError
from corridormap.geocoders import (
    GEOCODERS,
    GazetteerGeocoder,
    GeocodeCache,
    Geocoder,
    get_geocoder,
)
from corridormap.model import Place

# Seoul and Busan as each service would describe them.
_PLACES = [
    {"name": "Seoul", "lat": 37.5665, "lon": 126.978, "cc": "KR", "iso3": "KOR", "kind": "city"},
    {"name": "Busan", "lat": 35.1796, "lon": 129.0756, "cc": "KR", "iso3": "KOR", "kind": "city"},
]


def _nominatim(query: str) -> Any:
    return [
        {
            "place_id": i,
            "osm_type": "relation",
            "osm_id": 1000 + i,
            "lat": str(p["lat"]),
            "lon": str(p["lon"]),
            "name": p["name"],
            "display_name": f"{p['name']}, South Korea",
            "class": "place",
            "type": p["kind"],
            "addresstype": p["kind"],
            "importance": 0.8,
            "address": {"city": p["name"], "country_code": str(p["cc"]).lower()},
            "extratags": {"population": "1000000"},
        }
        for i, p in enumerate(_PLACES)
        if str(p["name"]).lower() == query.lower()
    ]


def _geojson(query: str, props: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": props(p),
            }
            for p in _PLACES
            if str(p["name"]).lower() == query.lower()
        ],
    }


def _photon(query: str) -> Any:
    return _geojson(
        query,
        lambda p: {
            "name": p["name"],
            "countrycode": p["cc"],
            "country": "South Korea",
            "type": p["kind"],
            "osm_type": "R",
            "osm_id": 42,
            "osm_key": "place",
            "osm_value": p["kind"],
        },
    )


def _pelias(query: str) -> Any:
    body = _geojson(
        query,
        lambda p: {
            "name": p["name"],
            "label": f"{p['name']}, South Korea",
            "country_a": p["iso3"],
            "layer": "locality",
            "gid": f"whosonfirst:locality:{p['name']}",
            "confidence": 0.9,
        },
    )
    body["geocoding"] = {"version": "0.2"}
    return body


def _arcgis(query: str) -> Any:
    return {
        "spatialReference": {"wkid": 4326},
        "candidates": [
            {
                "address": f"{p['name']}, KOR",
                "location": {"x": p["lon"], "y": p["lat"]},
                "score": 100,
                "attributes": {"PlaceName": p["name"], "Country": p["iso3"], "Type": "City"},
            }
            for p in _PLACES
            if str(p["name"]).lower() == query.lower()
        ],
    }


def _query_of(path: str) -> str:
    params = parse_qs(urlparse(path).query)
    for name in ("q", "text", "singleLine", "SingleLine"):
        if name in params:
            return params[name][0]
    return ""


_ANSWERS: dict[str, Callable[[str], Any]] = {
    "nominatim": _nominatim,
    "photon": _photon,
    "arcgis": _arcgis,
    "pelias": _pelias,
}


@dataclass
class FakeService:
    """What the loopback server does next: ``mode`` is ok|429|500|slow|malformed."""

    backend: str = "nominatim"
    mode: str = "ok"
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)


def _handler(service: FakeService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            service.requests.append(self.path)
            service.user_agents.append(self.headers.get("User-Agent", ""))
            if service.mode == "429":
                self.send_response(429)
                self.send_header("Retry-After", "7")
                self.end_headers()
                return
            if service.mode == "500":
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"internal error")
                return
            if service.mode == "slow":
                time.sleep(1.5)
            if service.mode == "malformed":
                body = b'{"this is": not json'
            else:
                answer = _ANSWERS[service.backend](_query_of(self.path))
                body = json.dumps(answer).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may have given up on a slow answer, as intended.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output clean

    return Handler


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, FakeService]]:
    service = FakeService()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(service))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}", service
    finally:
        httpd.shutdown()
        httpd.server_close()


WEB_BACKENDS = ["nominatim", "photon", "arcgis", "pelias"]


def _make(name: str, server: tuple[str, FakeService], tmp_path: Path, **options: Any) -> Geocoder:
    if name == "gazetteer":
        return get_geocoder(name)
    domain, service = server
    service.backend, service.mode = name, "ok"
    service.requests.clear()
    defaults: dict[str, Any] = {
        "domain": domain,
        "scheme": "http",
        "timeout": 0.5,
        "min_delay_seconds": 0,
        "max_retries": 0,
        "cache": GeocodeCache(tmp_path / "cache.sqlite"),
        "user_agent": "corridormap-tests",
    }
    return get_geocoder(name, **{**defaults, **options})


@pytest.mark.parametrize("backend", ["gazetteer", *WEB_BACKENDS])
class TestGeocoderContract:
    """What every backend promises, whatever service is behind it."""

    def test_is_a_geocoder_with_its_registered_name(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path)
        assert isinstance(geocoder, Geocoder)
        assert geocoder.name == backend
        assert GEOCODERS[backend] is type(geocoder)

    def test_finds_seoul_first_with_coordinates_and_country(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        places = _make(backend, server, tmp_path).geocode("Seoul")
        assert places
        top = places[0]
        assert isinstance(top, Place)
        assert top.country_code == "KR"
        assert top.lat == pytest.approx(37.566, abs=0.05)
        assert top.lon == pytest.approx(126.978, abs=0.05)
        assert top.feature in ("city", "capital")
        assert 0.0 <= top.confidence <= 1.0
        assert top.source_id.startswith(f"{backend}:") or backend == "gazetteer"

    def test_unknown_name_gives_an_empty_list(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        assert _make(backend, server, tmp_path).geocode("Qxzzvplace Nowhere") == []

    def test_country_filter_excludes_other_countries(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        assert _make(backend, server, tmp_path).geocode("Seoul", country="JP") == []

    def test_limit_caps_the_answer(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        assert len(_make(backend, server, tmp_path).geocode("Seoul", limit=1)) <= 1


@pytest.mark.parametrize("backend", WEB_BACKENDS)
class TestWebBackendFailures:
    """Service failures become corridormap errors and never reach the cache."""

    def test_429_raises_rate_limited_with_retry_after(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path)
        server[1].mode = "429"
        with pytest.raises(GeocoderRateLimited) as info:
            geocoder.geocode("Seoul")
        assert info.value.retry_after == 7

    def test_500_raises_geocoder_error(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path)
        server[1].mode = "500"
        with pytest.raises(GeocoderError, match=backend):
            geocoder.geocode("Seoul")

    def test_slow_answer_times_out(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path, timeout=0.3)
        server[1].mode = "slow"
        with pytest.raises(GeocoderError, match="timed out"):
            geocoder.geocode("Seoul")

    def test_malformed_json_raises_geocoder_error(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path)
        server[1].mode = "malformed"
        with pytest.raises(GeocoderError):
            geocoder.geocode("Seoul")

    def test_failure_does_not_poison_the_cache(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        cache = GeocodeCache(tmp_path / "cache.sqlite")
        geocoder = _make(backend, server, tmp_path, cache=cache)
        server[1].mode = "500"
        with pytest.raises(GeocoderError):
            geocoder.geocode("Seoul")
        assert len(cache) == 0
        server[1].mode = "ok"
        assert geocoder.geocode("Seoul")[0].country_code == "KR"
        assert len(cache) == 1

    def test_second_call_is_answered_from_the_cache(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path)
        first = geocoder.geocode("Busan")
        calls = len(server[1].requests)
        server[1].mode = "500"  # would fail if the service were asked again
        assert geocoder.geocode("Busan") == first
        assert len(server[1].requests) == calls

    def test_cache_persists_across_instances(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        first = _make(backend, server, tmp_path).geocode("Busan")
        again = _make(backend, server, tmp_path)
        server[1].mode = "500"
        assert again.geocode("Busan") == first

    def test_fallback_answers_from_the_gazetteer_with_a_warning(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path, fallback=True)
        server[1].mode = "500"
        with pytest.warns(RuntimeWarning, match="falling back to the offline gazetteer"):
            places = geocoder.geocode("Pyongyang")
        assert places[0].country_code == "KP"
        assert places[0].source_id.startswith("geonames:")

    def test_user_agent_is_sent(
        self, backend: str, server: tuple[str, FakeService], tmp_path: Path
    ) -> None:
        geocoder = _make(backend, server, tmp_path, user_agent="corridormap-ua-check")
        geocoder.geocode("Seoul")
        assert server[1].user_agents[-1] == "corridormap-ua-check"


def test_unknown_geocoder_name_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownGeocoderError) as info:
        get_geocoder("googel")
    for name in GEOCODERS:
        assert name in str(info.value)


def test_default_geocoder_is_the_offline_gazetteer() -> None:
    assert isinstance(get_geocoder(), GazetteerGeocoder)


def test_gazetteer_backend_rejects_options_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="api_key"):
        get_geocoder("gazetteer", api_key="x")


def test_pelias_needs_a_domain() -> None:
    with pytest.raises(GeocoderError, match="domain"):
        get_geocoder("pelias")


def test_cache_key_depends_on_backend_query_and_parameters() -> None:
    base = GeocodeCache.key("nominatim", "Seoul", {"country": None, "limit": 10})
    assert base == GeocodeCache.key("nominatim", "Seoul", {"limit": 10, "country": None})
    assert base != GeocodeCache.key("photon", "Seoul", {"country": None, "limit": 10})
    assert base != GeocodeCache.key("nominatim", "Busan", {"country": None, "limit": 10})
    assert base != GeocodeCache.key("nominatim", "Seoul", {"country": "KR", "limit": 10})
