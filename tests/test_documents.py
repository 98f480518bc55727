"""Reading inputs: formats, sentence spans and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridormap.documents import (
    InputWarning,
    html_to_text,
    make_document,
    read_inputs,
    split_sentences,
)
from corridormap.errors import InputError


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "The U.S. and N. Korea met. Mr. Kim left for St. Petersburg on Monday. It rained."
    assert _sentences(text) == [
        "The U.S. and N. Korea met.",
        "Mr. Kim left for St. Petersburg on Monday.",
        "It rained.",
    ]


def test_line_breaks_end_sentences_and_spans_index_the_text() -> None:
    text = "Headline Without Stop\n\nFirst sentence here. “Quoted one.” Last one"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Headline Without Stop",
        "First sentence here.",
        "“Quoted one.”",
        "Last one",
    ]


def test_title_defaults_to_first_line() -> None:
    doc = make_document("\n  # Big News  \nBody text.", "d1")
    assert doc.title == "Big News"
    assert doc.sentence_index(doc.text.index("Body")) == 1


def test_html_drops_scripts_styles_and_keeps_title(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Pipeline &amp; road</title><style>p{}</style></head>"
        "<body><script>alert(1)</script><p>Russia will build a road.</p><p>Next.</p></body></html>",
        encoding="utf-8",
    )
    (doc,) = read_inputs(page)
    assert doc.title == "Pipeline & road"
    assert "alert" not in doc.text
    assert doc.text == "Russia will build a road.\n\nNext."


def test_html_to_text_unescapes_entities() -> None:
    title, text = html_to_text("<p>S&atilde;o Paulo &lt;b&gt;</p>")
    assert text == "São Paulo <b>"
    assert title == ""


def test_jsonl_corpus_gives_one_document_per_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": "Seoul."}) + "\n" + json.dumps({"text": "Busan."}) + "\n",
        encoding="utf-8",
    )
    docs = list(read_inputs(corpus))
    assert [d.id for d in docs] == ["a", f"{corpus}:2"]


def test_bad_jsonl_line_names_its_line_number(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "ok"}\n{not json}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.jsonl:2: bad JSONL line"):
        list(read_inputs(corpus))


def test_skip_bad_lines_keeps_the_good_ones_with_a_warning(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "ok"}\n[1, 2]\n{"text": "fine"}\n', encoding="utf-8")
    with pytest.warns(InputWarning, match=":2: bad JSONL line"):
        docs = list(read_inputs(corpus, skip_bad_lines=True))
    assert [d.text for d in docs] == ["ok", "fine"]


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_inputs(tmp_path / "nope.txt"))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    blob = tmp_path / "x.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        list(read_inputs(blob))


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_empty_document_is_refused(tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "e.txt"
    empty.write_bytes(content)
    with pytest.raises(InputError, match="empty document"):
        list(read_inputs(empty))


def test_windows_1252_text_is_decoded_with_a_warning(tmp_path: Path) -> None:
    legacy = tmp_path / "old.txt"
    legacy.write_bytes("Caf\u00e9 in M\u00fcnchen \u2013 a road".encode("cp1252"))
    with pytest.warns(InputWarning, match="old.txt: not valid UTF-8"):
        (doc,) = read_inputs(legacy)
    assert doc.text == "Café in München – a road"


def test_directory_skips_bad_files_but_reads_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Seoul is big.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01")
    with pytest.warns(InputWarning, match="empty document"):
        docs = list(read_inputs(tmp_path))
    assert [Path(d.id).name for d in docs] == ["a.txt"]


def test_directory_without_documents_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no readable text documents"):
        list(read_inputs(tmp_path))


def test_jsonl_strings_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    text = "First line\u2028still the same\x85document."
    corpus.write_text(json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n")
    (doc,) = read_inputs(corpus)
    assert doc.text == text


def test_a_decade_before_the_full_stop_ends_the_sentence() -> None:
    text = "It was built in the 1960s. It connects two cities."
    assert _sentences(text) == ["It was built in the 1960s.", "It connects two cities."]
