"""Bounded aggregates of a streamed corpus: places and corridors (for corpus mode).

Both take :class:`~corridormap.scale.DocResult` objects in input order and keep exact
counts but at most ``max_quotes`` quotes, so a map of 100,000 articles stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridormap.model import Document, Mention, Place
from corridormap.pipeline import new_place_record, place_key

if TYPE_CHECKING:
    from pathlib import Path

    from corridormap.corridors import _Draft
    from corridormap.reference import Catalogue
    from corridormap.scale import DocResult
    from corridormap.spec import Spec

#: Most surface forms listed per place ("Rajin", "Rason", "Najin" …).
MAX_SURFACE_FORMS = 20


class PlaceAggregator:
    """One record per resolved place: mention and document counts, the first quotes.

    The records have the shape of :meth:`corridormap.pipeline.Result.place_records`
    (so ``render.build_map`` takes them) plus ``document_count``; with
    ``max_quotes=None`` they equal it.
    """

    def __init__(self, max_quotes: int | None) -> None:
        self.max_quotes = max_quotes
        self._records: dict[str, dict[str, Any]] = {}
        self._places: dict[str, Place] = {}
        self._last_doc: dict[str, str] = {}

    def add(self, result: DocResult) -> None:
        """Count the resolved mentions of one document."""
        for m, quote in zip(result.mentions, result.quotes, strict=True):
            if m.place is None:
                continue
            key = place_key(m.place)
            record = self._records.get(key)
            if record is None:
                record = {**new_place_record(m.place, m.confidence), "document_count": 0}
                self._records[key] = record
                self._places[key] = m.place
            record["mention_count"] += 1
            if self._last_doc.get(key) != result.doc_id:
                self._last_doc[key] = result.doc_id
                record["document_count"] += 1
            record["confidence"] = max(record["confidence"], m.confidence)
            forms = record["surface_forms"]
            if len(forms) < MAX_SURFACE_FORMS and m.text not in forms:
                forms.append(m.text)
            quotes = record["mentions"]
            if self.max_quotes is None or len(quotes) < self.max_quotes:
                entry = {"doc": result.doc_id, "doc_title": result.title, "quote": quote}
                if entry not in quotes:
                    quotes.append(entry)

    def records(self) -> list[dict[str, Any]]:
        """The records, most mentioned first (ties by name), as ``place_records``."""
        return sorted(self._records.values(), key=lambda r: (-r["mention_count"], r["name"]))

    def distinct_places(self) -> list[Place]:
        """Every resolved place once, in order of first mention."""
        return list(self._places.values())


class CorridorAggregator:
    """Corridor drafts merged across documents as ``corridors.merge_drafts`` does.

    The merge is ``merge_drafts``' own step (``_merge_or_add``), called one document at
    a time so that the merged drafts can be trimmed: after each document a corridor
    keeps its first ``max_quotes`` pieces of evidence and counts the rest.  Trimming
    cannot change the merge, which reads evidence only to drop a duplicate, and a
    duplicate can only come from the same document (ids are unique in a corpus).

    For anchoring, each document with a corridor keeps its distinct mentioned places
    (shared objects), which is all ``anchor_corridors`` reads of its mentions.
    """

    def __init__(self, max_quotes: int | None) -> None:
        self.max_quotes = max_quotes
        self.drafts: list[_Draft] = []
        self._totals: dict[int, int] = {}
        self._mentioned: dict[str, tuple[Mention, ...]] = {}
        self._interned: dict[str, Mention] = {}
        self._titles: dict[str, str] = {}

    def add(self, result: DocResult) -> None:
        """Merge the drafts of one document."""
        from corridormap.corridors import _merge_or_add

        if not result.drafts:
            return
        touched: dict[int, _Draft] = {}
        for draft in result.drafts:
            target = _merge_or_add(self.drafts, draft)
            touched[id(target)] = target
        for ident, target in touched.items():
            added = sum(1 for e in target.evidence if e.doc_id == result.doc_id)
            self._totals[ident] = self._totals.get(ident, 0) + added
            if self.max_quotes is not None and len(target.evidence) > self.max_quotes:
                del target.evidence[self.max_quotes :]
        self._titles[result.doc_id] = result.title
        mentioned: dict[str, Mention] = {}
        for m in result.mentions:
            if m.place is not None:
                key = place_key(m.place)
                if key not in mentioned:
                    shared = self._interned.setdefault(
                        key, Mention("", 0, 0, m.place.name, -1, m.place, m.confidence)
                    )
                    mentioned[key] = shared
        self._mentioned[result.doc_id] = tuple(mentioned.values())

    def finish(
        self,
        places: list[Place],
        *,
        routing: str = "terrain",
        buffer_km: float = 25.0,
        spec: Spec | None = None,
        reference: bool | str | Path | Catalogue = True,
    ) -> dict[str, Any]:
        """Anchor, match, route and measure the merged corridors, as ``analyze`` does.

        Parameters
        ----------
        places : list of Place
            Every resolved place of the corpus (for the nearby lists).
        routing, buffer_km, spec, reference
            As for :func:`corridormap.analyze`.

        Returns
        -------
        dict
            The contract's FeatureCollection with ``evidence_count`` (all evidence
            merged into the corridor) and ``document_count`` added to the properties.
        """

        from corridormap.corridors import anchor_corridors
        from corridormap.gazetteer import Gazetteer
        from corridormap.pipeline import NEARBY_TOWNS, Result, _with_reference, draw_corridors
        from corridormap.spec import apply_spec

        gaz = Gazetteer.load()
        by_doc = {doc: list(ms) for doc, ms in self._mentioned.items()}
        anchored = anchor_corridors(self.drafts, by_doc, gaz)
        # anchor_corridors gives one corridor per draft, in order.
        counts = {
            c.id: (self._totals.get(id(d), 0), len(d.doc_ids))
            for c, d in zip(anchored, self.drafts, strict=True)
        }
        if reference is not False:
            anchored = _with_reference(anchored, reference)
        if spec is not None:
            anchored = apply_spec(anchored, spec, gaz)
        # Nearby candidates pooled as analyze pools them (the corpus' places and the
        # larger towns of every corridor's countries); measuring keeps, per corridor,
        # only those in its line's bounding box, so this stays small at corpus scale.
        pool = list(places)
        for code in sorted({c for corridor in anchored for c in corridor.allowed_countries}):
            pool.extend(p for p in gaz.largest_places(code, NEARBY_TOWNS) if p.population >= 5000)
        drawn = draw_corridors(anchored, places=pool, routing=routing, buffer_km=buffer_km)
        cited = sorted({e.doc_id for d in self.drafts for e in d.evidence})
        documents = [Document(id=doc, text="", title=self._titles.get(doc, doc)) for doc in cited]
        result = Result(documents=documents, mention_list=[], drawn=drawn, buffer_km=buffer_km)
        collection = result.corridors_geojson()
        for feature in collection["features"]:
            props = feature["properties"]
            # A corridor the spec added has only the evidence it lists.
            fallback = (len(props["evidence"]), len({e["doc"] for e in props["evidence"]}))
            props["evidence_count"], props["document_count"] = counts.get(props["id"], fallback)
        return collection
