"""Sentence spans: the rule-based splitter every document goes through.

Its own module so that it can be compiled with the recogniser and the resolver
(:mod:`corridormap._native`): it runs over every character of every document.
:mod:`corridormap.documents` re-exports :func:`split_sentences`.
"""

from __future__ import annotations

import re
from typing import Final

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS: Final = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "sen", "rep", "gov", "lt",
    "col", "sgt", "capt", "cmdr", "adm", "maj", "jr", "sr", "inc", "co", "corp", "ltd",
    "no", "nos", "vs", "etc", "e.g", "i.e", "approx", "est", "dept", "univ", "ave", "blvd",
    "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "fig", "al", "pres", "rev", "hon", "calif", "fla", "ill", "mass", "penn", "wash",
}  # fmt: skip
# Letters in a row before a full stop that no abbreviation above reaches.
_LONGEST_ABBREVIATION: Final = 1 + max(len(a) for a in _ABBREVIATIONS)
# "[.!?][.!?]*" rather than "[.!?]+": a pattern that opens with a plain class lets the
# engine skip to the next stop instead of trying a match at every character.
_SENTENCE_END: Final = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# The letters and dots right before a full stop, read backwards from it (a backwards
# match at one position, not a search for "$" at every position of the window).
_LETTERS_AND_DOTS: Final = re.compile(r"[A-Za-z.]+")
_WORD_CHAR: Final = re.compile(r"[\w.]")


def _word_before(para: str, lo: int, stop: int) -> str:
    """The run of letters and dots ending at ``stop`` (not before ``lo``), if it is a
    whole word: not glued to a digit or another word character ("1960s." is none)."""
    if stop <= lo:
        return ""
    back = para[lo:stop][::-1]
    run = _LETTERS_AND_DOTS.match(back)
    if run is None:
        return ""
    start = stop - run.end()
    if start > 0 and _WORD_CHAR.match(para, start - 1):
        return ""
    return para[start:stop]


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Split ``text`` into sentence spans.

    A rule-based splitter: line breaks always end a sentence; ``.``, ``!`` or ``?``
    (with closing quotes) end one when followed by a capital letter or digit, unless
    the word before the stop is a known abbreviation or a single letter ("U.S.",
    "N. Korea").  Spans exclude surrounding white space and cover every non-space
    character of ``text``.

    Parameters
    ----------
    text : str

    Returns
    -------
    tuple of (int, int)
        ``(start, end)`` character offsets, in order.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    # Lines, not runs of line breaks: str.split finds them by memchr where the pattern
    # ran the regex engine over every character; an empty line yields an empty span,
    # dropped below like any span of white space.
    for para in text.split("\n"):
        para_start = text.index(para, pos) if para else pos
        pos = para_start + len(para)
        cut = 0
        for match in _SENTENCE_END.finditer(para):
            # The whole token before the stop: "1960s." ends a sentence, "U.S." may not.
            # Read in a bounded window (whether the word is glued to what precedes it
            # is still checked before the window), so a long paragraph is not rescanned
            # at every stop.
            stop = match.start()
            if stop - _LONGEST_ABBREVIATION > cut:
                # Most stops follow a word too long to be an abbreviation: no need to
                # read it ("said.", "Vladivostok.").
                tail = para[stop - _LONGEST_ABBREVIATION : stop]
                if tail.isascii() and tail.isalpha():
                    spans.append((para_start + cut, para_start + match.end()))
                    cut = match.end()
                    continue
            token = _word_before(para, max(cut, stop - 64), stop)
            if token:
                token = token.lower().rstrip(".")
                if token in _ABBREVIATIONS or len(token.replace(".", "")) == 1:
                    continue
            spans.append((para_start + cut, para_start + match.end()))
            cut = match.end()
        spans.append((para_start + cut, para_start + len(para)))
    stripped: list[tuple[int, int]] = []
    for start, end in spans:
        segment = text[start:end]
        core = segment.strip()
        if core:
            # str.strip and str.lstrip share one definition of white space.
            first = start + len(segment) - len(segment.lstrip())
            stripped.append((first, first + len(core)))
    return tuple(stripped)
