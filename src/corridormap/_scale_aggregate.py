"""Bounded aggregates of a streamed corpus: places and corridors (for corpus mode).

Both keep exact counts but at most ``max_quotes`` quotes, so a map of 100,000 articles
stays small.  A worker aggregates the places of its task (:class:`PlaceAggregator`) and
the client combines those partial aggregates in input order (:meth:`PlaceAggregator.update`),
which gives what one aggregator over every document would give.  Corridor drafts are
merged by the client, one document at a time, as :func:`corridormap.corridors.merge_drafts`
merges them (:class:`CorridorAggregator`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corridormap.model import Document, Mention, Place
from corridormap.pipeline import new_place_record, place_key

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from corridormap.corridors import _Draft
    from corridormap.reference import Catalogue
    from corridormap.spec import Spec

#: Most surface forms listed per place ("Rajin", "Rason", "Najin" …).
MAX_SURFACE_FORMS = 20


@dataclass(frozen=True)
class CorridorDocument:
    """What corridor merging and anchoring need of one document that states a corridor.

    Attributes
    ----------
    doc_id, title : str
    drafts : tuple of _Draft
        :func:`corridormap.corridors.extract_document` of the document.
    places : tuple of Place
        Its distinct resolved places, in order of first mention (all that
        ``anchor_corridors`` reads of its mentions).
    """

    doc_id: str
    title: str
    drafts: tuple[_Draft, ...]
    places: tuple[Place, ...]


def distinct_places(mentions: Sequence[Mention]) -> tuple[Place, ...]:
    """The resolved places of ``mentions``, each once, in order of first mention."""
    found: dict[str, Place] = {}
    for m in mentions:
        if m.place is not None:
            found.setdefault(place_key(m.place), m.place)
    return tuple(found.values())


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

    def add(
        self, doc_id: str, title: str, mentions: Sequence[Mention], quotes: Sequence[str]
    ) -> None:
        """Count the resolved mentions of one document (``quotes``: their sentences)."""
        counted: set[str] = set()
        for m, quote in zip(mentions, quotes, strict=True):
            if m.place is None:
                continue
            key = place_key(m.place)
            record = self._records.get(key)
            if record is None:
                record = {**new_place_record(m.place, m.confidence), "document_count": 0}
                self._records[key] = record
                self._places[key] = m.place
            record["mention_count"] += 1
            if key not in counted:
                counted.add(key)
                record["document_count"] += 1
            record["confidence"] = max(record["confidence"], m.confidence)
            forms = record["surface_forms"]
            if len(forms) < MAX_SURFACE_FORMS and m.text not in forms:
                forms.append(m.text)
            quotes_kept = record["mentions"]
            if self.max_quotes is None or len(quotes_kept) < self.max_quotes:
                entry = {"doc": doc_id, "doc_title": title, "quote": quote}
                if entry not in quotes_kept:
                    quotes_kept.append(entry)

    def update(self, later: PlaceAggregator) -> None:
        """Add the aggregate of the documents that come after this one's.

        Counts add up, confidences take the maximum, and surface forms and quotes keep
        the first distinct ones up to their limits, so aggregating tasks one by one and
        combining them in input order equals aggregating every document here.  ``later``
        is taken over (its records are not copied).
        """
        for key, theirs in later._records.items():
            mine = self._records.get(key)
            if mine is None:
                self._records[key] = theirs
                self._places[key] = later._places[key]
                continue
            mine["mention_count"] += theirs["mention_count"]
            mine["document_count"] += theirs["document_count"]
            mine["confidence"] = max(mine["confidence"], theirs["confidence"])
            forms = mine["surface_forms"]
            for form in theirs["surface_forms"]:
                if len(forms) >= MAX_SURFACE_FORMS:
                    break
                if form not in forms:
                    forms.append(form)
            quotes = mine["mentions"]
            for entry in theirs["mentions"]:
                if self.max_quotes is not None and len(quotes) >= self.max_quotes:
                    break
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

    The merge is ``merge_drafts``' own step (:func:`corridormap.corridors.merge_draft`),
    called one document at a time so that the merged drafts can be trimmed: after each
    document a corridor keeps its first ``max_quotes`` pieces of evidence and counts the
    rest.  Trimming cannot change the merge, which reads evidence only to drop a
    duplicate, and a duplicate can only come from the same document (ids are unique in
    a corpus).

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

    def add(self, document: CorridorDocument) -> None:
        """Merge the drafts of one document (documents in input order)."""
        from corridormap.corridors import merge_draft

        if not document.drafts:
            return
        touched: dict[int, _Draft] = {}
        for draft in document.drafts:
            target = merge_draft(self.drafts, draft)
            touched[id(target)] = target
        for ident, target in touched.items():
            added = sum(1 for e in target.evidence if e.doc_id == document.doc_id)
            self._totals[ident] = self._totals.get(ident, 0) + added
            if self.max_quotes is not None and len(target.evidence) > self.max_quotes:
                del target.evidence[self.max_quotes :]
        self._titles[document.doc_id] = document.title
        interned = self._interned
        mentioned = []
        for place in document.places:
            # Not setdefault: it would build a Mention for every place of every document.
            key = place_key(place)
            mention = interned.get(key)
            if mention is None:
                mention = interned[key] = Mention("", 0, 0, place.name, -1, place)
            mentioned.append(mention)
        self._mentioned[document.doc_id] = tuple(mentioned)

    def evidence_count(self, draft: _Draft) -> int:
        """All the evidence merged into ``draft`` (one of :attr:`drafts`), kept or not."""
        return self._totals.get(id(draft), 0)

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
        from corridormap.pipeline import Result, finish_corridors

        gaz = Gazetteer.load()
        by_doc = {doc: list(ms) for doc, ms in self._mentioned.items()}
        anchored = anchor_corridors(self.drafts, by_doc, gaz)
        # anchor_corridors gives one corridor per draft, in order.
        counts = {
            c.id: (self.evidence_count(d), len(d.doc_ids))
            for c, d in zip(anchored, self.drafts, strict=True)
        }
        # Nearby candidates are pooled as analyze pools them (the corpus' places and the
        # larger towns of every corridor's countries); measuring keeps, per corridor,
        # only those in its line's bounding box, so this stays small at corpus scale.
        drawn = finish_corridors(
            anchored,
            places,
            gazetteer=gaz,
            routing=routing,
            buffer_km=buffer_km,
            spec=spec,
            reference=reference,
        )
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
