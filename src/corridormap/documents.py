"""Read inputs into :class:`~corridormap.model.Document` objects with sentence spans.

Accepted inputs: a text file (``.txt``, ``.md``, anything else read as text), an HTML
file (``.html``/``.htm``: text extracted, scripts and styles dropped), a JSONL corpus
(one JSON object per line with ``text`` and optional ``id``/``title``), a directory
(its readable files, sorted), an ``http(s)://`` URL, or ``-`` for standard input.

Every offset later in the pipeline indexes ``Document.text`` exactly as returned here.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from corridormap.errors import InputError
from corridormap.model import Document
from corridormap.sentences import split_sentences

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: Files in a directory with these endings are read; others are skipped silently.
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: Files that describe a corpus rather than belong to it (``seeds/README.md``); skipped
#: when reading a directory, read when named explicitly.
CORPUS_NOTES = re.compile(r"^(?:readme|license|licence|changelog|notice|copying)\b", re.I)

#: Seconds to wait for a URL (connect, and each read); ``CORRIDORMAP_URL_TIMEOUT``
#: overrides it, ``read_inputs(url_timeout=...)`` overrides both.
URL_TIMEOUT_S = 20.0
#: Largest body read from a URL, in bytes; ``CORRIDORMAP_URL_MAX_BYTES`` overrides it.
#: Files are not capped: the user chose them; a URL's size is the server's choice.
URL_MAX_BYTES = 64 * 1024 * 1024
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class InputWarning(UserWarning):
    """A recoverable problem with one input (bad encoding, skipped line or file)."""


# --------------------------------------------------------------------------- documents

#: A line up to the first line break, with str.splitlines' idea of a line break.
_FIRST_LINE = re.compile("[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*")


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point (half a UTF-16 pair).

    Strict UTF-8 refuses exactly those, in one pass in C; a search for them ran the
    regex engine over every character of every document.
    """
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def make_document(text: str, doc_id: str, *, title: str = "", source: str = "") -> Document:
    """Build a :class:`Document` with its sentence spans.

    Parameters
    ----------
    text : str
        The document text; kept exactly as given.
    doc_id : str
        Identifier used in outputs.
    title, source : str
        Human label and origin.  The title defaults to the first line of text.
    """
    if not title:
        # The first non-blank line, without splitting the whole text into lines.
        match = _FIRST_LINE.match(text.lstrip())
        first = match.group().strip() if match else ""
        title = first.lstrip("# ").strip()[:120]
    return Document(
        id=doc_id, text=text, title=title, source=source or doc_id, sentences=split_sentences(text)
    )


# --------------------------------------------------------------------------- decoding


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode_bytes(data: bytes, name: str) -> str:
    """Decode file contents to text, refusing binary data.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded strictly.  Anything
    else is decoded as Windows-1252 when that round-trips (typical of old news
    exports), else as UTF-8 with replacement characters; both cases warn, naming the
    input.

    Raises
    ------
    InputError
        If the data looks binary (NUL bytes or many control characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 text ({exc.reason})") from exc
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(f"{name}: looks like a binary file, not text")
    # Control bytes other than tab, newline, form feed and carriage return, counted in C
    # (a generator over 64 KB cost milliseconds a file).
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        # Valid UTF-8 can still be binary (a stream of control bytes); text with a few
        # escape sequences or form feeds is not.
        if control > max(8, len(sample) // 10):
            raise InputError(f"{name}: looks like a binary file, not text")
        return text
    if control > max(8, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("cp1252")
        warnings.warn(
            f"{name}: not valid UTF-8, decoded as Windows-1252", InputWarning, stacklevel=3
        )
        return text
    except UnicodeDecodeError:
        warnings.warn(
            f"{name}: not valid UTF-8, undecodable bytes replaced", InputWarning, stacklevel=3
        )
        return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- HTML


class _TextExtractor(HTMLParser):
    """Collects visible text; drops script, style, noscript, template and head content."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "section", "article", "blockquote", "header", "footer", "ul", "ol",
                        "table", "pre", "hr"})  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in_title = False

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Python 3.11's parser raises AssertionError on "<![" without a known keyword
        # ("<![0", "<![x["); newer ones read it as a bogus comment, and so do we.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._skip_depth == 0:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """Extract ``(title, text)`` from HTML, one paragraph per line."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in raw.split("\n")]
    text = "\n\n".join(line for line in lines if line)
    return html.unescape(parser.title).strip(), text


# --------------------------------------------------------------------------- readers


def _check_nonempty(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: empty document (no text)")


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r}: not a number") from None
    if not value > 0 or value == float("inf"):
        raise InputError(f"{name}={raw!r}: must be a positive number")
    return value


def _jsonl_lines(text: str) -> list[str]:
    """Split a JSONL text on newlines only.

    ``str.splitlines`` would also split on U+2028, U+0085 and friends, which JSON
    allows unescaped inside strings.
    """
    return text.split("\n")


def read_jsonl_lines(
    lines: Iterable[str], name: str, *, skip_bad_lines: bool = False, first_line: int = 1
) -> Iterator[Document]:
    """Parse JSONL lines (already decoded) into documents, one line at a time.

    Parameters
    ----------
    lines : iterable of str
        The lines of a JSONL file (split on ``"\\n"`` only), or a run of them.
    name : str
        The file's name, for default ids (``NAME:LINE``), sources and messages.
    skip_bad_lines : bool
        Warn (:class:`InputWarning`) about and skip malformed lines instead of failing.
    first_line : int
        The line number of the first line (a run of lines from inside a file).

    Yields
    ------
    Document

    Raises
    ------
    InputError
        For a malformed line, unless ``skip_bad_lines``.
    """
    for lineno, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            try:
                record = json.loads(line)
            except RecursionError:
                raise ValueError("nested too deeply") from None
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError('no string field "text"')
        except ValueError as exc:
            message = f"{name}:{lineno}: bad JSONL line ({exc})"
            if skip_bad_lines:
                warnings.warn(message, InputWarning, stacklevel=2)
                continue
            raise InputError(message) from exc
        if _has_surrogate(text):
            # JSON may escape half a UTF-16 pair ("\\ud800"); such a string cannot be
            # written out as UTF-8.  One replacement character per code unit keeps offsets.
            text = _LONE_SURROGATE.sub("\ufffd", text)
            warnings.warn(
                f"{name}:{lineno}: lone UTF-16 surrogates in text replaced",
                InputWarning,
                stacklevel=2,
            )
        doc_id = _LONE_SURROGATE.sub("\ufffd", str(record.get("id", f"{name}:{lineno}")))
        title = _LONE_SURROGATE.sub("\ufffd", str(record.get("title") or ""))
        yield make_document(text, doc_id, title=title, source=f"{name}:{lineno}")


def _read_file(path: Path, *, skip_bad_lines: bool = False) -> Iterator[Document]:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from exc
    suffix = path.suffix.lower()
    text = decode_bytes(data, name)
    if suffix in JSONL_SUFFIXES:
        docs = list(read_jsonl_lines(_jsonl_lines(text), name, skip_bad_lines=skip_bad_lines))
        if not docs:
            raise InputError(f"{name}: no documents in JSONL file")
        yield from docs
        return
    title = ""
    if suffix in HTML_SUFFIXES:
        title, text = html_to_text(text)
    _check_nonempty(text, name)
    yield make_document(text, name, title=title, source=name)


def _read_url(url: str, *, timeout: float | None = None) -> Iterator[Document]:
    import http.client
    import urllib.error
    import urllib.request

    if timeout is None:
        timeout = _env_number("CORRIDORMAP_URL_TIMEOUT", URL_TIMEOUT_S)
    max_bytes = int(_env_number("CORRIDORMAP_URL_MAX_BYTES", URL_MAX_BYTES))
    request = urllib.request.Request(url, headers={"User-Agent": "corridormap"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            data = response.read(max_bytes + 1)
            # Bytes announced by Content-Length but never sent: the server hung up.
            missing = response.length or 0
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except TimeoutError as exc:
        raise InputError(f"{url}: timed out after {timeout:g} s") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise InputError(f"{url}: timed out after {timeout:g} s") from exc
        raise InputError(f"{url}: cannot fetch ({reason})") from exc
    except (http.client.HTTPException, ValueError) as exc:
        # A server that breaks HTTP (truncated body, bad status line) or a URL that
        # urllib cannot parse.
        raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from exc
    if len(data) > max_bytes:
        raise InputError(
            f"{url}: larger than {max_bytes} bytes (raise CORRIDORMAP_URL_MAX_BYTES to read it)"
        )
    if missing:
        raise InputError(
            f"{url}: cannot fetch (connection closed after {len(data)} of "
            f"{len(data) + missing} bytes)"
        )
    kind = content_type.split(";")[0].strip().lower()
    if kind and not (
        kind.startswith("text/") or kind in {"application/xhtml+xml", "application/json"}
    ):
        raise InputError(f"{url}: not a text document (Content-Type {kind})")
    text = decode_bytes(data, url)
    title = ""
    if "html" in kind or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        title, text = html_to_text(text)
    _check_nonempty(text, url)
    yield make_document(text, url, title=title, source=url)


def _read_directory(path: Path, *, skip_bad_lines: bool = False) -> Iterator[Document]:
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and not CORPUS_NOTES.match(p.name)
        and p.suffix.lower() in DIRECTORY_SUFFIXES
    )
    found = False
    for file in files:
        try:
            docs = list(_read_file(file, skip_bad_lines=skip_bad_lines))
        except InputError as exc:
            # One bad file must not sink a directory of good ones.
            warnings.warn(f"skipped {exc}", InputWarning, stacklevel=2)
            continue
        found = True
        yield from docs
    if not found:
        raise InputError(f"{path}: no readable text documents in directory")


def read_inputs(
    inputs: str | Path | Iterable[str | Path],
    *,
    skip_bad_lines: bool = False,
    url_timeout: float | None = None,
) -> Iterator[Document]:
    """Yield documents from files, directories, URLs or ``-`` (stdin), in order.

    Parameters
    ----------
    inputs : path-like, str or iterable of them
    skip_bad_lines : bool
        In JSONL corpora, warn about and skip malformed lines instead of failing.
    url_timeout : float, optional
        Seconds to wait for a URL; defaults to ``CORRIDORMAP_URL_TIMEOUT`` or
        :data:`URL_TIMEOUT_S`.  Bodies above :data:`URL_MAX_BYTES` are refused.

    Raises
    ------
    InputError
        For a missing path, an unreadable/binary/empty file, a bad JSONL line, or a
        URL that fails.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    seen: set[str] = set()
    for item in inputs:
        spec = str(item)
        if spec == "-":
            data = sys.stdin.buffer.read()
            text = decode_bytes(data, "<stdin>")
            stripped = text.lstrip()
            if stripped.startswith("{") and "\n" in stripped.strip():
                docs = list(
                    read_jsonl_lines(_jsonl_lines(text), "<stdin>", skip_bad_lines=skip_bad_lines)
                )
            else:
                _check_nonempty(text, "<stdin>")
                docs = [make_document(text, "stdin", source="<stdin>")]
        elif spec.startswith(("http://", "https://")):
            docs = list(_read_url(spec, timeout=url_timeout))
        else:
            path = Path(spec)
            if path.is_dir():
                docs = list(_read_directory(path, skip_bad_lines=skip_bad_lines))
            elif path.exists():
                docs = list(_read_file(path, skip_bad_lines=skip_bad_lines))
            else:
                raise InputError(f"{spec}: no such file or directory")
        for doc in docs:
            if doc.id in seen:
                continue
            seen.add(doc.id)
            yield doc


def document_from_text(text: str, doc_id: str = "text") -> Document:
    """Wrap a Python string as a document (for the API and notebooks).

    Raises
    ------
    InputError
        If the text is empty.
    """
    _check_nonempty(text, doc_id)
    return make_document(text, doc_id)
