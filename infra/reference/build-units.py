#!/usr/bin/env python3
"""Build the administrative-units resource of service-kit from the dvhcvn 2025 reference data.

Usage: infra/reference/build-units.py [REFERENCE_DIR] [--out OUT_DIR]

REFERENCE_DIR holds units-2025-merges.json, units-2025-splits.json, README.md and LICENSE
(default: ../shared/reference relative to the repository root). OUT_DIR defaults to
services/service-kit/kit/src/main/resources/danvan/units. Standard library only.

The output is UTF-8 TSV, one record per line, sorted by code, so that a new release of the
reference data shows up as a readable diff. Names are kept as in the source apart from
Unicode NFC normalisation and trimming of surrounding spaces (a few source names are
decomposed or end in a space, which would make equal names compare unequal).
The MIT notice and the attribution the reference README asks for are written beside it.
"""

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_REFERENCE = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "reference"))
DEFAULT_OUT = os.path.join(
    REPO_ROOT, "services", "service-kit", "kit", "src", "main", "resources", "danvan", "units"
)
EXPECTED_PROVINCES = 34
EXPECTED_COMMUNES = 3321
MERGE_TYPES = {"full": "", "partial": "*"}


class DataError(Exception):
    pass


def clean(name):
    text = unicodedata.normalize("NFC", name).strip()
    if not text or "\t" in text or "\n" in text:
        raise DataError(f"unusable name {name!r}")
    return text


def code(value, lengths):
    if not isinstance(value, str) or not value.isdigit() or len(value) not in lengths:
        raise DataError(f"unexpected code {value!r}")
    return value


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_attribution(readme_path):
    with open(readme_path, encoding="utf-8") as f:
        text = f.read()
    repo = re.search(r"repository\s+(\S+/\S+?)\s", text)
    commit = re.search(r"commit\s+([0-9a-f]{40})", text)
    if not repo or not commit:
        raise DataError(f"{readme_path}: no source repository and commit found")
    return repo.group(1), commit.group(1)


def build(merges, splits):
    provinces = []  # (code, name, [old province codes])
    communes = []  # (code, province, name, [(old code, full|partial)])
    for p in merges["data"]:
        pcode = code(p["level1_id"], {2})
        old = sorted(code(m["old_id"], {2}) for m in p["merges"])
        provinces.append((pcode, clean(p["name"]), old))
        for c in p["level2s"]:
            ccode = code(c["level2_id"], {5})
            merged = sorted((code(m["old_id"], {3, 5}), m["type"]) for m in c["merges"])
            for _, kind in merged:
                if kind not in MERGE_TYPES:
                    raise DataError(f"commune {ccode}: unknown merge type {kind!r}")
            communes.append((ccode, pcode, clean(c["name"]), merged))

    old_provinces = []  # (code, name)
    old_communes = []  # (code, old province, name)
    for p in splits["data"]:
        pcode = code(p["level1_id"], {2})
        old_provinces.append((pcode, clean(p["name"])))
        # level2s: the few old island districts that had no communes and became special zones
        for c in p.get("level2s", []) + p.get("level3s", []):
            ccode = code(c.get("level3_id") or c.get("level2_id"), {3, 5})
            old_communes.append((ccode, pcode, clean(c["name"])))

    check(provinces, communes, old_provinces, old_communes, splits)
    provinces.sort()
    communes.sort()
    old_provinces.sort()
    old_communes.sort(key=lambda r: (r[0].zfill(5), r[0]))
    return provinces, communes, old_provinces, old_communes


def unique(rows, what):
    codes = [r[0] for r in rows]
    if len(codes) != len(set(codes)):
        dup = sorted({c for c in codes if codes.count(c) > 1})
        raise DataError(f"duplicate {what} codes {dup[:10]}")
    return set(codes)


def check(provinces, communes, old_provinces, old_communes, splits):
    if len(provinces) != EXPECTED_PROVINCES or len(communes) != EXPECTED_COMMUNES:
        raise DataError(f"expected {EXPECTED_PROVINCES}/{EXPECTED_COMMUNES}, got {len(provinces)}/{len(communes)}")
    unique(provinces, "province")
    unique(communes, "commune")
    old_province_codes = unique(old_provinces, "old province")
    old_codes = unique(old_communes, "old commune")
    for pcode, _, olds in provinces:
        if not set(olds) <= old_province_codes:
            raise DataError(f"province {pcode}: unknown old provinces {olds}")
    # both files must tell the same story, so that the resource can carry one direction only
    merge_pairs = {(old, c) for c, _, _, merged in communes for old, _ in merged}
    split_pairs = set()
    for p in splits["data"]:
        for c in p.get("level2s", []) + p.get("level3s", []):
            old = c.get("level3_id") or c.get("level2_id")
            split_pairs |= {(old, s["new_id"]) for s in c["splits"]}
    if merge_pairs != split_pairs:
        raise DataError(f"merges and splits disagree on {sorted(merge_pairs ^ split_pairs)[:10]}")
    unknown = {old for old, _ in merge_pairs} - old_codes
    if unknown:
        raise DataError(f"merged old communes missing from the splits file: {sorted(unknown)[:10]}")


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(f"# {line}\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


NOTICE = """\
# Administrative units of Vietnam after 1 July 2025: notice

The files `provinces.tsv`, `communes.tsv`, `old-provinces.tsv` and `old-communes.tsv` in
this directory are derived from the data of the public repository **{repo}**
(commit `{commit}`), MIT licensed: see `LICENSE` beside this
file, which must stay with any copy of them. That data was built from Resolution 60-NQ/TW, official letters
915/CTK-CSCL (province codes) and 1027/CTK-CSCL (commune codes) and resolutions
1654-1687/NQ-UBTVQH15 (commune mergers per province).

Generated by `infra/reference/build-units.py` from `units-2025-merges.json` and
`units-2025-splits.json`; do not edit by hand, run the script again. Changes made to the
data: names normalised to Unicode NFC and trimmed of surrounding spaces; records sorted
by code; the merge and split files cross-checked and folded into one direction.

Codes are the General Statistics Office codes: provinces 2 digits, communes 5 digits.
Old (before 1 July 2025) and new codes are separate code spaces: most 5-digit new codes
equal the code of one of the old communes merged into them, but they name different units.
`old-communes.tsv` also lists the five old island districts (3-digit codes) that had no
communes and became special zones (*đặc khu*).

- `provinces.tsv`: code, name, old provinces merged into it.
- `communes.tsv`: code, province, name, old communes merged into it (`*` after an old
  code: only part of that old commune went to this one; it was split between several).
- `old-provinces.tsv`: code, name.
- `old-communes.tsv`: code, old province, name.

Counts: {provinces} provinces, {communes} communes, {old_provinces} old provinces, {old_communes} old communes.
"""


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", nargs="?", default=DEFAULT_REFERENCE)
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    ref = args.reference
    try:
        merges = load(os.path.join(ref, "units-2025-merges.json"))
        splits = load(os.path.join(ref, "units-2025-splits.json"))
        repo, commit = read_attribution(os.path.join(ref, "README.md"))
        provinces, communes, old_provinces, old_communes = build(merges, splits)
    except (OSError, KeyError, DataError) as e:
        print(f"build-units: {type(e).__name__}: {e}", file=sys.stderr)
        return 1

    out = args.out
    os.makedirs(out, exist_ok=True)
    write_tsv(
        os.path.join(out, "provinces.tsv"),
        [f"Provinces after 1 July 2025. Source: {repo}@{commit[:12]}, MIT (see NOTICE.md).",
         "code\tname\told provinces merged into it"],
        [(c, n, ",".join(o)) for c, n, o in provinces],
    )
    write_tsv(
        os.path.join(out, "communes.tsv"),
        [f"Communes after 1 July 2025. Source: {repo}@{commit[:12]}, MIT (see NOTICE.md).",
         "code\tprovince\tname\told communes merged into it (* = only part of that old commune)"],
        [(c, p, n, ",".join(o + MERGE_TYPES[t] for o, t in m)) for c, p, n, m in communes],
    )
    write_tsv(
        os.path.join(out, "old-provinces.tsv"),
        [f"Provinces before 1 July 2025. Source: {repo}@{commit[:12]}, MIT (see NOTICE.md).",
         "code\tname"],
        old_provinces,
    )
    write_tsv(
        os.path.join(out, "old-communes.tsv"),
        [f"Communes before 1 July 2025. Source: {repo}@{commit[:12]}, MIT (see NOTICE.md).",
         "code\told province\tname"],
        [(c, p, n) for c, p, n in old_communes],
    )
    shutil.copyfile(os.path.join(ref, "LICENSE"), os.path.join(out, "LICENSE"))
    with open(os.path.join(out, "NOTICE.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(NOTICE.format(repo=repo, commit=commit, provinces=len(provinces), communes=len(communes),
                              old_provinces=len(old_provinces), old_communes=len(old_communes)))
    print(f"build-units: {len(provinces)} provinces, {len(communes)} communes, "
          f"{len(old_provinces)} old provinces, {len(old_communes)} old communes -> {os.path.relpath(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
