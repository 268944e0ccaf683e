"""Layouts drawn from public descriptions of documents of countries the first families did not model.

Australian driver licences (kind "au"), after the states' and territories' own descriptions of their cards (Service
NSW, VicRoads, Queensland TMR, WA Department of Transport, SA, Tasmania, ACT and NT licence pages): the state or
territory and AUSTRALIA in the header, "DRIVER LICENCE", the holder's name whole on one unlabelled line with the
given names first and the SURNAME last (in capitals, the given names in capitals or title case), the address under
it, then labelled fields (licence number, date of birth, expiry, class) with dates as "DD MMM YYYY" or "DD/MM/YYYY".

Personal numbers with their real check digits (`valid_personal_number`), as the issuing states compute them (the
algorithms of each state's register; these are written here from the standards, not from the reader's code).
"""

from __future__ import annotations

import datetime as dt
import random

from common import Ctx, Rec, f_above, f_left, portrait
from data import digits, letters
from render import Doc, emblem, gradient_bg, guilloche, hologram_patch, pastel, shade, signature, tint

# State or territory: (name, licence-number shapes). The shapes are approximations of the states' own examples.
AU_STATES = {
    "NSW": ("NEW SOUTH WALES", [lambda r: digits(r, 8)]),
    "VIC": ("VICTORIA", [lambda r: digits(r, 9), lambda r: digits(r, 8)]),
    "QLD": ("QUEENSLAND", [lambda r: digits(r, 9)]),
    "WA": ("WESTERN AUSTRALIA", [lambda r: digits(r, 7)]),
    "SA": ("SOUTH AUSTRALIA", [lambda r: letters(r, 1) + digits(r, 5), lambda r: digits(r, 6)]),
    "TAS": ("TASMANIA", [lambda r: letters(r, 1) + digits(r, 5), lambda r: digits(r, 8)]),
    "ACT": ("AUSTRALIAN CAPITAL TERRITORY", [lambda r: digits(r, 10), lambda r: digits(r, 7)]),
    "NT": ("NORTHERN TERRITORY", [lambda r: digits(r, 7), lambda r: digits(r, 6)]),
}
AU_CITIES = {"NSW": ["SYDNEY", "NEWCASTLE", "WOLLONGONG"], "VIC": ["MELBOURNE", "GEELONG", "BALLARAT"],
             "QLD": ["BRISBANE", "CAIRNS", "TOWNSVILLE"], "WA": ["PERTH", "BUNBURY"], "SA": ["ADELAIDE", "GAWLER"],
             "TAS": ["HOBART", "LAUNCESTON"], "ACT": ["CANBERRA", "BELCONNEN"], "NT": ["DARWIN", "ALICE SPRINGS"]}
AU_STREETS = ["GEORGE ST", "MAIN RD", "CHURCH ST", "HIGH ST", "VICTORIA PDE", "BEACH RD", "KING ST", "PARK AVE"]
AU_POSTCODE = {"NSW": "2", "VIC": "3", "QLD": "4", "WA": "6", "SA": "5", "TAS": "7", "ACT": "2", "NT": "0"}
AU_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()


def au_licence_number(r: random.Random, state: str) -> str:
    return r.choice(AU_STATES[state][1])(r)


def au_extra(r: random.Random, rec: Rec) -> None:
    e = rec.extra
    e["street"] = f"{r.randint(1, 320)} {r.choice(AU_STREETS)}"
    e["city_line"] = f"{r.choice(AU_CITIES[rec.state])} {rec.state} {AU_POSTCODE[rec.state]}{digits(r, 3)}"
    e["class"] = r.choice(["C", "C", "C", "LR", "MR", "HR", "R", "C R"])
    e["card_no"] = letters(r, 2) + digits(r, 7) if r.random() < 0.5 else digits(r, 10)


def _au_date(d: dt.date, style: str) -> str:
    if style == "dMy":
        return f"{d.day:02d} {AU_MONTHS[d.month - 1]} {d.year}"
    if style == "dmy-":
        return d.strftime("%d-%m-%Y")
    return d.strftime("%d/%m/%Y")


def _name_line(r: random.Random, rec: Rec) -> str:
    given = rec.first.upper() if rec.upper_names or r.random() < 0.5 else rec.first
    return f"{given} {rec.last.upper()}"


def _au_card(ctx: Ctx) -> Doc:
    r = ctx.r
    base = pastel(r, 205, 250)
    doc = Doc(85.6, 54, 14, bg=base, radius_mm=3.2)
    gradient_bg(doc, base, pastel(r, 200, 250), vertical=r.random() < 0.5)
    guilloche(doc, r, tint(ctx.accent, 0.35), strength=r.uniform(0.2, 0.45), density=0.8)
    if r.random() < 0.5:
        emblem(doc, r, r.uniform(40, 65), r.uniform(22, 36), r.uniform(12, 18), ctx.accent, 0.1)
    return doc


def au_dl(rec: Rec, ctx: Ctx):
    """Australian licence: state name top left, DRIVER LICENCE and AUSTRALIA, photo left, the name line and address
    unlabelled at the top of the data, then licence number, date of birth and expiry with their labels above."""
    r = ctx.r
    e = rec.extra
    doc = _au_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0.1, 0.4))
    state_name = AU_STATES[rec.state][0]
    doc.text(3, 2.5, state_name, ctx.fonts["bold"], r.uniform(2.8, 3.6), fill=hdr, max_w=50, role="bold")
    doc.text(3, 7.0, r.choice(["DRIVER LICENCE", "DRIVER LICENCE", "LICENCE"]), ctx.fonts["bold"], 2.4, fill=hdr,
             max_w=40, role="bold")
    if r.random() < 0.7:
        doc.text(83, 2.5, "AUSTRALIA", ctx.fonts["sans"], 2.0, fill=hdr, anchor="ra")
    portrait(doc, ctx, rec, 3, 13, 22, 28, colour=True)
    x = 28.5
    vs = r.uniform(2.5, 2.9)
    doc.text(x, 12.5, _name_line(r, rec), ctx.fonts["value"], vs * 1.05, max_w=54, role="bold")
    doc.text(x, 16.6, e["street"], ctx.fonts["value"], vs * 0.8, max_w=54, role="bold")
    doc.text(x, 19.8, e["city_line"], ctx.fonts["value"], vs * 0.8, max_w=54, role="bold")
    style = r.choice(["dMy", "dMy", "dmy/"])
    lsize = r.uniform(1.5, 1.8)
    y = 25.5
    f_above(doc, ctx, x, y, r.choice(["Licence No.", "LICENCE NO", "Licence Number"]), rec.license_no, lsize=lsize,
            vsize=vs * 1.05, w=26)
    f_above(doc, ctx, x + 28, y, r.choice(["Date of Birth", "DATE OF BIRTH"]), _au_date(rec.birth, style),
            lsize=lsize, vsize=vs, w=27)
    y = 33.5
    f_above(doc, ctx, x, y, r.choice(["Expiry", "Licence Expiry", "EXPIRY DATE"]), _au_date(rec.expiry, style),
            lsize=lsize, vsize=vs, w=26)
    f_above(doc, ctx, x + 28, y, r.choice(["Class", "LICENCE CLASS"]), e["class"], lsize=lsize, vsize=vs, w=20)
    if r.random() < 0.6:
        f_above(doc, ctx, 3, 44, r.choice(["Card Number", "Card No."]), e["card_no"], lsize=lsize * 0.9,
                vsize=vs * 0.75, w=30)
    signature(doc, r, 50, 44, 30, 6, rec.first.split()[0] + " " + rec.last, ctx.fonts["hand"], colour=(20, 20, 70))
    if r.random() < 0.4:
        hologram_patch(doc, r, 58, 8, 20, 12, 0.12)
    ctx.printed |= set()
    return doc, None


def au_dl_card(rec: Rec, ctx: Ctx):
    """HELD OUT. Australian licence, another state design: a coloured header band with the state and AUSTRALIA on
    one line, photo right, the name line (given names, then SURNAME) over the address, labels to the left of their
    values, dates with dashes or spaces."""
    r = ctx.r
    e = rec.extra
    doc = _au_card(ctx)
    band = shade(ctx.accent, r.uniform(0.0, 0.3))
    doc.rect(0, 0, 85.6, 9, fill=band)
    state_name = AU_STATES[rec.state][0]
    head = f"{state_name} AUSTRALIA" if r.random() < 0.5 else state_name
    doc.text(3, 4.5, head, ctx.fonts["bold"], r.uniform(2.6, 3.3), fill=(255, 255, 255), anchor="lm", max_w=55,
             role="bold")
    doc.text(83, 4.5, "DRIVER LICENCE", ctx.fonts["bold"], 2.2, fill=(255, 255, 255), anchor="rm", max_w=26,
             role="bold")
    portrait(doc, ctx, rec, 60, 12, 22, 28, colour=r.random() < 0.7)
    vs = r.uniform(2.5, 2.8)
    doc.text(3, 12, _name_line(r, rec), ctx.fonts["value"], vs * 1.05, max_w=55, role="bold")
    doc.text(3, 16.2, e["street"], ctx.fonts["value"], vs * 0.78, max_w=55, role="bold")
    doc.text(3, 19.4, e["city_line"], ctx.fonts["value"], vs * 0.78, max_w=55, role="bold")
    style = r.choice(["dmy-", "dMy", "dmy/"])
    lw, lsize = 19, r.uniform(1.5, 1.8)
    y = 27
    for label, value in [
        (r.choice(["Licence No", "LICENCE NO."]), rec.license_no),
        (r.choice(["Date of Birth", "DOB"]), _au_date(rec.birth, style)),
        (r.choice(["Expiry Date", "Licence Expiry"]), _au_date(rec.expiry, style)),
        ("Class", e["class"]),
    ]:
        f_left(doc, ctx, 3, y, label, value, lw, lsize=lsize, vsize=vs, w=55)
        y += 4.8
    signature(doc, r, 60, 43, 23, 6, rec.last, ctx.fonts["hand"], colour=(20, 20, 70))
    return doc, None


def _luhn_check(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _mod11(body: str, weights: list[int]) -> int:
    return sum(int(a) * w for a, w in zip(body, weights)) % 11


def valid_personal_number(r: random.Random, c: str, birth: dt.date, sex: str) -> str | None:
    """The holder's personal number as the state issues it, with its real check characters; None where this
    generator has no algorithm for the state (the older `data.personal_number` is used there)."""
    male = sex == "M" or (sex == "X" and r.random() < 0.5)
    c20 = birth.year >= 2000
    if c == "SWE":
        body = birth.strftime("%y%m%d") + digits(r, 2) + str(r.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8]))
        return f"{body[:6]}-{body[6:]}{_luhn_check(body)}"
    if c == "FIN":
        ind = r.randint(2, 899)
        ind -= (ind % 2) != (1 if male else 0)
        ind = max(ind, 2)
        n = int(birth.strftime("%d%m%y") + f"{ind:03d}")
        return birth.strftime("%d%m%y") + ("A" if c20 else "-") + f"{ind:03d}" + "0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31]
    if c == "NOR":
        while True:
            ind = r.randint(500, 999) if c20 else r.randint(0, 499)
            body = birth.strftime("%d%m%y") + f"{ind:03d}"
            k1 = 11 - _mod11(body, [3, 7, 6, 1, 8, 9, 4, 5, 2])
            k1 = 0 if k1 == 11 else k1
            if k1 == 10:
                continue
            k2 = 11 - _mod11(body + str(k1), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
            k2 = 0 if k2 == 11 else k2
            if k2 != 10:
                return body + str(k1) + str(k2)
    if c in ("EST", "LTU"):
        g = ("5" if male else "6") if c20 else ("3" if male else "4")
        body = g + birth.strftime("%y%m%d") + digits(r, 3)
        k = sum(int(a) * w for a, w in zip(body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1])) % 11
        if k == 10:
            k = sum(int(a) * w for a, w in zip(body, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3])) % 11 % 10
        return body + str(k)
    if c == "ROU":
        g = ("5" if male else "6") if c20 else ("1" if male else "2")
        body = g + birth.strftime("%y%m%d") + f"{r.randint(1, 46):02d}" + digits(r, 3)
        k = sum(int(a) * int(w) for a, w in zip(body, "279146358279")) % 11
        return body + ("1" if k == 10 else str(k))
    if c == "BGR":
        body = f"{birth.year % 100:02d}{birth.month + (40 if c20 else 0):02d}{birth.day:02d}" + digits(r, 2)
        body += str(r.choice([0, 2, 4, 6, 8] if male else [1, 3, 5, 7, 9]))
        k = sum(int(a) * w for a, w in zip(body, [2, 4, 8, 5, 10, 9, 7, 3, 6])) % 11 % 10
        return body + str(k)
    if c in ("CZE", "SVK"):
        mm = birth.month + (50 if sex == "F" else 0)
        while True:
            body = f"{birth.year % 100:02d}{mm:02d}{birth.day:02d}" + digits(r, 3)
            k = int(body) % 11
            if k != 10:
                return f"{body[:6]}/{body[6:]}{k}"
    if c == "BEL":
        body = birth.strftime("%y%m%d") + f"{r.randint(1, 997):03d}"
        k = 97 - int(("2" if c20 else "") + body) % 97
        return f"{body[0:2]}.{body[2:4]}.{body[4:6]}-{body[6:9]}.{k:02d}"
    if c == "TUR":
        d = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(8)]
        d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
        return "".join(map(str, d)) + str(d10) + str((sum(d) + d10) % 10)
    if c == "HRV":
        body = str(r.randint(1, 9)) + digits(r, 9)
        k = 10
        for ch in body:
            k = (int(ch) + k) % 10 or 10
            k = k * 2 % 11
        return body + str((11 - k) % 10)
    if c == "KOR":
        g = (3 if male else 4) if c20 else (1 if male else 2)
        body = birth.strftime("%y%m%d") + str(g) + digits(r, 5)
        k = (11 - sum(int(a) * w for a, w in zip(body, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])) % 11) % 10
        return f"{body[:6]}-{body[6:]}{k}"
    return None
