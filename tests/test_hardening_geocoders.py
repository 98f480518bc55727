"""Online geocoders against a scripted loopback service: retries, backoff, Retry-After,
malformed answers, a shared cache under concurrency, and what the CLI says.

``tests/test_geocoders.py`` pins the basic contract (429 -> ``GeocoderRateLimited``
with ``retry_after``, 500, timeouts, malformed JSON, no cache poisoning, fallback) with
retries off; these tests script the service answer by answer.  Each docstring carries
``fault:`` and ``outcome:`` lines for ``docs/hardening.md``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from corridormap.errors import GeocoderError, GeocoderRateLimited
from corridormap.geocoders import GeocodeCache, GeopyGeocoder, NominatimGeocoder, get_geocoder

ROOT = Path(__file__).resolve().parent.parent
CITIES = {"seoul": (37.5665, 126.978), "busan": (35.1796, 129.0756), "daegu": (35.8714, 128.6014)}


def nominatim_answer(query: str, **overrides: Any) -> list[dict[str, Any]]:
    """What Nominatim says about one of :data:`CITIES` (empty for anything else)."""
    if query.lower() not in CITIES:
        return []
    lat, lon = CITIES[query.lower()]
    return [
        {
            "osm_type": "relation", "osm_id": 1, "lat": str(lat), "lon": str(lon),
            "name": query.title(), "display_name": f"{query.title()}, South Korea",
            "class": "place", "type": "city", "addresstype": "city", "importance": 0.8,
            "address": {"country_code": "kr"}, **overrides,
        }
    ]  # fmt: skip


@dataclass
class Script:
    """The service's next answers, in order; ``ok`` once the list runs out.

    A step is ``(status, headers, body)``, or ``"slow"`` (answer after 1.5 s), or a
    dict of fields that override the ok answer.
    """

    steps: list[Any] = field(default_factory=list)
    seen: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self, *steps: Any) -> None:
        with self.lock:
            self.steps[:] = list(steps)
            self.seen.clear()

    def next(self, path: str) -> Any:
        with self.lock:
            self.seen.append((time.monotonic(), path))
            return self.steps.pop(0) if self.steps else None


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            step = script.next(self.path)
            query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
            if step == "slow":
                time.sleep(1.5)
                step = None
            if isinstance(step, tuple):
                status, headers, body = step
            else:
                overrides = step if isinstance(step, dict) else {}
                status, headers = 200, {"Content-Type": "application/json"}
                body = json.dumps(nominatim_answer(query, **overrides)).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[str, Script]]:
    script = Script()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}", script
    finally:
        httpd.shutdown()
        httpd.server_close()


def nominatim(
    service: tuple[str, Script], cache_path: Path, *steps: Any, **options: Any
) -> tuple[GeopyGeocoder, list[float]]:
    """A Nominatim geocoder on the loopback service, its sleeps recorded, not slept."""
    domain, script = service
    script.reset(*steps)
    settings: dict[str, Any] = {
        "domain": domain, "scheme": "http", "timeout": 0.5, "min_delay_seconds": 0,
        "max_retries": 2, "backoff_seconds": 0.25, "cache": GeocodeCache(cache_path),
        "user_agent": "corridormap-tests",
    }  # fmt: skip
    geocoder = get_geocoder("nominatim", **{**settings, **options})
    assert isinstance(geocoder, GeopyGeocoder)
    sleeps: list[float] = []
    geocoder._sleep = sleeps.append
    return geocoder, sleeps


def http(status: int, body: bytes = b"", **headers: str) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "text/plain", **headers}, body


# --------------------------------------------------------------------------- retries


def test_429_is_retried_after_the_services_retry_after(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: 429 with Retry-After: 3, then a good answer
    outcome: one retry after waiting 3 s (not the 0.25 s backoff); the answer cached"""
    cache = tmp_path / "c.sqlite"
    geocoder, sleeps = nominatim(service, cache, http(429, **{"Retry-After": "3"}))
    assert geocoder.geocode("Seoul")[0].country_code == "KR"
    assert sleeps == [3.0]
    assert len(service[1].seen) == 2
    assert len(GeocodeCache(cache)) == 1


def test_retry_after_is_really_waited(service: tuple[str, Script], tmp_path: Path) -> None:
    """fault: 429 with Retry-After: 1 (real sleeping)
    outcome: the second request comes at least ~1 s after the first"""
    geocoder, _ = nominatim(service, tmp_path / "c.sqlite", http(429, **{"Retry-After": "1"}))
    geocoder._sleep = time.sleep
    assert geocoder.geocode("Busan")
    (first, _), (second, _) = service[1].seen
    assert second - first >= 0.9  # a lower bound: load only makes it longer


def test_5xx_are_retried_with_exponential_backoff(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: 500, then 503, then a good answer
    outcome: retried after 0.25 s then 0.5 s (doubling); the answer returned"""
    geocoder, sleeps = nominatim(service, tmp_path / "c.sqlite", http(500), http(503))
    assert geocoder.geocode("Daegu")[0].name == "Daegu"
    assert sleeps == [0.25, 0.5]


def test_timeout_then_answer_is_retried(service: tuple[str, Script], tmp_path: Path) -> None:
    """fault: an answer slower than the 0.5 s timeout, then a good one
    outcome: one retry; the answer returned"""
    geocoder, sleeps = nominatim(service, tmp_path / "c.sqlite", "slow")
    assert geocoder.geocode("Seoul")
    assert sleeps == [0.25]


def test_persistent_failure_gives_up_after_max_retries_without_caching(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: 500 on every request
    outcome: 1 + max_retries (2) requests, then GeocoderError naming the backend; the
    cache stays empty"""
    cache = tmp_path / "c.sqlite"
    geocoder, sleeps = nominatim(service, cache, *[http(500)] * 5)
    with pytest.raises(GeocoderError, match="nominatim"):
        geocoder.geocode("Seoul")
    assert len(service[1].seen) == 3
    assert sleeps == [0.25, 0.5]
    assert len(GeocodeCache(cache)) == 0


def test_retry_after_beyond_the_limit_is_not_waited_for(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: 429 with Retry-After: 3600 (beyond max_retry_after, 60 s)
    outcome: GeocoderRateLimited at once with retry_after 3600; no sleep, one request"""
    geocoder, sleeps = nominatim(
        service, tmp_path / "c.sqlite", http(429, **{"Retry-After": "3600"})
    )
    with pytest.raises(GeocoderRateLimited) as info:
        geocoder.geocode("Seoul")
    assert info.value.retry_after == 3600
    assert sleeps == []
    assert len(service[1].seen) == 1


@pytest.mark.parametrize(
    "step",
    [
        pytest.param(http(400, b"bad query"), id="400"),
        pytest.param(http(403, b"forbidden"), id="403"),
        pytest.param((200, {"Content-Type": "application/json"}, b'{"x": not'), id="bad-json"),
    ],
)
def test_errors_that_will_not_go_away_are_not_retried(
    service: tuple[str, Script], tmp_path: Path, step: Any
) -> None:
    """fault: 400, 403, or a 200 whose JSON does not parse
    outcome: GeocoderError after one request, no retry"""
    geocoder, sleeps = nominatim(service, tmp_path / "c.sqlite", step)
    with pytest.raises(GeocoderError):
        geocoder.geocode("Seoul")
    assert sleeps == []
    assert len(service[1].seen) == 1


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    "step",
    [
        pytest.param({"lat": "nan"}, id="nan-latitude"),
        pytest.param({"lon": "inf"}, id="infinite-longitude"),
        pytest.param({"lat": "999"}, id="latitude-out-of-range"),
        pytest.param({"lat": "north"}, id="latitude-not-a-number"),
        pytest.param({"lat": None}, id="latitude-null"),
        pytest.param(
            (200, {"Content-Type": "text/html"}, b"<html>Service down</html>"), id="html-page"
        ),
        pytest.param((200, {"Content-Type": "application/json"}, b""), id="empty-body"),
        pytest.param((200, {"Content-Type": "application/json"}, b'"Seoul"'), id="json-string"),
    ],
)
def test_malformed_answers_raise_and_are_never_cached(
    service: tuple[str, Script], tmp_path: Path, step: Any
) -> None:
    """fault: a 200 answer with NaN, infinite, out-of-range, non-numeric or null
    coordinates; an HTML page, an empty body, a bare JSON string
    outcome: GeocoderError ("malformed" for bad coordinates); the cache stays empty;
    a later good answer is cached"""
    cache = tmp_path / "c.sqlite"
    geocoder, _ = nominatim(service, cache, step)
    with pytest.raises(GeocoderError):
        geocoder.geocode("Seoul")
    assert len(GeocodeCache(cache)) == 0
    assert geocoder.geocode("Seoul")[0].lat == pytest.approx(37.5665)
    assert len(GeocodeCache(cache)) == 1


def test_fallback_answers_from_the_gazetteer_after_retries(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: 500 on every request, fallback allowed
    outcome: after the retries, one RuntimeWarning and the gazetteer's answer; nothing
    cached"""
    cache = tmp_path / "c.sqlite"
    geocoder, sleeps = nominatim(service, cache, *[http(500)] * 3, fallback=True)
    with pytest.warns(RuntimeWarning, match="falling back to the offline gazetteer"):
        places = geocoder.geocode("Pyongyang")
    assert places[0].country_code == "KP"
    assert sleeps == [0.25, 0.5]
    assert len(GeocodeCache(cache)) == 0


# --------------------------------------------------------------------------- cache


def test_threads_share_one_cache_safely(service: tuple[str, Script], tmp_path: Path) -> None:
    """fault: 8 threads, each with its own geocoder, ask 3 names 5 times over one SQLite
    cache
    outcome: no error; every answer right; exactly 3 entries cached"""
    cache = tmp_path / "c.sqlite"
    nominatim(service, cache)  # resets the script: every answer is good
    errors: list[BaseException] = []

    def work(k: int) -> None:
        geocoder, _ = nominatim(service, cache)
        try:
            for i in range(15):
                name = list(CITIES)[(k + i) % 3]
                assert geocoder.geocode(name.title())[0].name == name.title()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(GeocodeCache(cache)) == 3


CACHE_WORKER = """
import sys
from pathlib import Path
from corridormap.geocoders import GeocodeCache
from corridormap.model import Place
cache = GeocodeCache(Path(sys.argv[1]))
me = sys.argv[2]
for i in range(200):
    key = GeocodeCache.key("test", f"{me}-{i % 50}", {})
    cache.put(key, "test", me, [Place(name=me, lat=1.0, lon=2.0, country_code="KR",
                                      feature="city", population=i, source_id=me)])
    assert cache.get(key)[0].name == me
"""


def test_two_processes_share_one_cache_safely(tmp_path: Path) -> None:
    """fault: two processes create the same SQLite cache and write and read it 200
    times each at once
    outcome: both finish without error; every entry of both present"""
    cache = tmp_path / "shared.sqlite"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", CACHE_WORKER, str(cache), name],
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("a", "b")
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    assert len(GeocodeCache(cache)) == 100


def test_corrupt_cache_file_is_a_clear_error(tmp_path: Path) -> None:
    """input: a geocode cache file that is not an SQLite database
    outcome: GeocoderError naming the file and saying to delete it"""
    cache = tmp_path / "geocode-cache.sqlite"
    cache.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GeocoderError, match=r"geocode cache unreadable.*delete it"):
        GeocodeCache(cache)


def test_damaged_cache_entry_is_a_miss(service: tuple[str, Script], tmp_path: Path) -> None:
    """input: a cache entry whose stored JSON is damaged
    outcome: treated as a miss: the service is asked and the entry rewritten"""
    import sqlite3

    cache = tmp_path / "c.sqlite"
    geocoder, _ = nominatim(service, cache)
    geocoder.geocode("Seoul")
    with contextlib.closing(sqlite3.connect(cache)) as db, db:
        db.execute("UPDATE answers SET places = '[{\"nope\": 1}'")
    service[1].reset()
    assert geocoder.geocode("Seoul")[0].name == "Seoul"
    assert len(service[1].seen) == 1
    assert geocoder.geocode("Seoul")[0].name == "Seoul"
    assert len(service[1].seen) == 1  # rewritten, now answered from the cache


# --------------------------------------------------------------------------- CLI

# `corridormap geocode --geocoder nominatim` with the backend pointed at the loopback
# service (the CLI has no --domain option).
GEOCODE_CLI = """
import functools, sys
from pathlib import Path
from corridormap import geocoders
from corridormap.cli import main
domain, cache, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
geocoders.GEOCODERS["nominatim"] = functools.partial(
    geocoders.NominatimGeocoder, domain=domain, scheme="http", min_delay_seconds=0,
    backoff_seconds=0.01, cache=geocoders.GeocodeCache(Path(cache)))
main(argv)
"""


def run_geocode(
    service: tuple[str, Script], tmp_path: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GEOCODE_CLI, service[0], str(tmp_path / "c.sqlite"),
         "geocode", "--geocoder", "nominatim", "--format", "json", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        pytest.param([http(500)] * 3, "nominatim: GeocoderServiceError", id="500"),
        pytest.param(
            [http(429, **{"Retry-After": "600"})], "rate limited", id="429-long-retry-after"
        ),
        pytest.param([(200, {}, b"{oops")], "nominatim:", id="malformed"),
    ],
)
def test_cli_stops_with_one_line_when_the_service_fails(
    service: tuple[str, Script], tmp_path: Path, steps: list[Any], message: str
) -> None:
    """fault: `geocode --geocoder nominatim` while the service answers 500 every time,
    429 with a 10-minute Retry-After, or broken JSON
    outcome: exit 2 with one line naming the backend and the failure; no traceback
    (retries are logged without one)"""
    service[1].reset(*steps)
    done = run_geocode(service, tmp_path, "Seoul")
    assert "Traceback" not in done.stderr
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("corridormap: error: ")
    assert message in line


def test_cli_fallback_completes_from_the_gazetteer(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: `geocode --geocoder nominatim --fallback` while the service answers 500
    outcome: exit 0 with the gazetteer's candidates; the fallback reported once on
    stderr"""
    service[1].reset(*[http(500)] * 3)
    done = run_geocode(service, tmp_path, "--fallback", "Pyongyang")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["candidates"][0]["country_code"] == "KP"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "falling back to the offline gazetteer" in lines[0]


def test_cli_answers_from_the_service_when_it_recovers(
    service: tuple[str, Script], tmp_path: Path
) -> None:
    """fault: `geocode --geocoder nominatim` while the service answers 503, then 429
    (Retry-After: 0), then well
    outcome: exit 0 with the service's answer; nothing on stderr"""
    service[1].reset(http(503), http(429, **{"Retry-After": "0"}))
    done = run_geocode(service, tmp_path, "Busan")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout)[0]["candidates"][0]["name"] == "Busan"


def test_default_retry_settings_are_bounded() -> None:
    """input: a Nominatim geocoder with default settings
    outcome: at most 2 retries, waits starting at 1 s, Retry-After honoured up to 60 s"""
    geocoder = functools.partial(NominatimGeocoder, cache=False)()
    assert (geocoder.max_retries, geocoder.backoff_seconds, geocoder.max_retry_after) == (
        2,
        1.0,
        60.0,
    )
