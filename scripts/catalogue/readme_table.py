#!/usr/bin/env python3
"""Print README's catalogue table from data/documents/documents.json and regions.json (the markets a KYC API
serves first, then every other country with an entry). A test (src/extract/catalogue) checks that README names
every entry."""
import json

COVERAGE = ("AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP "
            "SWE ISL LIE NOR CHE GBR USA CAN AUS NZL MEX BRA ARG COL CHL PER IND JPN KOR SGP PHL IDN TUR ARE SAU ISR "
            "ZAF NGA").split()
TYPES = {"passport": "P", "government_id": "ID", "drivers_license": "DL", "residence_permit": "RP", "aadhaar": "Aadhaar"}

docs = json.load(open("data/documents/documents.json"))["countries"]
regions = json.load(open("data/documents/regions.json"))["regions"]
print("| country | languages (CLDR) | subdivisions | personal number, printed on | in the MRZ | dates | name on one line | header names the subdivision | licence field numbers | cards without MRZ |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
rest = [c for c in sorted(docs) if c not in COVERAGE]
for c in COVERAGE + rest:
    e = docs.get(c, {})
    r = regions.get(c)
    langs = ", ".join(r["languages"]) if r else "-"
    subs = str(len(r["subdivisions"])) if r else "-"
    pn = e.get("personal_number") or ("printed, no check" if e.get("personal_number_on") else "")
    on = "/".join(TYPES.get(t, t) for t in e.get("personal_number_on", []))
    pn = f"{pn} ({on})" if on else (pn or "-")
    mrz = "yes" if e.get("mrz_personal_number") else "-"
    dates = "M/D/Y" if e.get("day_order") == "month_first" else "D/M/Y"
    nl = ", ".join(f"{TYPES.get(k, k)}: {v.replace('_', ' ')}" for k, v in e.get("name_line", {}).items()) or "-"
    sh = "/".join(TYPES.get(t, t) for t in e.get("subdivision_header", [])) or "-"
    ln = e.get("licence_numbering") or ("AAMVA" if c in ("USA", "CAN") else "ISO 18013")
    nm = "/".join(TYPES.get(t, t) for t in e.get("without_mrz", [])) or "-"
    print(f"| {c} | {langs} | {subs} | {pn} | {mrz} | {dates} | {nl} | {sh} | {ln} | {nm} |")
