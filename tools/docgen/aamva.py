#!/usr/bin/env python3
"""AAMVA DL/ID PDF417 data strings, written from the AAMVA DL/ID Card Design Standard (Annex D).

File layout (all versions)::

    header      "@" LF RS CR  file-type(5)  IIN(6)  AAMVA-version(2)  [jurisdiction-version(2)]  entries(2)
    designators entries x ( subfile-type(2)  offset(4)  length(4) )
    subfiles    type(2) + element ID(3) + value, elements separated by LF, last element ends with CR

* The jurisdiction version field exists from version 02 on; a version 01 (AAMVA DL/ID-2000) header is
  19 characters long, later headers 21.
* Offset: bytes from the beginning of the file to the subfile, the first byte being offset 0.
* Length: bytes of the subfile, counting its 2-character type and its final segment terminator (CR).
  Both agree with the standard's own samples (version 01: ``DL00390187``, version 10: ``DL00410278``);
  ``selftest()`` rebuilds those two samples byte for byte.
* File type is ``"ANSI "``; some early version 01 files carry ``"AAMVA"`` instead.

Element sets per version (what ``build_elements`` writes):

* 01 (DL/ID-2000): DAA full name ``LAST,FIRST,MIDDLE`` (sometimes with a trailing comma), DAR class,
  DAS restrictions, DAT endorsements (blank-padded), DAU height as FT+IN (``"509"``), DAW weight, dates
  CCYYMMDD for everyone, DBC 1/2 (a few with M/F).
* 02, 03 (2003, 2005): DCS family name + DCT given names (``FIRST,MIDDLE``), DCU suffix, DCA/DCB/DCD,
  DCF discriminator, DCG country, DCH federal commercial vehicle codes (``NONE``), dates MMDDCCYY (USA)
  or CCYYMMDD (Canada), DAU ``"070 in"`` / ``"178 cm"``.
* 04 .. 10 (2009 .. 2020): DCS/DAC/DAD with the DDE/DDF/DDG truncation flags, optional DDA..DDD,
  DDJ (05+), DDK organ donor / DDL veteran (07+ here), DBC 1/2/9 (9 "not specified" only 09+ here).

Everything in this module is deterministic for a given ``random.Random``.
CLI: ``python aamva.py --selftest`` (format checks, the standard's samples, malformed detection, and the
check that no holder name or place of ``shared/testdata/*/truth.json`` is used),
``python aamva.py --sample N --seed S`` (print N payloads, control characters escaped).
"""
from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import random
import re
import sys
from dataclasses import dataclass, asdict

LF, RS, CR = "\n", "\x1e", "\r"
COMPLIANCE = "@"
HEADER_PREFIX = COMPLIANCE + LF + RS + CR

# ---------------------------------------------------------------------------------------------------------
# Issuer identification numbers (AAMVA IIN list). Sources cross-checked: two independent public parsers that
# copy AAMVA's IIN page (one dated 2023-12-29); they agree on every entry below. Northwest Territories
# (604434) is in only one of them. Mexican and US State Department IINs are listed but never sampled.
# code -> (IIN, name, country)
# ---------------------------------------------------------------------------------------------------------
IIN_TABLE: dict[str, tuple[str, str, str]] = {
    # United States: 50 states + DC
    "AL": ("636033", "Alabama", "USA"), "AK": ("636059", "Alaska", "USA"),
    "AZ": ("636026", "Arizona", "USA"), "AR": ("636021", "Arkansas", "USA"),
    "CA": ("636014", "California", "USA"), "CO": ("636020", "Colorado", "USA"),
    "CT": ("636006", "Connecticut", "USA"), "DE": ("636011", "Delaware", "USA"),
    "DC": ("636043", "District of Columbia", "USA"), "FL": ("636010", "Florida", "USA"),
    "GA": ("636055", "Georgia", "USA"), "HI": ("636047", "Hawaii", "USA"),
    "ID": ("636050", "Idaho", "USA"), "IL": ("636035", "Illinois", "USA"),
    "IN": ("636037", "Indiana", "USA"), "IA": ("636018", "Iowa", "USA"),
    "KS": ("636022", "Kansas", "USA"), "KY": ("636046", "Kentucky", "USA"),
    "LA": ("636007", "Louisiana", "USA"), "ME": ("636041", "Maine", "USA"),
    "MD": ("636003", "Maryland", "USA"), "MA": ("636002", "Massachusetts", "USA"),
    "MI": ("636032", "Michigan", "USA"), "MN": ("636038", "Minnesota", "USA"),
    "MS": ("636051", "Mississippi", "USA"), "MO": ("636030", "Missouri", "USA"),
    "MT": ("636008", "Montana", "USA"), "NE": ("636054", "Nebraska", "USA"),
    "NV": ("636049", "Nevada", "USA"), "NH": ("636039", "New Hampshire", "USA"),
    "NJ": ("636036", "New Jersey", "USA"), "NM": ("636009", "New Mexico", "USA"),
    "NY": ("636001", "New York", "USA"), "NC": ("636004", "North Carolina", "USA"),
    "ND": ("636034", "North Dakota", "USA"), "OH": ("636023", "Ohio", "USA"),
    "OK": ("636058", "Oklahoma", "USA"), "OR": ("636029", "Oregon", "USA"),
    "PA": ("636025", "Pennsylvania", "USA"), "RI": ("636052", "Rhode Island", "USA"),
    "SC": ("636005", "South Carolina", "USA"), "SD": ("636042", "South Dakota", "USA"),
    "TN": ("636053", "Tennessee", "USA"), "TX": ("636015", "Texas", "USA"),
    "UT": ("636040", "Utah", "USA"), "VT": ("636024", "Vermont", "USA"),
    "VA": ("636000", "Virginia", "USA"), "WA": ("636045", "Washington", "USA"),
    "WV": ("636061", "West Virginia", "USA"), "WI": ("636031", "Wisconsin", "USA"),
    "WY": ("636060", "Wyoming", "USA"),
    # US territories
    "AS": ("604427", "American Samoa", "USA"), "GU": ("636019", "Guam", "USA"),
    "MP": ("604430", "Northern Mariana Islands", "USA"), "PR": ("604431", "Puerto Rico", "USA"),
    "VI": ("636062", "US Virgin Islands", "USA"),
    # Canada: 10 provinces + 3 territories
    "AB": ("604432", "Alberta", "CAN"), "BC": ("636028", "British Columbia", "CAN"),
    "MB": ("636048", "Manitoba", "CAN"), "NB": ("636017", "New Brunswick", "CAN"),
    "NL": ("636016", "Newfoundland and Labrador", "CAN"), "NS": ("636013", "Nova Scotia", "CAN"),
    "NT": ("604434", "Northwest Territories", "CAN"), "NU": ("604433", "Nunavut", "CAN"),
    "ON": ("636012", "Ontario", "CAN"), "PE": ("604426", "Prince Edward Island", "CAN"),
    "QC": ("604428", "Quebec", "CAN"), "SK": ("636044", "Saskatchewan", "CAN"),
    "YT": ("604429", "Yukon", "CAN"),
}
# Listed by AAMVA too, never sampled here (not US/Canadian licences, or no address jurisdiction).
IIN_OTHER: dict[str, tuple[str, str, str]] = {
    "DS": ("636027", "US State Department (diplomatic)", "USA"),
    "COA": ("636056", "Coahuila", "MEX"),
    "HID": ("636057", "Hidalgo", "MEX"),
}
IIN_TO_CODE = {v[0]: k for k, v in {**IIN_TABLE, **IIN_OTHER}.items()}

# AAMVA version number -> standard it designates
AAMVA_VERSIONS = {
    1: "AAMVA DL/ID-2000", 2: "AAMVA Card Design Specification 1.0 (09-2003)",
    3: "AAMVA Card Design Specification 2.0 (03-2005)", 4: "AAMVA DL/ID Card Design Standard (07-2009)",
    5: "AAMVA DL/ID Card Design Standard (07-2010)", 6: "AAMVA DL/ID Card Design Standard (07-2011)",
    7: "AAMVA DL/ID Card Design Standard (06-2012)", 8: "AAMVA DL/ID Card Design Standard (08-2013)",
    9: "AAMVA DL/ID Card Design Standard (09-2016)", 10: "AAMVA DL/ID Card Design Standard (2020)",
}

# ---------------------------------------------------------------------------------------------------------
# Holder data pools: our own names (many origins, apostrophes and hyphens) and real towns with a matching
# ZIP prefix / postal-code forward sortation area. Checked by selftest() against shared/testdata truth.
# ---------------------------------------------------------------------------------------------------------
LAST_NAMES = [
    "OKAFOR", "NGUYEN", "TRAN-HOLLOWAY", "O'SULLIVAN", "MCALLISTER", "D'ARCY", "HAVILAND", "KOWALCZYK",
    "BRZEZINSKI", "ABERNATHY", "YAMAMOTO", "TAKAHASHI-BELL", "HERNANDEZ-OCHOA", "VILLANUEVA", "BALOGUN",
    "ADEYEMI", "MWANGI", "HADDAD", "KHOURY", "NASSER", "PETROSYAN", "GRIGORIAN", "CHATTERJEE",
    "BANERJEE-FOX", "RAMASWAMY", "IYER", "LINDQVIST", "HALVORSEN", "MAGNUSSON", "OYELARAN", "FAIRWEATHER",
    "BLACKWOOD", "MACKENZIE-ROSS", "QUINTERO", "ZAMORA", "ARCENEAUX", "THIBODEAUX", "BOUDREAU", "LEBLANC",
    "GAGNON", "TREMBLAY", "OUELLETTE", "BEAUCHAMP", "KAUFUSI", "TUILAGI", "KEALOHA", "YAZZIE", "BEGAY",
    "TSOSIE", "WOJCIK", "HORVATH", "DVORAK", "SZABO", "POPESCU", "IONESCU", "PAPADOPOULOS", "KARAGIANNIS",
    "ROSENBERG", "FELDMAN", "GOLDSTEIN-PRICE", "DUBICKI", "O'NEILL-HARGROVE", "MCGILLICUDDY", "DUNLEAVY",
    "KAHANANUI", "FALEOLO", "SANTIAGO-RIVERA", "DELACROIX", "FONTAINE", "CHOWDHURY", "RAHMAN", "SIDDIQUI",
    "QURESHI", "HOSSEINI", "KARIMI", "TAHERI", "ABUBAKAR", "DIALLO", "TRAORE", "KEITA", "OWUSU", "MENSAH",
    "ASANTE", "O'HALLORAN", "D'ALESSIO", "VASQUEZ-TORRES", "BJORNSTAD", "ACHTERBERG", "ZIELINSKI",
    "CAVANAGH", "NAKASHIMA", "WATANABE", "CHAUDHARY", "ESCOBEDO", "MORALES-BRANDT", "LAFLEUR",
]
FIRST_NAMES_M = [
    "BRENDAN", "DESHAWN", "EZEKIEL", "HIROSHI", "JOAQUIN", "LEOPOLD", "QUENTIN", "TADEUSZ", "WENDELL",
    "YUSUF", "DARIUS", "FARHAN", "HAMISH", "OLUWASEUN", "CHIDI", "BAO", "MATEO", "IGNATIUS", "RAFFERTY",
    "KWAME", "TOBIAS", "EMEKA", "SANTIAGO", "RASHID", "CORMAC", "ANDRZEJ", "KENJI", "DMITRI", "AUGUSTIN",
    "JEAN-PHILIPPE", "D'ANDRE", "MALACHI", "NIKHIL", "TEODORO", "LEIF", "GRAYSON", "ELIJAH", "OSWALDO",
]
FIRST_NAMES_F = [
    "AMARA", "CATALINA", "FIONNUALA", "GRETCHEN", "IFEOMA", "KAILANI", "MARISOL", "NIAMH", "PRIYANKA",
    "ROSALIND", "SIOBHAN", "UCHENNA", "VALENTINA", "XIOMARA", "ZOFIA", "ANH", "ESPERANZA", "GIOVANNA",
    "ILSE", "MARY-KATE", "ADAEZE", "BEATRIZ", "CHIOMA", "DAGNY", "EVANGELINE", "FARAH", "GWENDOLYN",
    "HALLIE", "IMOGEN", "JOSEPHINE", "KEIKO", "LORELEI", "MAGDALENA", "NAOMI", "OCTAVIA", "PERPETUA",
    "ROSE-ANNE", "SHAUNA", "TALLULAH", "WINIFRED",
]
MIDDLE_NAMES = [
    "AUGUST", "BLESSING", "CONSTANCE", "DELPHINE", "EUGENE", "FLORENCE", "GRACE", "HOPE", "IRENE", "JUDE",
    "KATHLEEN", "LORCAN", "MONTGOMERY", "NOEL", "ORLA", "PATRICE", "QUINN", "REGINALD", "SAOIRSE",
    "THADDEUS", "URSULA", "VIVIAN", "WREN", "YVONNE", "ZAHRA", "A", "B", "J", "K", "M", "R", "T",
]
SUFFIXES = ["JR", "SR", "II", "III", "IV"]

STREET_NAMES = [
    "ALDERWOOD", "BIRCHMONT", "CEDAR HOLLOW", "DOGWOOD", "ELMHURST", "FOXGLOVE", "GRANITE RIDGE",
    "HAWTHORN", "IRONWOOD", "JUNIPER", "KESTREL", "LARKSPUR", "MAGNOLIA", "NORTHGATE", "ORCHARD VIEW",
    "PINECREST", "QUAIL RUN", "RIVERBEND", "SUMAC", "TAMARACK", "UPLAND", "VERBENA", "WILLOWBROOK",
    "YARROW", "BLUEBONNET", "COPPERFIELD", "DRIFTWOOD", "EVERGLADE", "FIELDSTONE", "GLENCAIRN",
]
STREET_TYPES = ["AVE", "DR", "RD", "LN", "CT", "BLVD", "WAY", "PL", "TER", "CIR", "HWY", "PKWY"]
QC_STREETS = ["RUE DES ERABLES", "RUE SAINT-DENIS", "BOUL DES LAURENTIDES", "CH DU LAC-BEAUPORT",
              "AV DU MONT-ROYAL", "RUE DE LA FABRIQUE"]

# code -> list of (city, ZIP prefix (US, 3 or 5 digits) or postal FSA (Canada))
CITIES: dict[str, list[tuple[str, str]]] = {
    "AL": [("TUSCALOOSA", "354"), ("HUNTSVILLE", "358")], "AK": [("FAIRBANKS", "997"), ("JUNEAU", "998")],
    "AZ": [("FLAGSTAFF", "860"), ("TEMPE", "852")], "AR": [("FAYETTEVILLE", "727")],
    "CA": [("FRESNO", "937"), ("SACRAMENTO", "958"), ("EUREKA", "955")], "CO": [("BOULDER", "803")],
    "CT": [("HARTFORD", "061")], "DE": [("DOVER", "199")], "FL": [("GAINESVILLE", "326")],
    "GA": [("SAVANNAH", "314")], "HI": [("HILO", "967")], "ID": [("BOISE", "837")],
    "IL": [("PEORIA", "616")], "IN": [("BLOOMINGTON", "474")], "IA": [("AMES", "500")],
    "KS": [("WICHITA", "672")], "KY": [("LEXINGTON", "405")], "LA": [("LAFAYETTE", "705")],
    "ME": [("BANGOR", "044")], "MD": [("ANNAPOLIS", "214")], "MA": [("WORCESTER", "016")],
    "MI": [("KALAMAZOO", "490")], "MN": [("DULUTH", "558")], "MS": [("BILOXI", "395")],
    "MO": [("SPRINGFIELD", "658")], "MT": [("BOZEMAN", "597")], "NE": [("OMAHA", "681")],
    "NV": [("RENO", "895")], "NH": [("CONCORD", "033")], "NJ": [("TRENTON", "086")],
    "NM": [("LAS CRUCES", "880")], "NY": [("BUFFALO", "142"), ("ITHACA", "148")],
    "NC": [("ASHEVILLE", "288")], "ND": [("FARGO", "581")], "OH": [("DAYTON", "454")],
    "OK": [("TULSA", "741")], "OR": [("EUGENE", "974")], "PA": [("ERIE", "165")],
    "RI": [("PROVIDENCE", "029")], "SC": [("CHARLESTON", "294")], "SD": [("SIOUX FALLS", "571")],
    "TN": [("KNOXVILLE", "379")], "TX": [("EL PASO", "799"), ("AMARILLO", "791")], "UT": [("PROVO", "846")],
    "VT": [("BURLINGTON", "054")], "VA": [("ROANOKE", "240")], "WA": [("SPOKANE", "992")],
    "WV": [("MORGANTOWN", "265")], "WI": [("MADISON", "537")], "WY": [("LARAMIE", "820")],
    "AS": [("PAGO PAGO", "96799")], "GU": [("HAGATNA", "96910")], "MP": [("SAIPAN", "96950")],
    "PR": [("PONCE", "007")], "VI": [("CHARLOTTE AMALIE", "00802")],
    "AB": [("LETHBRIDGE", "T1J")], "BC": [("KELOWNA", "V1Y")], "MB": [("BRANDON", "R7A")],
    "NB": [("MONCTON", "E1C")], "NL": [("CORNER BROOK", "A2H")], "NS": [("TRURO", "B2N")],
    "NT": [("YELLOWKNIFE", "X1A")], "NU": [("IQALUIT", "X0A")], "ON": [("KINGSTON", "K7L"), ("SUDBURY", "P3A")],
    "PE": [("CHARLOTTETOWN", "C1A")], "QC": [("SHERBROOKE", "J1H"), ("GATINEAU", "J8T")],
    "SK": [("SASKATOON", "S7K")], "YT": [("WHITEHORSE", "Y1A")],
}
# DC is in the IIN table but not sampled: its only city is a place name used by the shared test data.
SAMPLED_JURISDICTIONS = [c for c in IIN_TABLE if c in CITIES]

# Licence-number shapes (A = letter, 9 = digit, other characters literal); approximations of real formats.
DAQ_FORMATS = {
    "CA": "A9999999", "TX": "99999999", "NY": "999999999", "FL": "A999999999999", "IL": "A99999999999",
    "PA": "99999999", "OH": "AA999999", "MI": "A999999999999", "GA": "999999999", "NC": "000999999999",
    "NJ": "A99999999999999", "VA": "A99999999", "WA": "WDLAAAA99999", "AZ": "A99999999", "MA": "S99999999",
    "TN": "999999999", "IN": "9999999999", "MO": "A999999999", "MD": "A999999999999", "WI": "A9999999999999",
    "CO": "999999999", "MN": "A999999999999", "SC": "999999999", "KY": "A99999999", "OK": "A999999999",
    "IA": "999AA9999", "NV": "9999999999", "KS": "K99999999", "NE": "A99999999", "ID": "AA999999A",
    "HI": "H99999999", "NH": "99AAA99999", "ND": "AAA999999", "WY": "999999999", "MT": "9999999999999",
    "ON": "A99999999999999", "QC": "A999999999999", "BC": "9999999", "AB": "999999-999", "SK": "99999999",
    "NS": "AAAAA999999999", "NB": "9999999", "NL": "A999999999", "MB": "AAAAA999A999", "PE": "999999",
}
EYES = ["BRO", "BLU", "GRN", "HAZ", "GRY", "BLK"]
HAIR = ["BRO", "BLK", "BLN", "GRY", "RED", "WHI", "SDY", "BAL"]
REST_US = ["NONE", "NONE", "B", "B", "A", "BC", "E"]
END_US = ["NONE", "NONE", "NONE", "M", "P", "H", "N"]
CLASS_US = ["C", "C", "C", "D", "CM", "DM", "A", "B"]
CLASS_CA = {"ON": ["G", "G", "G2", "M"], "QC": ["5", "5", "6A"], "NS": ["5", "5", "6"], "default": ["5", "5", "7", "6"]}


@dataclass
class Holder:
    last: str
    first: str
    middle: str | None
    suffix: str | None
    sex: str  # M / F / X
    dob: dt.date
    street: str
    city: str
    state: str
    postal: str  # as the holder writes it ("14850-2231", "K7L 3N6")
    height_in: int
    weight_lb: int
    eyes: str
    hair: str


@dataclass
class Document:
    jurisdiction: str
    kind: str  # DL / ID
    number: str
    issue: dt.date
    expiry: dt.date
    discriminator: str
    vehicle_class: str | None
    restrictions: str | None
    endorsements: str | None
    inventory: str | None
    donor: bool
    veteran: bool
    compliance: str | None  # DDA: F (REAL ID compliant), N
    revision: dt.date | None  # DDB


@dataclass
class Options:
    """Encoding choices; every one is recorded in the truth."""
    version: int
    jurisdiction_version: int = 0
    file_type: str = "ANSI "
    z_subfile: bool = False
    lf_before_cr: bool = False  # some jurisdictions end the last element with LF CR; offsets stay right
    pad_postal: bool = True  # DAK is F11ANS: blank-padded to 11 characters, as in the standard's sample
    height_unit_case: str = "in"  # "in" (the standard's sample) or "IN"
    daa_trailing_comma: bool = False
    dbc_letters: bool = False  # version 01: M/F instead of 1/2
    ddk: bool = True
    include_optional: bool = True
    id_class_none: bool = True  # ID cards: write DCA/DCB/DCD as NONE (else omit them)


class AamvaError(ValueError):
    pass


# ---------------------------------------------------------------------------------------------------------
def _pattern(rng: random.Random, pat: str) -> str:
    out = []
    for ch in pat:
        if ch == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "9":
            out.append(rng.choice("0123456789"))
        else:
            out.append(ch)
    return "".join(out)


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + years, day=28)


def country_of(code: str) -> str:
    return {**IIN_TABLE, **IIN_OTHER}[code][2]


def random_holder(rng: random.Random, code: str, allow_x: bool = True) -> Holder:
    country = country_of(code)
    r = rng.random()
    sex = "X" if (allow_x and r < 0.05) else ("M" if r < 0.52 else "F")
    pool = FIRST_NAMES_M if sex == "M" else FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M + FIRST_NAMES_F
    first = rng.choice(pool)
    last = rng.choice(LAST_NAMES)
    if rng.random() < 0.08:  # double-barrelled family name built from two pool names
        other = rng.choice([n for n in LAST_NAMES if "-" not in n and n != last])
        if "-" not in last:
            last = f"{last}-{other}"
    middle = rng.choice(MIDDLE_NAMES) if rng.random() < 0.75 else None
    suffix = rng.choice(SUFFIXES) if (sex == "M" and rng.random() < 0.08) else None
    dob = dt.date(1942, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 64))
    city, zp = rng.choice(CITIES[code])
    if code == "QC":
        street = f"{rng.randint(12, 9850)} {rng.choice(QC_STREETS)}"
    else:
        street = f"{rng.randint(3, 29999)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
        if rng.random() < 0.1:
            street += f" APT {rng.randint(1, 40)}{rng.choice('ABCD')}"
    if country == "CAN":
        ldu = f"{rng.randint(0, 9)}{rng.choice('ABCEGHJKLMNPRSTVWXYZ')}{rng.randint(0, 9)}"
        postal = f"{zp} {ldu}"
    else:
        zip5 = zp + "".join(rng.choice("0123456789") for _ in range(5 - len(zp)))
        postal = f"{zip5}-{rng.randint(0, 9999):04d}" if rng.random() < 0.6 else zip5
    height = rng.randint(60, 76) if sex != "M" else rng.randint(64, 78)
    weight = rng.randint(105, 260)
    return Holder(last=last, first=first, middle=middle, suffix=suffix, sex=sex, dob=dob, street=street,
                  city=city, state=code, postal=postal, height_in=height, weight_lb=weight,
                  eyes=rng.choice(EYES), hair=rng.choice(HAIR))


def random_document(rng: random.Random, code: str, holder: Holder, kind: str) -> Document:
    country = country_of(code)
    today = dt.date(2026, 1, 15)
    issue = today - dt.timedelta(days=rng.randrange(30, 365 * 9))
    if issue < _add_years(holder.dob, 16):
        issue = _add_years(holder.dob, 16) + dt.timedelta(days=rng.randrange(0, 200))
    years = rng.choice([4, 5, 5, 6, 8]) if country == "USA" else rng.choice([4, 5, 5])
    try:
        expiry = holder.dob.replace(year=issue.year + years)
    except ValueError:
        expiry = dt.date(issue.year + years, 2, 28)
    number = _pattern(rng, DAQ_FORMATS.get(code, rng.choice(["99999999", "A9999999", "999999999"])))
    disc = _pattern(rng, rng.choice(["9999999999999999999999", "99999AAA99999999", "A999999999999",
                                     "99999999999999999999999999"[: rng.randint(10, 25)]]))
    if kind == "DL":
        if country == "CAN":
            vclass = rng.choice(CLASS_CA.get(code, CLASS_CA["default"]))
            rest = rng.choice(["NONE", "NONE", "X", "L"])
            endo = "NONE"
        else:
            vclass = rng.choice(CLASS_US)
            rest = rng.choice(REST_US)
            endo = rng.choice(END_US) if vclass not in ("CM", "DM") else "M"
    else:
        vclass = rest = endo = None
    inventory = _pattern(rng, "AA9999999999999999") if rng.random() < 0.5 else None
    revision = dt.date(rng.choice([2016, 2017, 2019, 2020, 2022]), rng.randint(1, 12), rng.randint(1, 28))
    return Document(jurisdiction=code, kind=kind, number=number, issue=issue, expiry=expiry,
                    discriminator=disc, vehicle_class=vclass, restrictions=rest, endorsements=endo,
                    inventory=inventory, donor=rng.random() < 0.35, veteran=rng.random() < 0.08,
                    compliance=rng.choice(["F", "F", "N"]), revision=revision)


# ---------------------------------------------------------------------------------------------------------
def fmt_date(d: dt.date, country: str, version: int) -> str:
    """Version 01: CCYYMMDD for everyone; later: MMDDCCYY for the USA, CCYYMMDD for Canada."""
    if version == 1 or country == "CAN":
        return d.strftime("%Y%m%d")
    return d.strftime("%m%d%Y")


def fmt_postal(h: Holder, country: str, pad: bool) -> str:
    if country == "CAN":
        v = h.postal
    else:  # 9 digits, unknown trailing portion zero-filled
        digits = h.postal.replace("-", "")
        v = digits + "0" * (9 - len(digits))
    return v.ljust(11) if pad else v


def fmt_height(h: Holder, country: str, version: int, case: str) -> str:
    if version == 1:
        return f"{h.height_in // 12}{h.height_in % 12:02d}"
    if country == "CAN":
        return f"{round(h.height_in * 2.54):03d} " + ("cm" if case == "in" else "CM")
    return f"{h.height_in:03d} {case}"


def sex_code(sex: str, version: int, letters: bool) -> str:
    if version == 1 and letters:
        return {"M": "M", "F": "F"}[sex]
    return {"M": "1", "F": "2", "X": "9"}[sex]


def build_elements(h: Holder, d: Document, o: Options) -> list[tuple[str, str]]:
    """Data elements of the DL/ID subfile, in the order of the standard's tables."""
    v = o.version
    country = country_of(d.jurisdiction)
    D = lambda x: fmt_date(x, country, v)  # noqa: E731
    e: list[tuple[str, str]] = []
    if v == 1:
        name = ",".join(p for p in (h.last, h.first, h.middle or "", h.suffix or "") if p is not None)
        name = name.rstrip(",") + ("," if o.daa_trailing_comma else "")
        e += [("DAQ", d.number), ("DAA", name), ("DAG", h.street), ("DAI", h.city), ("DAJ", h.state),
              ("DAK", fmt_postal(h, country, o.pad_postal))]
        if d.kind == "DL":
            e += [("DAR", (d.vehicle_class or "").ljust(4)), ("DAS", (d.restrictions or "").ljust(10)),
                  ("DAT", (d.endorsements or "").ljust(5))]
        e += [("DAU", fmt_height(h, country, v, o.height_unit_case)), ("DAW", f"{h.weight_lb:03d}"),
              ("DAY", h.eyes), ("DAZ", h.hair), ("DBA", D(d.expiry)), ("DBB", D(h.dob)),
              ("DBC", sex_code(h.sex, v, o.dbc_letters)), ("DBD", D(d.issue))]
        return e
    if d.kind == "DL":
        e += [("DCA", d.vehicle_class), ("DCB", d.restrictions), ("DCD", d.endorsements)]
    elif o.id_class_none:
        e += [("DCA", "NONE"), ("DCB", "NONE"), ("DCD", "NONE")]
    e += [("DBA", D(d.expiry)), ("DCS", h.last)]
    if v in (2, 3):
        e += [("DCT", h.first + ("," + h.middle if h.middle else ""))]
        e += [("DCU", h.suffix or "")]
    else:
        e += [("DAC", h.first), ("DAD", h.middle or "")]
    e += [("DBD", D(d.issue)), ("DBB", D(h.dob)), ("DBC", sex_code(h.sex, v, False)), ("DAY", h.eyes),
          ("DAU", fmt_height(h, country, v, o.height_unit_case)), ("DAG", h.street), ("DAI", h.city),
          ("DAJ", h.state), ("DAK", fmt_postal(h, country, o.pad_postal)), ("DAQ", d.number),
          ("DCF", d.discriminator), ("DCG", country)]
    if v in (2, 3):
        e += [("DCH", "NONE")]
    if v >= 4:
        e += [("DDE", "N"), ("DDF", "N"), ("DDG", "N")]
        if h.suffix:
            e += [("DCU", h.suffix)]
    if o.include_optional:
        e += [("DAZ", h.hair)]
        if v >= 2:
            e += [("DAW", f"{h.weight_lb:03d}")]
        if d.inventory and v >= 4:
            e += [("DCK", d.inventory)]
        if v >= 4:
            e += [("DDA", d.compliance), ("DDB", D(d.revision))]
        if v >= 5:
            u21 = _add_years(h.dob, 21)
            if u21 > d.issue:
                e += [("DDJ", D(u21))]
        if v >= 7 and d.donor and o.ddk:
            e += [("DDK", "1")]
        if v >= 7 and d.veteran:
            e += [("DDL", "1")]
    return e


def z_elements(code: str, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """Jurisdiction-defined subfile: 'Z' + first letter of the jurisdiction's name."""
    letter = IIN_TABLE[code][1][0].upper()
    t = "Z" + letter
    els = [(t + "A", rng.choice(["01", "02", "N", "Y"]))]
    if rng.random() < 0.6:
        els.append((t + "B", _pattern(rng, "99AAA9")))
    if rng.random() < 0.4:
        els.append((t + "C", rng.choice(["", "NONE", "DUPLICATE 01"])))
    return t, els


def header(iin: str, version: int, jurisdiction_version: int, entries: int, file_type: str = "ANSI ") -> str:
    h = HEADER_PREFIX + file_type + iin + f"{version:02d}"
    if version >= 2:
        h += f"{jurisdiction_version:02d}"
    return h + f"{entries:02d}"


def subfile_text(kind: str, elements: list[tuple[str, str]], lf_before_cr: bool = False) -> str:
    return kind + LF.join(k + v for k, v in elements) + (LF if lf_before_cr else "") + CR


def assemble(iin: str, version: int, jurisdiction_version: int,
             subfiles: list[tuple[str, list[tuple[str, str]]]], file_type: str = "ANSI ",
             lf_before_cr: bool = False) -> str:
    """Header + designators + subfiles with exact offsets and lengths."""
    head = header(iin, version, jurisdiction_version, len(subfiles), file_type)
    bodies = [subfile_text(t, els, lf_before_cr) for t, els in subfiles]
    offset = len(head) + 10 * len(subfiles)
    designators = []
    for (t, _), body in zip(subfiles, bodies):
        if offset > 9999 or len(body) > 9999:
            raise AamvaError("subfile does not fit a 4-digit offset/length")
        designators.append(f"{t}{offset:04d}{len(body):04d}")
        offset += len(body)
    return head + "".join(designators) + "".join(bodies)


# ---------------------------------------------------------------------------------------------------------
def parse(payload: str, strict: bool = True) -> dict:
    """Validate and split a payload. Raises AamvaError on any deviation from the layout (strict)."""
    if not payload.startswith(COMPLIANCE):
        raise AamvaError("missing compliance indicator '@'")
    if payload[1:4] != LF + RS + CR:
        raise AamvaError(f"bad separators after '@': {payload[1:4]!r}")
    ftype = payload[4:9]
    if ftype not in ("ANSI ", "AAMVA"):
        raise AamvaError(f"bad file type {ftype!r}")
    iin, ver = payload[9:15], payload[15:17]
    if not (iin.isdigit() and ver.isdigit()):
        raise AamvaError("IIN / version not numeric")
    version = int(ver)
    if version == 1:
        jver, entries_s, pos = None, payload[17:19], 19
    else:
        jver, entries_s, pos = payload[17:19], payload[19:21], 21
        if not jver.isdigit():
            raise AamvaError("jurisdiction version not numeric")
    if not entries_s.isdigit() or int(entries_s) < 1:
        raise AamvaError("bad number of entries")
    entries = int(entries_s)
    subfiles = []
    for i in range(entries):
        des = payload[pos + 10 * i: pos + 10 * (i + 1)]
        m = re.fullmatch(r"([A-Z]{2})(\d{4})(\d{4})", des)
        if not m:
            raise AamvaError(f"bad subfile designator #{i}: {des!r}")
        subfiles.append((m.group(1), int(m.group(2)), int(m.group(3))))
    expected = pos + 10 * entries
    out = {"file_type": ftype, "iin": iin, "version": version, "jurisdiction_version": None if jver is None
           else int(jver), "entries": entries, "subfiles": {}}
    for t, off, ln in subfiles:
        if strict and off != expected:
            raise AamvaError(f"subfile {t}: offset {off} but data starts at {expected}")
        body = payload[off: off + ln]
        if len(body) != ln:
            raise AamvaError(f"subfile {t}: truncated ({len(body)} of {ln} bytes)")
        if not body.startswith(t):
            raise AamvaError(f"subfile {t}: does not start with its type")
        if not body.endswith(CR):
            raise AamvaError(f"subfile {t}: does not end with CR")
        inner = body[2:-1]
        if inner.endswith(LF):
            inner = inner[:-1]
        els = {}
        for item in inner.split(LF):
            if len(item) < 3:
                raise AamvaError(f"subfile {t}: short element {item!r}")
            els[item[:3]] = item[3:]
        out["subfiles"][t] = els
        expected = off + ln
    if strict and expected != len(payload):
        raise AamvaError(f"{len(payload) - expected} trailing bytes after the last subfile")
    return out


# ---------------------------------------------------------------------------------------------------------
MALFORMED_KINDS = ["length_mismatch", "offset_off_by_one", "truncated", "header_rs_1c", "file_type_no_space",
                   "entries_mismatch", "missing_terminator"]


def malform(payload: str, kind: str, rng: random.Random) -> str:
    """Deliberately broken variants for negative tests (flagged malformed in the truth)."""
    info = parse(payload)
    pos = 19 if info["version"] == 1 else 21
    if kind == "length_mismatch":  # first designator's length off by a few bytes
        ln = int(payload[pos + 6: pos + 10]) + rng.choice([-7, -3, 2, 5])
        return payload[: pos + 6] + f"{ln:04d}" + payload[pos + 10:]
    if kind == "offset_off_by_one":  # seen in real South Carolina version 01 cards
        off = int(payload[pos + 2: pos + 6]) + 1
        return payload[: pos + 2] + f"{off:04d}" + payload[pos + 6:]
    if kind == "truncated":
        return payload[: int(len(payload) * rng.uniform(0.55, 0.85))]
    if kind == "header_rs_1c":  # 0x1C instead of 0x1E (reported for some South Carolina cards)
        return payload[:2] + "\x1c" + payload[3:]
    if kind == "file_type_no_space":
        return payload[:4] + "ANSI" + payload[9:]
    if kind == "entries_mismatch":
        n = int(payload[pos - 2: pos]) + 1
        return payload[: pos - 2] + f"{n:02d}" + payload[pos:]
    if kind == "missing_terminator":
        return payload[:-1]
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------------------
def truth_fields(h: Holder, d: Document, o: Options) -> dict:
    country = country_of(d.jurisdiction)
    return {
        "last_name": h.last, "first_name": h.first, "middle_name": h.middle, "name_suffix": h.suffix,
        "birth_date": h.dob.isoformat(), "expire_date": d.expiry.isoformat(), "issue_date": d.issue.isoformat(),
        "gender": h.sex, "document_number": d.number, "document_discriminator": d.discriminator,
        "street": h.street, "city": h.city, "state": h.state,
        "postal_code": fmt_postal(h, country, False), "postal_code_printed": h.postal,
        "country": country, "height": fmt_height(h, country, o.version, o.height_unit_case),
        "height_in": h.height_in, "weight_lb": h.weight_lb, "eye_color": h.eyes, "hair_color": h.hair,
        "vehicle_class": d.vehicle_class, "restrictions": d.restrictions, "endorsements": d.endorsements,
        "organ_donor": bool(d.donor and o.version >= 7 and o.ddk), "veteran": bool(d.veteran and o.version >= 7),
    }


def pick_version(rng: random.Random) -> int:
    return rng.choices(range(1, 11), weights=[4, 4, 6, 6, 6, 6, 8, 14, 20, 26])[0]


def make_record(rng: random.Random, version: int | None = None, code: str | None = None,
                kind: str | None = None, malformed_kind: str | None = None) -> dict:
    """One holder + document + payload, as a truth record (without image data)."""
    code = code or rng.choice(SAMPLED_JURISDICTIONS)
    version = version or pick_version(rng)
    kind = kind or ("DL" if rng.random() < 0.8 else "ID")
    holder = random_holder(rng, code, allow_x=version >= 9)
    doc = random_document(rng, code, holder, kind)
    o = Options(version=version,
                jurisdiction_version=0 if version == 1 else rng.choice([0, 0, 1, 1, 2, 3, 5, 8]),
                file_type="AAMVA" if (version == 1 and rng.random() < 0.4) else "ANSI ",
                z_subfile=rng.random() < 0.45,
                lf_before_cr=rng.random() < 0.1,
                pad_postal=rng.random() < 0.7,
                height_unit_case="in" if rng.random() < 0.75 else "IN",
                daa_trailing_comma=rng.random() < 0.5,
                dbc_letters=version == 1 and rng.random() < 0.3,
                ddk=True, include_optional=rng.random() < 0.85, id_class_none=rng.random() < 0.7)
    iin = IIN_TABLE[code][0]
    subfiles = [(kind, build_elements(holder, doc, o))]
    if o.z_subfile:
        subfiles.append(z_elements(code, rng))
    payload = assemble(iin, version, o.jurisdiction_version, subfiles, o.file_type, o.lf_before_cr)
    parse(payload)  # must validate
    rec = {
        "country": country_of(code), "jurisdiction": code, "jurisdiction_name": IIN_TABLE[code][1],
        "iin": iin, "aamva_version": version, "jurisdiction_version": None if version == 1 else o.jurisdiction_version,
        "doc_kind": kind, "fields": truth_fields(holder, doc, o), "payload": payload, "malformed": False,
        "malformed_kind": None, "encoding": {k: v for k, v in asdict(o).items() if k != "version"},
        "subfiles": [t for t, _ in subfiles],
    }
    if malformed_kind:
        rec["payload_wellformed"] = payload
        rec["payload"] = malform(payload, malformed_kind, rng)
        rec["malformed"] = True
        rec["malformed_kind"] = malformed_kind
    return rec


# ---------------------------------------------------------------------------------------------------------
def _repo_root() -> str:
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def forbidden_tokens(testdata: str | None = None) -> set[str]:
    """Every word (3+ letters) of every string in shared/testdata/*/truth.json."""
    testdata = testdata or os.environ.get("KYC_TESTDATA") or os.path.join(_repo_root(), "..", "shared", "testdata")
    words: set[str] = set()

    def walk(o):
        if isinstance(o, dict):
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
        elif isinstance(o, str):
            for w in re.split(r"[^A-Za-z\u00c0-\u024f']+", o):
                for part in [w] + w.split("'"):
                    if len(part) >= 3:
                        words.add(part.upper())

    for f in glob.glob(os.path.join(testdata, "*", "truth.json")):
        with open(f, encoding="utf-8") as fh:
            walk(json.load(fh))
    return words


def holder_tokens() -> set[str]:
    """Every word a generated holder name or address can contain."""
    toks: set[str] = set()
    texts = LAST_NAMES + FIRST_NAMES_M + FIRST_NAMES_F + MIDDLE_NAMES + STREET_NAMES + QC_STREETS + STREET_TYPES
    texts += [c for lst in CITIES.values() for c, _ in lst]
    for t in texts:
        for w in re.split(r"[^A-Z']+", t.upper()):
            for part in [w] + w.split("'"):
                if len(part) >= 3:
                    toks.add(part)
    return toks


def selftest(verbose: bool = True) -> int:
    fails = 0

    def check(cond, msg):
        nonlocal fails
        if not cond:
            fails += 1
            print("FAIL:", msg)

    # 1. the standard's two samples, rebuilt from their elements
    v10 = [("DAQ", "T64235789"), ("DCS", "SAMPLE"), ("DDE", "N"), ("DAC", "MICHAEL"), ("DDF", "N"),
           ("DAD", "JOHN"), ("DDG", "N"), ("DCU", "JR"), ("DCA", "D"), ("DCB", "K"), ("DCD", "PH"),
           ("DBD", "06062019"), ("DBB", "06061986"), ("DBA", "12102024"), ("DBC", "1"), ("DAU", "068 in"),
           ("DAY", "BRO"), ("DAG", "2300 WEST BROAD STREET"), ("DAI", "RICHMOND"), ("DAJ", "VA"),
           ("DAK", "232690000  "), ("DCF", "2424244747474786102204"), ("DCG", "USA"), ("DCK", "123456789"),
           ("DDA", "F"), ("DDB", "06062018"), ("DDC", "06062020"), ("DDD", "1")]
    p10 = assemble("636000", 10, 1, [("DL", v10), ("ZV", [("ZVA", "01")])])
    check(p10.startswith("@\n\x1e\rANSI 636000100102DL00410278ZV03190008DLDAQT64235789\n"), "v10 sample header")
    v01 = [("DAQ", "0123456789ABC"), ("DAA", "PUBLIC,JOHN,Q"), ("DAG", "123 MAIN STREET"), ("DAI", "ANYTOWN"),
           ("DAJ", "VA"), ("DAK", "123459999  "), ("DAR", "DM  "), ("DAS", " " * 10), ("DAT", " " * 5),
           ("DAU", "509"), ("DAW", "175"), ("DAY", "BL "), ("DAZ", "BR "), ("DBA", "20011201"),
           ("DBB", "19761123"), ("DBC", "M"), ("DBD", "19961201")]
    p01 = assemble("636000", 1, 0, [("DL", v01), ("ZV", [("ZVA", "JURISDICTIONDEFINEDELEMENT")])])
    check(p01.startswith("@\n\x1e\rANSI 6360000102DL00390187ZV02260032DLDAQ0123456789ABC\n"), "v01 sample header")
    check(len(p01) == 258 and len(p10) == 327, "sample lengths")
    # 2. generated payloads validate; malformed ones do not
    rng = random.Random(1234)
    seen_versions = set()
    for i in range(400):
        rec = make_record(rng, version=(i % 10) + 1)
        seen_versions.add(rec["aamva_version"])
        p = parse(rec["payload"])
        check(p["iin"] == rec["iin"] and p["version"] == rec["aamva_version"], f"roundtrip {i}")
        els = p["subfiles"][rec["doc_kind"]]
        check(els["DAQ"] == rec["fields"]["document_number"], f"DAQ {i}")
        if rec["aamva_version"] >= 4:
            check(els["DCS"] == rec["fields"]["last_name"] and els["DAC"] == rec["fields"]["first_name"], f"names {i}")
        check(rec["payload"].isascii(), f"ascii {i}")
        for k in MALFORMED_KINDS:
            bad = malform(rec["payload"], k, random.Random(i))
            try:
                parse(bad)
                check(False, f"malformed {k} accepted (record {i})")
            except AamvaError:
                pass
    check(seen_versions == set(range(1, 11)), "all versions generated")
    # 3. IIN table
    check(len({v[0] for v in IIN_TABLE.values()}) == len(IIN_TABLE), "IINs unique")
    check(sum(1 for v in IIN_TABLE.values() if v[2] == "CAN") == 13, "13 Canadian jurisdictions")
    check(sum(1 for v in IIN_TABLE.values() if v[2] == "USA") == 56, "50 states + DC + 5 territories")
    # 4. no holder name or place of the shared test data
    forb = forbidden_tokens()
    if not forb:
        print("note: shared/testdata truth files not found; forbidden-name check skipped")
    clash = sorted(holder_tokens() & forb)
    check(not clash, f"holder pools use words of shared/testdata truth: {clash}")
    if verbose:
        print(f"aamva selftest: {fails} failure(s); forbidden words checked: {len(forb)}")
    return fails


def escape(s: str) -> str:
    return s.replace("\n", "<LF>").replace("\r", "<CR>").replace("\x1e", "<RS>").replace("\x1c", "<FS>")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--sample", type=int, default=0, help="print N payloads")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--version", type=int)
    ap.add_argument("--malformed", choices=MALFORMED_KINDS)
    a = ap.parse_args(argv)
    if a.selftest:
        return 1 if selftest() else 0
    rng = random.Random(a.seed)
    for _ in range(a.sample):
        rec = make_record(rng, version=a.version, malformed_kind=a.malformed)
        print(json.dumps({k: rec[k] for k in ("jurisdiction", "iin", "aamva_version", "doc_kind", "malformed_kind")}))
        print(escape(rec["payload"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
