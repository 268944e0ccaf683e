#!/usr/bin/env python3
"""Generate the tables of the document catalogue (data/documents/) from well-kept libraries, so that no region,
language or month is typed by hand:

- regions.json: every country of ISO 3166-1 (pycountry, from Debian's iso-codes) with its official languages
  (CLDR, through babel), its names in those languages and in English, French and Spanish (CLDR territory names
  and iso-codes' own), and its ISO 3166-2 subdivisions with their names (iso-codes, and iso-codes' translations
  into the country's languages where it has them);
- months.json: month names and abbreviations per language (CLDR: format and stand-alone, wide and abbreviated),
  upper-cased, as printed on documents;
- personal-number-vectors.json: numbers of every personal-number scheme the catalogue names, each with
  python-stdnum's verdict (valid or not). The Rust checks are tested against them (src/extract/catalogue/).

Run with `make catalogue` (a venv with scripts/catalogue/requirements.txt). The output is deterministic: the same
library versions give the same files byte for byte.
"""

import gettext
import json
import os
import random
import sys
import unicodedata

import babel
import pycountry
import stdnum
from babel import Locale, UnknownLocaleError
from babel import languages as cldr_languages

OUT = sys.argv[1] if len(sys.argv) > 1 else "data/documents"
# Scripts an identity document's Latin/Greek/Cyrillic OCR can read; month names in other scripts are left out.
READABLE = ("LATIN", "GREEK", "CYRILLIC")
# ICAO 9303 documents translate their captions into English, French or Spanish: names in these are always known.
ICAO_LANGUAGES = ("en", "fr", "es")


def readable(text):
    return all(
        not c.isalpha() or any(unicodedata.name(c, "").startswith(s) for s in READABLE) for c in text
    )


def upper(text):
    return text.strip().rstrip(".").upper()


def official_languages(alpha2):
    try:
        langs = list(cldr_languages.get_official_languages(alpha2, de_facto=True))
    except Exception:
        langs = []
    return langs


def locale(lang):
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def regions():
    out = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        langs = official_languages(c.alpha_2)
        names = []
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                names.append(v)
        for lang in list(dict.fromkeys(langs + list(ICAO_LANGUAGES))):
            loc = locale(lang)
            if loc is not None and c.alpha_2 in loc.territories:
                names.append(loc.territories[c.alpha_2])
        subdivisions = []
        translations = []
        for lang in langs:
            try:
                translations.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]))
            except OSError:
                pass
        for s in sorted(pycountry.subdivisions.get(country_code=c.alpha_2) or [], key=lambda s: s.code):
            sub_names = [s.name]
            # iso-codes writes some names inverted ("wallonne, Région"): the printed order too.
            if ", " in s.name:
                a, b = s.name.split(", ", 1)
                sub_names.append(f"{b} {a}")
            for t in translations:
                sub_names.append(t.gettext(s.name))
            subdivisions.append(
                {
                    "code": s.code,
                    "type": s.type,
                    "parent": getattr(s, "parent_code", None),
                    "names": [n for n in dict.fromkeys(sub_names) if readable(n)],
                }
            )
        out[c.alpha_3] = {
            "alpha2": c.alpha_2,
            "languages": langs,
            "names": [n for n in dict.fromkeys(names) if readable(n)],
            "subdivisions": subdivisions,
        }
    return out


def months(langs):
    out = {}
    for lang in sorted(langs):
        loc = locale(lang)
        if loc is None:
            continue
        forms = []
        for m in range(1, 13):
            f = []
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    try:
                        f.append(upper(loc.months[context][width][m]))
                    except KeyError:
                        pass
            forms.append([x for x in dict.fromkeys(f) if readable(x) and x])
        if all(forms):
            out[lang] = forms
    return out


def vectors():
    """Per scheme: numbers of the scheme's shape, each with python-stdnum's verdict. Valid ones are made by trying
    every check character on a random body (stdnum says which passes); invalid ones are the rest, and bodies with one
    digit changed."""
    from stdnum import luhn  # noqa: F401 (stdnum's own modules below)
    from stdnum.be import nn
    from stdnum.bg import egn
    from stdnum.br import cpf
    from stdnum.cl import rut
    from stdnum.cn import ric
    from stdnum.cz import rc
    from stdnum.ee import ik
    from stdnum.es import dni, nie
    from stdnum.fi import hetu
    from stdnum.hr import oib
    from stdnum.il import idnr as il_idnr
    from stdnum.in_ import aadhaar
    from stdnum.is_ import kennitala
    from stdnum.it import codicefiscale
    from stdnum.jp import in_ as jp_in
    from stdnum.kr import rrn
    from stdnum.lt import asmens
    from stdnum.mx import curp
    from stdnum.nl import bsn
    from stdnum.no import fodselsnummer
    from stdnum.pe import cui
    from stdnum.pl import pesel
    from stdnum.ro import cnp
    from stdnum.se import personnummer
    from stdnum.si import emso
    from stdnum.tr import tckimlik
    from stdnum.za import idnr as za_idnr

    rng = random.Random(20261207)
    digits = "0123456789"

    def d(n):
        return "".join(rng.choice(digits) for _ in range(n))

    def date(century_offset=False):
        y, m, dd = rng.randint(1930, 2015), rng.randint(1, 12), rng.randint(1, 28)
        return y, m, dd

    def yymmdd():
        y, m, dd = date()
        return f"{y % 100:02d}{m:02d}{dd:02d}", y

    def body_pesel():
        y, m, dd = date()
        mm = m + (20 if y >= 2000 else 0)
        return f"{y % 100:02d}{mm:02d}{dd:02d}" + d(4)

    def body_egn():
        y, m, dd = date()
        mm = m + (40 if y >= 2000 else 0)
        return f"{y % 100:02d}{mm:02d}{dd:02d}" + d(3)

    def body_hetu():
        y, m, dd = date()
        sep = "A" if y >= 2000 else "-"
        return f"{dd:02d}{m:02d}{y % 100:02d}{sep}" + f"{rng.randint(2, 899):03d}"

    def body_personnummer():
        s, _ = yymmdd()
        return s + "-" + d(3)

    def body_cnp():
        y, m, dd = date()
        g = rng.choice("12") if y < 2000 else rng.choice("56")
        return f"{g}{y % 100:02d}{m:02d}{dd:02d}{rng.randint(1, 46):02d}" + d(3)

    def body_ik():
        y, m, dd = date()
        g = rng.choice("34") if y < 2000 else rng.choice("56")
        return f"{g}{y % 100:02d}{m:02d}{dd:02d}" + d(3)

    def body_nn():
        s, _ = yymmdd()
        return s + d(3)

    def body_fnr():
        y, m, dd = date()
        ind = rng.randint(0, 499) if y < 2000 else rng.randint(500, 999)
        return f"{dd:02d}{m:02d}{y % 100:02d}{ind:03d}"

    def body_za():
        s, _ = yymmdd()
        return s + d(4) + rng.choice("01") + "8"

    def body_rc():
        y, m, dd = rng.randint(1954, 2015), rng.randint(1, 12), rng.randint(1, 28)
        mm = m + rng.choice([0, 50])
        return f"{y % 100:02d}{mm:02d}{dd:02d}" + d(3)

    def body_emso():
        y, m, dd = date()
        return f"{dd:02d}{m:02d}{y % 1000:03d}50" + d(3)

    def body_ric():
        y, m, dd = date()
        return "110101" + f"{y:04d}{m:02d}{dd:02d}" + d(3)

    def body_rrn():
        y, m, dd = date()
        g = rng.choice("12") if y < 2000 else rng.choice("34")
        return f"{y % 100:02d}{m:02d}{dd:02d}" + g + d(5)

    def body_kennitala():
        y, m, dd = date()
        return f"{dd:02d}{m:02d}{y % 100:02d}" + f"{rng.randint(20, 99):02d}"

    def body_cf():
        letters = "".join(rng.choice("BCDFGHLMNPRSTVZ") for _ in range(6))
        y, m, dd = date()
        month = "ABCDEHLMPRST"[m - 1]
        day = dd + rng.choice([0, 40])
        return f"{letters}{y % 100:02d}{month}{day:02d}" + rng.choice("ABCDEFGHILM") + d(3)

    def body_curp():
        y, m, dd = date()
        state = rng.choice(["AS", "BC", "DF", "JC", "NL", "VZ", "YN"])
        c17 = rng.choice(digits) if y < 2000 else rng.choice("ABCDEFGH")
        return (
            rng.choice("BCGHMPRS") + rng.choice("AEIOU") + "".join(rng.choice("BCDGLMNPRST") for _ in range(2))
            + f"{y % 100:02d}{m:02d}{dd:02d}" + rng.choice("HM") + state
            + "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(3)) + c17
        )

    alnum = digits + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    # scheme: (stdnum module, body maker, the check characters tried, how many characters the check takes, where
    # the check stands: "end", or an index for kennitala whose century digit follows it)
    schemes = {
        "pesel": (pesel, body_pesel, digits, 1),
        "egn": (egn, body_egn, digits, 1),
        "hetu": (hetu, body_hetu, "0123456789ABCDEFHJKLMNPRSTUVWXY", 1),
        "personnummer": (personnummer, body_personnummer, digits, 1),
        "cnp": (cnp, body_cnp, digits, 1),
        "isikukood": (ik, body_ik, digits, 1),
        "asmens_kodas": (asmens, body_ik, digits, 1),
        "belgian_nn": (nn, body_nn, digits, 2),
        "fodselsnummer": (fodselsnummer, body_fnr, digits, 2),
        "cpf": (cpf, lambda: d(9), digits, 2),
        "tckimlik": (tckimlik, lambda: str(rng.randint(1, 9)) + d(8), digits, 2),
        "za_idnr": (za_idnr, body_za, digits, 1),
        "il_idnr": (il_idnr, lambda: d(8), digits, 1),
        "oib": (oib, lambda: str(rng.randint(1, 9)) + d(9), digits, 1),
        "emso": (emso, body_emso, digits, 1),
        "rodne_cislo": (rc, body_rc, digits, 1),
        "cn_ric": (ric, body_ric, digits + "X", 1),
        "kr_rrn": (rrn, body_rrn, digits, 1),
        "bsn": (bsn, lambda: str(rng.randint(1, 9)) + d(7), digits, 1),
        "aadhaar": (aadhaar, lambda: str(rng.randint(2, 9)) + d(10), digits, 1),
        "dni": (dni, lambda: d(8), "TRWAGMYFPDXBNJZSQVHLCKE", 1),
        "nie": (nie, lambda: rng.choice("XYZ") + d(7), "TRWAGMYFPDXBNJZSQVHLCKE", 1),
        "rut": (rut, lambda: str(rng.randint(5, 25)) + d(6), digits + "K", 1),
        "pe_cui": (cui, lambda: d(8), digits + "ABCDEFGHIJK", 1),
        "codice_fiscale": (codicefiscale, body_cf, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1),
        "curp": (curp, body_curp, digits, 1),
        "kennitala": (kennitala, body_kennitala, digits, 1),
        "jp_in": (jp_in, lambda: d(11), digits, 1),
    }
    out = {}
    for name, (module, body, alphabet, width) in sorted(schemes.items()):
        # Each scheme draws from its own seed: adding a scheme leaves the others' numbers as they were.
        rng.seed(f"20261207-{name}")
        valid, invalid = [], []
        tries = 0
        while (len(valid) < 30 or len(invalid) < 30) and tries < 5000:
            tries += 1
            b = body()
            endings = [""]
            for _ in range(width):
                endings = [e + c for e in endings for c in alphabet]
            if name == "kennitala":
                # The check digit is the ninth; the tenth says the century (9: 1900s, 0: 2000s).
                candidates = [b + e + rng.choice("90") for e in endings]
            else:
                candidates = [b + e for e in endings]
            rng.shuffle(candidates)
            for cand in candidates[:40]:
                ok = bool(module.is_valid(cand))
                (valid if ok else invalid).append(cand)
            # One digit of a valid number changed.
            good = [c for c in candidates if module.is_valid(c)]
            if good:
                g = good[0]
                pos = rng.choice([i for i, ch in enumerate(g) if ch.isdigit()])
                mutated = g[:pos] + str((int(g[pos]) + rng.randint(1, 9)) % 10) + g[pos + 1 :]
                (valid if module.is_valid(mutated) else invalid).append(mutated)
        valid = sorted(dict.fromkeys(valid))[:30]
        invalid = sorted(dict.fromkeys(invalid))[:60]
        if len(valid) < 10:
            raise SystemExit(f"{name}: only {len(valid)} valid numbers made")
        out[name] = {"stdnum_module": module.__name__, "valid": valid, "invalid": invalid}
    return out


def write(name, value):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as fh:
        if name == "regions.json":
            json.dump(value, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        else:
            json.dump(value, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes", file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    regs = regions()
    langs = set(ICAO_LANGUAGES)
    for r in regs.values():
        langs.update(r["languages"])
    meta = {
        "generated_by": "scripts/catalogue/generate.py",
        "sources": {
            "pycountry": pycountry.__version__ if hasattr(pycountry, "__version__") else "26.2.16",
            "babel (CLDR)": babel.__version__,
            "python-stdnum": stdnum.__version__,
        },
    }
    write("regions.json", {"_about": meta, "regions": regs})
    write("months.json", {"_about": meta, "months": months(langs)})
    write("personal-number-vectors.json", {"_about": meta, "schemes": vectors()})


if __name__ == "__main__":
    main()
