"""Layouts of driving licences without MRZ: US (AAMVA DL/ID card design), Canada (bilingual), EU (ISO/IEC 18013-1)."""

from __future__ import annotations

import datetime as dt

from common import Ctx, Rec, f_above, f_left, f_num, fmt_date, name_text, portrait
from data import COUNTRIES, L, US_STATES
from render import (Doc, emblem, eu_flag, ghost, gradient_bg, guilloche, hologram_patch, pastel, shade, signature,
                    star, tint, face)

US_TITLES = {"drivers_license": ["DRIVER LICENSE", "DRIVER'S LICENSE", "DRIVER LICENSE", "OPERATOR'S LICENSE"],
             "government_id": ["IDENTIFICATION CARD", "ID CARD", "IDENTIFICATION CARD", "IDENTITY CARD"]}


def _us_card(ctx: Ctx, w=85.6, h=54, ppm=14):
    r = ctx.r
    base = pastel(r, 200, 248)
    doc = Doc(w, h, ppm, bg=base, radius_mm=3.2)
    gradient_bg(doc, base, pastel(r, 195, 250), vertical=r.random() < 0.4)
    guilloche(doc, r, tint(ctx.accent, 0.35), strength=r.uniform(0.25, 0.5), density=0.8)
    if r.random() < 0.6:
        emblem(doc, r, r.uniform(35, 60), r.uniform(22, 35), r.uniform(12, 20), ctx.accent, 0.12)
    return doc


def _real_id(doc: Doc, ctx: Ctx, x, y, size=3.2):
    r = ctx.r
    kind = r.choice(["gold", "black", "circle", "bear"])
    if kind == "circle":
        doc.draw.ellipse([doc.px(x - size), doc.px(y - size), doc.px(x + size), doc.px(y + size)], fill=(212, 160, 23))
        star(doc, x, y, size * 0.75, (255, 255, 255))
    else:
        star(doc, x, y, size, (212, 160, 23) if kind != "black" else (25, 25, 25))


def _dates(ctx: Ctx, d):
    return fmt_date(d, ctx.date_style, ["en"])


def _us_common(rec: Rec):
    e = rec.extra
    return e


def aamva_numbered(rec: Rec, ctx: Ctx):
    """AAMVA card: state header, small red field numbers before each field (1, 2, 3 DOB, 4a ISS, 4b EXP, 4d DLN,
    5 DD, 8, 9 CLASS, 9a END, 12 RESTR, 15 SEX, 16 HGT, 17 WGT, 18 EYES, 19 HAIR), photo left, ghost, signature."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0, 0.3))
    state_name = US_STATES[rec.state]
    if r.random() < 0.5:
        doc.rect(0, 0, 85.6, 8.5, fill=hdr)
        hc = (255, 255, 255)
    else:
        hc = hdr
    doc.text(3, 4.3, state_name, ctx.fonts["bold"], r.uniform(3.6, 4.6), fill=hc, anchor="lm", max_w=48, role="bold")
    title = r.choice(US_TITLES[rec.doc_type])
    doc.text(83, 2.3, title, ctx.fonts["bold"], 2.2, fill=hc, anchor="ra", max_w=32, role="bold")
    doc.text(83, 5.3, "USA", ctx.fonts["bold"], 2.0, fill=hc, anchor="ra", role="bold")
    if e.get("real_id"):
        _real_id(doc, ctx, 63, 4.3, 2.6)
    red = r.choice([(200, 30, 30), (190, 40, 40), (30, 60, 160), (140, 30, 120)])
    px, py, pw, ph = 3, 11, 24, 30
    img = portrait(doc, ctx, rec, px, py, pw, ph, colour=True)
    vs, ns = r.uniform(2.3, 2.7), r.uniform(1.5, 1.8)
    x = 29.5
    dln_label = r.choice(["DLN", "DLN", "LIC#", "NO", "DL"]) if rec.doc_type == "drivers_license" else r.choice(["ID#", "IDN", "NO"])
    y = 12
    f_num(doc, ctx, x, y, "4d", rec.license_no or rec.doc_no, vs * 1.1, ncol=red, label=dln_label, lsize=ns, w=44)
    f_num(doc, ctx, 62, y + 5, "3", _dates(ctx, rec.birth), vs, ncol=red, label="DOB", lsize=ns, w=23)
    f_num(doc, ctx, x, y + 5, "4b", _dates(ctx, rec.expiry), vs, ncol=red, label="EXP", lsize=ns, w=32,
          vcol=(160, 20, 20) if r.random() < 0.4 else (15, 15, 15))
    y = 22
    f_num(doc, ctx, x, y, "1", name_text(rec, rec.last), vs * 1.05, ncol=red, w=54)
    f_num(doc, ctx, x, y + 4, "2", name_text(rec, rec.first), vs * 1.05, ncol=red, w=54)
    f_num(doc, ctx, x, y + 8.2, "8", e["street"], vs * 0.85, ncol=red, w=54)
    doc.text(x + 3, y + 11.6, e["city_line"], ctx.fonts["value"], vs * 0.85, anchor="ls", max_w=51, role="bold")
    y = 37.5
    if rec.doc_type == "drivers_license":
        f_num(doc, ctx, x, y, "9", e["class"], vs * .85, ncol=red, label="CLASS", lsize=ns, w=20)
        f_num(doc, ctx, x + 21, y, "9a", e["end"], vs * .85, ncol=red, label="END", lsize=ns, w=16)
        f_num(doc, ctx, x + 38, y, "12", e["restr"], vs * .85, ncol=red, label="RESTR", lsize=ns, w=18)
    y = 41.5
    f_num(doc, ctx, x, y, "15", rec.sex, vs * .85, ncol=red, label="SEX", lsize=ns)
    f_num(doc, ctx, x + 12, y, "16", e["hgt"], vs * .85, ncol=red, label="HGT", lsize=ns)
    f_num(doc, ctx, x + 29, y, "18", e["eyes"], vs * .85, ncol=red, label="EYES", lsize=ns)
    y = 45.5
    f_num(doc, ctx, x, y, "17", e["wgt"], vs * .85, ncol=red, label="WGT", lsize=ns)
    f_num(doc, ctx, x + 17, y, "19", e["hair"], vs * .85, ncol=red, label="HAIR", lsize=ns)
    f_num(doc, ctx, x, 49.5, "4a", _dates(ctx, rec.issue), vs * .85, ncol=red, label="ISS", lsize=ns)
    f_num(doc, ctx, x + 25, 49.5, "5", e["dd"], vs * .62, ncol=red, label="DD", lsize=ns * .85, w=31)
    signature(doc, r, 3, 42.5, 25, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    if r.random() < 0.7:
        col, mask = ghost(img, doc.px(11), doc.px(14), tint_col=shade(ctx.accent, 0.3), strength=0.35)
        doc.paste(col, 72.5, 37, mask)
    if e.get("veteran"):
        doc.text(72, 34, "VETERAN", ctx.fonts["bold"], 1.8, fill=red, anchor="ls", role="bold")
    ctx.printed |= {"gender", "issue_date"}
    return doc, None


def aamva_labels(rec: Rec, ctx: Ctx):
    """AAMVA card with text labels only (DL, EXP, LN, FN, DOB, ISS, CLASS, SEX, HGT, EYES), header band with the
    state name in a script-like font, photo right, name as 'LAST' / 'FIRST MIDDLE' lines."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    band = ctx.accent
    doc.rect(0, 0, 85.6, 9, fill=band)
    state_name = US_STATES[rec.state]
    sfont = ctx.fonts["hand"] if r.random() < 0.35 else ctx.fonts["serif_bold"]
    doc.text(3, 4.8, state_name.title() if sfont == ctx.fonts["hand"] else state_name, sfont, 5.0,
             fill=(255, 255, 255), anchor="lm", max_w=50, role="hand" if sfont == ctx.fonts["hand"] else "serif_bold")
    doc.text(83, 4.6, r.choice(US_TITLES[rec.doc_type]), ctx.fonts["bold"], 2.3, fill=(255, 255, 255), anchor="rm",
             max_w=30, role="bold")
    if e.get("real_id"):
        _real_id(doc, ctx, 80, 13, 2.4)
    lab = (120, 30, 30) if r.random() < 0.5 else shade(band, 0.2)
    ls, vs = r.uniform(1.5, 1.8), r.uniform(2.4, 2.8)
    x, lw = 3, r.uniform(8, 10)
    y = 14
    num_lbl = "DL" if rec.doc_type == "drivers_license" else "ID"
    f_left(doc, ctx, x, y, num_lbl, rec.license_no or rec.doc_no, lw, ls, vs * 1.15, lcol=lab, w=52,
           vcol=(150, 20, 20))
    f_left(doc, ctx, x, y + 4.6, "EXP", _dates(ctx, rec.expiry), lw, ls, vs, lcol=lab)
    f_left(doc, ctx, x + 30, y + 4.6, "ISS", _dates(ctx, rec.issue), lw - 2, ls, vs, lcol=lab)
    style = r.random()
    if style < 0.5:
        f_left(doc, ctx, x, y + 9.4, "LN", name_text(rec, rec.last), lw, ls, vs, lcol=lab, w=56)
        f_left(doc, ctx, x, y + 13.6, "FN", name_text(rec, rec.first), lw, ls, vs, lcol=lab, w=56)
    else:
        doc.text(x, y + 9.4, name_text(rec, rec.last), ctx.fonts["value"], vs, anchor="ls", max_w=56, role="bold")
        doc.text(x, y + 13.6, name_text(rec, rec.first), ctx.fonts["value"], vs, anchor="ls", max_w=56, role="bold")
    doc.text(x, y + 17.6, e["street"], ctx.fonts["value"], vs * 0.8, anchor="ls", max_w=56, role="bold")
    doc.text(x, y + 21, e["city_line"], ctx.fonts["value"], vs * 0.8, anchor="ls", max_w=56, role="bold")
    f_left(doc, ctx, x, y + 25.5, "DOB", _dates(ctx, rec.birth), lw, ls, vs * 1.1, lcol=lab, vcol=(150, 20, 20))
    if rec.doc_type == "drivers_license":
        f_left(doc, ctx, x + 32, y + 25.5, "CLASS", e["class"], lw + 1, ls, vs, lcol=lab)
    f_left(doc, ctx, x, y + 30, "SEX", rec.sex, lw, ls, vs * .9, lcol=lab)
    f_left(doc, ctx, x + 16, y + 30, "HGT", e["hgt"], lw - 2, ls, vs * .9, lcol=lab)
    f_left(doc, ctx, x + 35, y + 30, "EYES", e["eyes"], lw - 1, ls, vs * .9, lcol=lab)
    f_left(doc, ctx, x, y + 34.5, "DD", e["dd"], lw, ls * .9, vs * .6, lcol=lab)
    if rec.doc_type == "drivers_license" and r.random() < 0.6:
        f_left(doc, ctx, x + 38, y + 34.5, "RSTR", e["restr"], lw, ls * .9, vs * .8, lcol=lab)
    img = portrait(doc, ctx, rec, 60, 16, 23, 29, colour=True)
    signature(doc, r, 58, 45.5, 26, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(10, 10, 10))
    if r.random() < 0.6:
        col, mask = ghost(img, doc.px(9), doc.px(11.5), tint_col=shade(band, 0.3), strength=0.3)
        doc.paste(col, 47, 34.5, mask)
    ctx.printed |= {"gender", "issue_date"}
    return doc, None


def aamva_vertical(rec: Rec, ctx: Ctx):
    """HELD OUT. Portrait-orientation AAMVA card (under-21 style): photo top, 'UNDER 21 UNTIL' banner (a distractor
    date), numbered fields below, names as 'LAST, FIRST'."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx, w=54, h=85.6)
    band = ctx.accent
    doc.rect(0, 0, 54, 8, fill=band)
    doc.text(27, 3.2, US_STATES[rec.state], ctx.fonts["bold"], 3.2, fill=(255, 255, 255), anchor="mm", max_w=50,
             role="bold")
    doc.text(27, 6.6, r.choice(US_TITLES[rec.doc_type]) + " · USA", ctx.fonts["sans"], 1.7, fill=(255, 255, 255),
             anchor="mm", max_w=50)
    portrait(doc, ctx, rec, 14, 10, 26, 32, colour=True)
    if e.get("real_id"):
        _real_id(doc, ctx, 47, 13, 2.6)
    u21 = rec.birth.replace(year=rec.birth.year + 21) if not (rec.birth.month == 2 and rec.birth.day == 29) else \
        rec.birth.replace(year=rec.birth.year + 21, day=28)
    bar = (200, 30, 30) if r.random() < 0.6 else (30, 30, 30)
    doc.rect(0, 43, 54, 48, fill=bar)
    doc.text(27, 45.6, "UNDER 21 UNTIL " + _dates(ctx, u21), ctx.fonts["bold"], 2.4, fill=(255, 255, 255), anchor="mm",
             role="bold")
    red = (190, 30, 30)
    vs, ns = r.uniform(2.3, 2.6), r.uniform(1.5, 1.7)
    x, y = 2.5, 52
    f_num(doc, ctx, x, y, "4d", rec.license_no or rec.doc_no, vs * 1.1, ncol=red,
          label="DLN" if rec.doc_type == "drivers_license" else "ID NO", lsize=ns, w=50)
    y += 4.3
    both = name_text(rec, rec.last) + ", " + name_text(rec, rec.first)
    if len(both) < 30 and r.random() < 0.6:
        f_num(doc, ctx, x, y, "1", both, vs, ncol=red, w=50)
        y += 4.0
    else:
        f_num(doc, ctx, x, y, "1", name_text(rec, rec.last), vs, ncol=red, w=50)
        f_num(doc, ctx, x, y + 3.8, "2", name_text(rec, rec.first), vs, ncol=red, w=50)
        y += 7.8
    f_num(doc, ctx, x, y, "3", _dates(ctx, rec.birth), vs, ncol=red, label="DOB", lsize=ns)
    f_num(doc, ctx, x + 26, y, "15", rec.sex, vs, ncol=red, label="SEX", lsize=ns)
    y += 4.0
    f_num(doc, ctx, x, y, "4a", _dates(ctx, rec.issue), vs * .9, ncol=red, label="ISS", lsize=ns)
    f_num(doc, ctx, x + 26, y, "4b", _dates(ctx, rec.expiry), vs * .9, ncol=red, label="EXP", lsize=ns)
    y += 3.8
    f_num(doc, ctx, x, y, "8", e["street"] + ", " + e["city_line"], vs * 0.7, ncol=red, w=50)
    y += 3.4
    f_num(doc, ctx, x, y, "16", e["hgt"], vs * .8, ncol=red, label="HGT", lsize=ns)
    f_num(doc, ctx, x + 18, y, "18", e["eyes"], vs * .8, ncol=red, label="EYES", lsize=ns)
    if rec.doc_type == "drivers_license":
        f_num(doc, ctx, x + 36, y, "9", e["class"], vs * .8, ncol=red, label="CLASS", lsize=ns)
    f_num(doc, ctx, x, 83.5, "5", e["dd"], vs * .55, ncol=red, label="DD", lsize=ns * .8, w=49)
    if e.get("u18"):
        u18 = u21.replace(year=u21.year - 3)
        doc.text(52, 10.5, "UNDER 18 UNTIL " + _dates(ctx, u18), ctx.fonts["sans"], 1.3, fill=red, anchor="ra")
    signature(doc, r, 8, y + 1.5, 38, 5.5, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    ctx.printed |= {"gender", "issue_date"}
    return doc, None


def aamva_colon(rec: Rec, ctx: Ctx):
    """AAMVA card in two styles some states use (added in a later round, tuning set): (a) field numbers with colon
    labels ("4d DLN:", "3 DOB:") and issue/expiry side by side; (b) no field numbers, colon labels left of the values
    ("ID:", "DOB:", "EXPIRES:", "ISSUED:") and the name as 'LAST, FIRST MIDDLE' on one unlabelled line. Photo left,
    signature under it, state name and title on a white strip."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0.1, 0.4))
    doc.rect(0, 0, 85.6, 7.5, fill=(250, 250, 250))
    doc.text(3, 3.9, US_STATES[rec.state], ctx.fonts["serif_bold"], r.uniform(3.4, 4.2), fill=hdr, anchor="lm",
             max_w=44, role="serif_bold")
    doc.text(83, 3.9, r.choice(US_TITLES[rec.doc_type]), ctx.fonts["bold"], 2.3, fill=hdr, anchor="rm", max_w=34,
             role="bold")
    if e.get("real_id"):
        _real_id(doc, ctx, 80, 11, 2.3)
    img = portrait(doc, ctx, rec, 3, 10, 22, 28, colour=r.random() < 0.7)
    signature(doc, r, 2, 40, 24, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    lab = shade(ctx.accent, 0.35) if r.random() < 0.6 else (150, 30, 30)
    vs, ls = r.uniform(2.3, 2.7), r.uniform(1.5, 1.8)
    x = 28
    number = rec.license_no or rec.doc_no
    if r.random() < 0.5:
        f_num(doc, ctx, x, 12, "4d", number, vs * 1.1, ncol=lab, label=("DLN:" if rec.doc_type == "drivers_license" else "IDN:"), lsize=ls, w=52)
        f_num(doc, ctx, x, 17, "1", name_text(rec, rec.last), vs, ncol=lab, w=54)
        f_num(doc, ctx, x, 21, "2", name_text(rec, rec.first), vs, ncol=lab, w=54)
        f_num(doc, ctx, x, 25, "8", e["street"], vs * 0.8, ncol=lab, w=54)
        doc.text(x + 3, 28.4, e["city_line"], ctx.fonts["value"], vs * 0.8, anchor="ls", max_w=51, role="bold")
        f_num(doc, ctx, x, 33, "3", _dates(ctx, rec.birth), vs * 1.05, ncol=lab, label="DOB:", lsize=ls, vcol=(150, 20, 20))
        f_num(doc, ctx, x, 37.5, "4a", _dates(ctx, rec.issue), vs * .85, ncol=lab, label="ISS:", lsize=ls)
        f_num(doc, ctx, x + 27, 37.5, "4b", _dates(ctx, rec.expiry), vs * .85, ncol=lab, label="EXP:", lsize=ls)
        f_num(doc, ctx, x, 42, "15", rec.sex, vs * .85, ncol=lab, label="SEX:", lsize=ls)
        f_num(doc, ctx, x + 14, 42, "18", e["eyes"], vs * .85, ncol=lab, label="EYES:", lsize=ls)
        f_num(doc, ctx, x + 32, 42, "16", e["hgt"], vs * .85, ncol=lab, label="HGT:", lsize=ls)
        f_num(doc, ctx, x, 47, "5", e["dd"], vs * .6, ncol=lab, label="DD:", lsize=ls * .85, w=50)
    else:
        lw = r.uniform(9.5, 11.5)
        f_left(doc, ctx, x, 12.5, "DL" if rec.doc_type == "drivers_license" else "ID", number, lw, ls, vs * 1.15,
               lcol=lab, w=52, colon=True)
        both = name_text(rec, rec.last) + ", " + name_text(rec, rec.first)
        doc.text(x, 18, both, ctx.fonts["value"], vs, anchor="ls", max_w=55, role="bold")
        doc.text(x, 21.6, e["street"], ctx.fonts["value"], vs * 0.8, anchor="ls", max_w=55, role="bold")
        doc.text(x, 25, e["city_line"], ctx.fonts["value"], vs * 0.8, anchor="ls", max_w=55, role="bold")
        f_left(doc, ctx, x, 30, "DOB", _dates(ctx, rec.birth), lw, ls, vs * 1.05, lcol=lab, colon=True, vcol=(150, 20, 20))
        f_left(doc, ctx, x, 34.3, "ISSUED", _dates(ctx, rec.issue), lw + 2, ls, vs * .9, lcol=lab, colon=True)
        f_left(doc, ctx, x, 38.6, "EXPIRES", _dates(ctx, rec.expiry), lw + 2, ls, vs * .9, lcol=lab, colon=True)
        f_left(doc, ctx, x, 42.9, "SEX", rec.sex, lw - 2, ls, vs * .85, lcol=lab, colon=True)
        f_left(doc, ctx, x + 16, 42.9, "EYES", e["eyes"], lw - 1, ls, vs * .85, lcol=lab, colon=True)
        if rec.doc_type == "drivers_license":
            f_left(doc, ctx, x + 34, 42.9, "CLASS", e["class"], lw, ls, vs * .85, lcol=lab, colon=True)
        f_left(doc, ctx, x, 47.5, "DD", e["dd"], lw - 3, ls * .9, vs * .6, lcol=lab, colon=True)
    if r.random() < 0.5:
        col, mask = ghost(img, doc.px(9), doc.px(11.5), tint_col=shade(ctx.accent, 0.3), strength=0.3)
        doc.paste(col, 73, 36, mask)
    ctx.printed |= {"gender", "issue_date"}
    return doc, None


def ca_bilingual(rec: Rec, ctx: Ctx):
    """Canadian provincial licence: bilingual labels (NAME/NOM, DOB/DDN, ISS/DÉL, EXP, SEX/SEXE, HGT/HT,
    CLASS/CAT), dates YYYY/MM/DD, name as 'LAST,FIRST'."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    band = ctx.accent
    doc.rect(0, 0, 85.6, 9, fill=band)
    doc.text(3, 4.6, e["province"], ctx.fonts["bold"], 4.0, fill=(255, 255, 255), anchor="lm", max_w=45, role="bold")
    doc.text(83, 2.8, "DRIVER'S LICENCE", ctx.fonts["bold"], 1.9, fill=(255, 255, 255), anchor="ra", role="bold")
    doc.text(83, 5.8, "PERMIS DE CONDUIRE", ctx.fonts["bold"], 1.9, fill=(255, 255, 255), anchor="ra", role="bold")
    img = portrait(doc, ctx, rec, 3, 11.5, 23, 29, colour=True)
    lab = shade(band, 0.1)
    ls, vs = r.uniform(1.3, 1.5), r.uniform(2.3, 2.7)
    x = 29
    y = 11
    y = f_above(doc, ctx, x, y, "NAME/NOM", name_text(rec, rec.last) + "," + name_text(rec, rec.first), ls, vs, w=54,
                lcol=lab, gap=0.3) + 0.2
    doc.text(x, y + 2.2, e["street"], ctx.fonts["value"], vs * .8, anchor="ls", max_w=54, role="bold")
    doc.text(x, y + 5.4, e["city_line"], ctx.fonts["value"], vs * .8, anchor="ls", max_w=54, role="bold")
    y += 7
    f_above(doc, ctx, x, y, "NUMBER/NUMÉRO", rec.license_no, ls, vs * 1.05, w=54, lcol=lab, vcol=(150, 20, 20), gap=0.3)
    y += 6.3
    d = lambda v: fmt_date(v, ctx.date_style, ["en"])  # noqa: E731
    f_above(doc, ctx, x, y, "DOB/DDN", d(rec.birth), ls, vs, w=25, lcol=lab, gap=0.3)
    f_above(doc, ctx, x + 28, y, "EXP/EXP", d(rec.expiry), ls, vs, w=25, lcol=lab, gap=0.3)
    y += 6.3
    f_above(doc, ctx, x, y, "ISS/DÉL", d(rec.issue), ls, vs, w=25, lcol=lab, gap=0.3)
    f_above(doc, ctx, x + 28, y, "CLASS/CATÉGORIE", e["class"], ls, vs, w=25, lcol=lab, gap=0.3)
    y += 6.3
    f_above(doc, ctx, x, y, "SEX/SEXE", rec.sex, ls, vs, w=12, lcol=lab, gap=0.3)
    f_above(doc, ctx, x + 14, y, "HGT/HT", f"{e['hgt_cm']} cm", ls, vs, w=14, lcol=lab, gap=0.3)
    f_above(doc, ctx, x + 30, y, "REST/COND", e["restr"], ls, vs, w=24, lcol=lab, gap=0.3)
    signature(doc, r, 3, 42, 24, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(10, 10, 10))
    if r.random() < 0.5:
        col, mask = ghost(img, doc.px(9), doc.px(11.5), tint_col=shade(band, 0.3), strength=0.3)
        doc.paste(col, 74, 40, mask)
    ctx.printed |= {"gender", "issue_date"}
    return doc, None


# ---------------------------------------------------------------------------------------------------------------
# EU licences (ISO/IEC 18013-1 numbering)
# ---------------------------------------------------------------------------------------------------------------
def _eu_card(ctx: Ctx):
    r = ctx.r
    base = r.choice([(246, 214, 222), (240, 205, 215), (250, 225, 230), (235, 220, 228), (238, 232, 240)])
    doc = Doc(85.6, 54, 14, bg=base, radius_mm=3.2)
    gradient_bg(doc, base, tint(base, r.uniform(0.2, 0.5)), vertical=r.random() < 0.5)
    guilloche(doc, r, (200, 120, 150), strength=r.uniform(0.3, 0.55), density=0.9)
    return doc


def _dl_title(rec: Rec) -> str:
    lang = COUNTRIES[rec.issuer][2]
    return L.get(lang, L["en"])["dl"]


def _eu_fields(rec: Rec, ctx: Ctx):
    d = lambda v: fmt_date(v, ctx.date_style, ctx.langs)  # noqa: E731
    e = rec.extra
    rows = [("1.", name_text(rec, rec.last)), ("2.", name_text(rec, rec.first)),
            ("3.", f"{d(rec.birth)} {rec.pob}".strip())]
    return rows, d, e


def eu_dl_classic(rec: Rec, ctx: Ctx):
    """EU licence: EU flag + sign top left, header in the national language, photo left, numbered fields 1-5 right,
    9 categories at the bottom, 7 signature."""
    r = ctx.r
    doc = _eu_card(ctx)
    code = rec.state
    eu_flag(doc, 2.5, 2.5, 9, 7.5, code, ctx.fonts["bold"])
    doc.text(14, 2.5, _dl_title(rec), ctx.fonts["bold"], 3.0, fill=(30, 30, 60), max_w=52, role="bold")
    doc.text(14, 6.6, COUNTRIES[rec.issuer][1], ctx.fonts["sans"], 1.8, fill=(60, 60, 90), max_w=52)
    if rec.issuer == "GBR":
        doc.text(83, 3, "UK", ctx.fonts["bold"], 3.2, fill=(30, 30, 90), anchor="ra", role="bold")
    img = portrait(doc, ctx, rec, 3, 12, 22, 28, colour=r.random() < 0.6)
    ns, vs = r.uniform(2.2, 2.6), r.uniform(2.6, 3.0)
    x, y, step = 27.5, 15, r.uniform(4.4, 4.9)
    rows, d, e = _eu_fields(rec, ctx)
    for num, val in rows:
        f_num(doc, ctx, x, y, num, val, vs, ncol=(40, 40, 40), nsize=ns, w=55)
        y += step
    f_num(doc, ctx, x, y, "4a.", d(rec.issue), vs, ncol=(40, 40, 40), nsize=ns)
    f_num(doc, ctx, x + 27, y, "4c.", rec.authority, vs * .8, ncol=(40, 40, 40), nsize=ns, w=28)
    y += step
    f_num(doc, ctx, x, y, "4b.", d(rec.expiry), vs, ncol=(40, 40, 40), nsize=ns)
    if rec.personal_no:
        f_num(doc, ctx, x + 27, y, "4d.", rec.personal_no, vs * .85, ncol=(40, 40, 40), nsize=ns, w=28)
        ctx.printed.add("identity_number")
    y += step
    f_num(doc, ctx, x, y, "5.", rec.license_no, vs * 1.05, ncol=(40, 40, 40), nsize=ns, w=55)
    y += step
    doc.text(x, y + 0.6, "7.", ctx.fonts["bold"], ns, fill=(40, 40, 40), anchor="ls", role="bold")
    signature(doc, r, x + 4, y - 3.5, 30, 5.5, rec.last, ctx.fonts["hand"], colour=(20, 20, 70))
    f_num(doc, ctx, 3, 49.5, "9.", e["categories"], vs * .95, ncol=(40, 40, 40), nsize=ns, w=70)
    if r.random() < 0.6:
        col, mask = ghost(img, doc.px(10), doc.px(12.5), tint_col=(120, 80, 100), strength=0.3)
        doc.paste(col, 73, 38, mask)
    if r.random() < 0.4:
        hologram_patch(doc, r, 60, 10, 20, 12, 0.12)
    ctx.printed |= {"issue_date"}
    return doc, None


def eu_dl_alt(rec: Rec, ctx: Ctx):
    """HELD OUT. EU licence variant: multilingual title strip, photo right, field numbers in small boxes, 4a/4b
    on one line, 8. address, categories table, dates with dashes or spaces."""
    r = ctx.r
    doc = _eu_card(ctx)
    doc.rect(0, 0, 85.6, 9.5, fill=(215, 180, 195))
    eu_flag(doc, 75, 1.2, 8.5, 7, rec.state, ctx.fonts["bold"])
    doc.text(3, 1.6, _dl_title(rec), ctx.fonts["bold"], 2.8, fill=(60, 20, 40), max_w=70, role="bold")
    others = [L[lg]["dl"] for lg in ("en", "fr", "de", "it", "es", "pl", "nl", "pt") if L[lg]["dl"] != _dl_title(rec)]
    doc.text(3, 5.9, " ".join(r.sample(others, 4)), ctx.fonts["sans"], 1.15, fill=(90, 50, 70), max_w=70)
    img = portrait(doc, ctx, rec, 60, 12, 22, 28, colour=r.random() < 0.5)
    vs, ns = r.uniform(2.5, 2.9), r.uniform(1.7, 2.0)

    def boxed(x, y, num, val, w=None, vsz=None):
        bw = doc.text_width(num, ctx.fonts["bold"], ns, "bold") + 0.8
        doc.rect(x, y - ns - 0.5, x + bw, y + 0.4, outline=(90, 50, 70), width_mm=0.1)
        doc.text(x + 0.4, y, num, ctx.fonts["bold"], ns, fill=(90, 50, 70), anchor="ls", role="bold")
        doc.text(x + bw + 0.8, y, val, ctx.fonts["value"], vsz or vs, anchor="ls", max_w=(w - bw - 1) if w else None,
                 role="bold")

    rows, d, e = _eu_fields(rec, ctx)
    x, y, step = 3, 14.5, r.uniform(4.2, 4.6)
    for num, val in rows:
        boxed(x, y, num.rstrip("."), val, w=55)
        y += step
    boxed(x, y, "4a", d(rec.issue), w=27)
    boxed(x + 28, y, "4b", d(rec.expiry), w=28)
    y += step
    boxed(x, y, "4c", rec.authority, w=55, vsz=vs * 0.8)
    y += step
    if rec.personal_no:
        boxed(x, y, "4d", rec.personal_no, w=55)
        ctx.printed.add("identity_number")
        y += step
    boxed(x, y, "5", rec.license_no, w=55, vsz=vs * 1.05)
    y += step
    if e.get("address"):
        boxed(x, y, "8", e["address"], w=80, vsz=vs * 0.75)
    boxed(3, 51.3, "9", e["categories"], w=55, vsz=vs * 0.9)
    signature(doc, r, 60, 41.5, 23, 5, rec.first[0] + ". " + rec.last, ctx.fonts["hand"], colour=(20, 20, 70))
    ctx.printed |= {"issue_date"}
    return doc, None


_ = (face, hologram_patch)


def aamva_free(rec: Rec, ctx: Ctx):
    """AAMVA card assembled at random (a later tuning round): photo left or right; every field either numbered
    (AAMVA 1, 2, 3, 4a, 4b, 4d ...), labelled, or both; labels upper case, title case ("Exp", "Dob") or with a colon;
    a label left of its value or small above it; the name as numbered lines, as LN/FN, or as one 'LAST, FIRST' line;
    fields in two columns in a shuffled order."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0, 0.35))
    banded = r.random() < 0.5
    if banded:
        doc.rect(0, 0, 85.6, r.uniform(7.5, 9.5), fill=hdr)
    hc = (255, 255, 255) if banded else hdr
    state = US_STATES[rec.state]
    state = state.title() if r.random() < 0.3 else state
    title = r.choice(US_TITLES[rec.doc_type])
    title = title.title() if r.random() < 0.3 else title
    if r.random() < 0.5:
        doc.text(3, 4.3, state, ctx.fonts["bold"], r.uniform(3.4, 4.4), fill=hc, anchor="lm", max_w=46, role="bold")
        doc.text(83, 4.3, title, ctx.fonts["bold"], 2.1, fill=hc, anchor="rm", max_w=32, role="bold")
    else:
        doc.text(42.8, 3.2, state, ctx.fonts["bold"], r.uniform(3.2, 3.8), fill=hc, anchor="mm", max_w=60, role="bold")
        doc.text(42.8, 6.8, title + r.choice(["", " · USA", "  USA"]), ctx.fonts["sans"], 1.8, fill=hc, anchor="mm",
                 max_w=60)
    photo_left = r.random() < 0.6
    px = 3 if photo_left else 60.5
    img = portrait(doc, ctx, rec, px, 11, 22, 28, colour=r.random() < 0.8)
    signature(doc, r, px - 1, 40.5, 24, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    if e.get("real_id"):
        _real_id(doc, ctx, 55 if photo_left else 30, 13, 2.2)
    lab = r.choice([(190, 30, 30), shade(ctx.accent, 0.3), (40, 40, 40), (30, 60, 150)])
    numbered = r.choice(["all", "all", "none", "some"])
    case = r.choice(["upper", "upper", "title"])
    colon = r.random() < 0.3
    above = r.random() < 0.3
    vs, ls = r.uniform(2.2, 2.6), r.uniform(1.4, 1.8)
    x0 = 28 if photo_left else 3
    width = 55

    def lbl(s: str) -> str:
        if not s:
            return s
        s = s.title() if case == "title" and len(s) > 2 else s
        return s + (":" if colon else "")

    def field(x, y, num, label, value, w, vsz=None, vcol=(15, 15, 15)):
        vsz = vsz or vs
        use_num = numbered == "all" or (numbered == "some" and r.random() < 0.5)
        if above and label:
            lx = x
            if use_num:
                nb = doc.text(x, y - vsz - 0.3, num, ctx.fonts["bold"], ls, fill=lab, anchor="ls", role="bold")
                lx = nb[2] + 0.6
            doc.text(lx, y - vsz - 0.3, lbl(label), ctx.fonts["label"], ls, fill=lab, anchor="ls")
            doc.text(x, y, value, ctx.fonts["value"], vsz, fill=vcol, anchor="ls", max_w=w, role="bold")
        elif use_num:
            f_num(doc, ctx, x, y, num, value, vsz, ncol=lab, vcol=vcol, label=lbl(label), lsize=ls, w=w)
        elif label:
            lw = doc.text_width(lbl(label), ctx.fonts["label"], ls) + 1.2
            f_left(doc, ctx, x, y, lbl(label), value, lw, ls, vsz, w=w, lcol=lab, vcol=vcol)
        else:
            doc.text(x, y, value, ctx.fonts["value"], vsz, fill=vcol, anchor="ls", max_w=w, role="bold")

    step = vs + (ls + 1.2 if above else 1.7)
    y = 13.5 + (ls if above else 0)
    number = rec.license_no or rec.doc_no
    nl = r.choice(["DL", "DLN", "LIC#", "NO", "DL NO"]) if rec.doc_type == "drivers_license" else r.choice(["ID", "IDN", "ID NO"])
    field(x0, y, "4d", nl, number, width, vs * 1.1, vcol=(150, 20, 20) if r.random() < 0.4 else (15, 15, 15))
    y += step
    name_style = r.choice(["numbered", "lnfn", "comma"])
    if name_style == "comma":
        both = name_text(rec, rec.last) + "," + r.choice(["", " "]) + name_text(rec, rec.first)
        field(x0, y, "1", "", both, width)
        y += step
    elif name_style == "lnfn":
        field(x0, y, "1", "LN", name_text(rec, rec.last), width)
        field(x0, y + step, "2", "FN", name_text(rec, rec.first), width)
        y += 2 * step
    else:
        f_num(doc, ctx, x0, y, "1", name_text(rec, rec.last), vs, ncol=lab, w=width)
        f_num(doc, ctx, x0, y + step * 0.9, "2", name_text(rec, rec.first), vs, ncol=lab, w=width)
        y += 1.9 * step
    addr = r.random() < 0.8
    if addr:
        field(x0, y, "8", "", e["street"], width, vs * 0.8)
        doc.text(x0 + (3 if numbered != "none" and not above else 0), y + vs * 0.8 + 0.9, e["city_line"],
                 ctx.fonts["value"], vs * 0.8, anchor="ls", max_w=width - 3, role="bold")
        y += vs * 1.6 + 2.2
    y = max(y, 30)
    rows = [("3", "DOB", _dates(ctx, rec.birth)), ("4b", r.choice(["EXP", "EXPIRES"]), _dates(ctx, rec.expiry)),
            ("4a", r.choice(["ISS", "ISSUED"]), _dates(ctx, rec.issue)), ("15", "SEX", rec.sex),
            ("18", "EYES", e["eyes"]), ("16", "HGT", e["hgt"])]
    if rec.doc_type == "drivers_license":
        rows.append(("9", "CLASS", e["class"]))
    head, tail = rows[:3], rows[3:]
    r.shuffle(head)
    r.shuffle(tail)
    rows = head + tail
    col_w = width / 2
    i = 0
    while i < len(rows) and y < 51.5:
        for c in range(2):
            if i >= len(rows):
                break
            num, label, value = rows[i]
            field(x0 + c * col_w, y, num, label, value, col_w - 1, vs * 0.92)
            ctx.printed |= {"15": {"gender"}, "4a": {"issue_date"}}.get(num, set())
            i += 1
        y += step
    if y < 52.5:
        field(x0, min(y, 52.5), "5", "DD", e["dd"], width, vs * 0.6)
    if r.random() < 0.5:
        col, mask = ghost(img, doc.px(8), doc.px(10.5), tint_col=shade(ctx.accent, 0.3), strength=0.3)
        doc.paste(col, 75 if photo_left else 49, 40, mask)
    return doc, None


def eu_dl_free(rec: Rec, ctx: Ctx):
    """EU licence assembled at random (a later tuning round): photo left or right, field numbers as '1.', '1' or
    '1)' in varied sizes, the birth place after the date or not, issue/expiry/authority in shuffled arrangements,
    an optional second title line in English, an optional address (8) and the categories (9)."""
    r = ctx.r
    doc = _eu_card(ctx)
    photo_left = r.random() < 0.6
    fx = 2.5 if photo_left else 74
    eu_flag(doc, fx, 2.2, 9, 7.5, rec.state, ctx.fonts["bold"])
    tx = 14 if photo_left else 3
    doc.text(tx, 2.3, _dl_title(rec), ctx.fonts["bold"], r.uniform(2.6, 3.1), fill=(30, 30, 60), max_w=58, role="bold")
    sub = COUNTRIES[rec.issuer][1] if r.random() < 0.6 else L["en"]["dl"]
    doc.text(tx, 6.4, sub, ctx.fonts["sans"], 1.7, fill=(60, 60, 90), max_w=58)
    px = 3 if photo_left else 60
    img = portrait(doc, ctx, rec, px, 12, 22, 28, colour=r.random() < 0.6)
    suffix = r.choice([".", ".", "", ")"])
    ncol = r.choice([(40, 40, 40), (60, 30, 80), (30, 30, 110)])
    ns, vs = r.uniform(1.8, 2.6), r.uniform(2.4, 2.9)
    x, y, step = (27.5 if photo_left else 3), 14.5, r.uniform(4.1, 4.7)
    d = lambda v: fmt_date(v, ctx.date_style, ctx.langs)  # noqa: E731
    e = rec.extra

    def fld(xx, yy, num, val, w, vsz=None):
        f_num(doc, ctx, xx, yy, num + suffix, val, vsz or vs, ncol=ncol, nsize=ns, w=w)

    fld(x, y, "1", name_text(rec, rec.last), 55)
    y += step
    fld(x, y, "2", name_text(rec, rec.first), 55)
    y += step
    fld(x, y, "3", d(rec.birth) + (" " + rec.pob if r.random() < 0.7 else ""), 55)
    y += step
    arrangement = r.choice(["pairs", "stack", "dates_row"])
    if arrangement == "pairs":
        fld(x, y, "4a", d(rec.issue), 27)
        fld(x + 27, y, "4c", rec.authority, 28, vs * .8)
        y += step
        fld(x, y, "4b", d(rec.expiry), 27)
        if rec.personal_no:
            fld(x + 27, y, "4d", rec.personal_no, 28, vs * .85)
            ctx.printed.add("identity_number")
        y += step
    elif arrangement == "stack":
        for num, val in (("4a", d(rec.issue)), ("4b", d(rec.expiry)), ("4c", rec.authority)):
            fld(x, y, num, val, 55, vs * (.8 if num == "4c" else 1))
            y += step
    else:
        fld(x, y, "4a", d(rec.issue), 27)
        fld(x + 27, y, "4b", d(rec.expiry), 28)
        y += step
        fld(x, y, "4c", rec.authority, 55, vs * .8)
        y += step
    # British licences print the licence's issue number after the licence number ("MORGA753116SM9IJ 35").
    # (Derived from the number, not drawn, so the other documents of a seed stay as they were.)
    issue_no = f" {sum(map(ord, rec.license_no)) % 90 + 10}" if rec.issuer == "GBR" else ""
    fld(x, y, "5", rec.license_no + issue_no, 55, vs * 1.05)
    y += step
    if e.get("address") and y < 46:
        fld(x, y, "8", e["address"], 55, vs * .75)
        y += step
    if y < 47:
        doc.text(x, y + 0.6, "7" + suffix, ctx.fonts["bold"], ns, fill=ncol, anchor="ls", role="bold")
        signature(doc, r, x + 4, y - 3.5, 28, 5.5, rec.last, ctx.fonts["hand"], colour=(20, 20, 70))
    fld(3, 51, "9", e["categories"], 70, vs * .9)
    if r.random() < 0.5:
        col, mask = ghost(img, doc.px(10), doc.px(12.5), tint_col=(120, 80, 100), strength=0.3)
        doc.paste(col, 73 if photo_left else 45, 37, mask)
    ctx.printed |= {"issue_date"}
    return doc, None


SLOGANS = ["The Heartland", "Discover the Coast", "Freedom and Unity", "Home of Lakes and Rivers", "Visit Our Parks",
           "Land of Open Skies", "Gateway to the West", "Great Outdoors", "Where Rivers Meet"]


def aamva_grid(rec: Rec, ctx: Ctx):
    """AAMVA card read as a grid (a later tuning round): every field in a cell with its label small above the value
    (no field numbers, or numbers only before the labels), optional cell borders; long labels ("DATE OF BIRTH",
    "LICENSE NUMBER", "EXPIRATION DATE"); the name as 'NAME' over 'LAST, FIRST', as 'LAST NAME' and 'FIRST NAME'
    cells, or 'LAST' over 'FIRST' under one label; a state slogan, 'UNDER 21 UNTIL' / 'VETERAN' / 'DONOR' extras;
    numbers with their state's separators."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0, 0.35))
    state = US_STATES[rec.state]
    state = state.title() if r.random() < 0.35 else state
    title = r.choice(US_TITLES[rec.doc_type])
    banded = r.random() < 0.45
    if banded:
        doc.rect(0, 0, 85.6, 9.5, fill=hdr)
    hc = (255, 255, 255) if banded else hdr
    doc.text(3, 1.2, state, ctx.fonts["bold"], r.uniform(3.4, 4.2), fill=hc, max_w=50, role="bold")
    if r.random() < 0.5:
        doc.text(3, 5.8, r.choice(SLOGANS), ctx.fonts["serif"], 1.9, fill=hc, max_w=40)
        doc.text(83, 5.8, title, ctx.fonts["bold"], 2.0, fill=hc, anchor="ra", max_w=36, role="bold")
    else:
        doc.text(83, 2.0, title, ctx.fonts["bold"], 2.2, fill=hc, anchor="ra", max_w=36, role="bold")
        doc.text(83, 5.6, "USA", ctx.fonts["bold"], 1.9, fill=hc, anchor="ra", role="bold")
    photo_left = r.random() < 0.6
    px = 3 if photo_left else 61
    img = portrait(doc, ctx, rec, px, 11.5, 21.5, 27, colour=r.random() < 0.8)
    signature(doc, r, px - 0.5, 41, 23, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    if e.get("real_id"):
        _real_id(doc, ctx, 56 if photo_left else 29, 14, 2.0)
    lab = r.choice([(190, 30, 30), shade(ctx.accent, 0.3), (60, 60, 60), (30, 60, 150)])
    borders = r.random() < 0.4
    numbered = r.random() < 0.35
    ls, vs = r.uniform(1.3, 1.7), r.uniform(2.2, 2.6)
    x0 = 27 if photo_left else 3
    width = 56
    cell_h = ls + vs + 1.6

    def cell(x, y, w, num, label, lines, vsz=None, vcol=(15, 15, 15)):
        """A cell at top-left (x, y): the label, then one value line per entry."""
        vsz = vsz or vs
        if borders:
            doc.rect(x - 0.5, y - 0.4, x + w - 0.8, y + ls + 0.5 + len(lines) * (vsz + 0.4) + 0.5,
                     outline=tint(lab, 0.4), width_mm=0.15)
        lx = x
        if numbered and num:
            nb = doc.text(x, y, num, ctx.fonts["bold"], ls, fill=lab, role="bold")
            lx = nb[2] + 0.6
        doc.text(lx, y, label, ctx.fonts["label"], ls, fill=lab, max_w=w - 1)
        yy = y + ls + 0.5
        for s in lines:
            doc.text(x, yy, s, ctx.fonts["value"], vsz, fill=vcol, max_w=w - 1.2, role="bold")
            yy += vsz + 0.4
        return yy + 0.9

    y = 11.5
    number = rec.license_no or rec.doc_no
    if rec.doc_type == "drivers_license":
        nl = r.choice(["DL NUMBER", "LICENSE NO.", "LICENSE NUMBER", "DL NO", "DRIVER LICENSE NO.", "CUSTOMER NO.", "DL #"])
    else:
        nl = r.choice(["ID NUMBER", "ID NO.", "IDENTIFICATION NO.", "CUSTOMER NO.", "ID #"])
    red = r.random() < 0.4
    if r.random() < 0.5:
        y = cell(x0, y, width * 0.6, "4d", nl, [number], vs * 1.1, vcol=(150, 20, 20) if red else (15, 15, 15))
    else:
        cell(x0, y, width * 0.6, "4d", nl, [number], vs * 1.1, vcol=(150, 20, 20) if red else (15, 15, 15))
        y = cell(x0 + width * 0.6, y, width * 0.4, "4b", r.choice(["EXPIRES", "EXPIRATION DATE", "EXP DATE"]),
                 [_dates(ctx, rec.expiry)], vcol=(150, 20, 20) if red else (15, 15, 15))
        e["_exp_done"] = True
    last, first = name_text(rec, rec.last), name_text(rec, rec.first)
    style = r.choice(["comma", "cells", "stack"])
    if style == "comma":
        y = cell(x0, y, width, "1", "NAME", [last + "," + r.choice(["", " "]) + first])
    elif style == "cells":
        cell(x0, y, width / 2, "1", r.choice(["LAST NAME", "FAMILY NAME", "SURNAME"]), [last])
        y = cell(x0 + width / 2, y, width / 2, "2", r.choice(["FIRST NAME", "GIVEN NAMES", "FIRST MIDDLE"]), [first])
    else:
        y = cell(x0, y, width, "1", "NAME", [last, first])
    if r.random() < 0.7:
        y = cell(x0, y, width, "8", "ADDRESS", [e["street"], e["city_line"]], vs * 0.8)
    rows = [("3", r.choice(["DATE OF BIRTH", "BIRTH DATE", "DOB"]), _dates(ctx, rec.birth)),
            ("4a", r.choice(["ISSUED", "ISSUE DATE", "ISS DATE"]), _dates(ctx, rec.issue)),
            ("15", "SEX", rec.sex), ("16", r.choice(["HGT", "HEIGHT", "HT"]), e["hgt"]),
            ("18", "EYES", e["eyes"])]
    if not e.pop("_exp_done", False):
        rows.insert(1, ("4b", r.choice(["EXPIRES", "EXPIRATION DATE", "EXP DATE"]), _dates(ctx, rec.expiry)))
    if rec.doc_type == "drivers_license":
        rows.append(("9", "CLASS", e["class"]))
    head, tail = rows[:3], rows[3:]
    r.shuffle(head)
    r.shuffle(tail)
    rows = head + tail
    cols = 3 if r.random() < 0.5 else 2
    cw = width / cols
    i = 0
    while i < len(rows) and y + cell_h < 53:
        for c in range(cols):
            if i >= len(rows):
                break
            num, label, value = rows[i]
            cell(x0 + c * cw, y, cw, num, label, [value], vs * 0.92)
            ctx.printed |= {"15": {"gender"}, "4a": {"issue_date"}}.get(num, set())
            i += 1
        y += cell_h
    age_line = None
    years = (rec.issue - rec.birth).days / 365.25
    if years < 21 and r.random() < 0.7:
        limit = 18 if years < 18 else 21
        until = dt.date(rec.birth.year + limit, rec.birth.month, min(rec.birth.day, 28))
        age_line = f"UNDER {limit} UNTIL {_dates(ctx, until)}"
    elif r.random() < 0.15:
        age_line = r.choice(["VETERAN", "DONOR", "ORGAN DONOR"])
    if age_line:
        doc.text(px + 10.75, 48.5, age_line, ctx.fonts["bold"], 1.7, fill=(170, 20, 20), anchor="mm", max_w=24,
                 role="bold")
    if y + 2.5 < 53.5:
        doc.text(x0, 53, "DD " + e["dd"], ctx.fonts["sans"], 1.4, fill=(40, 40, 40), anchor="ls", max_w=width)
    if r.random() < 0.5:
        col, mask = ghost(img, doc.px(8), doc.px(10.5), tint_col=shade(ctx.accent, 0.3), strength=0.3)
        doc.paste(col, 75 if photo_left else 49, 41, mask)
    return doc, None


def aamva_portrait(rec: Rec, ctx: Ctx):
    """Portrait AAMVA card assembled at random (a later tuning round; under-21 cards are printed upright): the header
    over the whole width, the photo at the top left or centred, the fields below it in one or two columns, each
    numbered, labelled left or labelled above; the name as numbered lines, LN/FN or one 'LAST, FIRST' line; an age
    notice ('UNDER 21 UNTIL', 'AGE 21 ON') in red, across or up the edge."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx, w=54, h=85.6)
    hdr = shade(ctx.accent, r.uniform(0, 0.35))
    banded = r.random() < 0.5
    if banded:
        doc.rect(0, 0, 54, 11, fill=hdr)
    hc = (255, 255, 255) if banded else hdr
    state = US_STATES[rec.state]
    state = state.title() if r.random() < 0.3 else state
    doc.text(27, 1.5, state, ctx.fonts["bold"], r.uniform(3.2, 3.8), fill=hc, anchor="ma", max_w=50, role="bold")
    doc.text(27, 6.5, r.choice(US_TITLES[rec.doc_type]), ctx.fonts["bold"], 2.0, fill=hc, anchor="ma", max_w=50,
             role="bold")
    centred = r.random() < 0.4
    px = 14 if centred else 3
    img = portrait(doc, ctx, rec, px, 13, 22, 27.5, colour=r.random() < 0.8)
    if not centred:
        signature(doc, r, 26.5, 33, 25, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
        if e.get("real_id"):
            _real_id(doc, ctx, 48, 16, 2.2)
        col, mask = ghost(img, doc.px(9), doc.px(11.5), tint_col=shade(ctx.accent, 0.3), strength=0.3)
        doc.paste(col, 33, 18, mask)
    lab = r.choice([(190, 30, 30), shade(ctx.accent, 0.3), (40, 40, 40), (30, 60, 150)])
    style = r.choice(["numbered", "labels", "above"])
    vs, ls = r.uniform(2.2, 2.6), r.uniform(1.4, 1.7)
    x0, width = 3, 48
    red = (170, 20, 20)
    y = 47.5

    def field(x, y, num, label, value, w, vsz=None, vcol=(15, 15, 15)):
        vsz = vsz or vs
        if style == "above" and label:
            doc.text(x, y - vsz - 0.3, label, ctx.fonts["label"], ls, fill=lab, anchor="ls")
            doc.text(x, y, value, ctx.fonts["value"], vsz, fill=vcol, anchor="ls", max_w=w, role="bold")
        elif style == "numbered":
            f_num(doc, ctx, x, y, num, value, vsz, ncol=lab, vcol=vcol, label=label, lsize=ls, w=w)
        elif label:
            lw = doc.text_width(label, ctx.fonts["label"], ls) + 1.2
            f_left(doc, ctx, x, y, label, value, lw, ls, vsz, w=w, lcol=lab, vcol=vcol)
        else:
            doc.text(x, y, value, ctx.fonts["value"], vsz, fill=vcol, anchor="ls", max_w=w, role="bold")

    step = vs + (ls + 1.3 if style == "above" else 1.6)
    if style == "above":
        y += ls + 0.3
    number = rec.license_no or rec.doc_no
    nl = r.choice(["DL", "DLN", "LIC NO", "NO"]) if rec.doc_type == "drivers_license" else r.choice(["ID", "ID NO", "IDN"])
    field(x0, y, "4d", nl, number, width, vs * 1.1, vcol=red if r.random() < 0.4 else (15, 15, 15))
    y += step
    name_style = r.choice(["lines", "comma", "lnfn"])
    last, first = name_text(rec, rec.last), name_text(rec, rec.first)
    if name_style == "comma":
        field(x0, y, "1", "", last + "," + r.choice(["", " "]) + first, width)
        y += step
    elif name_style == "lnfn":
        field(x0, y, "1", "LN", last, width)
        field(x0, y + step, "2", "FN", first, width)
        y += 2 * step
    else:
        field(x0, y, "1", "", last, width)
        field(x0, y + step * 0.85, "2", "", first, width)
        y += 1.85 * step
    if r.random() < 0.7:
        field(x0, y, "8", "", e["street"], width, vs * 0.8)
        doc.text(x0 + (3 if style == "numbered" else 0), y + vs * 0.8 + 0.9, e["city_line"], ctx.fonts["value"],
                 vs * 0.8, anchor="ls", max_w=width - 3, role="bold")
        y += vs * 1.6 + 2.2
    rows = [("3", "DOB", _dates(ctx, rec.birth)), ("4b", r.choice(["EXP", "EXPIRES"]), _dates(ctx, rec.expiry)),
            ("4a", r.choice(["ISS", "ISSUED"]), _dates(ctx, rec.issue)), ("15", "SEX", rec.sex),
            ("16", "HGT", e["hgt"]), ("18", "EYES", e["eyes"])]
    head, tail = rows[:3], rows[3:]
    r.shuffle(head)
    r.shuffle(tail)
    rows = head + tail
    cols = 2 if r.random() < 0.6 else 1
    if y + len(rows) * step > 81:  # one column would push the dates off the card
        cols = 2
    cw = width / cols
    i = 0
    while i < len(rows) and (y < 81 or i < len(head)):
        for c in range(cols):
            if i >= len(rows):
                break
            num, label, value = rows[i]
            field(x0 + c * cw, y, num, label, value, cw - 1, vs * 0.92)
            ctx.printed |= {"15": {"gender"}, "4a": {"issue_date"}}.get(num, set())
            i += 1
        y += step
    years = (rec.issue - rec.birth).days / 365.25
    limit = 18 if years < 18 else 21
    until = dt.date(rec.birth.year + limit, rec.birth.month, min(rec.birth.day, 28))
    notice = r.choice([f"UNDER {limit} UNTIL {_dates(ctx, until)}", f"AGE {limit} ON {_dates(ctx, until)}"])
    if r.random() < 0.5:
        doc.rect(0, 41, 54, 43.2, fill=red)
        doc.text(27, 42.1, notice, ctx.fonts["bold"], 1.7, fill=(255, 255, 255), anchor="mm", max_w=50, role="bold")
    else:
        doc.rotated_text(51.5, 60, notice, ctx.fonts["bold"], 1.8, angle=90, fill=red, role="bold")
    if y < 84:
        doc.text(x0, 84.2, "DD " + e["dd"], ctx.fonts["sans"], 1.3, fill=(40, 40, 40), anchor="ls", max_w=width)
    return doc, None


def aamva_topname(rec: Rec, ctx: Ctx):
    """HELD OUT (written with aamva_portrait, never tuned on). Landscape AAMVA card whose name is printed large across
    the top under the header, surname over given names with no label or number; the dates on one line as label-value
    pairs ('DOB 01/02/1990   ISS 01/02/2020   EXP 01/02/2028'); the number at the bottom right after 'DL' or 'ID';
    photo right; physical descriptors in a row."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0, 0.3))
    doc.rect(0, 0, 85.6, 7, fill=hdr)
    doc.text(3, 3.5, US_STATES[rec.state], ctx.fonts["bold"], 3.6, fill=(255, 255, 255), anchor="lm", max_w=45,
             role="bold")
    doc.text(83, 3.5, r.choice(US_TITLES[rec.doc_type]), ctx.fonts["bold"], 2.0, fill=(255, 255, 255), anchor="rm",
             max_w=34, role="bold")
    img = portrait(doc, ctx, rec, 61, 15, 21.5, 27, colour=r.random() < 0.8)
    last, first = name_text(rec, rec.last), name_text(rec, rec.first)
    doc.text(3, 9, last, ctx.fonts["bold"], r.uniform(3.6, 4.2), fill=(15, 15, 15), max_w=56, role="bold")
    doc.text(3, 14, first, ctx.fonts["bold"], r.uniform(2.8, 3.2), fill=(15, 15, 15), max_w=56, role="bold")
    lab = r.choice([(160, 30, 30), shade(ctx.accent, 0.3), (60, 60, 60)])
    vs, ls = r.uniform(2.1, 2.4), r.uniform(1.5, 1.8)
    y = 22.5
    doc.text(3, y, e["street"], ctx.fonts["value"], vs * 0.9, anchor="ls", max_w=55, role="bold")
    doc.text(3, y + vs + 0.6, e["city_line"], ctx.fonts["value"], vs * 0.9, anchor="ls", max_w=55, role="bold")
    y += 2 * vs + 4
    x = 3
    pairs = [("DOB", _dates(ctx, rec.birth)), ("ISS", _dates(ctx, rec.issue)), ("EXP", _dates(ctx, rec.expiry))]
    for label, value in pairs:
        lw = doc.text_width(label, ctx.fonts["label"], ls) + 0.8
        f_left(doc, ctx, x, y, label, value, lw, ls, vs, lcol=lab)
        x += lw + doc.text_width(value, ctx.fonts["value"], vs) + 2.2
    ctx.printed.add("issue_date")
    y += vs + 3
    x = 3
    for label, value in [("SEX", rec.sex), ("HGT", e["hgt"]), ("EYES", e["eyes"])] + (
            [("CLASS", e["class"])] if rec.doc_type == "drivers_license" else []):
        lw = doc.text_width(label, ctx.fonts["label"], ls) + 0.8
        f_left(doc, ctx, x, y, label, value, lw, ls, vs * 0.9, lcol=lab)
        x += lw + doc.text_width(value, ctx.fonts["value"], vs * 0.9) + 2.5
    ctx.printed.add("gender")
    signature(doc, r, 3, 41, 26, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    label = "DL" if rec.doc_type == "drivers_license" else "ID"
    lw = doc.text_width(label, ctx.fonts["label"], ls * 1.2) + 1.0
    f_left(doc, ctx, 48, 50.5, label, rec.license_no or rec.doc_no, lw, ls * 1.2, vs * 1.15, lcol=lab,
           vcol=(150, 20, 20))
    doc.text(3, 52.5, "DD " + e["dd"], ctx.fonts["sans"], 1.2, fill=(60, 60, 60), anchor="ls", max_w=40)
    return doc, None


def aamva_reddob(rec: Rec, ctx: Ctx):
    """HELD OUT (written 2026-11-27 before any change of that day, never tuned on). Landscape AAMVA card with the
    number at the top beside the photo in large red type, the birth date large and red under it, the names numbered
    in the middle column, and a narrow column at the right edge where issue, expiry, sex, height and eyes stand as
    small labels above their values, so the surname's row also holds the issue date; the document discriminator
    printed up the right edge."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    hdr = shade(ctx.accent, r.uniform(0.1, 0.4))
    doc.rect(0, 0, 85.6, 8, fill=hdr)
    doc.text(2.5, 4, "USA", ctx.fonts["bold"], 2.0, fill=(255, 255, 255), anchor="lm", role="bold")
    doc.text(44, 3.2, US_STATES[rec.state], ctx.fonts[r.choice(["serif_bold", "bold"])], 3.6, fill=(255, 255, 255),
             anchor="mm", max_w=50, role="bold")
    doc.text(44, 6.6, r.choice(US_TITLES[rec.doc_type]), ctx.fonts["sans"], 1.5, fill=(255, 255, 255), anchor="mm",
             max_w=40)
    portrait(doc, ctx, rec, 2.5, 10.5, 22, 28, colour=r.random() < 0.85)
    signature(doc, r, 2.5, 40, 24, 6, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    if e.get("real_id"):
        _real_id(doc, ctx, 80.5, 4, 2.3)
    red, lab = (185, 25, 25), r.choice([(150, 30, 30), shade(ctx.accent, 0.35), (70, 70, 70)])
    numbered = r.random() < 0.7
    vs, ls = r.uniform(2.2, 2.6), r.uniform(1.4, 1.7)
    x = 27
    dl = rec.doc_type == "drivers_license"
    nlab = r.choice(["DLN", "LIC NO", "NUMBER", "DL NO"] if dl else ["IDN", "ID NO", "NUMBER", "ID#"])
    f_num(doc, ctx, x, 13.5, "4d" if numbered else "", rec.license_no or rec.doc_no, vs * 1.35, ncol=lab,
          vcol=red, label=nlab, lsize=ls, w=40)
    f_num(doc, ctx, x, 18.5, "3" if numbered else "", _dates(ctx, rec.birth), vs * 1.25, ncol=lab, vcol=red,
          label="DOB", lsize=ls, w=40)
    y = 23.5
    last, first = name_text(rec, rec.last), name_text(rec, rec.first)
    if numbered:
        f_num(doc, ctx, x, y, "1", last, vs, ncol=lab, w=40)
        f_num(doc, ctx, x, y + vs + 1.3, "2", first, vs, ncol=lab, w=40)
    else:
        doc.text(x, y, last, ctx.fonts["value"], vs, anchor="ls", max_w=40, role="bold")
        doc.text(x, y + vs + 1.3, first, ctx.fonts["value"], vs, anchor="ls", max_w=40, role="bold")
    y += 2 * vs + 4.2
    a = vs * 0.8
    f_num(doc, ctx, x, y, "8" if numbered else "", e["street"], a, ncol=lab, w=40)
    doc.text(x + (2.2 if numbered else 0), y + a + 0.8, e["city_line"], ctx.fonts["value"], a, anchor="ls", max_w=38,
             role="bold")
    y += 2 * a + 3.4
    if dl:
        f_num(doc, ctx, x, y, "9" if numbered else "", e["class"], a, ncol=lab, label="CLASS", lsize=ls)
        f_num(doc, ctx, x + 14, y, "12" if numbered else "", e["restr"], a, ncol=lab, label="RESTR", lsize=ls, w=24)
        y += a + 2.4
    doc.text(x, y, "DONOR" if r.random() < 0.3 else "", ctx.fonts["bold"], 1.6, fill=red, anchor="ls", role="bold")
    cx, cy = 69, 10.5
    col = [("4a ISS" if numbered else "ISS", _dates(ctx, rec.issue)), ("4b EXP" if numbered else "EXP",
                                                                       _dates(ctx, rec.expiry)),
           ("15 SEX" if numbered else "SEX", rec.sex), ("16 HGT" if numbered else "HGT", e["hgt"]),
           ("18 EYES" if numbered else "EYES", e["eyes"])]
    for label, value in col:
        cy = f_above(doc, ctx, cx, cy, label, value, ls, vs * 0.95, w=13, lcol=lab, vcol=red if "EXP" in label
                     else (15, 15, 15), gap=0.2) + 1.3
    ctx.printed |= {"gender", "issue_date"}
    doc.rotated_text(83.2, 14, ("5 DD " if numbered else "DD ") + e["dd"], ctx.fonts["sans"], 1.2, angle=90,
                     fill=(70, 70, 70))
    return doc, None


def aamva_table(rec: Rec, ctx: Ctx):
    """HELD OUT (written 2026-11-27 before any change of that day, never tuned on). Landscape US card read as a
    two-column table: spelled-out labels in title or upper case ('License No.', 'Name', 'Birth Date', 'Issued',
    'Expires'), at times with a colon, in a fixed label column on the left and the values aligned in a second column;
    the name as the surname beside 'Name' with the given names on the row under it and no label of their own; the
    descriptors in one labelled row; photo right with a ghost image under it; no field numbers."""
    r = ctx.r
    e = rec.extra
    doc = _us_card(ctx)
    acc = shade(ctx.accent, r.uniform(0.1, 0.4))
    state = US_STATES[rec.state]
    doc.text(3, 1.6, state.title() if r.random() < 0.5 else state, ctx.fonts[r.choice(["serif_bold", "bold"])],
             r.uniform(3.8, 4.6), fill=acc, max_w=50, role="bold")
    doc.text(83, 2.4, r.choice(US_TITLES[rec.doc_type]), ctx.fonts["bold"], 1.9, fill=acc, anchor="ra", max_w=30,
             role="bold")
    doc.line(3, 8.6, 82.6, 8.6, fill=acc, width_mm=0.35)
    portrait(doc, ctx, rec, 61, 11, 21.5, 27.5, colour=r.random() < 0.8, with_ghost=(73, 40, 9.5, 12))
    title = r.random() < 0.6
    colon = r.random() < 0.4

    def lab(s):
        s = s.title() if title else s.upper()
        return s + ":" if colon else s

    lcol = r.choice([(90, 90, 90), acc, (140, 30, 30)])
    vs, ls = r.uniform(2.3, 2.6), r.uniform(1.5, 1.8)
    lw = r.uniform(15.5, 18)
    x, y, step = 3, 13.5, vs + 1.5
    dl = rec.doc_type == "drivers_license"
    rows = [(r.choice(["License No.", "License Number", "DL No."]) if dl else r.choice(["ID No.", "ID Number", "Card No."]),
             rec.license_no or rec.doc_no, (170, 20, 20))]
    if dl:
        rows.append(("Class", e["class"] + (f"   {lab('Restr')} {e['restr']}" if r.random() < 0.5 else ""), None))
    rows += [("Name", name_text(rec, rec.last), None), ("", name_text(rec, rec.first), None),
             ("Address", e["street"], None), ("", e["city_line"], None),
             (r.choice(["Birth Date", "Date of Birth", "Born"]), _dates(ctx, rec.birth), None),
             (r.choice(["Issued", "Issue Date"]), _dates(ctx, rec.issue), None),
             (r.choice(["Expires", "Expiration"]), _dates(ctx, rec.expiry), (170, 20, 20) if r.random() < 0.5 else None)]
    if r.random() < 0.5:
        i = next(k for k, row in enumerate(rows) if row[0] == "Name")
        dates = rows[-3:]
        rows = rows[:i] + dates + rows[i:-3]
    for label, value, vcol in rows:
        small = label in ("Address", "") and "," in value or label == "Address"
        f_left(doc, ctx, x, y, lab(label) if label else "", value, lw, ls, vs * (0.85 if small else 1.0), w=57,
               lcol=lcol, vcol=vcol or (15, 15, 15))
        y += step * (0.9 if small else 1.0)
    y += 0.6
    xx = x
    for label, value in [("Sex", rec.sex), ("Height", e["hgt"]), ("Eyes", e["eyes"])]:
        w = doc.text_width(lab(label), ctx.fonts["label"], ls) + 1.2
        f_left(doc, ctx, xx, y, lab(label), value, w, ls, vs * 0.9, lcol=lcol)
        xx += w + doc.text_width(value, ctx.fonts["value"], vs * 0.9) + 2.8
    ctx.printed |= {"gender", "issue_date"}
    signature(doc, r, 57, 40.5, 15, 5.5, f"{rec.first.split()[0]} {rec.last}", ctx.fonts["hand"], colour=(15, 15, 15))
    doc.text(3, 52.2, "DD " + e["dd"], ctx.fonts["sans"], 1.2, fill=(70, 70, 70), anchor="ls", max_w=26)
    return doc, None


def eu_dl_twocol(rec: Rec, ctx: Ctx):
    """HELD OUT (written 2026-11-27 before the EU round of that day, never tuned on). EU licence in two columns
    beside a small photo: 1., 2., 3. in the first (the birth place on its own unnumbered line under the date), 4a.,
    4b., 4c., 4d. stacked in the second, so each name shares its row with a date; 5. across the bottom in large
    type; the flag at the top right and the title in the national language and English."""
    r = ctx.r
    doc = _eu_card(ctx)
    eu_flag(doc, 74, 2.2, 9, 7.5, rec.state, ctx.fonts["bold"])
    title = _dl_title(rec)
    doc.text(3, 2.0, title, ctx.fonts["bold"], r.uniform(2.5, 3.0), fill=(40, 30, 70), max_w=68, role="bold")
    if title != L["en"]["dl"]:
        doc.text(3, 6.2, L["en"]["dl"], ctx.fonts["sans"], 1.6, fill=(70, 60, 100), max_w=60)
    img = portrait(doc, ctx, rec, 3, 11, 18, 23, colour=r.random() < 0.5)
    ncol = r.choice([(40, 40, 40), (90, 30, 60), (30, 30, 110)])
    suffix = r.choice([".", ".", ""])
    ns, vs = r.uniform(1.7, 2.2), r.uniform(2.2, 2.6)
    d = lambda v: fmt_date(v, ctx.date_style, ctx.langs)  # noqa: E731
    e = rec.extra
    x1, x2, step = 23.5, 55, r.uniform(4.0, 4.4)
    y = 14
    f_num(doc, ctx, x1, y, "1" + suffix, name_text(rec, rec.last), vs, ncol=ncol, nsize=ns, w=30)
    f_num(doc, ctx, x1, y + step, "2" + suffix, name_text(rec, rec.first), vs, ncol=ncol, nsize=ns, w=30)
    f_num(doc, ctx, x1, y + 2 * step, "3" + suffix, d(rec.birth), vs, ncol=ncol, nsize=ns, w=30)
    if rec.pob:
        doc.text(x1 + 3.2, y + 3 * step - 0.6, rec.pob, ctx.fonts["value"], vs * 0.85, anchor="ls", max_w=27,
                 role="bold")
    right = [("4a", d(rec.issue)), ("4b", d(rec.expiry)), ("4c", rec.authority)]
    if rec.personal_no:
        right.append(("4d", rec.personal_no))
        ctx.printed.add("identity_number")
    for k, (num, val) in enumerate(right):
        f_num(doc, ctx, x2, y + k * step, num + suffix, val, vs * (0.8 if num == "4c" else 0.95), ncol=ncol,
              nsize=ns, w=28)
    f_num(doc, ctx, x1, 36.5, "5" + suffix, rec.license_no, vs * 1.3, ncol=ncol, nsize=ns, w=60)
    doc.text(x1, 42.5, "7" + suffix, ctx.fonts["bold"], ns, fill=ncol, anchor="ls", role="bold")
    signature(doc, r, x1 + 3.5, 38.5, 28, 5.5, rec.last, ctx.fonts["hand"], colour=(20, 20, 70))
    f_num(doc, ctx, 3, 50.5, "9" + suffix, e["categories"], vs * 0.9, ncol=ncol, nsize=ns, w=60)
    if r.random() < 0.5:
        col, mask = ghost(img, doc.px(9), doc.px(11.5), tint_col=(120, 80, 100), strength=0.3)
        doc.paste(col, 73, 38, mask)
    ctx.printed |= {"issue_date"}
    return doc, None
