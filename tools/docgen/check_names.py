"""Check that no name token of a holder in the shared evaluation truth files occurs in our name lists.

    python tools/docgen/check_names.py [TRUTH.json ...]   (default: ../shared/testdata/*/truth.json)

The shared names are read here at check time only; they are never written into the generator. Exit 1 on overlap.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import names  # noqa: E402


# Surname particles are not names (a holder "van der X" does not ban every "van").
PARTICLES = {"DE", "DA", "DO", "DOS", "DAS", "DEL", "DELLA", "DI", "VAN", "VON", "DER", "DEN", "LE", "LA", "LOS", "Y",
             "T", "ST", "AL", "EL", "BEN", "IBN", "ABU", "BOU", "OULD", "MAC", "MC", "O"}


def tokens(s: str) -> set[str]:
    return {t for t in re.split(r"[\s\-',.]+", names.strip_accents(s)) if len(t) > 1 and t not in PARTICLES}


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "../../../shared/testdata/*/truth.json")))
    banned: set[str] = set()
    for f in files:
        for doc in json.load(open(f, encoding="utf-8")):
            for k in ("last_name", "first_name", "name"):
                v = (doc.get("fields") or {}).get(k)
                if v:
                    banned |= tokens(v)
    ours: list[str] = []
    for pool in names.POOLS.values():
        for k in ("m", "f", "s"):
            ours += pool[k]
    for extra in (names.LONG_SURNAMES, names.LONG_GIVEN):
        for v in extra.values():
            ours += v
    import data  # places must not reuse a shared holder's name either

    for lst in data.CITIES.values():
        ours += lst
    ours += data.US_CITIES
    bad = sorted({o for o in ours if tokens(o) & banned})
    print(f"{len(files)} truth files, {len(banned)} banned tokens, {len(ours)} list entries checked")
    if bad:
        print("overlapping entries:", ", ".join(bad))
        return 1
    print("no overlap")
    return 0


if __name__ == "__main__":
    sys.exit(main())
