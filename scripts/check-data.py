#!/usr/bin/env python3
"""Validates the reference data under data/ and reports gold-name coverage.

    python3 scripts/check-data.py            # validate; exit 1 on any error
    python3 scripts/check-data.py --verbose  # also list covered gold names

Checks: UTF-8 and NFC text, column counts, allowed kinds/classes, ISO-like
codes, duplicate keys, empty or badly marked aliases. Then, when the shared
gold files are present (../shared/eval/gold relative to the repository root),
prints the non-optional country/organisation/place names there that no alias
covers (folded as the scorer folds them). Coverage gaps are reported, not
errors: many gold names are article-specific and do not belong in reference data.
"""

import glob
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLD = ROOT.parent / "shared" / "eval" / "gold"

PLACE_KINDS = {"capital", "city", "region", "sea", "airport", "monument", "building"}
ORG_KINDS = {"intergovernmental", "forum", "news_agency", "party", "other"}
TITLE_CLASSES = {
    "head_of_state", "head_of_government", "party_leader", "minister", "deputy",
    "ambassador", "parliament", "official", "spouse", "honorific",
}

errors: list[str] = []


def error(where: str, message: str) -> None:
    errors.append(f"{where}: {message}")


def data_lines(path: Path):
    """Yields (line number, line) for every non-comment, non-blank line."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        error(str(path), f"not UTF-8 ({exc})")
        return
    if unicodedata.normalize("NFC", text) != text:
        error(str(path), "text is not NFC-normalised")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        # An empty last column leaves a trailing tab, which is fine; spaces are not.
        if line != line.strip(" ") or any(c != c.strip(" ") for c in line.split("\t")):
            error(f"{path.name}:{number}", "leading or trailing spaces in a column")
        yield number, line


def bare(alias: str) -> str:
    return alias.lstrip("~=?")


def check_aliases(where: str, field: str, allow_empty_field: bool = True) -> list[str]:
    """Splits a `|` field; every alias must be non-empty after its mark."""
    if field == "":
        if not allow_empty_field:
            error(where, "empty field")
        return []
    aliases = field.split("|")
    seen = set()
    for alias in aliases:
        name = bare(alias)
        if not name or name != name.strip():
            error(where, f"empty or padded alias {alias!r}")
        if re.match(r"^[~=]{2,}", alias) or alias.startswith(("+", "-")):
            error(where, f"bad mark on {alias!r}")
        if "\t" in alias:
            error(where, f"tab inside alias {alias!r}")
        if name in seen:
            error(where, f"alias listed twice: {name!r}")
        seen.add(name)
    return [bare(a) for a in aliases]


def check_columns(path: Path, count: int):
    for number, line in data_lines(path):
        cols = line.split("\t")
        where = f"{path.relative_to(ROOT)}:{number}"
        if len(cols) != count:
            error(where, f"expected {count} columns, got {len(cols)}")
            continue
        yield where, cols


def check_countries() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    codes = set()
    owner: dict[str, str] = {}
    for where, cols in check_columns(DATA / "countries.tsv", 6):
        code, short, *fields = cols
        if not re.fullmatch(r"[A-Z]{2}", code):
            error(where, f"bad code {code!r}")
        if code in codes:
            error(where, f"duplicate code {code}")
        codes.add(code)
        if not short:
            error(where, "empty english short name")
        found = {short}
        for field in fields:
            found.update(check_aliases(where, field))
        names[code] = found
        # A surface name owned by two countries would make a mention ambiguous.
        for field in fields[:3]:
            for alias in field.split("|") if field else []:
                key = bare(alias).casefold()
                if owner.setdefault(key, code) != code:
                    error(where, f"name {bare(alias)!r} also belongs to {owner[key]}")
    for code in ("VN", "RU", "BY", "US", "SU", "YU", "CS", "DD"):
        if code not in codes:
            error("countries.tsv", f"missing {code}")
    # Every extra-file row must have the extra file's own 6 columns.
    for _ in check_columns(DATA / "countries-extra.tsv", 6):
        pass
    return names


def add_name(names: dict[str, set[str]], where: str, canonical: str, fields: tuple[str, ...]) -> None:
    """Records a canonical name, unique and not empty, with the aliases of its language columns."""
    if not canonical:
        error(where, "empty canonical name")
    if canonical in names:
        error(where, f"duplicate canonical name {canonical!r}")
    found = {canonical}
    for field in fields:
        found.update(check_aliases(where, field))
    names[canonical] = found


def check_organizations() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for where, cols in check_columns(DATA / "organizations.tsv", 5):
        canonical, en, vi, ru, kind = cols
        add_name(names, where, canonical, (en, vi, ru))
        if kind not in ORG_KINDS:
            error(where, f"unknown kind {kind!r}")
    return names


def check_places() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    rows = [r for f in ("places.tsv", "places-generated.tsv") for r in check_columns(DATA / f, 6)]
    for where, cols in rows:
        canonical, code, kind, en, vi, ru = cols
        add_name(names, where, canonical, (en, vi, ru))
        if code and not re.fullmatch(r"[A-Z]{2}", code):
            error(where, f"bad country code {code!r}")
        if kind not in PLACE_KINDS:
            error(where, f"unknown kind {kind!r}")
    return names


def check_titles() -> None:
    for lang in ("en", "vi", "ru"):
        seen = set()
        for number, line in data_lines(DATA / lang / "titles.tsv"):
            where = f"{(DATA / lang / 'titles.tsv').relative_to(ROOT)}:{number}"
            cols = line.split("\t")
            # A third column marks a plural title ("presidents"): `plural` or empty.
            if len(cols) not in (2, 3) or (len(cols) == 3 and cols[2] not in ("", "plural")):
                error(where, f"expected a phrase, a class and optionally `plural`, got {cols!r}")
                continue
            phrase, cls = cols[0], cols[1]
            if not bare(phrase):
                error(where, "empty title")
            if cls not in TITLE_CLASSES:
                error(where, f"unknown class {cls!r}")
            key = bare(phrase).casefold()
            if key in seen:
                error(where, f"duplicate title {phrase!r}")
            seen.add(key)


def check_word_list(path: Path) -> None:
    seen = set()
    for number, line in data_lines(path):
        where = f"{path.relative_to(ROOT)}:{number}"
        if "\t" in line or not line.strip():
            error(where, "one word or phrase per line, no tabs")
        if line in seen:
            error(where, f"duplicate {line!r}")
        seen.add(line)


def fold(text: str) -> str:
    """The scorer's folding: NFKD, marks removed, đ→d, lower case, non-alnum runs→space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^\w]+|_", " ", text).strip()


def report_gold_coverage(countries, orgs, places, verbose: bool) -> None:
    files = sorted(glob.glob(str(GOLD / "**" / "*.json"), recursive=True))
    if not files:
        print(f"note: no gold files under {GOLD}; coverage not checked")
        return
    by_type = {
        "country": {fold(n) for names in countries.values() for n in names},
        "organization": {fold(n) for names in orgs.values() for n in names},
        "place": {fold(n) for names in places.values() for n in names},
    }
    missing: dict[tuple[str, str], set[str]] = {}
    covered = 0
    for path in files:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        for entity in doc.get("entities", []):
            kind = entity.get("type")
            if kind not in by_type or entity.get("optional"):
                continue
            forms = set(entity.get("names") or []) | {entity.get("name", "")}
            forms.discard("")
            absent = {f for f in forms if fold(f) not in by_type[kind]}
            if len(absent) < len(forms):
                covered += 1
            else:
                missing.setdefault((kind, entity.get("name", "")), set()).add(Path(path).name)
            if verbose and absent and len(absent) < len(forms):
                print(f"  partly covered {kind} {entity.get('name')!r}: no alias for {sorted(absent)}")
    print(f"gold coverage: {covered} non-optional country/organisation/place mentions found by some alias")
    if missing:
        print(f"not covered ({len(missing)}): usually article-specific or pattern-based names")
        for (kind, name), where in sorted(missing.items()):
            print(f"  {kind:12} {name}  [{', '.join(sorted(where))}]")


def main() -> int:
    verbose = "--verbose" in sys.argv
    countries = check_countries()
    orgs = check_organizations()
    places = check_places()
    check_titles()
    check_word_list(DATA / "vi" / "surnames.txt")
    check_word_list(DATA / "en" / "name_particles.txt")
    check_word_list(DATA / "en" / "stop_capitalized.txt")
    check_word_list(DATA / "vi" / "stop_capitalized.txt")
    print(f"countries: {len(countries)}, organizations: {len(orgs)}, places: {len(places)}")
    report_gold_coverage(countries, orgs, places, verbose)
    if errors:
        for line in errors:
            print(f"error: {line}")
        print(f"{len(errors)} error(s)")
        return 1
    print("data OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
