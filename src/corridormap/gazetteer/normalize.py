"""The one normalisation used for every gazetteer key.

Both sides of a lookup go through :func:`normalize`: the names stored in the index at
build time and the text a caller looks up (a mention, a CLI argument).  Keys are
therefore only ever compared with ``==``; no lookup does its own case or accent folding.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

__all__ = ["is_latin", "normalize", "spelt_alike"]

# Typographic apostrophes and quotes seen in transliterations (Ch'ongjin, Xi’an).
_APOSTROPHES = "\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032\u02b9"
# Hyphens, dashes and the minus sign: news text mixes them freely in compound names.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Punctuation that never distinguishes two places: it becomes a space.
_SPACE_PUNCT = ',;:()[]{}"/\\!?«»“”„·'

_TRANSLATE = str.maketrans(
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
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ABBREV_RE = re.compile(r"(?:(?<=^)|(?<= ))(st|ste|ft|mt)(?= )")


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
