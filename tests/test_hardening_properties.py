"""Property-based tests over arbitrary Unicode: no crash, offsets always index the
text, outputs are valid GeoJSON.

Budgets are modest (``max_examples`` 60 for the fast properties, a few for the whole
pipeline); ``benchmarks/fuzz.py`` runs the readers for longer.  Docstrings carry
``input:`` and ``outcome:`` lines for ``docs/hardening.md``.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corridormap.documents import (
    InputWarning,
    decode_bytes,
    html_to_text,
    make_document,
    read_jsonl_lines,
    split_sentences,
)
from corridormap.errors import InputError
from corridormap.gazetteer import Gazetteer

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PIPELINE = settings(max_examples=6, deadline=None)

#: Names, words and punctuation that make the finder and the corridor rules work,
#: mixed with arbitrary Unicode (any category, surrogates excluded as str cannot be
#: encoded with them).
PIECES = st.sampled_from([
    "Seoul", "Busan", "Vladivostok", "Khasan", "Pyongyang", "Moscow", "São Paulo", "Москва",
    "北京", "Russia", "North Korea", "the DPRK", "Georgia", "Nice", "Of", "U.S.",
    " will build a railway from ", " to ", " and ", " pipeline", " highway", ". ", "\n",
    "\n\n", "“", "”", "–", " (", ") ", "\u2028", "\u0301", "\ufeff", "\u200b", " ", "\t",
])  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def finder_and_resolver(gazetteer: Gazetteer) -> tuple[Any, Any]:
    from corridormap.mentions import MentionFinder
    from corridormap.resolve import Resolver

    return MentionFinder(gazetteer), Resolver(gazetteer)


@FAST
@given(text=TEXT)
def test_sentence_spans_cover_the_text_in_order(text: str) -> None:
    """input: arbitrary Unicode text mixed with names, quotes, line separators,
    combining marks and BOMs
    outcome: sentence spans are in order, inside the text, never start or end with
    white space, and cover every non-space character"""
    spans = split_sentences(text)
    covered = set()
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        covered.update(range(start, end))
        last = end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@FAST
@given(text=TEXT)
def test_every_mention_indexes_the_text(text: str, finder_and_resolver: tuple[Any, Any]) -> None:
    """input: arbitrary Unicode text through MentionFinder and Resolver
    outcome: no crash; every mention has text[start:end] == mention.text, its sentence
    index in range; resolved coordinates finite and in range; confidence in [0, 1]"""
    finder, resolver = finder_and_resolver
    if not text.strip():
        return
    doc = make_document(text, "h")
    for m in resolver.resolve(doc, finder.find(doc)):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert 0 <= m.sentence < len(doc.sentences)
        assert 0.0 <= m.confidence <= 1.0
        if m.place is not None:
            assert -90 <= m.place.lat <= 90
            assert -180 <= m.place.lon <= 180


@FAST
@given(data=st.binary(max_size=400))
def test_decoding_arbitrary_bytes_gives_text_or_a_clear_error(data: bytes) -> None:
    """input: arbitrary bytes as a file's contents
    outcome: text (possibly with an InputWarning naming the file) or InputError naming
    the file; never another exception"""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, error = _outcome(decode_bytes, data, "blob.txt")
    if error is not None:
        assert str(error).startswith("blob.txt: ")
        return
    assert isinstance(text, str)
    for warning in caught:
        assert issubclass(warning.category, InputWarning)
        assert str(warning.message).startswith("blob.txt: ")
    text.encode("utf-8")


def _outcome(func: Any, *args: Any) -> tuple[Any, InputError | None]:
    """``(func(*args), None)``, or ``(None, the InputError)`` it raised."""
    try:
        return func(*args), None
    except InputError as exc:
        return None, exc


@FAST
# Python 3.11's HTMLParser asserts on these: a marked section without a known keyword.
@example(markup="<![0")
@example(markup="<p>Seoul</p><![x[ Busan ]]>")
@given(markup=st.lists(st.one_of(st.sampled_from([
    "<p>", "</p>", "<script>", "</script>", "<style>", "</style>", "<title>", "</title>",
    "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&bogus;", "<br/>",
    "<svg><text>", "</svg>", "<", ">", "\"", "'", "Seoul", "<a href='javascript:x'>",
]), st.text(max_size=8)), max_size=40).map("".join))  # fmt: skip
def test_html_extraction_never_crashes(markup: str) -> None:
    """input: arbitrary tag soup (unclosed scripts, comments, CDATA, invalid character
    references)
    outcome: a (title, text) pair of strings, never an exception"""
    title, text = html_to_text(markup)
    assert isinstance(title, str)
    assert isinstance(text, str)


@FAST
@given(lines=st.lists(st.one_of(
    st.text(max_size=30),
    st.text(max_size=20).map(lambda t: '{"text": ' + repr(t) + "}"),
    st.just('{"text": "Seoul", "id": {"nested": [1, 2]}}'),
    st.just('{"text": "\\ud800"}'),
    st.just("[" * 5000),
), max_size=8))  # fmt: skip
def test_jsonl_reader_gives_documents_or_names_the_line(lines: list[str]) -> None:
    """input: arbitrary JSONL lines (garbage, Python reprs, nested ids, lone surrogates,
    deep nesting)
    outcome: strict: documents or InputError naming the line; --skip-bad-lines:
    documents whose text is encodable UTF-8, with warnings only"""
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        _, error = _outcome(lambda: list(read_jsonl_lines(lines, "c.jsonl")))
    assert error is None or str(error).startswith("c.jsonl:")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(read_jsonl_lines(lines, "c.jsonl", skip_bad_lines=True))
    assert all(issubclass(w.category, InputWarning) for w in caught)
    for doc in docs:
        doc.text.encode("utf-8")
        doc.id.encode("utf-8")


def _numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list | tuple):
        return [n for item in value for n in _numbers(item)]
    return []


def _positions(coords: Any) -> list[list[float]]:
    if coords and isinstance(coords[0], int | float):
        return [coords]
    return [p for item in coords for p in _positions(item)]


CORRIDOR_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), min_size=3, max_size=25).map(
    lambda parts: "Russia will build a railway from Vladivostok to Pyongyang. " + "".join(parts)
)


@PIPELINE
@given(text=CORRIDOR_TEXT)
def test_analyze_gives_valid_geojson(text: str, gazetteer: Gazetteer) -> None:
    """input: a corridor sentence followed by arbitrary Unicode, through
    corridormap.analyze (schematic routing)
    outcome: corridors are a FeatureCollection of LineStrings with finite numbers,
    coordinates within ±180/±90 and evidence quotes that index their document"""
    from corridormap import analyze
    from corridormap.documents import document_from_text

    doc = document_from_text(text, "p")
    result = analyze(doc, routing="schematic", gazetteer=gazetteer)
    collection = result.corridors_geojson()
    assert collection["type"] == "FeatureCollection"
    assert collection["features"], "the leading sentence names a corridor"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in ("LineString", "MultiLineString")
        assert all(math.isfinite(n) for n in _numbers(feature))
        for lon, lat in _positions(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180
            assert -90 <= lat <= 90
        for item in feature["properties"]["evidence"]:
            assert text[item["start"] : item["end"]] == item["quote"]
    for record in result.place_records():
        assert -90 <= record["lat"] <= 90
        assert -180 <= record["lon"] <= 180
