"""Find toponyms in a document, with exact character offsets.

The recogniser is model-free: it walks the tokens of each sentence, and at every token
that can start a proper name (a capital letter, an all-caps abbreviation such as
"U.S.", or a letter of a script without case) it looks up the longest run of up to six
tokens in the gazetteer's normalised-name index.  Context rules then drop matches that
are most likely not places:

* part of a person's name ("Kim Jong-un", "Moon Jae-in"): a city name glued to another
  capitalised word that is not itself a place, or preceded by a title ("President");
* part of an organisation's name ("Washington Post", "China Daily");
* a common English word that happens to be a place, at the start of a sentence
  ("March", "Reading") or anywhere for the words in :data:`_COMMON_WORDS`.

Every returned :class:`~corridormap.model.Mention` satisfies
``doc.text[m.start:m.end] == m.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final, NamedTuple

from corridormap._frozen import from_state
from corridormap.gazetteer.index import Gazetteer

# (the function from its module: a compiled build would read the package's
# `normalize` as the submodule)
from corridormap.gazetteer.normalize import normalize, spelt_alike
from corridormap.given_names import given_names
from corridormap.model import DIVISION_FEATURES, TOWN_FEATURES, Candidate, Document, Mention

MAX_TOKENS: Final = 6
_ARTICLES: Final = {"The", "THE"}
# Surface strings whose lookups a finder remembers (names repeat across a corpus).
_CACHE_SIZE: Final = 200_000
_UNCACHED: Final = object()

# A token: an abbreviation with dots ("U.S.", "D.C."), or a word whose inner
# apostrophes are kept ("d'Ivoire") except a possessive "'s", which is left outside.
_TOKEN: Final = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
# The same, captured, for re.split: tokens come out between the gaps.
_TOKEN_SPLIT: Final = re.compile(f"({_TOKEN.pattern})")


def _plane_class(char_class: str) -> str:
    """``char_class`` (a regex character class) as ranges of the Basic Multilingual Plane.

    The regex engine tests a class such as ``[^\\W\\d_]`` by reading several Unicode
    tables per character; a class of code-point ranges below U+10000 compiles to one
    bitmap test, and splitting a text into words is then about a third faster.  The
    ranges are read from this Python's own ``re`` (one pass over the plane, a few
    milliseconds at import), so they agree with ``char_class`` there by construction.
    Code points past U+FFFF are left out: a text that has them keeps the exact pattern.
    """
    ranges = []
    for low, high in ((0, 0xD800), (0xE000, 0x10000)):  # not the surrogates
        plane = "".join(map(chr, range(low, high)))
        for run in re.finditer(f"{char_class}+", plane):
            first, last = ord(run.group()[0]), ord(run.group()[-1])
            ranges.append(f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}")
    return f"[{''.join(ranges)}]"


_LETTER: Final = _plane_class(r"[^\W\d_]")
# _TOKEN_SPLIT for text of the plane, written with the first letter outside the
# alternatives so that the engine can skip to it (same tokens, same order of trial).
# The word's first letter and its run are the ranges; the rarer parts keep the short
# class (each copy of the ranges costs milliseconds of start-up to compile).
_PLANE_TOKEN_SPLIT: Final = re.compile(
    f"({_LETTER}(?:\\.(?:[^\\W\\d_]\\.)+|{_LETTER}*(?:['’](?![sS]\\b)[^\\W\\d_]+)*))"
)
# Most sentences have no apostrophe and no dotted abbreviation, and their tokens are
# then simply the runs of letters.
_PLANE_WORD_SPLIT: Final = re.compile(f"({_LETTER}+)")
_DOTTED_LETTER: Final = re.compile(r"\.[^\W\d_]\.")
# A letter that starts a word and is not a-z: where a capitalised token may begin (also
# true of a lower-case letter of another script, which only costs a skipped shortcut).
# The letter comes first and the look-behind after it (the letter before it), so the
# engine skips to candidates; in a text of the plane the letter is its ranges, a-z out.
_CAPITAL_START: Final = re.compile(r"[^\W\d_a-z](?<![^\W\d_].)")
_PLANE_CAPITAL_START: Final = re.compile(
    _LETTER.replace("\\u0061-\\u007a", "", 1) + r"(?<![^\W\d_].)"
)
# After the first token of a sentence without any other capital, a name starting there
# cannot reach further than this many characters (MAX_TOKENS words and their gaps).
_NAME_REACH: Final = 200
# A word written wholly in lower case, not after a hyphen ("Jong-un") (the definition
# _LowerWords answers for one word at a time).
_LOWER_WORD: Final = re.compile(r"(?<![\w\-‐‑–’'])[a-z]+\b")
_NOT_BEFORE_LOWER: Final = frozenset("-‐‑–’'")
# What may stand between two tokens of one name: a space, a hyphen or dash, or the
# full stop of an initial ("N. Korea", "St. Petersburg").
_JOINER: Final = re.compile(r"\.?[ \t]{1,2}|[-‐‑–]")
#: Dashes between two names pair places ("the Agartala–Akhaura rail link"); hyphens
#: may glue a person's double name.
_DASHES: Final = frozenset({"–", "—"})
_HYPHENS: Final = frozenset({"-", "‐", "‑"})
_HYPHENS_AND_DASHES: Final = _HYPHENS | _DASHES

#: The apostrophe of a possessive inside a name: "Democratic People's Republic of
#: Korea", "People’s Republic of China" (the longest lookup decides: "Russia's Far East"
#: stays two names).
_APOSTROPHES: Final = frozenset({"'", "’"})
#: Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina").
_CONNECTORS: Final = {
    "of", "and", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
    "la", "le", "les", "el", "al", "los", "las", "on", "upon", "am", "im", "an", "der",
    "van", "von", "y", "e", "en", "sur", "au", "aux", "bin", "et", "sous", "under", "in",
    # Arabic articles: "Dar es Salaam", "Ras ash Shaykh", "Deir ez-Zor", "Bandar ad Dammam"
    "es", "ul", "ash", "ar", "ez", "az", "ad", "ed", "adh", "ath", "ud", "uz",
    "i",  # Persian ezafe: "Mazar-i-Sharif"
}  # fmt: skip

#: Geographic generics that end a name even in lower case ("the Korean peninsula").
_GENERICS: Final = {
    "peninsula", "river", "sea", "ocean", "mountains", "mountain", "range", "islands",
    "island", "lake", "strait", "straits", "gulf", "bay", "valley", "desert", "basin",
    "delta", "plateau", "canal", "coast", "region", "province", "state", "oblast", "krai",
}  # fmt: skip

#: Administrative generics that, in lower case, follow a name without being part of
#: it: "Yunnan province", "Lagos state" (the toponym is "Yunnan", "Lagos").
#: A name before one stands without it when it can be a division
#: (:data:`~corridormap.model.DIVISION_FEATURES`).
_ADMIN_LOWER: Final = frozenset({"region", "province", "state", "oblast", "krai"})

#: Titles that, directly before a capitalised word, make it a person.
_TITLES: Final = {
    "president", "minister", "premier", "chancellor", "senator", "sen", "governor", "gov",
    "mayor", "king", "queen", "prince", "princess", "emperor", "pope", "mr", "mrs", "ms",
    "dr", "gen", "general", "admiral", "colonel", "col", "captain", "capt", "lt", "sgt",
    "judge", "justice", "rep", "representative", "secretary", "ambassador", "chairman",
    "leader", "director", "professor", "prof", "sir", "lord", "lady", "saint", "rev",
    "father", "brother", "sister", "uncle", "aunt", "coach", "officer", "deputy", "vice",
    "spokesman", "spokeswoman", "chief", "ceo", "head",
}  # fmt: skip

#: Institutions named after a person ("Charles Darwin University", "the Nelson Mandela
#: Foundation").
_NAMED_FOR_PEOPLE: Final = frozenset(
    {"university", "college", "institute", "foundation", "museum", "library", "academy",
     "trust", "memorial"}
)  # fmt: skip
#: Words after a place name that make the run an organisation or a thing, not a place.
_ORG_WORDS: Final = {
    "post", "times", "daily", "today", "herald", "journal", "news", "tribune", "gazette",
    "airlines", "airways", "air", "bank", "telecom", "university", "college", "school",
    "institute", "hospital", "council", "police", "fc", "united", "city", "stadium",
    "church", "cathedral", "street", "avenue", "road", "company", "corp", "inc", "group",
    "motors", "energy", "oil", "gas", "review", "press", "club", "academy",
    "foundation", "agency", "ministry", "department", "museum", "zoo", "park", "airport",
    "station", "mall", "hotel", "center", "centre", "house", "hall", "tower", "square",
    "bridge", "court", "prison", "jail", "high", "elementary", "district",
    "commission", "committee", "board", "authority", "services", "service", "utilities",
    "association", "society", "bureau", "office", "administration", "corporation",
    "chamber", "library", "schools", "team", "league", "port", "harbour", "harbor",
    "terminal", "infirmary", "clinic", "chapel", "basilica", "abbey", "mosque", "temple",
    "synagogue", "shrine",
    "marina", "village", "international", "circuit", "convention", "alliance", "party",
    "market", "army", "state", "selectman", "selectmen", "elks", "trust", "project", "inn",
    "hauptbahnhof", "bahnhof",
    # sports teams named after their city: "the Kansas City Chiefs", "Mumbai Indians"
    "chiefs", "bills", "lakers", "warriors", "giants", "jets", "yankees", "mets", "cubs",
    "bears", "packers", "cowboys", "eagles", "patriots", "rams", "raiders", "chargers",
    "broncos", "seahawks", "steelers", "ravens", "bengals", "colts", "titans", "jaguars",
    "texans", "saints", "falcons", "panthers", "buccaneers", "vikings", "lions", "cardinals",
    "celtics", "knicks", "nets", "bulls", "rockets", "spurs", "mavericks", "suns",
    "clippers", "nuggets", "pelicans", "grizzlies", "hawks", "hornets", "pistons", "pacers",
    "bucks", "cavaliers", "raptors", "wizards", "dodgers", "padres", "astros", "rangers",
    "mariners", "royals", "twins", "tigers", "indians", "orioles", "marlins", "braves",
    "phillies", "nationals", "pirates", "reds", "brewers", "rockies", "canadiens",
    "bruins", "flyers", "penguins", "blackhawks", "oilers", "flames", "canucks", "sabres",
    "islanders", "predators", "sharks", "coyotes", "kings", "knights", "riders",
    "sunrisers", "wanderers", "rovers",
    # a politician's home town: "a Manhattan Democrat", "Hounslow Labour councillors"
    "democrat", "democrats", "republican", "republicans", "labour",
    # a part of the place: "the Las Vegas Strip"
    "strip",
}  # fmt: skip
_SETTLEMENT_NOUNS: Final = (
    r"(?:town|city|village|port|hamlet|settlement|municipality|community|district|province"
    r"|region|suburb|township|border town|oasis)"
)
# "the town of X", "the Sudanese port of X": the generic noun right before the name.
_PLACE_OF: Final = re.compile(rf"\b[Tt]he (?:[\w-]+ )?{_SETTLEMENT_NOUNS} of $")
# "towns such as X", "districts including X": the name heads an example list.
_PLACES_SUCH_AS: Final = re.compile(
    r"\b(?:towns|cities|villages|ports|hamlets|settlements|municipalities|communities"
    r"|districts|provinces|regions|suburbs|townships|counties)(?: (?:such as|including|like) |: )$"
)
# "X, a small town", "X, an oil port": the name in apposition to a settlement noun.
_PLACE_APPOSITION: Final = re.compile(
    rf", an? (?:[a-z-]+ ){{0,2}}{_SETTLEMENT_NOUNS}\b"
    # not a person's role: "Jackson Tumwine, a district health officer"
    r"(?! (?:[a-z]+ )?(?:officers?|officials?|commissioners?|administrators?|managers?|chiefs?"
    r"|heads?|workers?|leaders?|spokes\w+|councillors?|councilors?|judges?|doctors?)\b)"
)
#: How far right of a place a run of capitalised words is searched for an organisation
#: word: "Gainesville Public Utilities", "Georgia Public Service Commission".
_ORG_REACH: Final = 5
#: Compass words after a town's name that make a school's or a district's name of it.
_COMPASS_WORDS: Final = frozenset({"north", "south", "east", "west", "central"})
#: A town at least this big before a compass word is the town ("Mankato West").
_COMPASS_TOWN_POPULATION: Final = 20_000
#: Lower-case words inside an organisation's name ("Railways and Light Company").
_ORG_CONNECTORS: Final = frozenset({"and", "of", "for"})

#: Words after a place name that make the run a newspaper or broadcaster's name.
_MEDIA_WORDS: Final = {
    "post", "times", "daily", "herald", "journal", "tribune", "gazette", "review", "press",
    "chronicle", "courier", "examiner", "observer", "telegraph", "independent", "sun",
    "presse",
}  # fmt: skip

#: People's names that are towns' too: after a preposition of _PLACE_BEFORE_NAMESAKE
#: ("in Troy", "near Tyler") the town, elsewhere in news more often the person.
_PEOPLES_NAMES: Final = {
    "jackson", "lincoln", "washington", "franklin", "jefferson", "madison", "monroe",
    "hamilton", "wilson", "taylor", "grant", "houston", "austin", "dallas", "jordan",
    "chad", "georgia", "victoria", "florence", "beverly", "lorraine", "charlotte",
    "elizabeth", "alexandria", "regina", "marion", "tyler", "troy",
}  # fmt: skip
#: Capitalised words that name places somewhere but are far more often ordinary words,
#: months, weekdays, or given names in news text.
_COMMON_WORDS: Final = _PEOPLES_NAMES | {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "will", "can", "said", "says", "mobile", "reading",
    "nice", "bath", "split", "sale", "deal", "hope", "union", "independence", "liberty",
    "federal", "national", "common", "general", "royal", "liberal", "superior", "supreme",
    "victory", "unity", "progress", "enterprise", "commerce", "industry", "justice", "young",
    "prosperity", "peace", "harmony", "friendship", "opportunity", "freedom",
    "white", "black", "green", "brown", "gray", "grey", "long", "strong", "best", "early",
    "new", "president", "minister", "government", "state", "city", "county", "north",
    "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "university", "church", "police", "court", "news",
    "post", "time", "times", "center", "mission", "us", "it",
    "as", "at", "is", "be", "by", "he", "she", "we", "in", "on", "of", "or", "an", "no",
    "so", "to", "up", "do", "go", "if", "me", "my", "i", "a", "the", "this", "that", "but",
    "after", "before", "during", "since", "while", "when", "where", "why", "how", "what",
    "who", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "god", "christ", "jesus", "allah", "paradise", "eden", "earth", "moon", "sun", "mars",
    "venus", "jupiter", "mercury", "obama", "trump", "bush", "clinton", "biden", "putin",
    "kim", "lee", "park", "chen", "wang", "li", "zhang", "liu", "smith", "johnson",
    "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "none", "much", "more",
    "most", "many", "each", "every", "all", "some", "any", "other", "another", "only",
    "also", "even", "just", "here", "there", "then", "now", "today", "yesterday",
    "tomorrow", "christmas", "easter", "thanksgiving", "man", "woman", "boy", "girl",
    "pack", "troop", "team", "club", "home", "olympic", "olympics", "congress", "senate",
    "thomas", "el nino", "la nina", "santa claus",
    "arab",  # an ethnonym ("Arab countries", "the Arab world"), not Arab, Alabama
    "republic",  # "the Republic" (of Ireland, of Korea ...), not Republic, Missouri
    # small divisions' names that are English words ("See the table": not See, Fribourg)
    "see", "sense", "light", "hinterland", "marker",
    "parks",  # "Parks and Recreation", not Parks, Arizona
    "level",  # "Level 3 evacuation orders"
    "metro",  # "Metro Police", "Metro 911": a city's own services
    "rain", "hail", "snow",  # weather opening a sentence, not Rain (Bavaria) or Ha'il
    "junior", "senior", "quarter", "law", "reform",
    # sports that head a national body's name: "Cricket Australia said"
    "cricket", "football", "rugby", "tennis", "golf", "hockey", "basketball", "baseball",
    "athletics", "cycling", "swimming", "netball", "soccer", "sport", "sports",
    # news agencies: "Xinhua reported" is China's, not a Chinese township's
    "xinhua", "tass", "anadolu",
    # English words that are some small place's name or a city's other spelling: "Media
    # reports", "in Spring 2002", "Say It's Not True", "the Godfather of Soul" (Seoul)
    "media", "spring", "say", "soul", "monster",
}  # fmt: skip
#: A place name right before one of these names a disease or a virus ("West Nile virus",
#: "Marburg virus", "Rift Valley fever", "Spanish flu"), not the place.
_DISEASE_AFTER: Final = re.compile(
    r"[ -](?:virus(?:es)?|fever|disease|syndrome|encephalitis|ha?emorrhagic|ebolavirus"
    # (not "the United States flu season", "whose U.S. flu vaccine plant": the country's)
    r"|(?:flu|influenza)(?! season| vaccines?\b| shots?\b))\b",
    re.I,
)
#: Capitalised particles that open a family name: "De Beers", "Van Buren", "Von Trapp".
_SURNAME_PARTICLES: Final = frozenset({"De", "Van", "Von", "Du", "Del", "Della", "Di", "Da"})
#: Roles in lower case before a first name and a surname: "forward Paris Oliveira".
_ROLES: Final = frozenset(
    {"forward", "striker", "midfielder", "defender", "goalkeeper", "winger", "guard",
     "quarterback", "back", "receiver", "pitcher", "catcher", "coach", "manager", "captain",
     "teammate", "rookie", "veteran", "player", "driver", "rider", "cyclist", "batsman",
     "bowler", "spokesman", "spokeswoman", "actor", "actress", "singer", "author", "artist",
     "reporter", "columnist", "lawyer", "attorney", "judge", "officer", "sergeant",
     "deputy", "trooper", "detective", "resident", "student", "teacher", "nurse", "doctor",
     "farmer", "owner", "chef", "pastor", "reverend", "councillor", "councilman",
     "councilwoman", "commissioner", "senator", "congressman", "congresswoman"}
)  # fmt: skip
#: Kin before a capitalised word make it a person's name: "her son Jack", "his wife Nancy".
_KIN: Final = frozenset(
    {"son", "sons", "daughter", "daughters", "wife", "husband", "brother", "sister",
     "mother", "father", "grandson", "granddaughter", "nephew", "niece", "uncle", "aunt",
     "cousin", "boyfriend", "girlfriend", "fiancé", "fiancée", "widow", "widower",
     "stepson", "stepdaughter"}
)  # fmt: skip
#: Function words that may stand capitalised before a name at a sentence start
#: ("In Gainesville", "From Ohio") without making it part of a person's name.
_FUNCTION_WORDS: Final = {
    "in", "at", "from", "to", "for", "on", "by", "with", "near", "of", "across", "into",
    "outside", "inside", "around", "throughout", "like", "and", "but", "or", "as", "if",
    "when", "while", "since", "after", "before", "during", "until", "about", "than",
    "between", "through", "via", "toward", "towards", "under", "over", "both", "all",
    "most", "many", "some", "every", "each", "this", "that", "these", "those", "our",
    "his", "her", "their", "its", "my", "your", "a", "an", "the", "north", "south",
    "east", "west", "central", "northern", "southern", "eastern", "western", "downtown",
    "rural", "suburban", "greater", "upstate", "southeast", "southwest", "northeast",
    "northwest", "new", "old",
    # prepositions and participles that open a sentence: "Following Venice's lead, ..."
    "following", "despite", "unlike", "including", "according", "amid", "amidst", "within",
    "without", "along", "beyond", "against", "among", "upon", "per", "off", "visit",
    "welcome", "leaving", "entering", "reach", "beneath", "below", "above", "behind",
    "beside", "besides", "past",
    # adverbs that open a sentence: "Later Vladivostok said no"
    "later", "earlier", "meanwhile", "then", "now", "today", "yesterday", "also", "still",
    "however", "instead", "separately", "elsewhere", "overall", "nearby", "here", "there",
    "last", "next", "once", "soon", "recently", "currently", "previously",
}  # fmt: skip

#: Words that end a street's name ("Main Street", "Darby St."), and the abbreviated ones.
#: Highway and Expressway are left out: "the Karakoram Highway" names a corridor this tool
#: draws, not a place on it.  "Road" is in since session 12 ("Mayfield Road" is no
#: mention of Mayfield), except after a country or a big city ("the Burma Road") and
#: across a hyphen ("the Mombasa-Nairobi Road"): see :func:`_street_end`.
_STREET_WORDS: Final = {
    "Street", "St", "Avenue", "Ave", "Drive", "Boulevard", "Blvd", "Lane", "Pike", "Road",
}  # fmt: skip
_STREET_ABBREVIATIONS: Final = {"St", "Ave", "Blvd"}
#: Words that name a road by its number ("Highway 19", "Interstate 29", "Route 66").
_ROAD_WORDS: Final = {"Highway", "Interstate", "Route", "Hwy", "Loop", "Spur"}
_ROAD_NUMBER: Final = re.compile(r"[ -]\d{1,4}[A-Z]?\b")
#: Any street or road word: a sentence without one has no street name.
_STREET_CUE_WORDS: Final = frozenset(_STREET_WORDS | _ROAD_WORDS)

#: A division or feature word in lower case after a name, or after the list of names it
#: ends: "Jajarkot and Gorkha districts", "the Bakool region", "the Chenab river".
_DIVISION_WORD_AFTER: Final = re.compile(
    r"(?:(?:,|,? and|,? or) [A-Z][\w'’-]*)* (?:districts?|provinces?|count(?:y|ies)"
    r"|municipalit(?:y|ies)|governorates?|prefectures?|regions?|(rivers?|lakes?|islands?))\b"
)
#: The first words of sports clubs' names before their town's: "Eintracht Frankfurt",
#: "Borussia Dortmund", "Górnik Zabrze", "Real Madrid" (none is a given name).
_CLUB_WORDS: Final = frozenset(
    {"eintracht", "borussia", "dynamo", "dinamo", "spartak", "lokomotiv", "zenit",
     "sporting", "olympique", "stade", "hertha", "fortuna", "werder", "hajduk", "partizan",
     "legia", "lech", "górnik", "korona", "piast", "pogoń", "wisła", "śląsk", "zagłębie",
     "jagiellonia", "slavia", "sparta", "viktoria", "steaua", "shakhtar", "zorya",
     "vorskla", "olimpija", "ferencváros", "racing", "atlético", "atletico", "real",
     "deportivo", "athletic", "inter", "internazionale", "bayer", "hamburger", "vfb",
     "vfl", "tsg", "fc", "afc", "ac", "ssc"}
)  # fmt: skip
#: Prepositions that make a name a place even where the story also names a person so
#: ("Chief Troy Jensen ... crews in Troy"); not "from" or "to" ("a pass from Jackson").
_PLACE_BEFORE_NAMESAKE: Final = frozenset(
    {"in", "near", "at", "between", "via", "through", "outside", "capital",
     # a part of it: "towns in eastern Victoria", "rural Georgia"
     "northern", "southern", "eastern", "western", "central", "northeastern",
     "northwestern", "southeastern", "southwestern", "downtown", "rural", "coastal"}
)  # fmt: skip
#: "county" or "counties" in lower case after a name ("Boone county", "Avery and Ashe
#: counties"): the name is a county's.  Group 1 is the plural, which speaks of the list
#: the name ends (the resolver reads it too).
COUNTIES_AFTER: Final = re.compile(r" count(?:y|(ies))\b")
#: The same after a list: "Barrow, Jackson and Madison counties".
_LISTED_COUNTIES: Final = re.compile(
    r"(?:(?:,|,? and|,? or) [A-Z][\w'’-]*)* (?:count(?:y|ies)|parish(?:es)?)\b"
)
#: Administrative generics that a capitalised word before them makes a place name
#: ("Laurel County", "Tangipahoa Parish"), even one the gazetteer lacks.
_ADMIN_GENERICS: Final = {
    "County", "Parish", "Township", "Borough", "Prefecture", "Oblast", "Krai", "Province",
    "Governorate",
}  # fmt: skip

#: Bodies of a town's government: in "Dublin City Council" the word "City" is theirs.
_CITY_BODIES: Final = frozenset(
    {"Council", "Councillor", "Councilman", "Councilwoman", "Hall", "Manager", "Commission",
     "Commissioner", "Attorney", "Clerk", "Court", "Engineer", "Administrator", "Board",
     "Police", "Schools", "Treasurer", "Auditor", "Planner"}
)  # fmt: skip

#: Features whose bare generic name is a curated alias ("the Gulf", "the Channel").
_NAMED: Final = {"country", "physical", "region", "continent"}

#: :meth:`MentionFinder._keep` verdict: the match is part of a person's name, so the
#: same name elsewhere in the document is that person too.
_PERSON: Final = object()
#: :meth:`MentionFinder._keep` verdict: a famous person's name naming a school
#: ("Franklin Elementary"); the story's later bare "Franklin"s are that school.
_SCHOOL: Final = object()
#: :meth:`MentionFinder._keep` verdicts for a lone variant spelling of a town ("Douma"
#: for Dūmā): the context calls it a place ("the city of Douma"), which confirms every
#: other mention of the name in the document; or nothing around it says "place", and it
#: is kept only if the document confirms the name elsewhere.
_NAMED_HERE: Final = object()
_IF_NAMED_ELSEWHERE: Final = object()
#: A preposition of place right before a name, or a state or a country after it: the
#: story itself calls the name a place ("in Chiefland", "Chiefland, Fla.").
_PLACE_BEFORE: Final = re.compile(
    r"\b(?:[Ii]n|[Ff]rom|[Nn]ear|[Aa]t|(?<![Aa]ccording )[Tt]o|of|[Oo]utside|[Ii]nto"
    r"|[Tt]hrough) \Z"
)  # (not "according to Lincoln": a source, the story's person)
_QUALIFIED_AFTER: Final = re.compile(r", [A-Z]")
#: A state's or province's abbreviation after a name: "Jackson, Miss.", "Truro, N.S.".
_STATE_QUALIFIER_AFTER: Final = re.compile(r", (?!U\.[SK]\.)(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)")
#: Verdict for a small town's name opening a sentence ("Lismore's mayor said"): kept if
#: another mention of the name in the story is.
_IF_KEPT_ELSEWHERE: Final = object()


def _the_school_again(mention: Mention, key: str, schools: dict[str, int], text: str) -> bool:
    """Whether ``mention`` is the school the story named before ("Franklin Elementary
    ... a teacher at Franklin, ... near Franklin"): not "in Franklin", nor "Franklin,
    Tenn.", which are the town."""
    return (
        key in schools
        and mention.start > schools[key]
        and not text.endswith(("in ", "In "), 0, mention.start)
        and _QUALIFIED_AFTER.match(text, mention.end) is None
    )


def _place_word_before(text: str, start: int) -> bool:
    """Whether a preposition of place (:data:`_PLACE_BEFORE`) ends right before ``start``."""
    return _PLACE_BEFORE.search(text, max(0, start - 12), start) is not None


#: Whether a place name inside an organisation's name ("Texas Department of Health")
#: is reported.  LGL and GeoWebNews annotate such embedded toponyms; see
#: docs/geoparsing.md.
_EMBEDDED_IN_ORGS: Final = True


def _important(cand: Candidate | None) -> bool:
    if cand is None:
        return False
    place = cand.place
    if cand.match == "alternate" and place.feature == "city":
        return False  # "Manning" is a variant of Wanning, a city of 500,000: no reason
    return place.feature in {"country", "continent", "region", "physical"} or (
        place.feature in {"capital", "admin1", "city"}
        and place.population >= _COMMON_BUT_BIG_POPULATION
    )


# Names in _COMMON_WORDS that are also important places: kept when the gazetteer's
# best reading is a country, a capital or a city of at least this population and the
# context does not say "person" (see _is_person_context).
_COMMON_BUT_BIG_POPULATION: Final = 200_000
#: A town this big is taken by another name of six letters or more after a place
#: preposition ("to Sheberghan", GeoNames' Shibirghan, 55,000 people).
_BIG_CITY_SPELLING: Final = 20_000
#: A city at least this big is meant by a close respelling of its name anywhere.
_BIG_CITY_RESPELT: Final = 200_000
#: A city this big is meant by any of its other names of six letters or more.
_WORLD_CITY_POPULATION: Final = 1_000_000
#: A respelling this long of a town of :data:`_BIG_CITY_SPELLING` is the town anywhere.
_LONG_RESPELLING: Final = 10
#: First halves of hyphenated names that are no place: "the Trans-Kalahari railway".
_NAME_PREFIXES: Final = frozenset(
    {"trans", "pan", "inter", "intra", "sino", "euro", "afro", "indo", "anglo", "franco",
     "north", "south", "east", "west", "central", "greater", "upper", "lower", "new", "old"}
)  # fmt: skip

#: Combining forms that make a firm's name out of a place's: "Hydro-Québec",
#: "Petro-Canada", "Aero-Mexico".  The first half is no place (Hydro, Oklahoma), the
#: second keeps its own reading.
_COMBINING_FORMS: Final = frozenset(
    {"hydro", "petro", "electro", "aero", "agro", "agri", "bio", "eco", "geo", "tele",
     "cyber", "nano", "micro", "macro", "neo", "proto", "pseudo", "multi"}
)  # fmt: skip


class _LowerWords:
    """The words a document writes wholly in lower case ("bureau", "most"), not after a
    hyphen or an apostrophe ("Jong-un"), asked one word at a time.

    The set :data:`_LOWER_WORD` would list, without listing it: a story asks about
    eight words on average, and finding one is a fast ``str.find`` of the text where
    listing them all was a regex step at every character.  Answers are memoised.
    """

    __slots__ = ("_fragments", "_known", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, bool] = {}
        self._fragments: dict[str, bool] = {}

    def in_text(self, fragment: str) -> bool:
        """Whether the document holds ``fragment`` anywhere (memoised): a cheap test
        before a pattern that needs the fragment is searched near every name."""
        found = self._fragments.get(fragment)
        if found is None:
            found = self._fragments[fragment] = fragment in self._text
        return found

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._written(word)
        return known

    def _written(self, word: str) -> bool:
        if not (word.isascii() and word.isalpha() and word.islower()):
            return False  # not a run of a-z: _LOWER_WORD never lists it
        text = self._text
        size = len(word)
        at = text.find(word)
        while at >= 0:
            end = at + size
            before = text[at - 1] if at else " "
            after = text[end] if end < len(text) else " "
            # a whole word: no word character (regex \w) on either side, and no hyphen
            # or apostrophe before it
            if not (before.isalnum() or before == "_" or before in _NOT_BEFORE_LOWER) and not (
                after.isalnum() or after == "_"
            ):
                return True
            at = text.find(word, at + 1)
        return False


class _DocContext(NamedTuple):
    """What :meth:`MentionFinder.find` learns once per document for every sentence."""

    #: Words the document writes in lower case ("bureau", "most").
    lower_words: _LowerWords
    #: Demonyms the document names as a town ("ALPINE, Texas"): places, not adjectives.
    towns: frozenset[str] = frozenset()
    #: Filled while reading: demonyms seen followed by a town's state or country.
    qualified: set[str] | None = None
    #: Filled while reading: famous people's names seen naming a school ("Franklin
    #: Elementary"), with where the story first names the school.
    schools: dict[str, int] | None = None
    #: No code point past U+FFFF: the patterns written with the plane's ranges serve.
    in_plane: bool = True


class _Token:
    """One word of a sentence, with its absolute character offsets.

    A plain class rather than a NamedTuple: compiled by mypyc (:mod:`corridormap._native`)
    its fields are read straight from the object, and the recogniser reads them at every
    rule.
    """

    __slots__ = ("capitalised", "end", "start", "text")

    def __init__(self, start: int, end: int, text: str, capitalised: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        #: Starts with a capital, or with a letter of a script without case (서울, 北京).
        self.capitalised = capitalised

    def __repr__(self) -> str:
        return f"_Token({self.start}, {self.end}, {self.text!r}, {self.capitalised})"


def _in_plane(text: str) -> bool:
    """Whether ``text`` has no code point past U+FFFF (none takes two UTF-16 units).

    The UTF-16 codec answers in one pass in C, where a search for the astral range ran
    the regex engine over every character; ``surrogatepass`` lets a lone surrogate
    count as the one unit it is.
    """
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


def tokenize(
    text: str, start: int = 0, end: int | None = None, *, in_plane: bool | None = None
) -> list[_Token]:
    """Word tokens of ``text[start:end]`` with absolute offsets.

    ``re.split`` with a capturing pattern yields gap, token, gap, ...; running sums of
    their lengths give the offsets; a token starts with a letter, so it is capitalised
    exactly when that letter is not lower case (capitals, and letters of scripts
    without case such as 서울 or 北京).  ``in_plane`` says whether ``text`` is free of
    code points past U+FFFF (:class:`_DocContext` knows it for the whole document);
    None asks the slice itself.
    """
    stop = len(text) if end is None else end
    segment = text[start:stop]
    if in_plane is None:
        in_plane = _in_plane(segment)
    # (declared: re.split is typed list[str | Any], and the native ord() below needs str)
    parts: list[str]
    if not in_plane:
        parts = _TOKEN_SPLIT.split(segment)
    elif "'" in segment or "’" in segment or _DOTTED_LETTER.search(segment) is not None:
        parts = _PLANE_TOKEN_SPLIT.split(segment)
    else:
        parts = _PLANE_WORD_SPLIT.split(segment)
    tokens: list[_Token] = []
    offset = start
    for k in range(1, len(parts), 2):
        word = parts[k]
        offset += len(parts[k - 1])
        after = offset + len(word)
        # Capitalised: not a lower-case first letter; ASCII is answered by the code
        # point (a method call per token cost a tenth of the tokenizer).
        first = ord(word[0])
        capitalised = first < 97 or (first > 122 and (first < 128 or not word[0].islower()))
        tokens.append(_Token(offset, after, word, capitalised))
        offset = after
    return tokens


def _mention(
    doc_id: str, start: int, end: int, text: str, sentence: int, usage: str = "place"
) -> Mention:
    """``Mention(doc_id, start, end, text, sentence, usage=usage)``, not yet resolved,
    without the frozen dataclass's ``__init__`` (a test compares the two)."""
    state = {
        "doc_id": doc_id,
        "start": start,
        "end": end,
        "text": text,
        "sentence": sentence,
        "place": None,
        "confidence": 0.0,
        "usage": usage,
    }
    return from_state(Mention, state)


def _only_towns(cands: list[Candidate]) -> bool:
    """Whether every candidate is a populated place (none a feature or a region)."""
    return all(c.place.feature in TOWN_FEATURES for c in cands)


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    if gap == " ":
        return True  # by far the most common gap: no need for the pattern
    if gap == ".":
        # "W.Va.": a one-letter initial glued to the next word by its full stop.
        return len(left.text) == 1
    return bool(_JOINER.fullmatch(gap))


#: A line named after its two ends: "the Habshan-Fujairah oil pipeline", "the
#: Kigoma-Uvinza railway".
_ROUTE_NOUN_AFTER: Final = re.compile(
    r" (?:[a-z]+ ){0,2}?(?:rail|roads?|lines?|links?|routes?"
    # also capitalised in a name ("the Delhi-Mumbai Expressway"; not "Hyland-Croy Road",
    # a street)
    r"|(?i:pipelines?|railways?|railroads?|highways?|expressways?|motorways?|corridors?"
    r"|bridges?|tunnels?|cables?|interconnectors?))\b"
)


def _route_named(text: str, left: _Token, right: _Token, end: int) -> bool:
    """Whether ``left-right`` names a line's two ends: a hyphen and a route noun after."""
    return (
        text[left.end : right.start] in _HYPHENS_AND_DASHES
        and _ROUTE_NOUN_AFTER.match(text, end) is not None
    )


def _is_initial(text: str, token: _Token) -> bool:
    """A one-letter word followed by a full stop: the initial of a name ("Roy A. Nelson")."""
    return len(token.text) == 1 and text[token.end : token.end + 1] == "."


def _street_end(text: str, tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """End offset and last token of a street or road name starting at token ``i``.

    "Main Street", "Wichita Drive", "Pennsylvania Ave.", "Highway 19", "Interstate 29":
    up to three capitalised words and a street word, or a road word and its number.
    """
    first = tokens[i]
    if first.text.lower() in _FUNCTION_WORDS or first.text.lower() in _TITLES:
        return None
    if i > 0 and text[tokens[i - 1].end : first.start] in _HYPHENS_AND_DASHES:
        return None  # "Nairobi" in "the Mombasa-Nairobi Road" is the second end
    if first.text in _ROAD_WORDS:
        number = _ROAD_NUMBER.match(text, first.end)
        return (number.end(), i) if number else None
    for k in range(i + 1, min(i + 4, len(tokens))):
        token = tokens[k]
        if not token.capitalised or not _joined(text, tokens[k - 1], token):
            return None
        if token.text in _ADMIN_GENERICS:
            return None  # "Otter Tail County Road 43": the county, then a numbered road
        if text[tokens[k - 1].end : token.start] in _HYPHENS_AND_DASHES:
            return None  # "the Mombasa-Nairobi Road": a route between two places
        if token.text in _STREET_WORDS:
            end = token.end
            if text[end : end + 1] == "." and token.text in _STREET_ABBREVIATIONS:
                end += 1
            return end, k
    return None


#: Generic words that head a physical feature's name before "of": "the Gulf of Tonkin".
_FEATURE_HEADS: Final = frozenset(
    {"Gulf", "Bay", "Sea", "Strait", "Straits", "Cape", "Isle", "Lake", "Mount", "Isthmus"}
)


#: Capitalised generics that end a physical feature's name ("the Neches River", "Humboldt
#: Bay", "Tuttle Creek Lake") and that start one ("Lake Lanier", "Mount Hood", "Wadi
#: Derna", "the River Witham").  ``_feature_end`` reads such names, which the gazetteer
#: mostly lacks (cities500 has no rivers, lakes or hills).
_FEATURE_TAILS: Final = frozenset(
    {"River", "Creek", "Lake", "Bay", "Mountain", "Mountains", "Island", "Islands", "Valley",
     "Canyon", "Peninsula", "Sea", "Strait", "Desert", "Plateau", "Reservoir", "Lagoon"}
)  # fmt: skip
_FEATURE_PREFIXES: Final = frozenset(
    {"Lake", "Mount", "Mt", "River", "Wadi", "Jabal", "Jebel", "Djebel", "Lac", "Rio"}
)
#: Any of them: a sentence without one names no such feature (tested once per sentence).
_FEATURE_CUE_WORDS: Final = _FEATURE_TAILS | _FEATURE_PREFIXES
#: Words before a feature's name that say it is one: "the Red River", "along Tuttle Creek
#: Lake", "in Cobequid Bay" (not "Michael Bay" or "Ricki Lake", whom no such word precedes).
_BEFORE_FEATURE: Final = frozenset(
    {"the", "from", "to", "in", "near", "at", "via", "through", "into", "between", "on",
     "along", "across", "over", "up", "down", "past", "around", "of", "off", "onto",
     "beside", "below", "above", "toward", "towards", "beyond", "under"}
)  # fmt: skip
#: Lower-case article glued by a hyphen inside an Arabic name: "Jabal al-Akhdar".
_ARABIC_ARTICLES: Final = frozenset({"al", "el", "ad", "ar", "ash", "az", "ed", "ez"})


def _feature_end(text: str, tokens: list[_Token], i: int) -> int | None:
    """Last token of a physical feature's name starting at token ``i``, or None.

    "Lake Lanier", "Wadi Derna", "Jabal al-Akhdar": a prefix generic and up to three
    capitalised words.  "the Neches River", "in Humboldt Bay", "along Tuttle Creek Lake":
    up to three capitalised words and one or more tail generics, after "the" or a
    preposition of place.  Not when a capitalised word follows (an organisation's or a
    show's name: "Red River Bank"), nor a name of one generic word alone.
    """
    n = len(tokens)
    first = tokens[i]
    if first.text in _FEATURE_PREFIXES:
        # "the River Witham" but not "River Phoenix": "River" needs its article
        if first.text == "River" and not (i > 0 and tokens[i - 1].text.lower() == "the"):
            return None
        # "Mt. Hood": the abbreviation's full stop is part of the gap
        first_gap = ". " if first.text == "Mt" else " "
        k = i + 1
        last = None
        while k < n and k - i <= 4:
            token = tokens[k]
            gap = text[tokens[k - 1].end : token.start]
            if k == i + 1 and gap != first_gap:
                break
            if (
                token.capitalised
                and token.text not in _FEATURE_PREFIXES
                and (gap in (" ", first_gap) or (gap == "-" and k > i + 1))
            ):
                last = k
            elif not (
                # "Jabal al-Akhdar": an article glued by a hyphen to the name's next word
                token.text in _ARABIC_ARTICLES
                and gap == " "
                and k + 1 < n
                and tokens[k + 1].capitalised
                and text[token.end : tokens[k + 1].start] == "-"
            ):
                break
            k += 1
        if last is None or tokens[last].text in _FEATURE_TAILS:
            return None
        return last
    if i == 0 or tokens[i - 1].text.lower() not in _BEFORE_FEATURE:
        return None
    k = i
    while k < n and k - i < 3 and tokens[k].capitalised and tokens[k].text not in _FEATURE_TAILS:
        if k > i and text[tokens[k - 1].end : tokens[k].start] != " ":
            return None
        k += 1
    if k == i or k >= n or tokens[k].text not in _FEATURE_TAILS:
        return None
    last = k
    while last + 1 < n and tokens[last + 1].text in _FEATURE_TAILS:
        last += 1  # "Tuttle Creek Lake", "Cane River Lake"
    if any(text[tokens[m - 1].end : tokens[m].start] != " " for m in range(k, last + 1)):
        return None
    after = tokens[last + 1] if last + 1 < n else None
    if after is not None and after.capitalised and _joined(text, tokens[last], after):
        return None
    return last


def _of_name_end(text: str, tokens: list[_Token], i: int) -> int | None:
    """Last token of "<head> of [the] <Capitalised words>" starting at token ``i``."""
    k = i + 1
    if not (k < len(tokens) and tokens[k].text == "of" and _joined(text, tokens[i], tokens[k])):
        return None
    if k + 1 < len(tokens) and tokens[k + 1].text == "the":
        k += 1
    last = None
    while (
        k + 1 < len(tokens)
        and (last is None or last - i < MAX_TOKENS)
        and tokens[k + 1].capitalised
        and _joined(text, tokens[k], tokens[k + 1])
    ):
        k += 1
        last = k
    return last


def _named_by_context(text: str, tokens: list[_Token], i: int) -> int | None:
    """Last token of a name that its context calls a place, starting at token ``i``.

    "the town of X", "the port of X Y", "towns such as X", "X, a small village": the
    capitalised words (up to :data:`MAX_TOKENS`) are a place name even when no gazetteer
    has them.  None when neither cue is there or the words are ordinary ones.
    """
    # Cheap tests first: this runs for every capitalised word the gazetteer lacks.
    if (
        not text.endswith((" of ", " as ", " including ", " like ", ": "), 0, tokens[i].start)
        and text.find(", a", tokens[i].end, tokens[i].end + 80) < 0
    ):
        return None
    last = i
    while (
        last + 1 < len(tokens)
        and last - i + 1 < MAX_TOKENS
        and tokens[last + 1].capitalised
        and _joined(text, tokens[last], tokens[last + 1])
    ):
        last += 1
    if any(t.text.lower() in _COMMON_WORDS for t in tokens[i : last + 1]):
        return None
    before = text[max(0, tokens[i].start - 40) : tokens[i].start]
    if (
        _PLACE_OF.search(before)
        or _PLACES_SUCH_AS.search(before)
        or _PLACE_APPOSITION.match(text, tokens[last].end)
    ):
        return last
    return None


#: A capitalised word right after a name (it goes on as an organisation's name).
_CAPITAL_NEXT: Final = re.compile(r" [A-Z]")
#: A preposition of place that opens a list: "crews from Troy, Genesee and Potlatch".
_LIST_OPENER: Final = re.compile(r"\b(?:from|in|between|near|to|at|via|through|outside) \Z")
#: What joins two names of one list ("Kashmore, Ghotki and Shikarpur").
_LIST_JOINTS: Final = frozenset({", ", " and ", ", and ", " or ", ", or ", " to "})

#: Prepositions that put the next word at a place ("from Turkmenbashi to Baku").
_PLACE_PREPOSITIONS: Final = frozenset(
    {"from", "to", "in", "near", "at", "via", "through", "into", "between"}
)


def _transliterates(surface: str, name: str) -> bool:
    """Whether ``surface`` spells ``name`` another way ("Turkmenbashi", "Türkmenbaşy").

    Compared without diacritics; at least six letters and
    :func:`~corridormap.gazetteer.normalize.spelt_alike`, so that "More" is no spelling
    of Mora and "Hamas" none of Hamm.
    """
    a, b = normalize(surface), normalize(name)
    return min(len(a), len(b)) >= 6 and spelt_alike(a, b)


#: An apostrophe and a space inside a name: an elided vowel before an Arabic article
#: ("the Rub' al Khali"), or a plural possessive ("Feltham Magistrates' Court").
_APOSTROPHE_GAPS: Final = frozenset({"' ", "’ "})
_ELIDED_ARABIC_ARTICLES: Final = frozenset({"al", "el"})


def _elided(word: str) -> bool:
    """Whether ``word`` is an elided French or Italian article before a name, which
    continues a place's name: "d'Ivoire", "d’Azur", "l'Aquila"."""
    return len(word) > 2 and word[0] in "dl" and word[1] in "'’" and word[2].isupper()


def _char_before(text: str, pos: int, blanks: str | None = None) -> str:
    """The character before ``pos`` once ``blanks`` (any white space if None) are
    skipped, "" at the text's start."""
    k = pos - 1
    while k >= 0 and (text[k].isspace() if blanks is None else text[k] in blanks):
        k -= 1
    return text[k] if k >= 0 else ""


def _dateline(text: str, start: int, end: int, sentence_start: bool = False) -> bool:
    """Whether ``text[start:end]`` opens a line (or, given ``sentence_start``, a
    sentence) as a dateline does ("LOMÉ, Feb 8 -", "GOMA (Reuters) -", "HAMILTON --"):
    before a comma, a bracket or a dash."""
    if _DATELINE_AFTER.match(text, end) is None:
        return False
    return sentence_start or _char_before(text, start, " \t") in ("", "\n")


def _speaker_or_listener(text: str, verb: _Token, verb_word: str) -> bool:
    """Whether the name after ``verb`` (a verb of saying) is who speaks or is spoken to.

    '..., said Sandberg.' names the speaker and "told Hoover." the listener; in "He said
    Sohar, on the Gulf of Oman, could ..." the verb has its speaker before it.
    """
    if verb_word in _SPEECH_TO:
        return True
    before = _char_before(text, verb.start)
    return before != "" and before in _BEFORE_INVERTED_SPEECH


#: A possessive between two words of an organisation's name.
_POSSESSIVE_GAPS: Final = frozenset({"'s ", "’s "})


def _org_run(text: str, tokens: list[_Token], j: int) -> bool:
    """Whether the capitalised words glued after token ``j`` end in an organisation word.

    "Gainesville Public Utilities", "Columbia Metropolitan Convention Center": the place
    names the organisation's seat; a person's or a firm's name ("Kim Jong-un", "Jackson
    Browne") has no such word.
    """
    k = j + 1
    while k < min(j + 1 + _ORG_REACH, len(tokens)):
        token = tokens[k]
        if (
            token.text == "s"
            and k > j + 1
            and k + 1 < len(tokens)
            and text[tokens[k - 1].end : tokens[k + 1].start] in _POSSESSIVE_GAPS
        ):
            # "the Rustenburg Magistrate's Court", "the Lagos Governor's Office"
            k += 1
            continue
        if not _joined(text, tokens[k - 1], token) and not (
            # "Feltham Magistrates’ Court": a plural possessive
            k > j + 1
            and tokens[k - 1].text.endswith("s")
            and text[tokens[k - 1].end : token.start] in _APOSTROPHE_GAPS
        ):
            return False
        if not token.capitalised:
            if token.text in _ORG_CONNECTORS and k > j + 1:
                k += 1
                continue  # "New Orleans Railways and Light Company"
            return False
        if token.text.lower() in _ORG_WORDS:
            return True
        k += 1
    return False


_CLOSING_QUOTES: Final = frozenset('"”')
#: The end of a quotation right before a name: '"...," Houston said'.
_AFTER_QUOTE: Final = re.compile(r"[,?!][\"”] \Z")
#: A verb of saying right after a name: "Monica French said", "Sen. English told".
_SPEECH_AFTER: Final = re.compile(r",? (?:said|says|told|added|explained|noted|wrote|asked)\b")
#: A saint's day after the name: a holiday, not the town named after the saint.
_HOLIDAY_AFTER: Final = re.compile(r"['’]s (?:Day|Eve)\b")
#: A hospital or a school named after a saint: "St Thomas' Hospital" (a church so named
#: is a landmark, which GeoWebNews counts: "St. Peter's Basilica").
_SAINTS_HOUSE_AFTER: Final = re.compile(
    r"['’]s? (?:(?:Lutheran|Catholic|Episcopal|Methodist|Baptist|Union|Regional|Medical"
    r"|High|Elementary|Middle|Primary|Secondary) )?"
    r"(?:Hospital|Infirmary|College|School|Health|Cemetery|Academy|University)\b"
)
_SAINT_PREFIXES: Final = ("St ", "St. ", "Saint ")
#: A verb right after a demonym makes it a noun: a language or a person.
_VERB_AFTER: Final = re.compile(
    r" (?:is|was|are|were|will|would|can|could|has|had|have|remains|remained|provides"
    r"|said|says|told)\b"
)
#: A verb of saying right after a name, no comma between: "Noma said".
_BARE_SPEECH_AFTER: Final = re.compile(r" (?:said|says|told|added|explained|asked)\b")
#: A dateline of four capitals or fewer is read as a town only if it is this big.
_DATELINE_TOWN_MIN: Final = 20_000
#: What follows a dateline's place: "LOMÉ, Feb 8", "APIA (AP)", "GOMA -".
_DATELINE_AFTER: Final = re.compile(r", [A-Z]| \(| (?:[-–—]|--) ")
#: What ends the quote before a speaker named after the verb: '"...," said Noma'.
_BEFORE_INVERTED_SPEECH: Final = frozenset(",\"”'’")
#: Verbs of saying whose object is a person: "told Hoover.", "asked Noma,".
_SPEECH_TO: Final = frozenset({"told", "asked"})
#: Verbs of saying before a name that stands alone: "..., said Noma."
_SPEECH_VERBS: Final = frozenset({"said", "says", "told", "added", "asked", "explained"})
#: After a two-word name, what makes it a person's: a verb of saying or a role.
_PERSON_AFTER: Final = re.compile(
    _SPEECH_AFTER.pattern
    + r"|, (?:a|an|the) [a-z]+ (?:at|of|for|with)\b"
    # an age: "Jack Durham, 41, a haulier", "Jack Durham, a 41-year-old haulier"
    + r"|, \d{1,3}(?:,| of\b)|, an? \d{1,3}-year-old\b"
    # "Jamie Cleveland, mayor of the Buller District": a role without an article
    + r"|, (?:mayor|governor|president|chairman|chairwoman|director|spokes(?:man|woman|person)"
    r"|minister|secretary|professor|coach|manager|commissioner|superintendent|head|founder"
    r"|chief executive|executive director) (?:of|for|at)\b"
)
#: Lower-case particles inside people's names ("Mike de Kock", "Ursula von der Leyen").
_NAME_PARTICLES: Final = frozenset(
    {"de", "van", "von", "der", "den", "da", "di", "du", "del", "le"}
)
#: Capitalised words after which a name is a settlement's or a region's, not a person's
#: ("SOS Children's Village Malakal", "Old Town Manassas").
_SETTLEMENT_WORDS: Final = frozenset(
    {"village", "town", "township", "district", "municipality", "province", "region"}
)
#: A facility noun right after a name ("the Grand Faw port", "the Ceyhan terminal"): the
#: name is a place's, even glued to another capitalised word, not a person's.
_FACILITY_AFTER: Final = re.compile(
    r" (?:port|harbou?r|terminal|refinery|oilfield|gasfield|(?:oil |gas )?field|peninsula)\b",
    re.IGNORECASE,
)
#: After the first word of a project's name: more capitalised words (or "and") and the
#: kind of infrastructure ("Keystone XL pipeline", "Nord Stream 2", "Viking Link", the
#: "Belt and Road (Initiative)", not Belt, Montana).
_PROJECT_AFTER: Final = re.compile(
    r"(?:\s+(?:[A-Z][\w-]*|\d+|and))*?\s+(?:[Pp]ipeline|[Rr]ailway|[Ll]ink|[Ii]nterconnector"
    r"|[Cc]able|[Ee]xpressway|Stream|Line|Initiative)\b"
    # "Beijing's Belt and Road" without its "Initiative"; not "County Road 80"
    r"|\s+and\s+Road\b"
)
#: Buildings whose names are also towns' names (White House, Tennessee) or their
#: alternates (Casablanca's "Dar el Beida"): with "the" and no qualifier, the building.
_BUILDINGS: Final = frozenset({"white house"})
#: A noun of residence after a town's name: "an Alexandria woman", "a Clinton couple",
#: "Monroe residents" are people of the town, whatever else the word names.
_RESIDENT_AFTER: Final = re.compile(
    r" (?:man|woman|men|women|residents?|natives?|couple|teens?|teenagers?|boy|girl"
    r"|famil(?:y|ies)|homeowners?)\b"
)
#: Towns at least this big keep their name before a project noun ("Benguela railway").
_PROJECT_NAME_MAX_POPULATION: Final = 50_000
#: "Isle of Grain", "Bay of Kotor": " of " and a capitalised word continue the name.
_OF_NAME_AFTER: Final = re.compile(r" of (?:the )?[A-Z]")
#: Smallest town that keeps its name before a facility noun after another name.
_FACILITY_TOWN_POPULATION: Final = 20_000
#: Words after a demonym that make it the name of a language ("English language
#: learners", "French-speaking", "Spanish speakers").
_LANGUAGE_AFTER: Final = re.compile(r"[ -](?:language|languages|speaking|speakers?|translation)\b")
#: Words before a demonym that make it a language ("spoke French", "learned English").
_LANGUAGE_VERBS: Final = frozenset(
    {
        "speak", "speaks", "spoke", "spoken", "speaking", "learn", "learns", "learned",
        "learnt", "learning", "teach", "teaches", "taught", "teaching", "fluent",
        "translated", "write", "writes", "wrote", "written", "understand", "understands",
    }
)  # fmt: skip
#: After "in", "into", "from", "to" or "of", a demonym standing alone is a language ("in
#: English, the word ...", "translated from Russian and Chinese", "the learning of
#: English."); one modifying a noun is not ("in Russian hands").
_LANGUAGE_PREPOSITIONS: Final = frozenset({"in", "into", "from", "to", "of"})
_ALONE_AFTER: Final = re.compile(r"\s*(?:[,.;:)!?\"”]|and\b|or\b|$)")


def _is_language(
    text: str, tokens: list[_Token], i: int, j: int, is_demonym: Callable[[str], bool]
) -> bool:
    """Whether the demonym at tokens ``i..j`` names a language, not its country."""
    if _LANGUAGE_AFTER.match(text, tokens[j].end):
        return True
    if i == 0:
        return False
    before = tokens[i - 1].text.lower()
    if before in _LANGUAGE_VERBS:
        return True
    if before in _LANGUAGE_PREPOSITIONS:
        return _stands_alone(text, tokens, j, is_demonym)
    if before in {"and", "or"} and i >= 2 and is_demonym(tokens[i - 2].text):
        # "French and Farsi", "English and Spanish": a list of languages.
        return _is_language(text, tokens, i - 2, i - 2, is_demonym)
    return False


def _stands_alone(
    text: str, tokens: list[_Token], j: int, is_demonym: Callable[[str], bool]
) -> bool:
    """Whether the demonym at token ``j`` is a noun: nothing it qualifies follows.

    "translated from French." and "from French and Spanish." end there; in "gas from
    Israeli and Cypriot fields" the list of demonyms qualifies a noun.
    """
    alone = _ALONE_AFTER.match(text, tokens[j].end)
    if alone is None:
        return False
    if j + 2 < len(tokens) and tokens[j + 1].text in {"and", "or"}:
        after = tokens[j + 2]
        if after.start == alone.end() + 1 and is_demonym(after.text):
            return _stands_alone(text, tokens, j + 2, is_demonym)
    return True


def _clause_start(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether token ``i`` opens its sentence or follows a quotation mark or a comma."""
    if i == 0:
        return True
    gap = text[tokens[i - 1].end : tokens[i].start].strip()
    return bool(gap) and gap[-1] in '"”’,;:'


#: An influenza strain's name: type, place of isolation, number and year
#: ("A/California/7/2009", "B/Massachusetts/2/2012"), an identifier, not a mention.
_STRAIN_BEFORE: Final = re.compile(r"\b[ABC]/\Z")
_STRAIN_AFTER: Final = re.compile(r"/\d+/\d{2,4}\b")
#: "identified by his last name of Lu": the name that follows is a person's.
_NAME_OF_BEFORE: Final = re.compile(r"\b(?:last|first|family|given|sur) ?name(?: of| is|,)? \Z")
#: A wire story's credit line: "(Reporting by Daniel Ssemakula; Editing by Helen Marsh)"
#: is names of people, capitalised as names, not as a headline.
_CREDITS: Final = re.compile(r"(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled) by ")


def _is_headline(tokens: list[_Token], sentence: str) -> bool:
    """Title Case without a final stop: capitals say nothing about names there."""
    if sentence.rstrip().endswith((".", "!", "?", "”", '"')):
        return False
    words = [t for t in tokens if t.text.lower() not in _CONNECTORS]
    if len(words) < 4:
        return False
    return sum(t.capitalised for t in words) / len(words) > 0.6 and not _CREDITS.search(sentence)


_WEEKDAYS: Final = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)
_MONTHS: Final = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
     "Sep", "Sept", "Oct", "Nov", "Dec"}
)  # fmt: skip
_DAY_AFTER: Final = re.compile(r"\.? \d{1,2}\b")


def _is_date(text: str, token: _Token) -> bool:
    """Whether ``token`` opens a date: a weekday, or a month before a day's number.

    "in Gainesville Friday night", "in Atlanta March 3": AP style drops the "on", and
    the weekday glued to the town is no part of its name (nor a surname).
    """
    return token.text in _WEEKDAYS or (
        token.text in _MONTHS and _DAY_AFTER.match(text, token.end) is not None
    )


#: Compass words that open a numbered street's name: "Northwest Eighth Avenue".
_STREET_COMPASS: Final = frozenset(
    {"north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast"}
)
_ORDINAL_AFTER: Final = re.compile(
    r" (?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth"
    r"|Tenth|Eleventh|Twelfth)\b"
)
#: A commodity after a name makes it a price benchmark's: "Brent crude".
_BENCHMARK_AFTER: Final = re.compile(r" (?:crude|oil futures|futures|benchmark|blend)\b")
_BENCHMARK_STARTS: Final = (" c", " o", " f", " b")
#: A number right after a word: "Line 5" is a pipeline's name, no town called Line.
_NUMBER_AFTER: Final = re.compile(r" \d")
#: Digits glued to a capitals' code, or after a hyphen: a model's designation ("AK-47",
#: "AK47"), not a place's code (Alaska).
_DESIGNATION_AFTER: Final = re.compile(r"[-‐‑]?\d")
#: "Thank you, Dennis.": the one spoken to, a person.
_THANKED_BEFORE: Final = re.compile(r"\b(?:[Tt]hank you|[Tt]hanks),? \Z")
#: A work's title opening right before a name: 'the film "Fargo"', 'its lead single,
#: "Memphis in the Rearview"' (a title names no place the story is about).
_TITLE_BEFORE: Final = re.compile(
    r"\b(?:songs?|singles?|album|film|movie|novel|book|play|musical|documentary|series"
    r"|show|poem|cover of|titled|entitled|called)[,:]? [\"“]\Z"
)
#: "Buffalo-style dip", "Philadelphia-style cream cheese": a manner, not the place.
_STYLE_AFTER: Final = re.compile(r"[-‐‑]style\b")
#: Livestock breeds named after their place of origin, before an animal noun: "Holstein
#: cows", "Angus beef", "Jersey cattle" (but "Maitland horse event" is Maitland's).
_BREEDS: Final = frozenset(
    {"holstein", "angus", "hereford", "jersey", "guernsey", "charolais", "limousin",
     "simmental", "brahman", "galloway", "ayrshire", "friesian", "berkshire", "hampshire",
     "yorkshire", "suffolk", "dorset", "shetland", "texel", "devon", "sussex"}
)  # fmt: skip
_ANIMAL_AFTER: Final = re.compile(
    r" (?:cattle|cows?|beef|bulls?|heifers?|steers?|calf|calves|herds?|pigs?|hogs?|sows?"
    r"|sheep|ewes?|rams?|lambs?|ponies|pony|breed)\b"
)
#: Famous people's surnames that name schools ("Franklin Elementary", "Kennedy High
#: School", "John Adams Middle School"), rather than the towns so named.
_SCHOOL_NAMESAKES: Final = frozenset(
    {"washington", "lincoln", "jefferson", "franklin", "kennedy", "roosevelt", "madison",
     "monroe", "adams", "garfield", "hoover", "truman", "eisenhower", "reagan", "carver",
     "douglass", "edison", "clark", "lee", "king", "hamilton", "wilson", "grant", "taft",
     "mckinley", "coolidge", "harding", "polk", "pierce", "tyler", "hayes", "cleveland"}
)  # fmt: skip
_SCHOOL_AFTER: Final = re.compile(
    r" (?:Elementary|Middle|High|Junior High|Intermediate|Primary|Academy|Magnet)\b"
)
#: A list of brands or labels that the name belongs to: "sold under the labels Lucerne,
#: Albertson, ... and Sun Valley", "egg brands such as Sun Valley", "under the Austin
#: label".
_BRANDS_BEFORE: Final = re.compile(
    r"\b(?:labels?|brands?|brand names)(?: such as| including| like|:)? "
    r"(?:[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*)*(?:,| and|, and) )*\Z"
)
_LABEL_AFTER: Final = re.compile(r" label\b")
#: A party and a state's postal code: "Rep. Rosa DeLauro (D-CT)", the member's state.
_PARTY_TAG_BEFORE: Final = re.compile(r"\([DRI]-\Z")
#: People's given names (the census lists, see :mod:`corridormap.given_names`), less
#: the short ones and the English words among them ("In", "May", "Will", "Hope"); the
#: common words that are given names as such stay (the towns' "Jackson", "Victoria" of
#: _PEOPLES_NAMES, and "Kim", "Thomas").
_GIVEN_NAMES: Final = frozenset(
    name
    for name in given_names()
    if len(name) >= 3
    and name not in _FUNCTION_WORDS
    and name not in _CONNECTORS
    and (name not in _COMMON_WORDS or name in _PEOPLES_NAMES or name in {"kim", "thomas"})
)
#: Words that end a place's name after a given name's ("Chester Springs", "Rose Hill"):
#: no surname.
_PLACE_NAME_WORDS: Final = frozenset(
    {"hill", "hills", "springs", "spring", "falls", "creek", "beach", "heights", "ridge",
     "grove", "point", "bluff", "bluffs", "crossing", "junction", "mills", "mill", "landing",
     "glen", "woods", "wood", "lakes", "gardens", "terrace", "town", "township", "estates",
     "meadows", "pines", "shores", "harbor", "harbour", "cove", "forest", "fork", "forks",
     "gap", "ford", "ferry", "rapids", "plains", "prairie", "summit", "acres", "oaks",
     "park", "square", "place", "corner", "corners", "center", "centre", "hollow", "bend"}
)  # fmt: skip
#: A nickname in quotes between a first name and a surname: 'Beauregard "Bud" Torres'.
_NICKNAME_BEFORE: Final = re.compile(r"[A-Z][\w.]* [\"“]\Z")
_NICKNAME_AFTER: Final = re.compile(r"[\"”] [A-Z]")
#: Features whose name no middle initial or first name makes a surname: "Martin" may
#: be a surname after "Wanda Y.", "Georgia" after "Wanda Y." stays the state.
_NAMED_AREAS: Final = frozenset({"country", "capital", "admin1", "continent"})
#: A middle initial after a name: "Barry M. George", "Kijuan D. McDonald".
_MIDDLE_INITIAL_AFTER: Final = re.compile(r" [A-Z]\. [A-Z][a-z]")
#: "According to Yap, test results ...": a single name quoted as the source is a person.
_SOURCE_BEFORE: Final = re.compile(r"\b[Aa]ccording to \Z")
#: The keys of regions named by a compass word alone ("North-Western", a province of
#: Zambia; "north western", "northwestern", "central").
_COMPASS_ONLY_KEYS: Final = frozenset(
    f"{word}{joint}{side}{suffix}"
    for word in ("north", "south", "east", "west", "central", "centre", "center")
    for joint, side in [("", "")] + [(j, s) for j in ("", " ", "-") for s in ("east", "west")]
    for suffix in ("", "ern")
)
#: "Laura and I will travel": the speaker's companion, a person.
_AND_I_AFTER: Final = re.compile(r" and I\b")
#: Lower-case particles after a given name that open a family name: "Dennis van
#: Engelsdorp", "Dominique de Villepin", "Hassan el Bushra", "Saeed bin Suroor".
_PARTICLES_AFTER_GIVEN_NAME: Final = frozenset(
    {"de", "van", "von", "der", "den", "da", "di", "du", "del", "le", "el", "bin", "ibn"}
)
#: "DC" and "AC" before an electrical noun or after "kV" are currents, not places.
_CURRENT_WORDS: Final = frozenset({"DC", "AC"})
_ELECTRICAL_NOUNS: Final = frozenset(
    {"connection", "connections", "link", "links", "line", "lines", "cable", "cables",
     "power", "current", "grid", "converter", "interconnector", "interconnectors"}
)  # fmt: skip


def _best(cands: list[Candidate]) -> Candidate | None:
    """The candidate whose place the recogniser weighs a name by.

    The gazetteer returns candidates best prior first (and filtering keeps the order),
    but a big city's other name in some language does not speak for the word where a
    place bears it as its own name: "Philadelphia" is Philadelphia before it is Amman's
    ancient name, "Lim" a Croatian village's before it is one of Lima's.
    """
    if not cands:
        return None
    first = cands[0]
    if (
        first.match == "alternate"
        and first.place.feature in {"capital", "city"}
        and first.place.population >= _COMMON_BUT_BIG_POPULATION
    ):
        for cand in cands:
            if cand.match != "alternate":
                return cand
    return first


class MentionFinder:
    """Finds toponyms in documents using a :class:`~corridormap.gazetteer.Gazetteer`.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.load`.
    include_adjectives : bool
        Report demonym-adjectives ("Russian", "Korean") as mentions of their country.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, include_adjectives: bool = True):
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.include_adjectives = include_adjectives
        self._cache: dict[str, tuple[str, list[Candidate], list[Candidate]] | None] = {}

    def find(self, doc: Document) -> list[Mention]:
        """All toponym mentions of ``doc``, in text order.

        Each mention carries its sentence index; candidates are not yet chosen
        (``place`` is ``None``) — that is :mod:`corridormap.resolve`'s job.

        One sense per document for person names: a name seen inside a person's name
        ("Tom Jones", "Sen. Clark") is not a place when it later stands alone ("Jones
        said"), unless it is a country, a capital or a big city.  Likewise for variant
        spellings of towns: once the story calls one a place ("the city of Douma"), its
        other mentions ("Douma is surrounded") are the place too.
        """
        # (mention, key, important); important is None for a mention kept only if the
        # story calls the name a place elsewhere (_IF_NAMED_ELSEWHERE), and
        # _IF_KEPT_ELSEWHERE for one kept only if another mention of it is.
        found: list[tuple[Mention, str, object]] = []
        # the names seen as people's, with where the story first names each person
        persons: dict[str, int] = {}
        named: set[str] = set()  # variant spellings the context calls places (_NAMED_HERE)
        text = doc.text
        lower_words = _LowerWords(text)
        in_plane = _in_plane(text)
        context = _DocContext(lower_words, qualified=set(), in_plane=in_plane, schools={})
        for _ in range(2):
            for index, (s_start, s_end) in enumerate(doc.sentences):
                found.extend(
                    self._find_in_sentence(doc, index, s_start, s_end, persons, named, context)
                )
            if not context.qualified:
                break
            # "Alpine approves water project ... ALPINE, Texas —": the dateline makes the
            # word a town's name in the whole story, its headline too, so read it again.
            found.clear()
            persons.clear()
            named.clear()
            context = _DocContext(
                lower_words, towns=frozenset(context.qualified), in_plane=in_plane, schools={}
            )
        kept = [
            key in named
            if important is None
            else (
                important is True
                and not (key in persons and self._a_persons_city(m, key, persons, text))
                and not (context.schools and _the_school_again(m, key, context.schools, text))
            )
            or (
                important is False
                # "JACKSON, Miss. (AP)" though a Ray Jackson speaks later
                and (key not in persons or _STATE_QUALIFIER_AFTER.match(text, m.end) is not None)
            )
            for m, key, important in found
        ]
        # "Lismore's mayor said": a town's name opening a sentence is the town where the
        # story names it elsewhere.  (Most stories have no doubtful name: skip the work.)
        if not all(kept):
            elsewhere = {
                key
                for (m, key, _), keep in zip(found, kept, strict=True)
                if keep
                and (_place_word_before(text, m.start) or _QUALIFIED_AFTER.match(text, m.end))
            }
            for k, (_, key, important) in enumerate(found):
                if (
                    important is _IF_KEPT_ELSEWHERE and key in elsewhere and key not in persons
                ) or (
                    # "officials from Hastings and Grand Island", though a Mr. Hastings spoke
                    (important is _IF_KEPT_ELSEWHERE or important is False)
                    and not kept[k]
                    and self._listed_with_town(text, found, kept, k, after_preposition=True)
                ):
                    kept[k] = True
            for k, (_, _, important) in enumerate(found):
                if (
                    important is None
                    and not kept[k]
                    and self._listed_with_town(text, found, kept, k)
                ):
                    kept[k] = True
        return [
            m
            for (m, _, _), keep in zip(found, kept, strict=True)
            if keep and (m.usage != "adjective" or self.include_adjectives)
        ]

    def _a_persons_city(
        self, mention: Mention, key: str, persons: dict[str, int], text: str
    ) -> bool:
        """Whether a big city's name is the story's person again: "Brian Gilbert ...
        Gilbert is the former ..." (Gilbert, Arizona), with no preposition of place before
        it; a country, a capital or a state keeps its reading ("Jordan")."""
        if (
            key not in persons
            # "the Houston and Dallas areas ... said Dr. Mark Houston": the city, named
            # before the story introduces the person
            or mention.start < persons[key]
            or _place_word_before(text, mention.start)
            # "the Arlington Boys Club", "Avery and Ashe counties", "JACKSON, Miss.":
            # named as a place
            or _CAPITAL_NEXT.match(text, mention.end)
            or _QUALIFIED_AFTER.match(text, mention.end)
            or _LISTED_COUNTIES.match(text, mention.end)
        ):
            return False
        found = self._lookup(mention.text)
        best = _best(found[2]) if found is not None else None
        return best is not None and best.place.feature == "city"

    def _listed_with_town(
        self,
        text: str,
        found: list[tuple[Mention, str, object]],
        kept: list[bool],
        k: int,
        *,
        after_preposition: bool = False,
    ) -> bool:
        """Whether the variant spelling ``found[k]`` is listed with a town of its country.

        "Police in Tagum and Panabo" (GeoNames: Magugpo Poblacion), "Kashmore, Ghotki and
        Shikarpur" (Kashmor): a list of places names places, but only a town of the same
        country as its neighbour counts ("Israel and Hamas" is not Hamm, Germany).
        ``after_preposition``: only a list that a preposition of place opens counts
        ("crews from Troy, Genesee and Potlatch"; not "Lincoln and Douglas").
        """
        mention = found[k][0]
        own = self._lookup(mention.text)
        if own is None:
            return False
        countries = {c.place.country_code for c in own[2]}
        for n in (k - 1, k + 1):
            if not 0 <= n < len(found) or not kept[n]:
                continue
            other = found[n][0]
            if other.usage == "adjective" or other.sentence != mention.sentence:
                continue
            gap = text[other.end : mention.start] if n < k else text[mention.end : other.start]
            if gap not in _LIST_JOINTS:
                continue
            if after_preposition and not any(
                _LIST_OPENER.search(text, max(0, x.start - 9), x.start) for x in (mention, other)
            ):
                continue
            looked = self._lookup(other.text)
            best = _best(looked[2]) if looked is not None else None
            if (
                best is not None
                and best.place.country_code in countries
                # a town beside a town: "in Kansas, Russell, who ..." lists nothing
                and (not after_preposition or best.place.feature in {"city", "capital"})
            ):
                return True
        return False

    def _find_in_sentence(
        self,
        doc: Document,
        index: int,
        s_start: int,
        s_end: int,
        persons: dict[str, int],
        named: set[str],
        context: _DocContext,
    ) -> Iterator[tuple[Mention, str, object]]:
        text = doc.text
        lower_words = context.lower_words
        first = _TOKEN.search(text, s_start, s_end)
        if first is None:
            return
        capital_start = _PLANE_CAPITAL_START if context.in_plane else _CAPITAL_START
        if capital_start.search(text, first.end(), s_end) is None:
            # Only the first word can start a name (a third of news sentences): read
            # the words a name starting there could reach, cut at a space.
            stop = s_end
            if first.start() + _NAME_REACH < s_end:
                cut = text.rfind(" ", first.end(), first.start() + _NAME_REACH)
                stop = cut if cut > 0 else s_end
            tokens = tokenize(text, s_start, stop, in_plane=context.in_plane)
            if not tokens[0].capitalised:
                return
        else:
            tokens = tokenize(text, s_start, s_end, in_plane=context.in_plane)
        headline = _is_headline(tokens, text[s_start:s_end])
        n = len(tokens)
        # Only a capitalised word can start a name; the rest are skipped in one pass.
        starts = [k for k in range(n) if tokens[k].capitalised]
        # Most sentences name no street, numbered road or physical feature: their
        # capitalised words say so once, not the rules at every name (a set test is
        # cheaper than a regex search of the sentence).
        capitals = {tokens[k].text for k in starts}
        streets = not capitals.isdisjoint(_STREET_CUE_WORDS)
        features = not capitals.isdisjoint(_FEATURE_CUE_WORDS)
        pos = 0
        done = 0  # tokens before this index are part of a name already found
        while pos < len(starts):
            i = starts[pos]
            pos += 1
            if i < done:
                continue
            token = tokens[i]
            # A name never starts with an article: "The Russia-Korea ..." is "Russia".
            if token.text in _ARTICLES:
                continue
            street = _street_end(text, tokens, i) if streets else None
            # The longest name here, once looked up for a road's name (reused below).
            head = None
            if street is not None and tokens[street[1]].text == "Road":
                # "the Burma Road", "Mombasa Road": a road named after a country or a big
                # city leads there; the place is the mention, not a street of the town.
                head = self._longest_match(text, tokens, i)
                if head is not None and head[0] < street[1] and _important(_best(head[3])):
                    street = None
            if street is not None:
                end, last = street
                yield _mention(doc.id, token.start, end, text[token.start : end], index), "", True
                done = last + 1
                continue
            match = head if head is not None else self._longest_match(text, tokens, i)
            feature = _feature_end(text, tokens, i) if features else None
            if feature is not None and (match is None or match[0] < feature):
                # "the Neches River", "Lake Lanier", "Wadi Derna": a feature's name the
                # gazetteer lacks (its first word may be a town's: "Humboldt Bay").
                # Reported whole and without a point rather than as the town.
                start, end = token.start, tokens[feature].end
                yield _mention(doc.id, start, end, text[start:end], index), "", True
                done = feature + 1
                continue
            if match is not None and match[0] == i and token.text in _FEATURE_HEADS:
                tail = _of_name_end(text, tokens, i)
                if tail is not None:
                    # "the Gulf of Tonkin", "the Cape of Good Hope": a feature's name the
                    # gazetteer lacks; the bare "Gulf" is not the Persian Gulf, nor "Good
                    # Hope" a Californian town.  Reported whole, without a point.
                    start, end = token.start, tokens[tail].end
                    yield _mention(doc.id, start, end, text[start:end], index), "", True
                    done = tail + 1
                    continue
            if token.text == "Shin" and i + 1 < n and text[token.end : tokens[i + 1].start] == "-":
                # "Shin-Osaka", "Shin-Aomori": Japanese "new", a city's high-speed
                # station; the name is the city's (not Shīn, Syria).
                match = self._longest_match(text, tokens, i + 1) or match
            if match is None:
                # "Laurel County", "Tangipahoa Parish": a capitalised word before an
                # administrative generic is a place even when the gazetteer lacks it.
                if (
                    i + 1 < n
                    and tokens[i + 1].text in _ADMIN_GENERICS
                    and _joined(text, token, tokens[i + 1])
                    and token.text.lower() not in _COMMON_WORDS
                    and not (
                        i > 0 and tokens[i - 1].capitalised and _joined(text, tokens[i - 1], token)
                    )
                ):
                    start, end = token.start, tokens[i + 1].end
                    yield _mention(doc.id, start, end, text[start:end], index), "", True
                    done = i + 2
                    continue
                named_end = _named_by_context(text, tokens, i)
                if named_end is None:
                    named_end = self._qualified_by_region(text, tokens, i)
                word_after = (
                    _DIVISION_WORD_AFTER.match(text, token.end) if named_end is None else None
                )
                if (
                    word_after is not None
                    and token.text.lower() not in _COMMON_WORDS
                    and token.text.lower() not in context.lower_words
                    and not (
                        i > 0
                        and tokens[i - 1].capitalised
                        # "The Chenab river", but not "The Business district"
                        and not (tokens[i - 1].text == "The" and word_after.group(1) is not None)
                    )
                ):
                    # "Jajarkot and Gorkha districts", "the Bakool region": a division
                    # word in lower case after the name or after the list it ends.
                    named_end = i
                if named_end is not None:
                    # "the village of Musongati", "Hardisty, a town in Alberta": the
                    # context says it is a place although the gazetteer lacks it; it is
                    # reported without a point (place None) rather than guessed.
                    start, end = token.start, tokens[named_end].end
                    yield _mention(doc.id, start, end, text[start:end], index), "", True
                    done = named_end + 1
                continue
            j, end, key, cands = match
            if (
                j > i
                and tokens[j].text == "City"
                and j + 1 < n
                and tokens[j + 1].text in _CITY_BODIES
            ):
                match = self._city_of_body(text, tokens, i, j, cands)
                if match is not None:
                    j, end, key, cands = match
            start = tokens[i].start
            surface = text[start:end]
            usage = self._usage(cands)
            if usage == "adjective":
                if key in context.towns:
                    usage = "place"
                elif context.qualified is not None and self._qualified(
                    text, tokens[j + 1] if j + 1 < n else None, tokens[j], cands
                ):
                    context.qualified.add(key)
            verdict = self._keep(
                text, tokens, i, j, key, surface, cands, headline, usage, lower_words
            )
            if verdict is _SCHOOL and context.schools is not None:
                context.schools.setdefault(key, start)
                verdict = _PERSON
            if verdict is _PERSON:
                if start < persons.get(key, start + 1):
                    persons[key] = start
            elif verdict is _IF_NAMED_ELSEWHERE:
                yield _mention(doc.id, start, end, surface, index, usage=usage), key, None
            elif verdict is _IF_KEPT_ELSEWHERE:
                yield _mention(doc.id, start, end, surface, index, usage=usage), key, verdict
            elif verdict is _NAMED_HERE:
                named.add(key)
            if verdict is True or verdict is _NAMED_HERE:
                # "Laurel County", "Red River": the generic belongs to the name.
                if (
                    usage != "adjective"
                    and j + 1 < n
                    and tokens[j + 1].text in _ADMIN_GENERICS
                    and _joined(text, tokens[j], tokens[j + 1])
                ):
                    j += 1
                    end = tokens[j].end
                    surface = text[start:end]
                yield (
                    _mention(doc.id, start, end, surface, index, usage=usage),
                    key,
                    # A demonym that was a surname earlier ("Monica French ... French
                    # said") is that person again: its country's rank does not count.
                    # "Ashe counties" after "Sheriff Ray Ashe" says itself it is a place,
                    # and so does "in Troy" after "Chief Troy Jensen".
                    usage != "adjective"
                    and (
                        _important(_best(cands))
                        or COUNTIES_AFTER.match(text, end) is not None
                        or (i > 0 and tokens[i - 1].text in _PLACE_BEFORE_NAMESAKE)
                    ),
                )
                done = j + 1
            # Otherwise move on one token: "North-South Korea" still yields "South
            # Korea", while "Jong" in "Kim Jong-un" falls to the glued-word rule.

    def _lookup(self, surface: str) -> tuple[str, list[Candidate], list[Candidate]] | None:
        """Key, candidates and the candidates that accept ``surface`` as written.

        None when the gazetteer lacks the name; memoised per finder.
        """
        cached = self._cache.get(surface, _UNCACHED)
        if cached is not _UNCACHED:
            # (a dict.get, not a KeyError caught: most surfaces of a new story are new)
            return cached  # type: ignore[return-value]
        key = normalize(surface)
        found = None
        if key and self.gazetteer.contains(key):
            cands = self.gazetteer.candidates(key)
            # (most entries take any casing: the form is read here, not through a call)
            found = key, cands, [c for c in cands if c.form is None or c.accepts(surface)]
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[surface] = found
        return found

    def _longest_match(
        self, text: str, tokens: list[_Token], i: int
    ) -> tuple[int, int, str, list[Candidate]] | None:
        last = i
        n = len(tokens)
        while last + 1 < n and last - i + 1 < MAX_TOKENS:
            nxt = tokens[last + 1]
            # A name runs on through capitalised words, connectors ("of", "and") and
            # generics ("peninsula"); any other lower-case word ends it.
            gap = text[tokens[last].end : nxt.start]
            if nxt.text == "s" and gap in _APOSTROPHES:
                last += 1  # the "s" of a possessive inside a name ("People's Republic")
                continue
            if (
                not nxt.capitalised
                and nxt.text not in _CONNECTORS
                and nxt.text not in _GENERICS
                and not _elided(nxt.text)
            ):
                break
            if (
                gap != " "
                and gap != " & "  # "Trinidad & Tobago"
                and not _joined(text, tokens[last], nxt)
                # "the Rub' al Khali": an Arabic name's elided vowel before its article
                and not (gap in _APOSTROPHE_GAPS and nxt.text in _ELIDED_ARABIC_ARTICLES)
            ):
                break
            last += 1
        # "Yunnan province" is the toponym "Yunnan"; a name the gazetteer knows as a
        # division only with its division word ("the Benishangul-Gumuz region") keeps
        # the word.
        with_division: tuple[int, int, str, list[Candidate]] | None = None
        for j in range(last, i - 1, -1):
            division = False
            possessive = (
                tokens[j].text == "s"
                and j > i
                and text[tokens[j - 1].end : tokens[j].start] in _APOSTROPHES
            )
            if possessive:
                # "St. John's, Newfoundland": a name that ends in a possessive, where the
                # gazetteer's name has it too (not "China's", "Russia's")
                found = self._lookup(text[tokens[i].start : tokens[j].end])
                if found is not None:
                    owned = [c for c in found[2] if "'" in c.place.name or "’" in c.place.name]
                    if owned:
                        return j, tokens[j].end, found[0], owned
                continue
            if not tokens[j].capitalised and not _elided(tokens[j].text):
                if tokens[j].text not in _GENERICS:
                    continue
                division = tokens[j].text in _ADMIN_LOWER
                if division and with_division is not None:
                    continue
            end = tokens[j].end
            surface = text[tokens[i].start : end]
            found = self._lookup(surface)
            if found is None:
                continue
            key, cands, accepted = found
            if not tokens[j].capitalised and not division and _only_towns(accepted):
                # "the French island of Saint Martin": a town's name is capitalised in
                # full (French Island, Wisconsin); a generic in lower case ends the name
                # of a feature or region ("the Korean peninsula"), never of a town.
                continue
            if division:
                # not a compass word's ("the Northern state", "Eastern province")
                if accepted and not all(t.text.lower() in _COMMON_WORDS for t in tokens[i:j]):
                    with_division = j, end, key, accepted
                continue
            # An abbreviation keeps its full stop ("Ky.", "W.Va.", "Calif.").
            if text[end : end + 1] == "." and len(tokens[j].text) <= 5:
                dotted = [c for c in cands if c.case_sensitive and c.accepts(surface + ".")]
                if dotted:
                    return j, end + 1, key, dotted
            if accepted:
                if with_division is not None and not any(
                    c.place.feature in DIVISION_FEATURES for c in accepted
                ):
                    # the bare name is only a town or a word: the division is meant
                    return with_division
                if j > i and not tokens[j].capitalised:
                    # "the Indus river": the toponym is "Indus", as the corpora mark it,
                    # where the bare name is the same feature by a name, not an adjective
                    # ("the Korean peninsula" keeps its generic).
                    bare = self._lookup(text[tokens[i].start : tokens[j - 1].end])
                    if bare is not None and {
                        c.place.source_id for c in bare[2] if c.match != "demonym"
                    } & {c.place.source_id for c in accepted}:
                        return j - 1, tokens[j - 1].end, bare[0], bare[2]
                return j, end, key, accepted
        return with_division

    def _city_of_body(
        self, text: str, tokens: list[_Token], i: int, j: int, cands: list[Candidate]
    ) -> tuple[int, int, str, list[Candidate]] | None:
        """The town in "Dublin City Council", "Dublin City Manager", if "City" is the body's.

        Some gazetteers store "Dublin City" as another name of Dublin; before a council,
        hall or manager the word belongs to the body, and the toponym is "Dublin".  Only
        when both names first mean the same place: "Boulder City Council" is Boulder
        City, Nevada, not Boulder.
        """
        if not _joined(text, tokens[j - 1], tokens[j]):
            return None
        end = tokens[j - 1].end
        found = self._lookup(text[tokens[i].start : end])
        if found is None:
            return None
        key, _, accepted = found
        if not accepted or not cands or accepted[0].place.source_id != cands[0].place.source_id:
            return None
        return j - 1, end, key, accepted

    def _qualified_by_region(self, text: str, tokens: list[_Token], i: int) -> int | None:
        """Last token of a town the gazetteer lacks, qualified by its region, from ``i``.

        "from Hardisty, Alberta, to ...", "near Kabaale, Hoima", "from Merak in Banten",
        "in Fort Detrick, Maryland": after a preposition of place, capitalised words
        (up to :data:`MAX_TOKENS`) that the gazetteer lacks, then a comma or "in", and a
        state or province; or a comma and a country that ends the phrase ("in
        Kampungu, Namibia."; not "at Bombardier, Canada's ...").  None otherwise.
        """
        if not (
            0 < i < len(tokens) - 1
            and tokens[i - 1].text.lower() in _PLACE_PREPOSITIONS
            and tokens[i].text.lower() not in _COMMON_WORDS
        ):
            return None
        last = i
        while (
            last + 2 < len(tokens)
            and last - i + 1 < MAX_TOKENS
            and tokens[last + 1].capitalised
            and text[tokens[last].end : tokens[last + 1].start] == " "
            and tokens[last + 1].text.lower() not in _COMMON_WORDS
        ):
            last += 1
        # The longest run that stands before its region: "Fort Detrick, Maryland".
        for end in range(last, i - 1, -1):
            region = self._region_after(text, tokens, end)
            if region is not None:
                break
        else:
            return None
        match = self._longest_match(text, tokens, region)
        if match is None:
            return None
        if any(c.place.feature == "admin1" for c in match[3]):
            return end  # "in Greenlane, Auckland": the region, whatever else is so named
        if (
            region == end + 1  # a comma, not "in"
            and any(c.place.feature == "country" for c in match[3])
            and text[match[1] : match[1] + 1] in (".", ",", ";", ")", "")
        ):
            return end
        return None

    @staticmethod
    def _region_after(text: str, tokens: list[_Token], end: int) -> int | None:
        """Index of the token after ``end``'s comma or "in" (the region's), if any."""
        if end + 1 >= len(tokens):
            return None
        if text.startswith(", ", tokens[end].end) and tokens[end + 1].start == tokens[end].end + 2:
            return end + 1
        if (
            # "from Merak in Banten to ...": "in" and the province
            end + 2 < len(tokens)
            and tokens[end + 1].text == "in"
            and text.startswith(" in ", tokens[end].end)
            and tokens[end + 2].start == tokens[end].end + 4
        ):
            return end + 2
        return None

    def _names_a_river(self, name: str) -> bool:
        """Whether the gazetteer knows a river "<name> River" or "River <name>"."""
        for form in (f"{name} River", f"River {name}"):
            found = self._lookup(form)
            if found is not None and any(c.place.feature == "physical" for c in found[2]):
                return True
        return False

    def _slashed_to_a_word(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Whether token ``i`` is slashed to a word that names no place ("Re/Max"), not
        to another place ("the Surfside/Garden City area")."""
        if text.startswith("/", tokens[i].end) and i + 1 < len(tokens):
            other = tokens[i + 1]
        elif text.endswith("/", 0, tokens[i].start) and i > 0:
            other = tokens[i - 1]
        else:
            return False
        return self._lookup(other.text) is None

    def _no_big_place(self, word: str) -> bool:
        """Whether ``word`` names no country, capital or big city ("Fuentes", "Rebecca")."""
        found = self._lookup(word)
        if found is None:
            return True
        return not any(map(_important, found[2]))

    def _hyphenated_place(self, text: str, token: _Token, other: _Token) -> bool:
        """Whether ``other``, joined to ``token`` by a hyphen or dash, is a place too."""
        left, right = (token, other) if token.start < other.start else (other, token)
        if text[left.end : right.start] not in _HYPHENS_AND_DASHES:
            return False
        found = self._lookup(other.text)
        # Another town's variant spelling is no evidence: "Wal" (a spelling of Waal,
        # Ethiopia) does not make "Wal-Mart" two places.
        return found is not None and any(c.match != "alternate" for c in found[2])

    @staticmethod
    def _usage(cands: list[Candidate]) -> str:
        # "Canadian", "English": a word that is some country's or region's demonym is
        # that adjective, even where a town has the same name (Canadian, Texas).
        for c in cands:  # a plain loop: any() over a generator costs more per match
            if c.match == "demonym":
                return "adjective"
        return "place"

    def _keep(
        self,
        text: str,
        tokens: list[_Token],
        i: int,
        j: int,
        key: str,
        surface: str,
        cands: list[Candidate],
        headline: bool,
        usage: str,
        lower_words: _LowerWords,
    ) -> bool | object:
        """True to keep the match, False to drop it, :data:`_PERSON` when it is a name."""
        best = _best(cands)
        assert best is not None
        place = best.place
        important = _important(best)
        # A short all-capital word is an acronym ("NATO", "HIV", "FDA") unless the
        # gazetteer stores it so ("US", "EU", "NSW", "DPRK").
        letters = surface.replace(".", "")
        if letters.lower() in _TITLES:
            return False  # "Ms." is not Mississippi, "Gen." no place at all
        if (
            len(letters) == 3
            and letters.isupper()
            and any(c.match == "code" and c.place.feature == "country" for c in cands)
        ):
            # A country's ISO alpha-3 code: news writes none in running text, and every
            # one the corpora held was something else ("1:58 p.m. [EST]", "GTM
            # Research", "the CAF Confederation Cup").  The codes news does write
            # ("USA", "UAE", "DRC") are aliases; `corridormap geocode KOR` still works.
            return False
        # A capitalised dateline ("HAMILTON —", "LOMÉ, Feb 8 -") is a place: at a
        # sentence's start, or for a short word (which may be an acronym) a line's.
        dateline = (
            len(letters) > 2
            and letters.isupper()
            and _dateline(
                text, tokens[i].start, tokens[j].end, sentence_start=i == 0 and len(letters) > 4
            )
        )
        if (
            len(letters) <= 4
            and letters.isupper()
            and not any(c.case_sensitive for c in cands)
            # a short one only for a town of some size ("NATO - ..." is no Nato, Philippines)
            and not (dateline and place.population >= _DATELINE_TOWN_MIN)
        ):
            return False
        prev_tok = tokens[i - 1] if i > 0 else None
        next_tok = tokens[j + 1] if j + 1 < len(tokens) else None
        if (
            i == j
            and key in _COMBINING_FORMS
            and next_tok is not None
            and text[tokens[j].end : next_tok.start] in _HYPHENS
        ):
            return False  # "Hydro-Québec": a firm's name, not Hydro, Oklahoma
        if (
            next_tok is not None
            and next_tok.text in _ADMIN_LOWER
            and text[tokens[j].end : next_tok.start] == " "
            and any(c.place.feature in DIVISION_FEATURES for c in cands)
        ):
            return True  # "the Sughd region", "Ondo state": the word says what it is
        prev_word = prev_tok.text.lower().rstrip(".") if prev_tok else ""
        # A title right before: "President Lincoln", "Mr. Jackson".
        titled = prev_tok is not None and prev_word in _TITLES and usage != "adjective"
        if titled and place.feature not in {"country", "continent"}:
            return _PERSON
        if prev_word in _KIN and usage != "adjective" and not important and i == j:
            return _PERSON  # "her son Jack", "his wife Nancy"
        if (
            prev_tok is not None
            and prev_tok.text in _SURNAME_PARTICLES
            and not important
            and i == j
            and text[prev_tok.end : tokens[i].start] == " "
        ):
            return False  # "De Beers": a family's or a firm's name, not Beers, Netherlands
        if (
            prev_word in _ROLES
            and usage != "adjective"
            and i == j
            and place.feature not in {"country", "continent", "admin1"}
            and next_tok is not None
            and next_tok.capitalised
            and _joined(text, tokens[j], next_tok)
            and self._no_big_place(next_tok.text)
            and next_tok.text.lower() not in _ORG_WORDS
        ):
            return _PERSON  # "Brazilian forward Paris Oliveira", "running back Paris Jenkins"
        if (
            usage != "adjective"
            and place.feature in {"city", "admin2"}
            and text[tokens[i].start - 2 : tokens[i].start - 1] in _CLOSING_QUOTES
            and _AFTER_QUOTE.search(text, max(0, tokens[i].start - 3), tokens[i].start)
            and _SPEECH_AFTER.match(text, tokens[j].end)
        ):
            # '"... ceremony," Manchester said': the speaker, not a town (a country or a
            # capital that "said" is its government: '"...," Moscow said')
            return _PERSON
        if _DISEASE_AFTER.match(text, tokens[j].end) and not (
            # "the Uganda Virus Research Institute": an organisation of the place
            next_tok is not None and next_tok.capitalised and _org_run(text, tokens, j + 1)
        ):
            return False
        if surface in _CURRENT_WORDS and (
            prev_word.endswith("kv")
            or (next_tok is not None and next_tok.text.lower() in _ELECTRICAL_NOUNS)
        ):
            return False  # "525-kV DC connections": direct current, not Washington
        # What the words around a name make of it (checked once per match, so grouped
        # by the cheap tests they share).
        # (Characters are compared by index: a str method with a position argument is a
        # generic method call in the compiled module, ten times the cost.)
        start, end = tokens[i].start, tokens[j].end
        size = len(text)
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < size else ""
        if i == j:
            if (
                letters.isupper()
                and usage != "adjective"
                and place.feature != "country"  # "US-24": a US highway, which the US's
                and _DESIGNATION_AFTER.match(text, end)
            ):
                return False  # "AK-47 rifles": a model's designation, not Alaska
            if (
                place.feature == "physical"
                and normalize(place.name).endswith(" " + key)
                and (
                    _NUMBER_AFTER.match(text, end)
                    or text.startswith(" War", end)  # "the Gulf War", an event
                    or (
                        prev_tok is not None
                        and prev_tok.capitalised
                        and prev_word not in _FUNCTION_WORDS
                        and text[prev_tok.end : start] == " "
                    )
                )
            ):
                # "the Discovery Channel", "WIVB Channel 4": a feature's bare generic
                # (the Channel, the Gulf) closing another name, or numbered, is none.
                return False
            if (
                after == " "
                and end + 2 < size
                and text[end + 2] == "."
                and _MIDDLE_INITIAL_AFTER.match(text, end)
                and place.feature not in _NAMED_AREAS
            ):
                return _PERSON  # "leased to Barry M. George": a first name and an initial
            if (
                i >= 2
                and len(tokens[i - 1].text) == 1
                and tokens[i - 1].text.isupper()
                and text[tokens[i - 1].end : start] == ". "
                and tokens[i - 2].text.lower() in _GIVEN_NAMES
                and text[tokens[i - 2].end : tokens[i - 1].start] == " "
                # not "John F. Kennedy International Airport", a place named after him
                and _CAPITAL_NEXT.match(text, end) is None
                and place.feature not in _NAMED_AREAS
            ):
                return _PERSON  # "Wanda Y. Martin": a first name, an initial and a surname
            if not important:
                if (
                    (before == '"' or before == "“")
                    and _NICKNAME_BEFORE.search(text, max(0, start - 30), start)
                    and _NICKNAME_AFTER.match(text, end)
                ):
                    return _PERSON  # 'Sheriff Beauregard "Bud" Torres'
                if (
                    (after == "," or after == ".")
                    and lower_words.in_text("ccording")
                    and _SOURCE_BEFORE.search(text, max(0, start - 13), start)
                ):
                    return _PERSON  # "According to Yap, test results ..."
                if text.find("hank", max(0, start - 12), start) >= 0 and _THANKED_BEFORE.search(
                    text, max(0, start - 12), start
                ):
                    return _PERSON  # '"Thank you, Dennis," the anchor replied'
                if text.find("name", max(0, start - 20), start) >= 0 and _NAME_OF_BEFORE.search(
                    text, max(0, start - 20), start
                ):
                    return _PERSON  # "identified by his last name of Lu"; "Lu was ..." later
            if key in _BREEDS and (
                _ANIMAL_AFTER.match(text, end) or prev_word in {"dairy", "purebred"}
            ):
                return False  # "selling off Holstein cows", "the dairy Holstein"
        if (
            key in _COMPASS_ONLY_KEYS
            and next_tok is not None
            and next_tok.capitalised
            and text[end : next_tok.start] == " "
            and self._lookup(next_tok.text) is not None
        ):
            return False  # "in North-Western Sydney": a part of Sydney, not the province
        if usage != "adjective":
            if (before == '"' or before == "“") and _TITLE_BEFORE.search(
                text, max(0, start - 20), start
            ):
                return False  # 'the Coen brothers\' film "Fargo"'
            if after in _HYPHENS and _STYLE_AFTER.match(text, end):
                return False  # "Buffalo-style chicken dip"
            if (
                after == " " and lower_words.in_text(" label") and _LABEL_AFTER.match(text, end)
            ) or (
                (lower_words.in_text("label") or lower_words.in_text("brand"))
                and _BRANDS_BEFORE.search(text, max(0, start - 150), start)
            ):
                return False  # "eggs sold under the labels Lucerne, ..., and Sun Valley"
        if (
            len(surface) == 2
            and surface.isupper()
            and _PARTY_TAG_BEFORE.search(text, max(0, start - 3), start)
        ):
            return False  # "Sen. Tom Harkin (D-IA)": a party tag, not a mention of Iowa
        if (
            key in _SCHOOL_NAMESAKES
            and place.feature != "country"
            and _SCHOOL_AFTER.match(text, end)
        ):
            # "Franklin Elementary", "Kennedy High School": a person's name, and the
            # story's other "Franklin"s are that school (see _the_school_again).
            return _SCHOOL
        if surface == "Line" and _NUMBER_AFTER.match(text, tokens[j].end):
            return False  # "Line 5", Enbridge's pipeline
        if (
            place.feature in {"city", "admin2"}
            and text.startswith(_BENCHMARK_STARTS, tokens[j].end)
            and _BENCHMARK_AFTER.match(text, tokens[j].end)
        ):
            return False  # "Brent crude": an oil benchmark, not the London borough
        if (
            not important
            and i == j
            and (text.startswith("/", tokens[j].end) or text.endswith("/", 0, tokens[i].start))
            and self._slashed_to_a_word(text, tokens, i)
        ):
            return False  # "Re/Max", "AC/DC": a firm's or a band's name, not Re, Italy
        if (
            after == "/"
            and _STRAIN_AFTER.match(text, end)
            and _STRAIN_BEFORE.search(text, max(0, start - 3), start)
        ):
            return False  # "an A/California/7/2009 (H1N1)-like virus": a strain's name
        if (
            not important
            and i == j
            and (text.startswith(" & ", tokens[j].end) or text.endswith(" & ", 0, tokens[i].start))
        ):
            return False  # "Stevens & Wilkinson", "Marks & Spencer": a firm of partners
        if key in _STREET_COMPASS and _ORDINAL_AFTER.match(text, tokens[j].end):
            return False  # "Northwest 34th Street", "Northwest Eighth Avenue": a street
        if (
            not important
            and place.population < _PROJECT_NAME_MAX_POPULATION
            and usage != "adjective"
            and _PROJECT_AFTER.match(text, tokens[j].end)
            # "the Rasht-Astara railway" is named after both its ends
            and not (
                prev_tok is not None and _route_named(text, prev_tok, tokens[i], tokens[j].end)
            )
        ):
            # "the Keystone XL pipeline", "Nord Stream", "Viking Link": a small town's
            # name at the head of a project's name is the project's, not the town.
            return False
        if i == j and not important and _OF_NAME_AFTER.match(text, tokens[j].end):
            return False  # "the Isle of Grain": part of a longer name, not Isle (France)
        if text[tokens[j].end : tokens[j].end + 1] == "$" or text.endswith("$", 0, tokens[i].start):
            return False  # a currency: "US$460 million", "$US 1.5 billion"
        if _HOLIDAY_AFTER.match(text, tokens[j].end):
            return False  # "St. Patrick's Day", "St. Valentine's Day": a holiday
        # (from the apostrophe where the name itself ends in "'s": "St. John's")
        saints_end = tokens[j - 1].end if j > i and tokens[j].text == "s" else tokens[j].end
        if surface.startswith(_SAINT_PREFIXES) and _SAINTS_HOUSE_AFTER.match(text, saints_end):
            return False  # "St Thomas' Hospital": the saint's, not Saint Thomas parish
        if (
            key in _BUILDINGS
            and prev_word == "the"
            and not self._qualified(text, next_tok, tokens[j], cands)
        ):
            return False  # "the White House said": the building, not Casablanca or Tennessee
        if usage == "adjective":
            if _is_language(text, tokens, i, j, self._is_demonym):
                return False  # "spoke French", "in English and Spanish": a language
            if prev_word == "pan" and prev_tok is not None and prev_tok.capitalised:
                return False  # "the Pan American Health Organization", "Pan African"
            if _VERB_AFTER.match(text, tokens[j].end):
                # "English is the main language", "The Nigerian said": a demonym as the
                # subject of a verb is a language or a person, not the country.
                return False
            if (
                prev_tok is not None
                and text[prev_tok.end : tokens[i].start] == " "
                and prev_tok.capitalised
                and (prev_word in _TITLES or self._first_name(prev_tok, i, lower_words))
                and _SPEECH_AFTER.match(text, tokens[j].end)
            ):
                return _PERSON  # "Monica French said", "Mr. English told": a surname
        # An en or em dash pairs places ("the Agartala–Akhaura rail link"), even when the
        # other one is unknown; a person's or a firm's double name takes a hyphen.
        glued_next = (
            next_tok is not None
            and _joined(text, tokens[j], next_tok)
            and text[tokens[j].end : next_tok.start] not in _DASHES
            and not _is_date(text, next_tok)
        )
        glued_prev = (
            prev_tok is not None
            and _joined(text, prev_tok, tokens[i])
            and text[prev_tok.end : tokens[i].start] not in _DASHES
        )
        # "the Isiolo-Moyale highway", "Russia-North Korea": places hyphenated to
        # places name a route between them, not a person.
        if (
            glued_next
            and next_tok is not None
            and (
                self._hyphenated_place(text, tokens[j], next_tok)
                or _route_named(text, tokens[j], next_tok, next_tok.end)
                # "the Delhi-Mumbai Expressway": the capital word is the route's noun
                or (prev_tok is not None and _route_named(text, prev_tok, tokens[i], tokens[j].end))
            )
        ):
            glued_next = False
        if (
            glued_prev
            and prev_tok is not None
            and (
                self._hyphenated_place(text, tokens[i], prev_tok)
                or _route_named(text, prev_tok, tokens[i], tokens[j].end)
            )
        ):
            glued_prev = False
        # "Laurel County", "Tangipahoa Parish": a name that ends in its administrative
        # generic says itself that it is a place, in an organisation's name too
        # ("the Laurel County Detention Center").
        explicit = i < j and tokens[j].text in _ADMIN_GENERICS
        if usage != "adjective" and not headline and not explicit:
            nxt = next_tok.text.lower() if next_tok is not None else ""
            if (
                glued_next
                and next_tok is not None
                and next_tok.capitalised
                and not (next_tok.text in _ADMIN_GENERICS or nxt in _TITLES)
            ):
                if nxt in _MEDIA_WORDS:
                    return False  # "The Washington Post" names a newspaper, not a place
                if (
                    i == j
                    and not important
                    and key in _GIVEN_NAMES
                    and text[tokens[j].end : next_tok.start] == " "
                    and nxt not in _ORG_WORDS
                    and nxt not in _GENERICS
                    and nxt not in _PLACE_NAME_WORDS
                    and nxt not in _NAMED_FOR_PEOPLE  # "Frederick Memorial Hospital"
                    # a surname: no word the story writes in lower case ("the Wayne Food
                    # Pantry", "Meredith Community Center"), no function word ("Burton
                    # He's"), no other given name ("the Diamond Dick District")
                    and nxt not in lower_words
                    and nxt not in _FUNCTION_WORDS
                    and nxt not in _COMMON_WORDS
                    and nxt not in _GIVEN_NAMES
                    and not next_tok.text.isupper()
                    and self._no_big_place(next_tok.text)
                ):
                    # "19-year-old Anthony Gillen of Kansas City", "the Harold Patterson
                    # Sports Center": a given name and a surname, though an organisation
                    # may follow
                    return _PERSON
                if (
                    nxt in _ORG_WORDS
                    or nxt in lower_words
                    or _org_run(text, tokens, j)
                    # "Gladstone LNG", "Houston ISD": a body or a firm named after the town
                    or (len(next_tok.text) >= 2 and next_tok.text.isupper())
                ):
                    # "Mansfield Police Department", "Georgia Bureau of Investigation"
                    # (the story writes "bureau" in lower case too, so it is no
                    # surname), "Ohio State University": the
                    # corpora count a place inside an organisation's name as a mention
                    # of the place; the checks below still apply to it.
                    if not _EMBEDDED_IN_ORGS:
                        return False
                elif (
                    nxt in _COMPASS_WORDS
                    # not "Scott West", a county's school and a first name
                    and (important or place.population >= _COMPASS_TOWN_POPULATION)
                ) and not (
                    j + 2 < len(tokens)
                    and tokens[j + 2].capitalised
                    and _joined(text, next_tok, tokens[j + 2])
                ):
                    # "Mankato West", "Belfast East": a school, a constituency or a
                    # district named after the town, which counts as the town
                    if not _EMBEDDED_IN_ORGS:
                        return False
                elif not important or place.feature == "city":
                    # "Kim Jong-un", "Vladimir Putin": a non-place capitalised word glued
                    # on the right makes a city's name part of a person's or a firm's
                    # name.  Countries, capitals and states survive ("Beijing
                    # Olympics", "Texas Southern University").
                    return False
                elif (
                    i == j
                    and prev_word not in _FUNCTION_WORDS  # "Association of Georgia Educators"
                    and self._no_big_place(next_tok.text)
                    and not next_tok.text.isupper()  # "Africa CDC said": a body's acronym
                    and (
                        prev_word in _SPEECH_VERBS
                        or _PERSON_AFTER.match(text, next_tok.end) is not None
                    )
                ):
                    # "said Sofia Papadopoulou", "Astana Sarsenbayev, an analyst": a
                    # capital's name as a first name, the speaker or a described person
                    return _PERSON

            glued_name = (
                glued_prev
                and prev_tok is not None
                and prev_tok.capitalised
                and prev_word not in _CONNECTORS
                and (prev_word not in _FUNCTION_WORDS or _is_initial(text, prev_tok))
                # "Another Gainesville business": a sentence's first word that the
                # story also writes in lower case is capitalised by position only.
                and (i > 1 or prev_word not in lower_words or _is_initial(text, prev_tok))
                and not (len(prev_tok.text) == 1 and text[prev_tok.end : tokens[i].start] == "-")
                # "SOS Children's Village Malakal": a settlement word is no first name.
                and prev_word not in _SETTLEMENT_WORDS
                # "Finnish Lapland": a demonym before a region says whose, not who
                and not (
                    place.feature in {"admin1", "admin2", "region", "physical"}
                    and self._is_demonym(prev_tok.text)
                )
                # "the Grand Faw port": a sizeable town before a facility noun is the
                # town (but "Marine" in "the Westridge Marine Terminal" is no town).
                and not (
                    _FACILITY_AFTER.match(text, tokens[j].end)
                    and (important or place.population >= _FACILITY_TOWN_POPULATION)
                )
            )
            if (
                glued_name
                and important
                and i == j
                and prev_tok is not None
                and place.feature == "city"
                and text[prev_tok.end : tokens[i].start] == " "
                and prev_word in _GIVEN_NAMES
                and self._no_big_place(prev_tok.text)
                and not (glued_next and next_tok is not None and next_tok.capitalised)
            ):
                # "his business partner, Brian Gilbert, ...": a given name before a big
                # city's name makes it a surname (Gilbert, Arizona, 250,000 people);
                # not "Brian Gilbert Park", nor "Tampa" after "Paris" (a place first)
                return _PERSON
            if (
                glued_name
                and important
                and i == j
                and prev_tok is not None
                and i >= 2
                and place.feature not in {"country", "continent", "admin1"}
                and text[prev_tok.end : tokens[i].start] == " "
                and text[tokens[i - 2].end : prev_tok.start] in (" ", ". ")
                and (tokens[i - 2].text.lower() in _TITLES or tokens[i - 2].text.lower() in _ROLES)
            ):
                # "company president Victoria Lincoln", "Dr. Anita Houston": a title and
                # a first name make the city's name a surname (and the story's other
                # "Lincoln"s that person, see _a_persons_city)
                return _PERSON
            if (
                glued_name
                and important
                and i == j
                and prev_tok is not None
                # (not "Larry Pogemiller, DFL-Minneapolis, said": a party-and-town tag)
                and text[prev_tok.end : tokens[i].start] == " "
                and not prev_tok.text.isupper()  # "NHS England said": no first name
                and prev_word not in _COMMON_WORDS  # "Cricket Australia said"
                and self._no_big_place(prev_tok.text)
                and _PERSON_AFTER.match(text, tokens[j].end)
            ):
                # "Rebecca Jordan, a spokeswoman for ...", "said Kim Jordan": a country's
                # or a capital's name as a described or speaking person's surname
                return _PERSON

            if (
                glued_name
                and i == j
                and prev_tok is not None
                and i >= 2
                and tokens[i - 2].text == "by"
                and _CREDITS.match(text, max(0, tokens[i - 3].start) if i >= 3 else 0)
            ):
                return _PERSON  # "(Reporting by Diego Vargas; ...)": a reporter's surname
            if glued_name and not important and prev_word in _CLUB_WORDS:
                # "Eintracht Frankfurt", "Górnik Zabrze": a sports club of the town,
                # which counts as the town (as any organisation's), and no person of
                # that name whom the story's other "Frankfurt"s would be.
                return True
            if glued_name and not important:
                if (
                    glued_next
                    and next_tok is not None
                    and (
                        next_tok.text.lower() in _NAMED_FOR_PEOPLE
                        # "Sanford Bemidji Medical Center": two places' names, no person
                        or (
                            prev_tok is not None
                            and self._lookup(prev_tok.text) is not None
                            and _org_run(text, tokens, j)
                        )
                    )
                ):
                    # "Charles Darwin University": a person's name inside an
                    # organisation's is no place here, but the story's other
                    # "Darwin"s are not that person.
                    return False
                return _PERSON
            if not important and (
                (_BARE_SPEECH_AFTER.match(text, tokens[j].end) and _clause_start(text, tokens, i))
                or (
                    prev_word in _SPEECH_VERBS
                    and text[tokens[j].end : tokens[j].end + 1] in ".,;!?"
                    and _speaker_or_listener(text, tokens[i - 1], prev_word)
                )
            ):
                # "Noma said", "said Sandberg.": a town does not speak (a capital or a
                # country may: "Moscow said" is metonymy, kept above as important).
                return _PERSON
            if (
                prev_tok is not None
                and prev_word in _NAME_PARTICLES
                and i >= 2
                and tokens[i - 2].capitalised
                and self._lookup(tokens[i - 2].text) is None
                and not important
            ):
                return _PERSON  # "Mike de Kock", "Vincent van Gogh"
            if (
                i == j
                and not important
                and next_tok is not None
                and next_tok.text in _PARTICLES_AFTER_GIVEN_NAME
                and j + 2 < len(tokens)
                and tokens[j + 2].capitalised
                and text[tokens[j].end : next_tok.start] == " "
                and text[next_tok.end : tokens[j + 2].start] == " "
            ):
                return _PERSON  # "Dennis van Engelsdorp", "Dominique de Villepin"
            if i == j and not important and _AND_I_AFTER.match(text, tokens[j].end):
                return _PERSON  # "Laura and I will travel"
        before_generic = next_tok is not None and next_tok.text in _ADMIN_GENERICS and glued_next
        if (
            (key in _COMMON_WORDS or key.split(" ")[0] in {"of", "and"})
            # "US Army": a form only the place is written in ("US", not "us").
            and not (best.case_sensitive and surface.isupper())
            and not before_generic
            and not self._qualified(text, next_tok, tokens[j], cands)
            and not (place.feature in TOWN_FEATURES and _RESIDENT_AFTER.match(text, tokens[j].end))
            # "crews in Troy", "near Tyler": a preposition of place reads the town
            and not (key in _PEOPLES_NAMES and prev_word in _PLACE_BEFORE_NAMESAKE)
            # "Barrow, Jackson and Madison counties": a list of counties
            and not (key in _PEOPLES_NAMES and _LISTED_COUNTIES.match(text, tokens[j].end))
            # "HAMILTON — Staring down ...": a capitalised dateline is a place
            and not dateline
        ):
            if key in _PEOPLES_NAMES and _PLACE_OF.search(
                text, max(0, tokens[i].start - 40), tokens[i].start
            ):
                # "the city of Monroe": the story calls the name a town here, and so
                # its other mentions too ("Monroe Mayor Robert Routson")
                return _NAMED_HERE
            # Only a country, a capital or a big city outweighs the common reading, and
            # only by its own name: "Soul" is Seoul's other spelling and an English word.
            big = (
                place.feature in {"country", "capital"}
                or (place.feature == "city" and place.population >= _COMMON_BUT_BIG_POPULATION)
            ) and best.match != "alternate"
            if self._is_person_context(text, tokens, i, j, lower_words):
                return False
            if not big:
                # "Monroe Mayor Robert Routson" is the town where the story calls the
                # name a place elsewhere ("in Monroe", "Monroe, Ohio")
                return _IF_KEPT_ELSEWHERE if key in _PEOPLES_NAMES else False
            # "Reading the report ...": at a sentence start the word reading wins.
            if i == 0 and place.feature not in {"country", "capital"}:
                return False
        if i == j and (key in _ORG_WORDS or key in _GENERICS) and place.feature not in _NAMED:
            # A lone generic noun ("Street", "Region", "College", "Channel") names no
            # particular place, whatever town is called so.
            return False
        if i == j and not important and key in lower_words:
            # The document also uses the word in lower case ("most", "man", "section"):
            # capitalised here by position or style, it is the common word.
            return False
        if (
            i == j
            and not important
            and all(c.match == "alternate" for c in cands)
            and not (
                prev_word in _PLACE_PREPOSITIONS
                and (
                    _transliterates(surface, place.name)
                    # "in Termez" (GeoNames: Tirmiz): a big city's other spelling after
                    # a place preposition is the city.
                    or (
                        place.feature == "city"
                        and place.population >= _BIG_CITY_SPELLING
                        and len(surface) >= 6  # not "to Hamas" (Hamm), "in Pre" (Prato)
                    )
                )
            )
        ):
            # A lone word that is only some town's variant spelling ("More" for Mora,
            # "Hamas" for Hamm) is far more often an ordinary word or a name; but "from
            # Turkmenbashi" (Türkmenbaşy) is the town, spelt another way, and so is
            # "the city of Douma" (Dūmā), and then every "Douma" of the story.
            if _named_by_context(text, tokens, i) == j:
                return _NAMED_HERE
            if (
                place.feature in {"city", "capital"}
                and (
                    place.population >= _BIG_CITY_RESPELT
                    # "Alexandroupolis in northern Greece" (Alexandroupoli): a long
                    # word that spells a town's name is no English word or first name
                    or (len(surface) >= _LONG_RESPELLING and place.population >= _BIG_CITY_SPELLING)
                )
                and _transliterates(surface, place.name)
            ):
                return _NAMED_HERE  # "Hargeisa wants ..." (GeoNames: Hargeysa)
            if (
                place.feature in {"city", "capital"}
                and len(surface) >= 6
                and (
                    place.population >= _WORLD_CITY_POPULATION
                    # "Acapulco" (GeoNames: Acapulco de Juárez)
                    or (
                        place.population >= _BIG_CITY_RESPELT
                        and normalize(place.name).startswith(normalize(surface) + " ")
                    )
                )
            ):
                # "the Bangalore Metro Rail Corporation", "Saigon": a world city's other
                # English name (GeoNames: Bengaluru, Ho Chi Minh City)
                return _NAMED_HERE
            if (
                next_tok is not None
                and next_tok.text == "in"
                and j + 2 < len(tokens)
                and self._qualified(text, tokens[j + 2], tokens[j], cands, gap=" in ")
            ):
                return _NAMED_HERE  # "Termez in Uzbekistan" (Tirmiz)
            if len(surface) >= 5 and _FACILITY_AFTER.match(text, tokens[j].end):
                return _NAMED_HERE  # "the Sangachal terminal" (Sanqaçal)
            if prev_word == "the" and self._names_a_river(surface):
                return _NAMED_HERE  # "the Periyar rose": the Periyar River (Erode's alternate)
            if key not in _NAME_PREFIXES and (
                (prev_tok is not None and _route_named(text, prev_tok, tokens[i], tokens[j].end))
                or (
                    next_tok is not None
                    and next_tok.capitalised
                    and _route_named(text, tokens[j], next_tok, next_tok.end)
                )
            ):
                return _NAMED_HERE  # "the Lhasa-Shigatse railway" (GeoNames: Rikaze)
            return _IF_NAMED_ELSEWHERE
        # A single common-looking word at the very start of a sentence is ambiguous
        # ("Reading the report ..."); keep only places that are clearly important.
        if dateline or not (i == 0 and j == 0 and place.population < 5000 and not important):
            return True
        # "Lismore's mayor said ...": kept where the story names the town elsewhere.
        return _IF_KEPT_ELSEWHERE

    def _qualified(
        self,
        text: str,
        qualifier: _Token | None,
        last: _Token,
        cands: list[Candidate],
        gap: str = ", ",
    ) -> bool:
        """Whether "X, Y" (or "X in Y", with ``gap``) puts a candidate town X inside Y.

        "Mobile, Ala.", "Reading, Pa.", "Arab, Ala.": the qualifier settles a name that
        is otherwise a common word; "Termez in Uzbekistan" one that is only a variant
        spelling (GeoNames: Tirmiz).
        """
        if qualifier is None or text[last.end : qualifier.start] != gap:
            return False
        found = self._lookup(qualifier.text)
        if found is None:
            return False
        areas = {
            (c.place.country_code, c.place.admin1 if c.place.feature == "admin1" else None)
            for c in found[1]
            if c.place.feature in {"admin1", "country"}
        }
        return any(
            (c.place.country_code, c.place.admin1) in areas or (c.place.country_code, None) in areas
            for c in cands
            if c.place.feature in TOWN_FEATURES
        )

    def _is_demonym(self, word: str) -> bool:
        found = self._lookup(word)
        return found is not None and any(c.match == "demonym" for c in found[2])

    def _first_name(self, token: _Token, position: int, lower_words: _LowerWords) -> bool:
        """Whether ``token``, right before a demonym, reads as a person's first name.

        Not a function or common word ("Many", "Two"), not a place or another demonym
        ("Sri Lankan", "South Ossetian" are names of their own), and not a sentence's
        first word that the story also writes in lower case ("Native", "Several").
        """
        word = token.text.lower()
        if word in _FUNCTION_WORDS or word in _CONNECTORS or word in _COMMON_WORDS:
            return False
        if position == 1 and word in lower_words:
            return False
        return self._lookup(token.text) is None

    @staticmethod
    def _is_person_context(
        text: str, tokens: list[_Token], i: int, j: int, lower_words: _LowerWords
    ) -> bool:
        # A capitalised word glued on either side: "Jackson Browne", "Carla Paris"; on
        # the right, not one the story also writes in lower case ("Georgia Bureau").
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        prev = tokens[i - 1] if i > 0 else None
        if _AFTER_QUOTE.search(text, max(0, tokens[i].start - 3), tokens[i].start) and (
            _SPEECH_AFTER.match(text, tokens[j].end)
        ):
            return True  # '"We were pressing," Lincoln said': the speaker
        # "the Professional Association of Georgia Educators": after "<Name> of", the
        # words glued on the right continue an organisation's name, not a person's.
        of_a_name = i >= 2 and tokens[i - 1].text == "of" and tokens[i - 2].capitalised
        if (
            not of_a_name
            and nxt is not None
            and nxt.capitalised
            and _joined(text, tokens[j], nxt)
            and not _is_date(text, nxt)
            and nxt.text.lower() not in _TITLES
            and nxt.text.lower() not in _ORG_WORDS
            and nxt.text.lower() not in lower_words
            # "Georgia Public Service Commission": an organisation named after the place.
            and not _org_run(text, tokens, j)
        ):
            return True
        return (
            prev is not None
            and i > 1
            and prev.capitalised
            and prev.text.lower() not in _CONNECTORS
            and prev.text.lower() not in _FUNCTION_WORDS
            and _joined(text, prev, tokens[i])
        )


def find_mentions(doc: Document, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Convenience wrapper: :meth:`MentionFinder.find` with a default gazetteer."""
    return MentionFinder(gazetteer).find(doc)
