"""The gazetteer index: memory-mapped numpy arrays, loaded in milliseconds.

Layout (one directory ``cache_dir()/gazetteer-v<FORMAT>-<fingerprint>/``, one ``.npy``
file per column, all opened with ``mmap_mode="r"``):

* ``entry_*``: one row per (normalised name, place) pair, sorted by the 64-bit BLAKE2b
  hash of the key and, within a key, best prior first.  A lookup hashes the key and
  finds its rows with two binary searches (:mod:`bisect` over the memory map); nothing
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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

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
    filter_bit,
    fingerprint,
    key_hash,
)
from corridormap.gazetteer.normalize import normalize
from corridormap.model import Feature, Place, construct

if TYPE_CHECKING:  # numpy.typing costs ~30 ms of start-up; annotations only
    import numpy.typing as npt

__all__ = ["Candidate", "Gazetteer"]

_PLACE_RECORD = struct.Struct(PLACE_RECORD_FORMAT)
_LOCK = threading.Lock()


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


_LOADED: dict[Path, Gazetteer] = {}

# Generic words a user may add to a name that the gazetteer stores without them.
_GENERIC_SUFFIXES = (
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


class Gazetteer:
    """Offline worldwide gazetteer backed by a memory-mapped index.

    Use :meth:`load`; the constructor takes an already built index directory.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            # Plain ndarray views of the memory maps: the same pages, but indexing them
            # skips np.memmap's Python-level __getitem__ (a third of a cold lookup).
            self._a: dict[str, npt.NDArray[Any]] = {
                path.stem: np.load(path, mmap_mode="r", allow_pickle=False).view(np.ndarray)
                for path in directory.glob("*.npy")
            }
        except (OSError, ValueError) as exc:
            raise DataError(f"unreadable gazetteer index {str(directory)!r}: {exc}") from exc
        self._countries: list[str] = meta["countries"]
        self._country_row: dict[str, int] = meta["country_row"]
        self._capital_row: dict[str, int] = meta["capital_row"]
        self._country_places: dict[str, list[int]] = meta["country_places"]
        self._crossings: dict[int, tuple[str, ...]] = {
            int(k): tuple(v) for k, v in meta["crossings"].items()
        }
        self.counts: dict[str, int] = meta["counts"]
        self._keys = self._a["entry_key"]
        # The same columns as memoryviews: indexing one yields a Python int or float
        # directly (~50 ns), where a numpy scalar costs several times that and must still
        # be converted.  Building a candidate reads a dozen cells; most of a cold lookup
        # went there.
        self._m: dict[str, memoryview] = {
            name: array.data for name, array in self._a.items() if array.ndim == 1
        }
        self._key_hashes = self._m["entry_key"]
        self._key_filter = self._m["key_filter"]
        self._place_records = self._m["place_record"]
        self._strings: dict[str, tuple[memoryview, memoryview]] = {
            name[len("str_") : -len("_blob")]: (self._m[name[: -len("blob")] + "offsets"], view)
            for name, view in self._m.items()
            if name.startswith("str_") and name.endswith("_blob")
        }
        # Bound per instance so two gazetteers never share cached answers.
        self.candidates = lru_cache(maxsize=100_000)(self._candidates)  # type: ignore[method-assign]
        self.place = lru_cache(maxsize=50_000)(self._place)  # type: ignore[method-assign]
        self._span = lru_cache(maxsize=200_000)(self._search)  # type: ignore[method-assign]

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

    def _span(self, key: str) -> tuple[int, int]:
        return self._search(key)

    def _maybe_stored(self, key: str) -> bool:
        """False when the key filter says no entry has ``key`` (true of most names a
        story's capitals make); True when one may."""
        bit = filter_bit(key)
        return bool(self._key_filter[bit >> 3] >> (bit & 7) & 1)

    def _rows(self, key: str) -> tuple[int, int]:
        """The span of ``key``'s entries; the key filter first, so that the names no
        entry has (most names a story's capitals make) do not fill the LRU of spans."""
        if not self._maybe_stored(key):
            return 0, 0
        return self._span(key)

    def _search(self, key: str) -> tuple[int, int]:
        # bisect over the memoryview of the sorted hashes: each probe yields a Python
        # int, and a lookup costs a third less than numpy's searchsorted on a scalar.
        h = key_hash(key)
        keys = self._key_hashes
        lo = bisect_left(keys, h)
        if lo == len(keys) or keys[lo] != h:
            return lo, lo
        return lo, bisect_right(keys, h, lo)

    def _string(self, table: str, index: int) -> str:
        offsets, blob = self._strings[table]
        return str(blob[offsets[index] : offsets[index + 1]], "utf-8")

    def _place(self, row: int, confidence: float = 1.0) -> Place:
        # One packed record and one string-table entry (see build.PLACE_RECORD_FORMAT).
        lat, lon, population, feature_index, country_index = _PLACE_RECORD.unpack_from(
            self._place_records, row * _PLACE_RECORD.size
        )
        name, source_id, admin1 = self._string("place", row).split(PLACE_STRING_SEPARATOR)
        feature = cast(Feature, FEATURES[feature_index])
        return construct(
            Place,
            name=name,
            lat=lat,
            lon=lon,
            country_code=self._countries[country_index] or None,
            feature=feature,
            population=population,
            source_id=source_id,
            confidence=confidence,
            admin1=(admin1 or None) if feature in ("city", "capital", "admin1", "admin2") else None,
        )

    # The public names are bound in __init__ to per-instance LRU caches of these.
    def place(self, row: int, confidence: float = 1.0) -> Place:
        """The place in index row ``row`` (cached)."""
        return self._place(row, confidence)

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
        return self._candidates(key)

    def _candidates(self, key: str) -> list[Candidate]:
        lo, hi = self._rows(key)
        if lo == hi:
            return []
        m = self._m
        out = []
        # One slice per column, converted to Python numbers at once.
        columns = zip(
            m["entry_prior"][lo:hi].tolist(),
            m["entry_flags"][lo:hi].tolist(),
            m["entry_form"][lo:hi].tolist(),
            m["entry_place"][lo:hi].tolist(),
            m["entry_match"][lo:hi].tolist(),
            strict=True,
        )
        for raw_prior, flags, form_index, row, match in columns:
            prior = round(raw_prior, 4)
            form = None
            if flags & FLAG_CASE_SENSITIVE:
                form = self._string("form", form_index)
            out.append(
                construct(
                    Candidate,
                    # not through the LRU of place(): a (row, prior) pair seldom repeats
                    # outside this list, which candidates() remembers whole
                    place=self._place(row, prior),
                    match=MATCH_KINDS[match],
                    prior=prior,
                    form=form,
                )
            )
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
        rows = self._a["country_places"][span[0] : min(span[1], span[0] + n)]
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
