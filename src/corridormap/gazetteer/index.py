"""The gazetteer index: memory-mapped numpy arrays, loaded in milliseconds.

Layout (one directory ``cache_dir()/gazetteer-v<FORMAT>-<fingerprint>/``, one ``.npy``
file per column, all opened with ``mmap_mode="r"``):

* ``entry_*``: one row per (normalised name, place) pair, sorted by the 64-bit BLAKE2b
  hash of the key and, within a key, best prior first.  A lookup hashes the key and
  finds its first row by binary search (:mod:`bisect` over the memory map); nothing
  is parsed and no dict of a million names is built, so loading costs a few page faults
  and the resident memory is only the pages actually touched.
* ``key_filter``: a one-hash Bloom filter of the keys (CRC-32, 2**25 bits, 4 MB): most
  words a story capitalises name nothing, and the filter turns about 97 % of those away
  before the hash and the searches.
* ``place_record``: one packed record per place (lat, lon, population, feature,
  country; :data:`~corridormap.gazetteer.build.PLACE_RECORD_FORMAT`), and its name,
  source id and admin-1 code in one entry of the ``place`` UTF-8 string table (a byte
  blob plus offsets): a place is read whole in two memory reads, which is most of what a
  cold lookup costs.
* ``meta.json``: the country-code table, country and capital rows, per-country spans of
  populated places sorted by population, and the countries each crossing joins.

Hash collisions: with about two million keys, the chance that an unknown 64-bit hash
hits a stored one is ~1e-13 per lookup, and two stored keys colliding (~1e-7 per
build) would only merge their candidate lists.  Neither is worth storing the keys.

Ranking
-------
Each entry carries a context-free ``prior`` in 0..1: the place's importance (country >
continent > curated region > physical feature > capital > admin-1 and city by
log-population) times the weight of the kind of match (primary name > alias > code >
demonym > alternate name), plus a bonus for curated rows.  An admin-1 region that shares
its name with a sizeable city inside it (Khabarovsk, Niigata, New York) yields the bare
name to the city; one that does not (Wyoming, Georgia in the US) keeps it.  So "Georgia" ranks the
country before the US state; a resolver that sees US context ("Atlanta, Georgia", other
US states nearby) should re-rank with ``country="US"`` or by proximity, which the prior
deliberately does not know about.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import struct
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import numpy as np

from corridormap._frozen import from_state
from corridormap._paths import cache_dir
from corridormap.errors import DataError
from corridormap.gazetteer.build import (
    FEATURES,
    FLAG_CASE_SENSITIVE,
    FORMAT_VERSION,
    MATCH_KINDS,
    PLACE_RECORD_FORMAT,
    PLACE_STRING_SEPARATOR,
    build_index,
    fingerprint,
)
from corridormap.gazetteer.normalize import filter_bit, key_hash, normalize
from corridormap.model import Candidate, Feature, Place

if TYPE_CHECKING:  # numpy.typing costs ~30 ms of start-up; annotations only
    import numpy.typing as npt

__all__ = ["Candidate", "Gazetteer"]

_PLACE_RECORD: Final = struct.Struct(PLACE_RECORD_FORMAT)
_LOCK: Final = threading.Lock()
# Bounds of the per-instance caches (entries).
_CANDIDATE_CACHE_SIZE: Final = 100_000
_PLACE_CACHE_SIZE: Final = 50_000
_SPAN_CACHE_SIZE: Final = 200_000
# Entries of one key read one by one before a binary search finds the end of the run.
_STEPPED_ENTRIES: Final = 16
# The features whose admin-1 code a place keeps.
_ADMIN1_FEATURES: Final = frozenset({"city", "capital", "admin1", "admin2"})


def _table_string(offsets: memoryview, blob: memoryview, index: int) -> str:
    """Entry ``index`` of a UTF-8 string table (a blob and its offsets; see build)."""
    return str(blob[offsets[index] : offsets[index + 1]], "utf-8")


@contextlib.contextmanager
def _build_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock next to ``directory`` while building it.

    The build is atomic without it (temporary directory + rename); the lock only spares a
    second process the same half minute of work.  Where ``fcntl`` is missing (Windows)
    concurrent builds simply race and the first rename wins.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / f".{directory.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_LOADED: Final[dict[Path, Gazetteer]] = {}

# Generic words a user may add to a name that the gazetteer stores without them.
_GENERIC_SUFFIXES: Final = (
    " city",
    " province",
    " oblast",
    " krai",
    " region",
    " state",
    " county",
    " prefecture",
    " shi",
    " si",
    " gun",
)


class Gazetteer:
    """Offline worldwide gazetteer backed by a memory-mapped index.

    Use :meth:`load`; the constructor takes an already built index directory.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            # Plain ndarray views of the memory maps: the same pages, but indexing them
            # skips np.memmap's Python-level __getitem__.
            arrays: dict[str, Any] = {
                path.stem: np.load(path, mmap_mode="r", allow_pickle=False).view(np.ndarray)
                for path in directory.glob("*.npy")
            }
            self._keys: Any = arrays["entry_key"]
            self._country_places_array: Any = arrays["country_places"]
            # The columns a lookup reads, as memoryviews: indexing one yields a Python
            # int or float directly (~50 ns), where a numpy scalar costs several times
            # that and must still be converted.
            views: dict[str, memoryview] = {
                name: array.data for name, array in arrays.items() if array.ndim == 1
            }
            self._key_hashes = views["entry_key"]
            self._key_filter = views["key_filter"]
            self._entry_prior = views["entry_prior"]
            self._entry_flags = views["entry_flags"]
            self._entry_form = views["entry_form"]
            self._entry_place = views["entry_place"]
            self._entry_match = views["entry_match"]
            self._place_records = views["place_record"]
            self._place_offsets = views["str_place_offsets"]
            self._place_strings = views["str_place_blob"]
            self._form_offsets = views["str_form_offsets"]
            self._form_strings = views["str_form_blob"]
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(f"unreadable gazetteer index {str(directory)!r}: {exc}") from exc
        self._countries: list[str] = meta["countries"]
        self._country_row: dict[str, int] = meta["country_row"]
        self._capital_row: dict[str, int] = meta["capital_row"]
        self._country_places: dict[str, list[int]] = meta["country_places"]
        self._crossings: dict[int, tuple[str, ...]] = {
            int(k): tuple(v) for k, v in meta["crossings"].items()
        }
        self.counts: dict[str, int] = meta["counts"]
        # Per instance, so two gazetteers never share cached answers; each is emptied
        # when full (a bound on memory for a long run, not an LRU: an entry costs a
        # dict read to find and nothing to keep fresh).
        self._candidate_cache: dict[str, list[Candidate]] = {}
        self._place_cache: dict[int, Place] = {}
        self._span_cache: dict[str, tuple[int, int]] = {}

    @classmethod
    def load(cls, directory: Path | None = None, *, build: bool = True) -> Gazetteer:
        """Open the gazetteer, building its index into ``cache_dir()`` on first use.

        Cheap after the first call in a process (the instance is shared) and cheap in a
        new process (the arrays are memory-mapped).  The first build takes about half a
        minute; it is atomic and safe when several processes race.

        Parameters
        ----------
        directory : Path, optional
            An index directory; by default the one for the installed data packages.
        build : bool
            Build the index when it is missing (otherwise raise).

        Returns
        -------
        Gazetteer

        Raises
        ------
        DataError
            If the index is missing and ``build`` is false, or cannot be built or read.
        """
        if directory is None:
            directory = cache_dir() / f"gazetteer-v{FORMAT_VERSION}-{fingerprint()}"
        with _LOCK:
            loaded = _LOADED.get(directory)
            if loaded is not None:
                return loaded
            if not (directory / "meta.json").is_file():
                if not build:
                    raise DataError(f"gazetteer index missing: {str(directory)!r}")
                with _build_lock(directory):
                    # Another process may have finished the build while we waited.
                    if not (directory / "meta.json").is_file():
                        build_index(directory)
                        _remove_stale_indexes(directory)
            loaded = _LOADED[directory] = cls(directory)
            return loaded

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.directory)!r}, places={self.counts.get('places')})"

    # -- low level ---------------------------------------------------------------------

    def _rows(self, key: str) -> tuple[int, int]:
        """The span of ``key``'s entries (empty when it has none).

        The key filter comes first: most names a story's capitals make are in no
        gazetteer, and it turns them away before the hash and the search (and without
        filling the cache of spans).
        """
        bit = filter_bit(key)
        if not self._key_filter[bit >> 3] >> (bit & 7) & 1:
            return 0, 0
        span = self._span_cache.get(key)
        if span is None:
            if len(self._span_cache) >= _SPAN_CACHE_SIZE:
                self._span_cache.clear()
            span = self._span_cache[key] = self._search(key)
        return span

    def _search(self, key: str) -> tuple[int, int]:
        # bisect over the memoryview of the sorted hashes: each probe yields a Python
        # int, and a lookup costs a third less than numpy's searchsorted on a scalar.
        h = key_hash(key)
        keys = self._key_hashes
        n = len(keys)
        lo = bisect_left(keys, h)
        if lo == n or keys[lo] != h:
            return lo, lo
        # A key has a handful of entries: step over them rather than search the rest of
        # the array again (a long run is finished by the search).
        hi = lo + 1
        while hi < n and hi - lo < _STEPPED_ENTRIES and keys[hi] == h:
            hi += 1
        if hi - lo == _STEPPED_ENTRIES:
            hi = bisect_right(keys, h, hi)
        return lo, hi

    def _place(self, row: int, confidence: float) -> Place:
        # One packed record and one string-table entry (see build.PLACE_RECORD_FORMAT).
        lat, lon, population, feature_index, country_index = _PLACE_RECORD.unpack_from(
            self._place_records, row * _PLACE_RECORD.size
        )
        text = _table_string(self._place_offsets, self._place_strings, row)
        name, source_id, admin1 = text.split(PLACE_STRING_SEPARATOR)
        feature = cast(Feature, FEATURES[feature_index])
        state = {
            "name": name,
            "lat": lat,
            "lon": lon,
            "country_code": self._countries[country_index] or None,
            "feature": feature,
            "population": population,
            "source_id": source_id,
            "confidence": confidence,
            "admin1": (admin1 or None) if feature in _ADMIN1_FEATURES else None,
        }
        return from_state(Place, state)

    def place(self, row: int) -> Place:
        """The place in index row ``row``, with confidence 1 (cached).

        Parameters
        ----------
        row : int
            A place row (``0 <= row < counts["places"]``).

        Returns
        -------
        Place
        """
        found = self._place_cache.get(row)
        if found is None:
            if len(self._place_cache) >= _PLACE_CACHE_SIZE:
                self._place_cache.clear()
            found = self._place_cache[row] = self._place(row, 1.0)
        return found

    def candidates(self, key: str) -> list[Candidate]:
        """Every entry stored under a normalised key, best prior first.

        Fast and cached: meant to be called for every capitalised n-gram of a document.
        The returned list is shared between calls; do not mutate it.

        Parameters
        ----------
        key : str
            A key produced by :func:`normalize`.

        Returns
        -------
        list of Candidate
            Empty if the key is unknown.
        """
        found = self._candidate_cache.get(key)
        if found is None:
            if len(self._candidate_cache) >= _CANDIDATE_CACHE_SIZE:
                self._candidate_cache.clear()
            found = self._candidate_cache[key] = self._candidates(key)
        return found

    def _candidates(self, key: str) -> list[Candidate]:
        lo, hi = self._rows(key)
        if lo == hi:
            return []
        out = []
        # One slice per column, converted to Python numbers at once.
        columns = zip(
            cast("list[float]", self._entry_prior[lo:hi].tolist()),
            self._entry_flags[lo:hi].tolist(),
            self._entry_form[lo:hi].tolist(),
            self._entry_place[lo:hi].tolist(),
            self._entry_match[lo:hi].tolist(),
            strict=True,
        )
        for raw_prior, flags, form_index, row, match in columns:
            prior = round(raw_prior, 4)
            form = None
            if flags & FLAG_CASE_SENSITIVE:
                form = _table_string(self._form_offsets, self._form_strings, form_index)
            # not through the cache of place(): a (row, prior) pair seldom repeats
            # outside this list, which candidates() remembers whole
            place = self._place(row, prior)
            state = {"place": place, "match": MATCH_KINDS[match], "prior": prior, "form": form}
            out.append(from_state(Candidate, state))
        return out

    def contains(self, key: str) -> bool:
        """Whether a normalised key names anything.

        Parameters
        ----------
        key : str
            A key produced by :func:`normalize`.

        Returns
        -------
        bool
        """
        lo, hi = self._rows(key)
        return hi > lo

    def contains_many(self, keys: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Membership of many normalised keys at once (one vectorised search).

        Several times faster than calling :meth:`contains` per key when most keys are
        new, e.g. every n-gram of a long document.

        Parameters
        ----------
        keys : sequence of str
            Keys produced by :func:`normalize`.

        Returns
        -------
        numpy.ndarray of bool
            One flag per key, in order.
        """
        digests = b"".join(hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest() for k in keys)
        hashes = np.frombuffer(digests, dtype="<u8")
        stored = self._keys
        found = np.minimum(stored.searchsorted(hashes), len(stored) - 1)
        return np.asarray(stored[found] == hashes, dtype=np.bool_)

    # -- queries -----------------------------------------------------------------------

    def lookup(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates for a place name as written, without context.

        Parameters
        ----------
        name : str
            Any spelling, any script (``"Pyongyang"``, ``"평양"``, ``"N. Korea"``).
        country : str, optional
            ISO 3166-1 alpha-2 code; keeps only places in that country.
        limit : int
            At most this many candidates.

        Returns
        -------
        list of Candidate
            Best first by prior, then population.  Case-sensitive entries count only
            when ``name`` is written as stored (``"US"``, not ``"us"``).  If the name
            itself is unknown, a trailing generic word is dropped and the search repeated
            (``"Seoul City"`` -> ``"Seoul"``).
        """
        key = normalize(name)
        found = [c for c in self.candidates(key) if c.accepts(name)]
        if not found:
            for suffix in _GENERIC_SUFFIXES:
                if key.endswith(suffix) and len(key) > len(suffix) + 2:
                    found = list(self.candidates(key[: -len(suffix)]))
                    break
        if country:
            code = country.upper()
            found = [c for c in found if c.place.country_code == code]
        found = sorted(found, key=lambda c: (-c.prior, -c.place.population))
        return found[: max(limit, 0)]

    def country(self, code: str) -> Place | None:
        """The country ``code`` (ISO alpha-2) as a place with ``feature="country"``.

        Its point is the countryinfo (GeoNames-style) country point, not a centroid.
        """
        row = self._country_row.get(code.upper())
        return None if row is None else self.place(row)

    def capital(self, code: str) -> Place | None:
        """The capital city of country ``code`` (ISO alpha-2), if GeoNames names one."""
        row = self._capital_row.get(code.upper())
        return None if row is None else self.place(row)

    def largest_places(self, code: str, n: int) -> list[Place]:
        """The ``n`` most populous populated places of country ``code``, biggest first.

        Parameters
        ----------
        code : str
            ISO 3166-1 alpha-2 code.
        n : int
            How many.

        Returns
        -------
        list of Place
            Fewer than ``n`` when the country has fewer places; empty for unknown codes.
        """
        span = self._country_places.get(code.upper())
        if span is None or n <= 0:
            return []
        rows = self._country_places_array[span[0] : min(span[1], span[0] + n)]
        return [self.place(int(r)) for r in rows]

    def crossing_countries(self, place: Place) -> tuple[str, ...]:
        """The countries a curated border crossing joins (``()`` for other places)."""
        if place.feature != "crossing":
            return ()
        for row, countries in self._crossings.items():
            if self.place(row).source_id == place.source_id:
                return countries
        return ()

    def crossings(self, a: str, b: str) -> list[Place]:
        """Curated border crossings between countries ``a`` and ``b`` (alpha-2)."""
        pair = {a.upper(), b.upper()}
        return [self.place(row) for row, cs in self._crossings.items() if pair <= set(cs)]


def _remove_stale_indexes(current: Path, keep: int = 2) -> None:
    """Delete all but the ``keep`` newest other indexes next to ``current`` (43 MB each).

    Indexes of other data or code versions pile up in the cache as packages are
    upgraded; a few are kept so that two installations sharing the cache (two virtual
    environments) do not rebuild on every alternation.  A process still reading a
    deleted index keeps its memory maps: on POSIX the files live on until closed.
    """
    others = [
        other
        for other in current.parent.glob("gazetteer-v*-*")
        if other != current and other.is_dir() and (other / "meta.json").is_file()
    ]
    others.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    for other in others[keep:]:
        shutil.rmtree(other, ignore_errors=True)
