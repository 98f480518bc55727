"""Hostile and broken inputs through the real command line: one clear line, the right
exit code, never a traceback.

Each test's docstring carries ``input:`` and ``outcome:`` lines;
``scripts/hardening_table.py`` collects them into ``docs/hardening.md``.
URLs are answered by a loopback ``http.server`` in a thread (never the internet).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from corridormap.documents import InputWarning, read_inputs
from corridormap.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SEOUL = "Seoul and Busan will be joined by a new railway."


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m corridormap ARGS`` with loopback never sent through a proxy."""
    full_env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1"}
    return subprocess.run(
        [sys.executable, "-m", "corridormap", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
        env={**full_env, **(env or {})},
    )  # type: ignore[call-overload,no-any-return]


def stderr_lines(done: subprocess.CompletedProcess[Any]) -> list[str]:
    """stderr as lines, after checking every line is corridormap's own and no traceback."""
    text = done.stderr.decode() if isinstance(done.stderr, bytes) else done.stderr
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert all(line.startswith("corridormap: ") for line in lines), lines
    return lines


def assert_one_error(done: subprocess.CompletedProcess[Any], message: str, code: int = 2) -> None:
    lines = stderr_lines(done)
    assert done.returncode == code, lines
    assert len(lines) == 1, lines
    assert lines[0].startswith("corridormap: error: ")
    assert message in lines[0]


def mention_texts(done: subprocess.CompletedProcess[Any]) -> dict[str, list[str]]:
    """``places --format jsonl`` output: document id -> the mentioned surface texts."""
    out = done.stdout.decode() if isinstance(done.stdout, bytes) else done.stdout
    return {
        rec["id"]: [m["text"] for m in rec["mentions"]] for rec in map(json.loads, out.splitlines())
    }


# --------------------------------------------------------------------------- files


def test_missing_path_is_one_line_exit_2(tmp_path: Path) -> None:
    """input: a path that does not exist
    outcome: exit 2, "no such file or directory" naming the path"""
    done = run("places", str(tmp_path / "nope.txt"))
    assert_one_error(done, f"{tmp_path / 'nope.txt'}: no such file or directory")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "empty document", id="empty"),
        pytest.param(b" \n\t\r\n  \xc2\xa0\n", "empty document", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary", id="binary-png"),
        pytest.param(bytes(range(1, 32)) * 200, "binary", id="control-bytes"),
        pytest.param(b"\xff\xfeS\x00\x00\xd8", "invalid UTF-16", id="broken-utf16"),
    ],
)
def test_unreadable_file_is_one_line_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    """input: an empty file, a whitespace-only file, a binary file (PNG bytes, control
    bytes), a UTF-16 file with a BOM and a broken surrogate pair
    outcome: exit 2, one line naming the file and the problem"""
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    done = run("places", str(path))
    assert_one_error(done, f"{path}: ")
    assert message in done.stderr.decode()


@pytest.mark.parametrize(
    ("encoded", "text", "warning"),
    [
        pytest.param(
            "\ufeffSão Paulo and Seoul".encode("utf-16-le"),
            "São Paulo and Seoul",
            None,
            id="utf-16-le-bom",
        ),
        pytest.param(
            "\ufeffSão Paulo and Seoul".encode("utf-16-be"),
            "São Paulo and Seoul",
            None,
            id="utf-16-be-bom",
        ),
        pytest.param("\ufeffSeoul – Busan".encode(), "Seoul – Busan", None, id="utf-8-bom"),
        pytest.param(
            "Café in München – “Seoul”".encode("cp1252"),
            "Café in München – “Seoul”",
            "not valid UTF-8, decoded as Windows-1252",
            id="windows-1252",
        ),
        pytest.param(
            "Ségou, Mopti and Bamako".encode("latin-1"),
            "Ségou, Mopti and Bamako",
            "not valid UTF-8, decoded as Windows-1252",
            id="latin-1",
        ),
        pytest.param(
            b"Seoul \x81\x8d and Busan \xc3",
            "Seoul \ufffd\ufffd and Busan \ufffd",
            "not valid UTF-8, undecodable bytes replaced",
            id="invalid-utf-8",
        ),
    ],
)
def test_encodings_are_detected_or_replaced_with_a_warning_naming_the_file(
    tmp_path: Path, encoded: bytes, text: str, warning: str | None
) -> None:
    """input: UTF-16 (LE/BE) and UTF-8 with a BOM, Windows-1252, Latin-1, invalid UTF-8
    outcome: BOMs decoded silently; legacy bytes decoded as Windows-1252 or replaced
    by U+FFFD, with one warning line naming the file; exit 0"""
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    if warning is None:
        (doc,) = read_inputs(path)
    else:
        with pytest.warns(InputWarning, match=f"article.txt: {warning}"):
            (doc,) = read_inputs(path)
    assert doc.text == text
    done = run("places", str(path), "--format", "jsonl")
    lines = stderr_lines(done)
    assert done.returncode == 0, lines
    assert lines == ([] if warning is None else [f"corridormap: warning: {path}: {warning}"])


def test_directory_with_mixed_files_reads_the_good_ones_and_names_the_bad(
    tmp_path: Path,
) -> None:
    """input: a directory with a good .txt, an empty .txt, a binary .txt, a Windows-1252
    .md, an .html page, a README, a .png, a hidden file, a symlink loop and a dangling
    symlink
    outcome: good files read in order; one warning per bad file naming it; README, .png,
    hidden file and links to nowhere ignored silently; the loop not followed; exit 0"""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(SEOUL, encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"")
    (corpus / "c.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / "sub" / "d.md").write_bytes("Vladivostok – Khasan road".encode("cp1252"))
    (corpus / "e.html").write_text("<p>Pyongyang talks.</p><script>Tokyo()</script>")
    (corpus / "README.md").write_text("About this corpus: Paris.")
    (corpus / "f.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (corpus / ".hidden.txt").write_text("Berlin")
    (corpus / "sub" / "loop").symlink_to(corpus)  # rglob must not walk into it forever
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    done = run("places", str(corpus), "--format", "jsonl")
    lines = stderr_lines(done)
    assert done.returncode == 0, lines
    assert sorted(lines) == sorted(
        [
            f"corridormap: warning: skipped {corpus / 'b.txt'}: empty document (no text)",
            f"corridormap: warning: skipped {corpus / 'c.txt'}: looks like a binary file, not text",
            f"corridormap: warning: {corpus / 'sub' / 'd.md'}: not valid UTF-8, decoded as "
            "Windows-1252",
        ]
    )
    found = mention_texts(done)
    assert list(found) == [str(corpus / n) for n in ("a.txt", "e.html", "sub/d.md")]
    assert found[str(corpus / "e.html")] == ["Pyongyang"]  # not Tokyo from the script


def test_html_scripts_and_styles_are_dropped(tmp_path: Path) -> None:
    """input: an HTML page with script, style, noscript, template, inline SVG, iframe and
    an unclosed script at the end
    outcome: only the visible text is read; no place from script/style text; entities
    decoded; the title comes from <title>"""
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Road &amp; rail</title>"
        "<style>body::after { content: 'Tokyo' }</style>"
        "<script>var city = 'Paris'; document.write('<p>Berlin</p>');</script></head>"
        "<body><p>Seoul &ndash; Busan railway.</p><noscript>Madrid</noscript>"
        "<template><p>Lisbon</p></template><svg><text>Rome</text></svg>"
        "<iframe>Oslo</iframe><p onclick=\"alert('Cairo')\">Pyongyang</p>"
        "<script>unfinished('Lima')",
        encoding="utf-8",
    )
    (doc,) = read_inputs(page)
    assert doc.title == "Road & rail"
    assert doc.text == "Seoul – Busan railway.\n\nPyongyang"
    done = run("places", str(page), "--format", "jsonl")
    stderr_lines(done)
    assert done.returncode == 0
    assert mention_texts(done)[str(page)] == ["Seoul", "Busan", "Pyongyang"]


# --------------------------------------------------------------------------- JSONL


BAD_JSONL_LINES = [
    pytest.param("{not json}", "Expecting property name", id="not-json"),
    pytest.param("[1, 2]", "not a JSON object", id="array"),
    pytest.param('{"id": "x"}', 'no string field "text"', id="no-text"),
    pytest.param('{"text": 42}', 'no string field "text"', id="text-not-string"),
    pytest.param("[" * 100_000 + "]" * 100_000, "nested too deeply", id="deep-nesting"),
    pytest.param('{"text": "Seoul', "Unterminated string", id="truncated"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_JSONL_LINES)
def test_malformed_jsonl_line_names_its_line_number(tmp_path: Path, bad: str, reason: str) -> None:
    """input: a JSONL corpus whose line 2 is not JSON, an array, lacks "text", has a
    non-string text, is nested 100 000 deep, or is cut short
    outcome: exit 2 naming file:2 and the reason; with --skip-bad-lines a warning naming
    file:2 and lines 1 and 3 are still processed (exit 0)"""
    corpus = tmp_path / "c.jsonl"
    good1, good3 = json.dumps({"id": "one", "text": SEOUL}), json.dumps({"text": "Busan."})
    corpus.write_text(f"{good1}\n{bad}\n{good3}\n", encoding="utf-8")
    done = run("places", str(corpus), "--format", "jsonl")
    assert_one_error(done, f"{corpus}:2: bad JSONL line")
    assert reason in done.stderr.decode()
    skipped = run("places", str(corpus), "--format", "jsonl", "--skip-bad-lines")
    lines = stderr_lines(skipped)
    assert skipped.returncode == 0, lines
    assert len(lines) == 1
    assert lines[0].startswith(f"corridormap: warning: {corpus}:2: bad JSONL line")
    assert mention_texts(skipped) == {"one": ["Seoul", "Busan"], f"{corpus}:3": ["Busan"]}


def test_jsonl_lone_surrogates_are_replaced_keeping_offsets(tmp_path: Path) -> None:
    """input: a JSONL line whose text escapes half a UTF-16 pair ("\\ud800")
    outcome: replaced by U+FFFD (offsets unchanged) with a warning naming file:line;
    output is valid UTF-8; exit 0"""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s", "text": "\\ud800 Seoul \\udfff Busan"}\n', encoding="utf-8")
    with pytest.warns(InputWarning, match=r"c\.jsonl:1: lone UTF-16 surrogates"):
        (doc,) = read_inputs(corpus)
    assert doc.text == "\ufffd Seoul \ufffd Busan"
    done = run("places", str(corpus), "--format", "jsonl")
    lines = stderr_lines(done)
    assert done.returncode == 0
    assert len(lines) == 1
    (record,) = map(json.loads, done.stdout.decode().splitlines())
    assert [(m["start"], m["text"]) for m in record["mentions"]] == [(2, "Seoul"), (10, "Busan")]


def test_stdin_invalid_utf8_warns_naming_stdin() -> None:
    """input: invalid UTF-8 on standard input
    outcome: decoded as Windows-1252 with a warning naming <stdin>; exit 0"""
    done = run("places", "-", "--format", "jsonl", stdin=b"Seoul \xe9 Busan")
    lines = stderr_lines(done)
    assert done.returncode == 0
    assert lines == ["corridormap: warning: <stdin>: not valid UTF-8, decoded as Windows-1252"]
    assert mention_texts(done) == {"stdin": ["Seoul", "Busan"]}


# --------------------------------------------------------------------------- size


@pytest.mark.slow
def test_fifty_megabyte_text_is_read_with_bounded_memory(tmp_path: Path) -> None:
    """input: a 50 MB plain-text article (generated at test time)
    outcome: processed end to end (places --format jsonl), every 40th paragraph's
    places found; peak RSS loosely under 1.5 GB (about 210 MB measured)"""
    filler = "the committee met again and talked about costs and dates for a long time. " * 12
    block = "A new road from Vladivostok to Khasan was proposed.\n" + (filler + "\n") * 40
    copies = 50 * 1024 * 1024 // len(block) + 1
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as handle:
        for _ in range(copies):
            handle.write(block)
    assert big.stat().st_size >= 50 * 1024 * 1024
    code = (
        "import resource, runpy, sys\n"
        "sys.argv = ['corridormap', 'places', sys.argv[1], '--format', 'jsonl', '-o', "
        "sys.argv[2]]\n"
        "try:\n"
        "    runpy.run_module('corridormap', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", code, str(big), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    peak_mb = int(done.stdout.split()[-1]) / 1024
    assert peak_mb < 1536, peak_mb
    (record,) = (json.loads(line) for line in out.read_text().splitlines())
    texts = [m["text"] for m in record["mentions"]]
    assert texts.count("Vladivostok") == copies
    assert texts.count("Khasan") == copies


# --------------------------------------------------------------------------- URLs


class _Site(BaseHTTPRequestHandler):
    """Loopback answers for the URL tests, one path per behaviour."""

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/article.html":
            self._send(200, "text/html; charset=utf-8", (
                b"<html><head><title>Rail</title><script>alert('Paris')</script></head>"
                b"<body><p>Seoul and Busan will be joined.</p></body></html>"
            ))  # fmt: skip
        elif path == "/slow":
            time.sleep(3)
            self._send(200, "text/plain", b"Seoul, too late.")
        elif path == "/image.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        elif path == "/octets":
            self._send(200, "application/octet-stream", b"Seoul")
        elif path == "/disguised":
            self._send(200, "text/plain", b"\x00\x01\x02\x03 not text")
        elif path == "/empty":
            self._send(200, "text/plain", b"")
        elif path == "/big":
            self._send(200, "text/plain", b"Seoul. " * 2000)
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"Seoul and Busan")
            self.wfile.flush()
            self.close_connection = True
        elif path == "/error":
            self._send(500, "text/plain", b"boom")
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_html_url_is_fetched_and_its_scripts_dropped(site: str) -> None:
    """input: an http:// URL answering an HTML article with a script
    outcome: text extracted, the script's place ignored; exit 0"""
    done = run("places", f"{site}/article.html", "--format", "jsonl")
    stderr_lines(done)
    assert done.returncode == 0
    assert mention_texts(done) == {f"{site}/article.html": ["Seoul", "Busan"]}


@pytest.mark.parametrize(
    ("path", "message", "env"),
    [
        pytest.param("/missing", "HTTP 404 Not Found", {}, id="404"),
        pytest.param("/error", "HTTP 500 Internal Server Error", {}, id="500"),
        pytest.param(
            "/slow", "timed out after 0.5 s", {"CORRIDORMAP_URL_TIMEOUT": "0.5"}, id="timeout"
        ),
        pytest.param("/image.png", "not a text document (Content-Type image/png)", {}, id="png"),
        pytest.param(
            "/octets",
            "not a text document (Content-Type application/octet-stream)",
            {},
            id="octet-stream",
        ),
        pytest.param("/disguised", "binary", {}, id="binary-as-text-plain"),
        pytest.param("/empty", "empty document", {}, id="empty"),
        pytest.param(
            "/big", "larger than 1000 bytes", {"CORRIDORMAP_URL_MAX_BYTES": "1000"}, id="too-big"
        ),
        pytest.param(
            "/truncated", "connection closed after 15 of 100000 bytes", {}, id="truncated-body"
        ),
        pytest.param(
            "/article.html",
            "CORRIDORMAP_URL_TIMEOUT='soon': not a number",
            {"CORRIDORMAP_URL_TIMEOUT": "soon"},
            id="bad-timeout-setting",
        ),
    ],
)
def test_failing_url_is_one_line_exit_2(
    site: str, path: str, message: str, env: dict[str, str]
) -> None:
    """input: URLs that answer 404 or 500, answer after the (0.5 s) timeout, send PNG,
    octet-stream, NUL bytes as text/plain, nothing, more than the size cap, or a body
    shorter than its Content-Length; a non-numeric CORRIDORMAP_URL_TIMEOUT
    outcome: exit 2, one line naming the URL (or the setting) and the reason"""
    done = run("places", f"{site}{path}", env=env)
    assert_one_error(done, message)


def test_refused_connection_is_one_line_exit_2() -> None:
    """input: a URL on a loopback port nobody listens on
    outcome: exit 2, "cannot fetch (... refused)\""""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = run("places", f"http://127.0.0.1:{port}/a.html")
    assert_one_error(done, f"http://127.0.0.1:{port}/a.html: cannot fetch (")
    assert "refused" in done.stderr.decode().lower()


def test_url_timeout_parameter_overrides_the_default(site: str) -> None:
    """input: read_inputs(url, url_timeout=0.3) against a server that answers in 3 s
    outcome: InputError "timed out after 0.3 s"
    """
    with pytest.raises(InputError, match=r"timed out after 0\.3 s"):
        list(read_inputs(f"{site}/slow", url_timeout=0.3))
