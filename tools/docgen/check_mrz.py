"""Independent check of the MRZs in a truth.json: line lengths, character set, every check digit (including the
composite), and agreement of the MRZ with the truth fields. Written separately from mrz.py on purpose.

    python tools/docgen/check_mrz.py DIR [DIR ...]      (exit 1 on any problem)
"""

import json
import os
import sys

VALUES = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}


def cd(s):
    total = 0
    for i, ch in enumerate(s):
        total += VALUES[ch] * (7, 3, 1)[i % 3]
    return str(total % 10)


def ok_opt(field, digit):
    return digit == cd(field) or (set(field) == {"<"} and digit in "<0")


def yymmdd(iso):
    return iso[2:4] + iso[5:7] + iso[8:10] if iso else None


def check(doc):
    errs = []
    lines = doc["mrz"]
    f = doc["fields"]
    n = {2: len(lines[0]), 3: 30}[len(lines)]
    if any(len(l) != n for l in lines) or not all(set(l) <= set(VALUES) for l in lines):
        return [f"bad shape/charset {lines}"]
    first = lines[0][0]
    if len(lines) == 3:  # TD1
        l1, l2, l3 = lines
        num, ncd, dob, dcd, sex, exp, ecd, nat, comp = l1[5:14], l1[14], l2[0:6], l2[6], l2[7], l2[8:14], l2[14], l2[15:18], l2[29]
        issuer = l1[2:5]
        if comp != cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]):
            errs.append("composite")
        name = l3
    else:
        l1, l2 = lines
        issuer = l1[2:5]
        num, ncd, nat, dob, dcd, sex, exp, ecd = l2[0:9], l2[9], l2[10:13], l2[13:19], l2[19], l2[20], l2[21:27], l2[27]
        name = l1[5:]
        if first == "P":
            if not ok_opt(l2[28:42], l2[42]):
                errs.append("optional")
            if l2[43] != cd(l2[0:10] + l2[13:20] + l2[21:43]):
                errs.append("composite")
        elif first in "ACI":
            if l2[35] != cd(l2[0:10] + l2[13:20] + l2[21:35]):
                errs.append("composite")
        elif first != "V":
            errs.append("unknown document code")
    for label, field, digit in (("number", num, ncd), ("birth", dob, dcd), ("expiry", exp, ecd)):
        if cd(field) != digit:
            errs.append(f"{label} check digit")
    if num.rstrip("<") != "".join(c for c in f["document_number"] if c.isalnum()).upper()[:9]:
        errs.append(f"number {num} vs {f['document_number']}")
    if dob != yymmdd(f["birth_date"]):
        errs.append("birth date")
    if exp != yymmdd(f["expire_date"]):
        errs.append("expiry date")
    if issuer.rstrip("<") != doc["issuing_country"]:
        errs.append("issuer")
    if f["nationality"] and nat.rstrip("<") != f["nationality"]:
        errs.append("nationality")
    want_sex = f["gender"] if f["gender"] in ("M", "F") else "<"
    if f["gender"] and sex != want_sex:
        errs.append("sex")
    primary = name.split("<<")[0].replace("<", " ")
    if not doc["mrz_name_truncated"] and primary not in [a.replace("-", " ").replace("'", "") for a in doc["alt"]["last_name"]]:
        errs.append(f"name {primary!r} not in alt {doc['alt']['last_name']}")
    return errs


def main():
    bad = total = 0
    for d in sys.argv[1:]:
        for doc in json.load(open(os.path.join(d, "truth.json"), encoding="utf-8")):
            if not doc["mrz"]:
                continue
            total += 1
            e = check(doc)
            if e:
                bad += 1
                print(f"{d}/{doc['file']}: {', '.join(e)}")
    print(f"{total} MRZs checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
