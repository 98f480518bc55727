"""The one normalisation used for every gazetteer key.

Both sides of a lookup go through :func:`normalize`: the names stored in the index at
build time and the text a caller looks up (a mention, a CLI argument).  Keys are
therefore only ever compared with ``==``; no lookup does its own case or accent folding.
The two hashes of a key live here too, for the same reason: :func:`key_hash` (the key as
the index stores it) and :func:`filter_bit` (its bit in the index's key filter).

This module and :mod:`.index` are compiled with mypyc when the build is current (see
:mod:`corridormap._native`): every capitalised word of every story passes through them.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache
from typing import Final

__all__ = ["FILTER_BITS", "filter_bit", "is_latin", "key_hash", "normalize", "spelt_alike"]

# Typographic apostrophes and quotes seen in transliterations (Ch'ongjin, Xi’an).
_APOSTROPHES: Final = "\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032\u02b9"
# Hyphens, dashes and the minus sign: news text mixes them freely in compound names.
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Punctuation that never distinguishes two places: it becomes a space.
_SPACE_PUNCT: Final = ',;:()[]{}"/\\!?«»“”„·'

_TRANSLATE: Final = str.maketrans(
    {
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_SPACE_PUNCT, " "),
        # Dots go: "U.S." == "US", "N. Korea" == "N Korea", "St. Louis" == "St Louis".
        ".": "",
        # Latin letters that NFKD does not decompose into base + mark.
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ħ": "h",
    }
)

# Abbreviated generic words expanded so "St Petersburg" == "Saint Petersburg".
_ABBREVIATIONS: Final = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ABBREV_RE: Final = re.compile(r"(?:(?<=^)|(?<= ))(st|ste|ft|mt)(?= )")

#: Bits of the index's key filter (a one-hash Bloom filter, 4 MB): about 2.5 % of the
#: keys it has never seen pass it.
FILTER_BITS: Final = 1 << 25


def is_latin(char: str) -> bool:
    """Whether ``char`` is a letter of the Latin script (Basic Latin to Latin Extended).

    Parameters
    ----------
    char : str
        One character.

    Returns
    -------
    bool
    """
    code = ord(char)
    return (code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F) and char.isalpha()


def _strip_latin_marks(text: str) -> str:
    # Only marks on a Latin base go: Cyrillic й (и + breve) and Hangul syllables, which
    # NFKD splits into jamo, are recomposed by the final NFC.
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    latin_base = False
    for char in decomposed:
        if unicodedata.combining(char):
            if not latin_base:
                out.append(char)
            continue
        latin_base = is_latin(char)
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Normalise a place name into a gazetteer key.

    Casefolds; strips diacritics from Latin letters (``"São Tomé"`` -> ``"sao tome"``)
    while keeping other scripts as they are (``"Владивосток"`` -> ``"владивосток"``,
    ``"서울"`` unchanged); unifies apostrophes and dashes; drops dots (``"U.S."`` ->
    ``"us"``); turns other punctuation into spaces; writes a spaced ``&`` as ``and``;
    expands ``St``/``Ste``/``Ft``/``Mt``;
    collapses whitespace; and drops a leading ``"the "``.

    Parameters
    ----------
    text : str
        A name as written.

    Returns
    -------
    str
        The key; ``""`` if nothing but punctuation and spaces was given.
    """
    if text.isascii() and text.isalpha():
        # One plain word ("Vladivostok"), the commonest lookup: none of the steps
        # below changes it but the case.
        return text.lower()
    if (
        text.isascii()
        and text.replace(" ", "").isalpha()
        and "  " not in text
        and text[0] != " "
        and text[-1] != " "
    ):
        # Plain words with single spaces ("Tuttle Creek Lake"): only the case changes
        # before the article and the abbreviations below.
        key = text.lower()
    else:
        key = text.translate(_TRANSLATE)
        if not key.isascii():
            key = _strip_latin_marks(key)
        key = key.casefold()
        if not key.isascii():
            # casefold can reintroduce decomposable letters (e.g. "ẞ" -> "ss" is fine,
            # but compatibility forms such as full-width letters need one more pass).
            key = unicodedata.normalize("NFKC", key).translate(_TRANSLATE)
        key = " ".join(key.split()).strip(" '-")
        if " & " in key:
            key = key.replace(" & ", " and ")  # "Trinidad & Tobago", "Tyne & Wear"
    if key.startswith("the "):
        key = key[4:]
    # Cheap pre-check: every abbreviation ends in "t" or "e" followed by a space.
    if "t " in key or "e " in key:
        key = _ABBREV_RE.sub(lambda m: _ABBREVIATIONS[m.group(1)], key)
    return key


def spelt_alike(key: str, other: str) -> bool:
    """Whether two normalised keys spell one name two ways: 80 % alike ("basra",
    "basrah"; "turkmenbashi", "turkmenbasy").

    The one threshold for a respelling, at build time (a city's alternates) and in text
    (a mention against a candidate's name).
    """
    return difflib.SequenceMatcher(None, key, other).ratio() >= 0.8


def filter_bit(key: str) -> int:
    """The bit of the index's key filter that a normalised key sets.

    Most names a story's words make ("Smith", "Tuesday Morning") are in no gazetteer;
    CRC-32 tells most of them so several times faster than :func:`key_hash` and a search
    of the sorted hashes.

    Parameters
    ----------
    key : str
        An already normalised key.

    Returns
    -------
    int
        A bit position below :data:`FILTER_BITS`.
    """
    return zlib.crc32(key.encode("utf-8")) & (FILTER_BITS - 1)


def key_hash(key: str) -> int:
    """The 64-bit hash under which a normalised key is stored.

    Parameters
    ----------
    key : str
        An already normalised key.

    Returns
    -------
    int
        Unsigned 64-bit integer (BLAKE2b, little-endian), stable across runs and machines.
        :meth:`Gazetteer.contains_many` computes the same hash in bulk.
    """
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
