#!/usr/bin/env python3
"""Generate the STATES gazetteer: Sources/Entente/Resources/states.json.

Usage (from the repository root):

    pip install pycountry countryinfo country-converter
    python3 scripts/gazetteer/make_states.py

The output is deterministic: re-running with the same package versions gives a
byte-identical file (sorted by id, pretty-printed, sorted keys, trailing newline).
The script validates the result at the end and exits non-zero on any problem.

Sources and licences
--------------------
* pycountry (PyPI, LGPL-2.1) -- ISO 3166-1 codes, names, official and common
  names; ISO 3166-3 (``historic_countries``) for former states and former names.
* countryinfo (PyPI, MIT) -- capitals, demonyms, English alternative spellings
  and a few acronyms (UK, UAE, DRC, RSA); its JSON data files are read directly.
* country-converter / coco (PyPI, GPL-3.0) -- short names, official names and
  the ``UNmember`` column (the 193 UN member states); its ``country_data.tsv``
  is read with the csv module (the converter class itself needs pandas<3), and
  its name regexes are used as a cross-check of the emitted names.
  The data is only read at build time; no coco code or data ships in Entente.
* scripts/gazetteer/state_overrides.json -- hand-written overlay for everything
  the packages do not carry (news aliases and acronyms, demonym gaps,
  seat-of-government metonyms, UN observers, partially recognised and former
  states without an ISO 3166-1 entry, canonical-name choices).

Non-sovereign ISO territories (Puerto Rico, Greenland, Hong Kong, ...) are left
out on purpose: only UN members (per coco), the two UN observers, and the states
listed in the overlay are emitted.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.resources
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[2]
OVERLAY_PATH = Path(__file__).resolve().parent / "state_overrides.json"
OUT_PATH = REPO / "Sources" / "Entente" / "Resources" / "states.json"

ALIAS_FIELDS = ("names", "abbreviations", "demonyms", "capitals", "metonyms")
# ISO codes that news really write as acronyms; any other ISO alpha-2/alpha-3
# code appearing among a state's abbreviations fails validation.
ISO_CODES_USED_IN_NEWS = {"US", "USA", "NZ", "PNG"}
STATUSES = ("un-member", "un-observer", "partially-recognized", "former")

# English words that mark a long-form (official-style) name in countryinfo's
# altSpellings; native-language forms ("Bundesrepublik Deutschland") lack them.
LONG_FORM = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Principality|"
    r"Duchy|Sultanate|Confederation|Union|Emirates)\b")
FOREIGN_WORDS = {"de", "des", "del", "du", "da", "do", "la", "le", "wa", "ya", "y",
                 "e", "di", "der", "von", "na", "ng", "al", "as", "el", "et", "i"}


def fail(msg: str) -> None:
    print(f"make_states.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def fold(s: str) -> str:
    """Strip diacritics: 'Côte d'Ivoire' -> 'Cote d'Ivoire'."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(ch))


def clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(str(s).split())
    if s.lower().startswith("the ") and not s.startswith("The "):
        s = s[4:]                      # "the State of Eritrea" -> "State of Eritrea"
    return s or None


def usable_name(s: str | None) -> bool:
    """A proper name as written in running text: no ISO inversions or notes."""
    return bool(s) and "," not in s and "(" not in s and ")" not in s


def add(lst: list[str], *items: str | None) -> None:
    for it in items:
        it = clean(it)
        if it and it not in lst:
            lst.append(it)


# --------------------------------------------------------------------------
# Package readers
# --------------------------------------------------------------------------

def load_countryinfo() -> dict[str, dict]:
    """countryinfo records merged per ISO alpha-3 (data/ only; files sorted)."""
    merged: dict[str, dict] = {}
    data_dir = importlib.resources.files("countryinfo") / "data"
    files = sorted((p for p in data_dir.iterdir() if p.name.endswith(".json")),
                   key=lambda p: p.name)
    for path in files:
        rec = json.loads(path.read_text(encoding="utf-8"))
        a3 = (rec.get("ISO") or {}).get("alpha3")
        if not a3:
            continue
        m = merged.setdefault(a3, {"names": [], "capitals": [], "demonyms": [], "alt": []})
        add(m["names"], rec.get("name"))
        cap = rec.get("capital")
        for c in (cap if isinstance(cap, list) else [cap]):
            add(m["capitals"], c)
        dem = rec.get("demonym") or ""
        for d in re.split(r"\s*(?:,|/|\band\b)\s*", dem):
            add(m["demonyms"], d)
        for a in (rec.get("altSpellings") or []) + (rec.get("alt") or []):
            add(m["alt"], a)
    return merged


def load_coco() -> dict[str, dict]:
    path = importlib.resources.files("country_converter") / "country_data.tsv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return {r["ISO3"]: r for r in rows}


def strip_former(s: str) -> str:
    return re.sub(r"\s*\(former\)\s*$", "", s)


def historic_parts(code: str) -> tuple[object, list[str], list[str]]:
    """Names and acronyms from an ISO 3166-3 entry like
    'USSR, Union of Soviet Socialist Republics'; inverted parts are dropped."""
    h = pycountry.historic_countries.get(alpha_3=code)
    if h is None:
        fail(f"pycountry has no historic country {code}")
    names, abbrs = [], []
    for part in h.name.split(", "):
        part = part.strip()
        if not part or "(" in part or re.search(r"\bof(?: the)?$", part):
            continue
        if re.fullmatch(r"[A-Z]{2,}", part):
            add(abbrs, part)
        else:
            add(names, part)
    return h, names, abbrs


def pluralize(d: str, invariant: set[str]) -> str | None:
    if d in invariant or re.search(r"(s|z|x|sh|ch|ese|ic|ish|i-\w+)$", d):
        return None
    return d + "s"


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def build() -> tuple[dict, list[str]]:
    ov = json.loads(OVERLAY_PATH.read_text(encoding="utf-8"))
    ci = load_countryinfo()
    coco = load_coco()
    per = ov["states"]
    invariant = set(ov["invariantDemonyms"])

    # Which states: UN members (coco), observers, partially recognised, former, extras.
    status: dict[str, str] = {}
    for a3, row in sorted(coco.items()):
        if row.get("UNmember", "").strip():
            status[a3] = "un-member"
    for a3 in ov["unObservers"]:
        status[a3] = "un-observer"
    for a3 in ov["partiallyRecognized"]:
        status[a3] = "partially-recognized"
    former = {k: v for k, v in ov["formerStates"].items() if not k.startswith("_")}
    for sid in former:
        status[sid] = "former"
    extras = {e["id"]: e for e in ov["extraStates"]}
    for sid, e in extras.items():
        status[sid] = e["status"]

    states = []
    for sid in sorted(status):
        o = per.get(sid, {})
        e = extras.get(sid, {})
        names: list[str] = []
        abbrs: list[str] = []
        demonyms: list[str] = []
        capitals: list[str] = []
        alpha2 = alpha3 = numeric = None
        official = None
        pkg_name = None

        c = pycountry.countries.get(alpha_3=sid)
        if c is not None:                                  # ISO 3166-1 state
            alpha2, alpha3, numeric = c.alpha_2, c.alpha_3, c.numeric
            common = getattr(c, "common_name", None)
            off = clean(getattr(c, "official_name", None))
            for n in (common, c.name, off):
                if usable_name(clean(n)):
                    add(names, n)
            if usable_name(off):
                official = off
        elif sid in former:                                # ISO 3166-3 former state
            h, hn, ha = historic_parts(former[sid])
            alpha2, alpha3, numeric = h.alpha_2, h.alpha_3, getattr(h, "numeric", None)
            add(names, *hn)
            add(abbrs, *ha)

        crow = coco.get(e.get("coco", sid))
        if crow is not None:
            short = clean(strip_former(crow["name_short"]))
            off = clean(strip_former(crow["name_official"]))
            for n in (short, off):
                if usable_name(n):
                    add(names, n)
            official = official or off

        rec = ci.get(sid) if c is not None else None
        if rec is not None:
            pkg_name = rec["names"][0]
            for n in rec["names"]:
                if usable_name(n):
                    add(names, n)
            for a in rec["alt"]:
                if re.fullmatch(r"[A-Z]{2,4}", a):
                    if a not in (alpha2, alpha3):
                        add(abbrs, a)              # UK, UAE, DRC, RSA
                    continue
                words = set(a.replace("'", " ").split())
                if (usable_name(a) and LONG_FORM.search(a) and not (words & FOREIGN_WORDS)
                        and all(ord(ch) < 0x250 for ch in a)):
                    add(names, a)
            add(capitals, *rec["capitals"])
            add(demonyms, *rec["demonyms"])

        for hcode in o.get("historic", []):          # former names: Burma, Zaire, ...
            _, hn, _ = historic_parts(hcode)
            add(names, *hn)

        # Overlay (extra-state fields, then per-state additions / removals).
        for src in (e, o):
            add(names, *src.get("names", []))
            add(abbrs, *src.get("abbreviations", []))
            add(demonyms, *src.get("demonyms", []))
            add(capitals, *src.get("capitals", []))
        names = [n for n in names if n not in o.get("dropNames", [])]
        demonyms = [d for d in demonyms if d not in o.get("dropDemonyms", [])]
        capitals = [x for x in capitals if x not in o.get("dropCapitals", [])]
        metonyms: list[str] = []
        add(metonyms, *o.get("metonyms", []))

        name = o.get("name") or e.get("name") or pkg_name or (names[0] if names else None)
        official = o.get("official") or e.get("official") or official or name
        if name and name not in names:
            names.insert(0, name)

        # Plurals, then diacritic-free variants ("Bogotá" -> "Bogota").
        for d in list(demonyms):
            add(demonyms, pluralize(d, invariant))
        fields = {"names": names, "abbreviations": abbrs, "demonyms": demonyms,
                  "capitals": capitals, "metonyms": metonyms}
        for f in ("names", "demonyms", "capitals", "metonyms"):
            for x in list(fields[f]):
                add(fields[f], fold(x))
        ambiguous: list[str] = []
        for a in o.get("ambiguous", []):
            add(ambiguous, a, fold(a))

        states.append({
            "id": sid, "name": name, "official": official,
            "alpha2": alpha2, "alpha3": alpha3, "numeric": numeric,
            "status": status[sid],
            **{f: fields[f] for f in ALIAS_FIELDS},
            "ambiguous": ambiguous,
        })

    # Forms claimed by two states: drop from both, list at the top level.
    owners: dict[str, set[str]] = defaultdict(set)
    kind: dict[str, set[str]] = defaultdict(set)
    for s in states:
        for f in ALIAS_FIELDS:
            for x in s[f]:
                owners[x].add(s["id"])
                kind[x].add(f)
    shared = {x for x, ids in owners.items() if len(ids) > 1}
    amb_dem = sorted(x for x in shared if kind[x] == {"demonyms"})
    amb_names = sorted(x for x in shared if x not in amb_dem)
    lost_demonyms = {sid for x in amb_dem for sid in owners[x]}
    for s in states:
        for f in ALIAS_FIELDS:
            s[f] = sorted(x for x in s[f] if x not in shared)
        s["ambiguous"] = sorted(s["ambiguous"])

    problems = []
    if amb_dem != sorted(ov["expectedAmbiguousDemonyms"]):
        problems.append(f"ambiguous demonyms {amb_dem} != expected "
                        f"{sorted(ov['expectedAmbiguousDemonyms'])}")
    if amb_names != sorted(ov["expectedAmbiguousNames"]):
        details = {x: sorted(owners[x]) for x in amb_names}
        problems.append(f"ambiguous names {details} != expected "
                        f"{sorted(ov['expectedAmbiguousNames'])}")
    if problems:
        fail("; ".join(problems))

    doc = {"states": states, "ambiguousDemonyms": amb_dem, "ambiguousNames": amb_names}
    return doc, sorted(lost_demonyms), coco


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------

def validate(doc: dict, lost_demonyms: list[str], coco: dict) -> None:
    errors: list[str] = []
    seen: dict[str, str] = {}
    ids = set()
    for s in doc["states"]:
        sid = s["id"]
        if not sid or not s["name"] or not s["official"]:
            errors.append(f"{sid!r}: empty id/name/official")
        if sid in ids:
            errors.append(f"{sid}: duplicate id")
        ids.add(sid)
        if s["status"] not in STATUSES:
            errors.append(f"{sid}: bad status {s['status']}")
        if s["name"] not in s["names"]:
            errors.append(f"{sid}: canonical name not among names")
        if not s["demonyms"] and sid not in lost_demonyms:
            errors.append(f"{sid}: no demonym")
        if s["status"] != "former" and not s["capitals"]:
            errors.append(f"{sid}: no capital")
        own = set()
        for f in ALIAS_FIELDS:
            for x in s[f]:
                if not x or x != x.strip():
                    errors.append(f"{sid}: empty/untrimmed alias in {f}: {x!r}")
                if "," in x and f == "names":
                    errors.append(f"{sid}: inverted name {x!r}")
                own.add(x)
                if x in seen and seen[x] != sid:
                    errors.append(f"{x!r} under both {seen[x]} and {sid}")
                seen[x] = sid
        for x in s["ambiguous"]:
            if x not in own:
                errors.append(f"{sid}: ambiguous form {x!r} is not one of its aliases")
        for code in (s["alpha2"], s["alpha3"]):
            if code and code in s["abbreviations"] and code not in ISO_CODES_USED_IN_NEWS:
                errors.append(f"{sid}: ISO code {code} listed as abbreviation")
    for x in doc["ambiguousDemonyms"] + doc["ambiguousNames"]:
        if not x or x in seen:
            errors.append(f"ambiguous form {x!r} still owned by a state")
    counts = defaultdict(int)
    for s in doc["states"]:
        counts[s["status"]] += 1
    if counts["un-member"] != 193:
        errors.append(f"un-member count {counts['un-member']} != 193")
    if counts["un-observer"] != 2:
        errors.append(f"un-observer count {counts['un-observer']} != 2")
    if errors:
        fail("validation failed:\n  " + "\n  ".join(errors))

    # Cross-check (warning only): every name should match coco's regex for the state.
    unmatched = []
    for s in doc["states"]:
        row = coco.get(s["id"])
        if row is None:
            continue
        rx = re.compile(row["regex"], re.IGNORECASE)
        unmatched += [f"{s['id']}:{n}" for n in s["names"] if not rx.search(n)]
    if unmatched:
        print(f"note: {len(unmatched)} name(s) not matched by coco's regex: "
              + ", ".join(unmatched))

    for st in STATUSES:
        print(f"{st}: {counts[st]}")
    print(f"total states: {len(doc['states'])}; aliases: {len(seen)}; "
          f"ambiguousNames: {len(doc['ambiguousNames'])}; "
          f"ambiguousDemonyms: {len(doc['ambiguousDemonyms'])}")
    only_amb = [s["id"] for s in doc["states"] if not s["demonyms"]]
    if only_amb:
        print("states whose only demonyms are ambiguous: " + ", ".join(only_amb))


def main() -> None:
    doc, lost, coco = build()
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {OUT_PATH.relative_to(REPO)}")
    vers = ", ".join(f"{p} {importlib.metadata.version(p)}"
                     for p in ("pycountry", "countryinfo", "country-converter"))
    print(f"packages: {vers}")
    validate(json.loads(OUT_PATH.read_text(encoding="utf-8")), lost, coco)


if __name__ == "__main__":
    main()
