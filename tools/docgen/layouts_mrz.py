"""Layouts of MRZ documents: passports (TD3), TD2 and TD1 cards, visas (MRV-A / MRV-B).

Each layout: fn(rec, ctx) -> (front Doc, back Doc or None). It adds to ctx.printed the truth fields it prints
(`gender`, `nationality`, `issue_date`, `identity_number`); names, birth and expiry dates and the document number
are printed by every layout.
"""

from __future__ import annotations

from common import Ctx, Rec, f_above, f_left, fmt_date, name_text, portrait, sex_text
from data import COUNTRIES, L
from render import (Doc, barcode_1d, emblem, gradient_bg, guilloche, hologram_patch, microtext_band, mrz, pastel,
                    shade, signature, tint)
from PIL import Image, ImageDraw


def _country(rec: Rec):
    return COUNTRIES[rec.issuer]


def _hdr_titles(ctx: Ctx, key: str) -> str:
    return ctx.sep.join(dict.fromkeys(L.get(l, L["en"])[key] for l in ctx.langs))


def _nat_text(rec: Rec, ctx: Ctx) -> str:
    if rec.nationality == rec.issuer:
        nat = COUNTRIES[rec.issuer][3]
        return nat if ctx.r.random() < 0.7 else f"{nat}" if rec.issuer == "UTO" else nat
    eng = COUNTRIES.get(rec.nationality, (rec.nationality,))[0]
    return ctx.r.choice([rec.nationality, eng if len(eng) < 26 else rec.nationality])


def _td3_mrz(doc: Doc, ctx: Ctx, rec: Rec, y0=None):
    y0 = y0 or doc.h_mm - 16.5
    doc.rect(0, y0 - 2, doc.w_mm, doc.h_mm, fill=tint(pastel(ctx.r, 225, 250), 0.3) if ctx.r.random() < 0.5 else None)
    pitch = ctx.r.uniform(2.45, 2.58)
    x = (doc.w_mm - 44 * pitch) / 2
    mrz(doc, rec.mrz, x, y0 + 4.5, pitch, ctx.r.uniform(3.4, 3.9), ctx.r.uniform(5.2, 6.0), ctx.fonts["mono"])


def _card_mrz(doc: Doc, ctx: Ctx, rec: Rec, n: int, y0: float):
    pitch = ctx.r.uniform(2.42, 2.56)
    x = (doc.w_mm - n * pitch) / 2
    mrz(doc, rec.mrz if n != 30 else rec.mrz, x, y0, pitch, ctx.r.uniform(3.2, 3.7), ctx.r.uniform(4.4, 5.0),
        ctx.fonts["mono"])


def _page(ctx: Ctx, w=125, h=88, ppm=12):
    base = pastel(ctx.r, 215, 248)
    doc = Doc(w, h, ppm, bg=base, radius_mm=1.0)
    if ctx.r.random() < 0.6:
        gradient_bg(doc, base, pastel(ctx.r, 215, 248), vertical=ctx.r.random() < 0.5)
    guilloche(doc, ctx.r, tint(ctx.accent, 0.45), strength=ctx.r.uniform(0.35, 0.6))
    if ctx.r.random() < 0.7:
        emblem(doc, ctx.r, ctx.r.uniform(50, 90), ctx.r.uniform(30, 50), ctx.r.uniform(15, 25), ctx.accent, 0.15)
    return doc


# ---------------------------------------------------------------------------------------------------------------
# Passports
# ---------------------------------------------------------------------------------------------------------------
def pp_classic(rec: Rec, ctx: Ctx):
    """Photo left, bilingual labels above values in two columns, header line, MRZ at the bottom."""
    r = ctx.r
    doc = _page(ctx)
    en, native = _country(rec)[0], _country(rec)[1]
    doc.text(6, 4.5, native, ctx.fonts["bold"], 3.0, fill=ctx.accent, max_w=75, role="bold")
    doc.text(doc.w_mm - 5, 4.5, _hdr_titles(ctx, "passport"), ctx.fonts["bold"], 3.0, fill=ctx.accent, anchor="ra",
             max_w=45, role="bold")
    if native != en and r.random() < 0.6:
        doc.text(6, 8.5, en, ctx.fonts["sans"], 2.0, fill=ctx.accent, max_w=75)
    px, py, pw, ph = 5, 15, 32, 41
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.7,
             with_ghost=(doc.w_mm - 26, 40, 18, 23) if r.random() < 0.5 else None)
    if r.random() < 0.8:
        signature(doc, r, px, py + ph + 1, pw, 6, f"{rec.first.split()[0][0]}. {rec.last}", ctx.fonts["hand"])
    x1, x2, x3 = 41, 72, 96
    ls, vs = r.uniform(1.6, 1.9), r.uniform(2.9, 3.4)
    y = 13
    f_above(doc, ctx, x1, y, ctx.lab("type"), "P", ls, vs, w=25)
    f_above(doc, ctx, x2, y, ctx.lab("code"), rec.issuer, ls, vs, w=22)
    f_above(doc, ctx, x3, y, ctx.lab("passno"), rec.doc_no, ls, vs, w=27, vcol=(150, 20, 20) if r.random() < .3 else (15, 15, 15))
    y = f_above(doc, ctx, x1, y + 7.5, ctx.lab("sur"), name_text(rec, rec.last), ls, vs, w=80) + 1.2
    y = f_above(doc, ctx, x1, y, ctx.lab("given"), name_text(rec, rec.first), ls, vs, w=80) + 1.2
    y = f_above(doc, ctx, x1, y, ctx.lab("nat"), _nat_text(rec, ctx), ls, vs, w=80) + 1.2
    f_above(doc, ctx, x1, y, ctx.lab("dob"), fmt_date(rec.birth, ctx.date_style, ctx.langs), ls, vs, w=30)
    f_above(doc, ctx, x2 + 8, y, ctx.lab("sex"), sex_text(ctx, rec.sex), ls, vs, w=14)
    y = f_above(doc, ctx, x3, y, ctx.lab("pob"), rec.pob, ls, vs, w=27) + 1.2
    f_above(doc, ctx, x1, y, ctx.lab("doi"), fmt_date(rec.issue, ctx.date_style, ctx.langs), ls, vs, w=30)
    y = f_above(doc, ctx, x2 + 8, y, ctx.lab("auth"), rec.authority, ls, vs * 0.85, w=45) + 1.2
    f_above(doc, ctx, x1, y, ctx.lab("doe"), fmt_date(rec.expiry, ctx.date_style, ctx.langs), ls, vs, w=30)
    if rec.personal_no:
        f_above(doc, ctx, x2 + 8, y, ctx.lab("pno"), rec.personal_no, ls, vs, w=45)
        ctx.printed.add("identity_number")
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _td3_mrz(doc, ctx, rec)
    return doc, None


def pp_numbered(rec: Rec, ctx: Ctx):
    """Coloured header band, numbered bilingual labels ('1. Surname/Nom'), single column, ghost image."""
    r = ctx.r
    doc = _page(ctx)
    band = shade(ctx.accent, r.uniform(0, 0.3))
    doc.rect(0, 0, doc.w_mm, 10, fill=band)
    doc.text(4, 5, _country(rec)[1], ctx.fonts["bold"], 3.2, fill=(255, 255, 255), anchor="lm", max_w=70, role="bold")
    doc.text(doc.w_mm - 4, 5, _hdr_titles(ctx, "passport"), ctx.fonts["bold"], 3.0, fill=(255, 255, 255), anchor="rm",
             max_w=48, role="bold")
    px, py, pw, ph = 5, 17, 31, 40
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.6, border=band)
    ls, vs = r.uniform(1.5, 1.8), r.uniform(2.8, 3.3)
    x, xr = 41, 88
    nums = iter(range(1, 20))
    lbl = lambda key: f"{next(nums)}. {ctx.lab(key)}"  # noqa: E731
    y = 12.5
    doc.text(x, y, f"{ctx.lab('type')}: P   {ctx.lab('code')}: {rec.issuer}", ctx.fonts["label"], 1.9, fill=ctx.accent)
    doc.text(doc.w_mm - 5, y, rec.doc_no, ctx.fonts["value"], 3.6, fill=(160, 20, 30), anchor="ra", role="bold")
    y += 4.5
    y = f_above(doc, ctx, x, y, lbl("sur"), name_text(rec, rec.last), ls, vs, w=80) + 1.0
    y = f_above(doc, ctx, x, y, lbl("given"), name_text(rec, rec.first), ls, vs, w=80) + 1.0
    y0 = y
    y = f_above(doc, ctx, x, y, lbl("nat"), _nat_text(rec, ctx), ls, vs, w=45) + 1.0
    y = f_above(doc, ctx, x, y, lbl("dob"), fmt_date(rec.birth, ctx.date_style, ctx.langs), ls, vs, w=45) + 1.0
    y = f_above(doc, ctx, x, y, lbl("sex"), sex_text(ctx, rec.sex), ls, vs, w=45) + 1.0
    y = f_above(doc, ctx, x, y, lbl("pob"), rec.pob, ls, vs, w=45) + 1.0
    yy = y0
    yy = f_above(doc, ctx, xr, yy, lbl("doi"), fmt_date(rec.issue, ctx.date_style, ctx.langs), ls, vs, w=34) + 1.0
    yy = f_above(doc, ctx, xr, yy, lbl("doe"), fmt_date(rec.expiry, ctx.date_style, ctx.langs), ls, vs, w=34) + 1.0
    yy = f_above(doc, ctx, xr, yy, lbl("auth"), rec.authority, ls, vs * 0.8, w=34) + 1.0
    if rec.personal_no:
        f_above(doc, ctx, xr, yy, lbl("pno"), rec.personal_no, ls, vs, w=34)
        ctx.printed.add("identity_number")
    signature(doc, r, 6, py + ph + 1.5, 30, 6, rec.last, ctx.fonts["hand"])
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _td3_mrz(doc, ctx, rec)
    return doc, None


def pp_banner(rec: Rec, ctx: Ctx):
    """US-style: trilingual labels (en/fr/es or native/en/fr), passport number top right, 3-column grid."""
    r = ctx.r
    doc = _page(ctx)
    band = ctx.accent
    doc.rect(0, 0, doc.w_mm, 8, fill=tint(band, 0.75))
    doc.text(doc.w_mm / 2, 4, _hdr_titles(ctx, "passport") + "  " + _country(rec)[0], ctx.fonts["serif_bold"], 2.8,
             fill=shade(band, 0.2), anchor="mm", max_w=115, role="serif_bold")
    px, py, pw, ph = 6, 13, 33, 43
    portrait(doc, ctx, rec, px, py, pw, ph, colour=True)
    ls, vs = r.uniform(1.4, 1.65), r.uniform(2.9, 3.3)
    x1, x2 = 44, 86
    y = 11
    f_above(doc, ctx, x1, y, ctx.lab("type"), "P", ls, vs, w=16)
    f_above(doc, ctx, x1 + 17, y, ctx.lab("code"), rec.issuer, ls, vs, w=22)
    f_above(doc, ctx, x2, y, ctx.lab("passno"), rec.doc_no, ls, vs, w=36)
    y += 8
    y = f_above(doc, ctx, x1, y, ctx.lab("sur"), name_text(rec, rec.last), ls, vs, w=78) + 1.1
    y = f_above(doc, ctx, x1, y, ctx.lab("given"), name_text(rec, rec.first), ls, vs, w=78) + 1.1
    y = f_above(doc, ctx, x1, y, ctx.lab("nat"), _nat_text(rec, ctx), ls, vs, w=78) + 1.1
    f_above(doc, ctx, x1, y, ctx.lab("dob"), fmt_date(rec.birth, ctx.date_style, ctx.langs), ls, vs, w=40)
    y = f_above(doc, ctx, x2, y, ctx.lab("pob"), rec.pob, ls, vs, w=36) + 1.1
    f_above(doc, ctx, x1, y, ctx.lab("doi"), fmt_date(rec.issue, ctx.date_style, ctx.langs), ls, vs, w=40)
    y = f_above(doc, ctx, x2, y, ctx.lab("sex"), sex_text(ctx, rec.sex), ls, vs, w=36) + 1.1
    f_above(doc, ctx, x1, y, ctx.lab("doe"), fmt_date(rec.expiry, ctx.date_style, ctx.langs), ls, vs, w=40)
    f_above(doc, ctx, x2, y, ctx.lab("auth"), rec.authority, ls, vs * 0.8, w=36)
    if r.random() < 0.5:
        hologram_patch(doc, r, 70, 30, 30, 25, 0.12)
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _td3_mrz(doc, ctx, rec)
    return doc, None


def pp_grid(rec: Rec, ctx: Ctx):
    """Boxed grid cells (label top-left inside each box), photo left, left-aligned header."""
    r = ctx.r
    doc = _page(ctx)
    doc.text(5, 3.5, _hdr_titles(ctx, "passport"), ctx.fonts["bold"], 3.4, fill=ctx.accent, role="bold")
    doc.text(5, 8.3, _country(rec)[1], ctx.fonts["sans"], 2.2, fill=ctx.accent, max_w=110)
    px, py, pw, ph = 5, 14, 31, 40
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.5)
    line = tint(ctx.accent, 0.4)
    ls, vs = r.uniform(1.4, 1.6), r.uniform(2.7, 3.1)

    def cell(x, y, w, h, key, value, vscale=1.0):
        doc.rect(x, y, x + w, y + h, outline=line, width_mm=0.15)
        doc.text(x + 0.8, y + 0.6, ctx.lab(key), ctx.fonts["label"], ls, fill=ctx.accent, max_w=w - 1.5)
        doc.text(x + 0.8, y + h - 0.9, value, ctx.fonts["value"], vs * vscale, fill=(15, 15, 15), anchor="ls",
                 max_w=w - 1.5, role="bold")

    x0, y0, h = 39, 13, 7.6
    cell(x0, y0, 16, h, "type", "P")
    cell(x0 + 16, y0, 22, h, "code", rec.issuer)
    cell(x0 + 38, y0, 43, h, "passno", rec.doc_no)
    cell(x0, y0 + h, 81, h, "sur", name_text(rec, rec.last))
    cell(x0, y0 + 2 * h, 81, h, "given", name_text(rec, rec.first))
    cell(x0, y0 + 3 * h, 46, h, "nat", _nat_text(rec, ctx))
    cell(x0 + 46, y0 + 3 * h, 35, h, "sex", sex_text(ctx, rec.sex))
    cell(x0, y0 + 4 * h, 40, h, "dob", fmt_date(rec.birth, ctx.date_style, ctx.langs))
    cell(x0 + 40, y0 + 4 * h, 41, h, "pob", rec.pob)
    cell(x0, y0 + 5 * h, 40, h, "doi", fmt_date(rec.issue, ctx.date_style, ctx.langs))
    cell(x0 + 40, y0 + 5 * h, 41, h, "doe", fmt_date(rec.expiry, ctx.date_style, ctx.langs))
    if rec.personal_no:
        cell(5, 56, 31, h, "pno", rec.personal_no, 0.85)
        ctx.printed.add("identity_number")
    else:
        signature(doc, r, 6, 57, 30, 6, rec.last, ctx.fonts["hand"])
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _td3_mrz(doc, ctx, rec)
    return doc, None


def pp_vertical(rec: Rec, ctx: Ctx):
    """HELD OUT. Passport number rotated 90° along the photo, labels left of values with colons, personal
    number, ghost image bottom right, two-digit-year dates possible."""
    r = ctx.r
    doc = _page(ctx)
    doc.text(doc.w_mm / 2, 3.2, _country(rec)[1] + " · " + _hdr_titles(ctx, "passport"), ctx.fonts["serif_bold"], 2.8,
             fill=ctx.accent, anchor="ma", max_w=115, role="serif_bold")
    px, py, pw, ph = 13, 12, 30, 39
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.5)
    # vertical passport number beside the photo (reads bottom-to-top) -- and sometimes also horizontally
    sz = r.uniform(3.0, 3.8)
    tw, th = doc.rotated_text(4.5, py + 1, rec.doc_no, ctx.fonts["value"], sz, angle=90, fill=shade(ctx.accent, .2),
                              role="bold")
    horizontal = r.random() < 0.6
    ls, vs = r.uniform(1.6, 1.9), r.uniform(2.8, 3.2)
    x, lw, y, step = 47, r.uniform(25, 30), 13, r.uniform(5.0, 5.6)
    rows = [("type", "P  " + rec.issuer)]
    if horizontal:
        rows.append(("passno", rec.doc_no))
    rows += [("sur", name_text(rec, rec.last)), ("given", name_text(rec, rec.first)), ("nat", _nat_text(rec, ctx)),
             ("dob", fmt_date(rec.birth, ctx.date_style, ctx.langs)), ("sex", sex_text(ctx, rec.sex)),
             ("pob", rec.pob), ("doi", fmt_date(rec.issue, ctx.date_style, ctx.langs)),
             ("doe", fmt_date(rec.expiry, ctx.date_style, ctx.langs))]
    if rec.personal_no:
        rows.append(("pno", rec.personal_no))
        ctx.printed.add("identity_number")
    step = min(step, 56 / len(rows))
    for key, val in rows:
        f_left(doc, ctx, x, y + 2.5, ctx.lab(key, ctx.langs[:1]), val, lw, ls, vs, w=125 - x - 3, colon=True)
        y += step
    if r.random() < 0.7:
        img = Image.new("L", (10, 10))
        from render import face, ghost
        g = face(doc.px(16), doc.px(20), r, colour=False, female=rec.sex == "F")
        col, mask = ghost(g, doc.px(16), doc.px(20), tint_col=tint(ctx.accent, 0.1), strength=0.3)
        doc.paste(col, px + pw + 0.5 if False else doc.w_mm - 20, 48, mask)
        del img
    signature(doc, r, px, py + ph + 1, pw, 5, rec.last, ctx.fonts["hand"])
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _td3_mrz(doc, ctx, rec)
    return doc, None


def pp_photo_right(rec: Rec, ctx: Ctx):
    """HELD OUT. Photo on the right, perforated (dotted) vertical number at the right edge, fields left with
    label-over-value in a ruled table, issuing-state title in a left column."""
    r = ctx.r
    doc = _page(ctx)
    doc.rect(0, 0, 3.5, doc.h_mm - 18.5, fill=tint(ctx.accent, 0.3))
    doc.text(6, 3, _hdr_titles(ctx, "passport"), ctx.fonts["bold"], 3.0, fill=ctx.accent, role="bold")
    doc.text(6, 7.5, _country(rec)[0], ctx.fonts["sans"], 2.0, fill=ctx.accent, max_w=70)
    px, py, pw, ph = 82, 12, 31, 40
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.6)
    # perforated number: dots masked by the glyphs, vertical along the right edge
    f = doc.font(ctx.fonts["bold"], 4.2, rec.doc_no, "bold")
    l, t, rr, b = f.getbbox(rec.doc_no)
    tile = Image.new("L", (rr - l + 6, b - t + 6), 0)
    ImageDraw.Draw(tile).text((3 - l, 3 - t), rec.doc_no, font=f, fill=255)
    dots = Image.new("L", tile.size, 0)
    dd = ImageDraw.Draw(dots)
    step = max(3, doc.px(0.55))
    for yy in range(0, tile.size[1], step):
        for xx in range(0, tile.size[0], step):
            dd.ellipse([xx, yy, xx + step * 0.6, yy + step * 0.6], fill=255)
    from PIL import ImageChops
    tile = ImageChops.multiply(tile, dots).rotate(90, expand=True)
    doc.img.paste(Image.new("RGB", tile.size, (90, 80, 70)), (doc.px(116.5), doc.px(14)), tile)
    ls, vs = r.uniform(1.5, 1.75), r.uniform(2.8, 3.2)
    x, y = 7, 12
    line = tint(ctx.accent, 0.5)
    rows = [[("type", "P", 14), ("code", rec.issuer, 16), ("passno", rec.doc_no, 40)],
            [("sur", name_text(rec, rec.last), 72)], [("given", name_text(rec, rec.first), 72)],
            [("nat", _nat_text(rec, ctx), 44), ("sex", sex_text(ctx, rec.sex), 26)],
            [("dob", fmt_date(rec.birth, ctx.date_style, ctx.langs), 34), ("pob", rec.pob, 36)],
            [("doi", fmt_date(rec.issue, ctx.date_style, ctx.langs), 34), ("doe", fmt_date(rec.expiry, ctx.date_style, ctx.langs), 36)]]
    if rec.personal_no:
        rows.append([("pno", rec.personal_no, 34), ("auth", rec.authority, 36)])
        ctx.printed.add("identity_number")
    else:
        rows.append([("auth", rec.authority, 70)])
    rh = min(8.2, 56 / len(rows))
    for row in rows:
        xx = x
        for key, val, w in row:
            f_above(doc, ctx, xx, y, ctx.lab(key), val, ls, vs, w=w - 1.5, gap=0.3)
            xx += w
        doc.line(x, y + rh - 0.6, x + 72, y + rh - 0.6, fill=line, width_mm=0.12)
        y += rh
    signature(doc, r, px, py + ph + 1, pw, 5.5, rec.last, ctx.fonts["hand"])
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _td3_mrz(doc, ctx, rec)
    return doc, None


# ---------------------------------------------------------------------------------------------------------------
# TD2 cards (105 x 74 mm)
# ---------------------------------------------------------------------------------------------------------------
def _card(ctx: Ctx, w, h, ppm=14):
    base = pastel(ctx.r, 210, 248)
    doc = Doc(w, h, ppm, bg=base, radius_mm=3.2)
    gradient_bg(doc, base, pastel(ctx.r, 205, 248), vertical=ctx.r.random() < 0.5)
    guilloche(doc, ctx.r, tint(ctx.accent, 0.4), strength=ctx.r.uniform(0.3, 0.6))
    return doc


def _title_key(rec: Rec) -> str:
    return {"residence_permit": "rp", "government_id": "idcard", "visa": "visa"}.get(rec.doc_type, "idcard")


def td2_card(rec: Rec, ctx: Ctx):
    """TD2 ID card or residence permit: photo left, labels above values, MRZ 2x36 at the bottom."""
    r = ctx.r
    doc = _card(ctx, 105, 74)
    doc.text(4, 3, _country(rec)[1], ctx.fonts["bold"], 2.8, fill=ctx.accent, max_w=60, role="bold")
    doc.text(101, 3, _hdr_titles(ctx, _title_key(rec)), ctx.fonts["bold"], 2.6, fill=ctx.accent, anchor="ra",
             max_w=40, role="bold")
    px, py, pw, ph = 4, 10, 26, 33
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.5)
    ls, vs = r.uniform(1.5, 1.8), r.uniform(2.6, 3.0)
    x, xr = 33, 72
    y = 9
    y = f_above(doc, ctx, x, y, ctx.lab("sur"), name_text(rec, rec.last), ls, vs, w=68) + 0.8
    y = f_above(doc, ctx, x, y, ctx.lab("given"), name_text(rec, rec.first), ls, vs, w=68) + 0.8
    f_above(doc, ctx, x, y, ctx.lab("dob"), fmt_date(rec.birth, ctx.date_style, ctx.langs), ls, vs, w=37)
    y = f_above(doc, ctx, xr, y, ctx.lab("sex"), sex_text(ctx, rec.sex), ls, vs, w=29) + 0.8
    f_above(doc, ctx, x, y, ctx.lab("nat"), _nat_text(rec, ctx), ls, vs, w=37)
    y = f_above(doc, ctx, xr, y, ctx.lab("doe"), fmt_date(rec.expiry, ctx.date_style, ctx.langs), ls, vs, w=29) + 0.8
    f_above(doc, ctx, x, y, ctx.lab("docno"), rec.doc_no, ls, vs, w=37)
    if rec.doc_type == "residence_permit":
        f_above(doc, ctx, xr, y, ctx.lab("permit_type"), rec.extra.get("permit", ""), ls, vs * 0.8, w=29)
    elif r.random() < 0.6:
        f_above(doc, ctx, xr, y, ctx.lab("doi"), fmt_date(rec.issue, ctx.date_style, ctx.langs), ls, vs, w=29)
        ctx.printed.add("issue_date")
    signature(doc, r, 4, 44, 26, 5, rec.last, ctx.fonts["hand"])
    ctx.printed |= {"gender", "nationality"}
    _card_mrz(doc, ctx, rec, 36, 62.5)
    return doc, None


def td2_stack(rec: Rec, ctx: Ctx):
    """HELD OUT. Vertical title stripe with rotated country name at the left, photo right, labels left of values
    in a table, remarks line, MRZ at the bottom."""
    r = ctx.r
    doc = _card(ctx, 105, 74)
    stripe = shade(ctx.accent, 0.1)
    doc.rect(0, 0, 8, 56, fill=stripe)
    title = _country(rec)[0] if len(_country(rec)[0]) <= 30 else _country(rec)[1]
    tsize = min(2.6, 2.6 * 50 / max(1.0, doc.text_width(title, ctx.fonts["bold"], 2.6, "bold")))
    doc.rotated_text(1.2, 3, title, ctx.fonts["bold"], tsize, angle=90, fill=(255, 255, 255), role="bold")
    doc.text(11, 2.5, _hdr_titles(ctx, _title_key(rec)), ctx.fonts["bold"], 2.9, fill=stripe, max_w=62, role="bold")
    px, py, pw, ph = 75, 7, 26, 33
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.5, border=stripe)
    ls, vs = r.uniform(1.5, 1.7), r.uniform(2.4, 2.8)
    x, lw, y = 11, r.uniform(19, 24), 11
    rows = [("docno", rec.doc_no), ("sur", name_text(rec, rec.last)), ("given", name_text(rec, rec.first)),
            ("nat", _nat_text(rec, ctx)), ("dob", fmt_date(rec.birth, ctx.date_style, ctx.langs)),
            ("sex", sex_text(ctx, rec.sex)), ("doi", fmt_date(rec.issue, ctx.date_style, ctx.langs)),
            ("doe", fmt_date(rec.expiry, ctx.date_style, ctx.langs))]
    if rec.doc_type == "residence_permit":
        rows.append(("permit_type", rec.extra.get("permit", "")))
    step = min(5.0, 44 / len(rows))
    for key, val in rows:
        f_left(doc, ctx, x, y + 2, ctx.lab(key, ctx.langs[:2])[:40], val, lw, ls * 0.95, vs, w=63)
        doc.line(x, y + 2.8, 73, y + 2.8, fill=tint(stripe, 0.6), width_mm=0.1)
        y += step
    signature(doc, r, px, py + ph + 1.5, pw, 5, rec.last, ctx.fonts["hand"])
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _card_mrz(doc, ctx, rec, 36, 62.5)
    return doc, None


# ---------------------------------------------------------------------------------------------------------------
# TD1 cards (85.6 x 54 mm), MRZ on the back
# ---------------------------------------------------------------------------------------------------------------
def _td1_back(rec: Rec, ctx: Ctx, extra_rows: list[tuple[str, str]], with_barcode=True):
    r = ctx.r
    doc = _card(ctx, 85.6, 54)
    ls, vs = r.uniform(1.4, 1.6), r.uniform(2.2, 2.6)
    y = 3.5
    for key, val in extra_rows:
        y = f_above(doc, ctx, 4, y, ctx.lab(key), val, ls, vs, w=55) + 0.6
    if with_barcode and r.random() < 0.6:
        barcode_1d(doc, r, 62, 4, 20, 8)
    if r.random() < 0.5:
        microtext_band(doc, r, 33.5, COUNTRIES[rec.issuer][1], tint(ctx.accent, 0.3))
    doc.rect(0, 34.5, 85.6, 54, fill=(250, 250, 248) if r.random() < 0.5 else None)
    _card_mrz(doc, ctx, rec, 30, 40.0)
    return doc


def td1_classic(rec: Rec, ctx: Ctx):
    """Front: header, photo left, labels above values; back: address, issue date, authority, MRZ 3x30."""
    r = ctx.r
    doc = _card(ctx, 85.6, 54)
    doc.text(3.5, 2.5, _country(rec)[1], ctx.fonts["bold"], 2.4, fill=ctx.accent, max_w=50, role="bold")
    doc.text(82, 2.5, _hdr_titles(ctx, _title_key(rec)), ctx.fonts["bold"], 2.2, fill=ctx.accent, anchor="ra",
             max_w=30, role="bold")
    px, py, pw, ph = 3.5, 8.5, 22, 28
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.4)
    ls, vs = r.uniform(1.3, 1.55), r.uniform(2.3, 2.7)
    x, xr = 28.5, 60
    y = 7.5
    y = f_above(doc, ctx, x, y, ctx.lab("sur"), name_text(rec, rec.last), ls, vs, w=54) + 0.5
    y = f_above(doc, ctx, x, y, ctx.lab("given"), name_text(rec, rec.first), ls, vs, w=54) + 0.5
    f_above(doc, ctx, x, y, ctx.lab("dob"), fmt_date(rec.birth, ctx.date_style, ctx.langs), ls, vs, w=30)
    y = f_above(doc, ctx, xr, y, ctx.lab("sex"), sex_text(ctx, rec.sex), ls, vs, w=22) + 0.5
    f_above(doc, ctx, x, y, ctx.lab("nat"), _nat_text(rec, ctx), ls, vs, w=30)
    y = f_above(doc, ctx, xr, y, ctx.lab("docno"), rec.doc_no, ls, vs, w=24) + 0.5
    f_above(doc, ctx, x, y, ctx.lab("doe"), fmt_date(rec.expiry, ctx.date_style, ctx.langs), ls, vs, w=30)
    signature(doc, r, 3.5, 38, 24, 5, rec.last, ctx.fonts["hand"])
    rows = [("address", ", ".join(rec.address)[:60]), ("doi", fmt_date(rec.issue, ctx.date_style, ctx.langs)),
            ("auth", rec.authority)]
    if rec.personal_no:
        rows.insert(0, ("pno", rec.personal_no))
        ctx.printed.add("identity_number")
    back = _td1_back(rec, ctx, rows[:4])
    ctx.printed |= {"gender", "nationality", "issue_date"}
    return doc, back


def td1_modern(rec: Rec, ctx: Ctx):
    """Front: coloured header band, big photo right, small-caps labels, personal number, CAN/card number top;
    back: barcode, place of birth, height, MRZ."""
    r = ctx.r
    doc = _card(ctx, 85.6, 54)
    band = ctx.accent
    doc.rect(0, 0, 85.6, 7, fill=band)
    doc.text(3, 3.5, _hdr_titles(ctx, _title_key(rec)), ctx.fonts["bold"], 2.4, fill=(255, 255, 255), anchor="lm",
             max_w=52, role="bold")
    doc.text(83, 3.5, rec.issuer, ctx.fonts["bold"], 3.0, fill=(255, 255, 255), anchor="rm", role="bold")
    px, py, pw, ph = 59, 9, 23.5, 30
    portrait(doc, ctx, rec, px, py, pw, ph, colour=True)
    ls, vs = r.uniform(1.3, 1.5), r.uniform(2.3, 2.6)
    old = ctx.label_upper
    ctx.label_upper = True
    x, y = 3, 8.5
    f_above(doc, ctx, x, y, ctx.lab("cardno", ctx.langs[:1]), rec.doc_no, ls, vs, w=28, vcol=shade(band, 0.2))
    if rec.personal_no:
        f_above(doc, ctx, x + 29, y, ctx.lab("pno", ctx.langs[:1]), rec.personal_no, ls, vs, w=25)
        ctx.printed.add("identity_number")
    y += 6.4
    y = f_above(doc, ctx, x, y, ctx.lab("sur"), name_text(rec, rec.last), ls, vs, w=54) + 0.5
    y = f_above(doc, ctx, x, y, ctx.lab("given"), name_text(rec, rec.first), ls, vs, w=54) + 0.5
    f_above(doc, ctx, x, y, ctx.lab("sex"), sex_text(ctx, rec.sex), ls, vs, w=14)
    f_above(doc, ctx, x + 15, y, ctx.lab("nat"), rec.nationality, ls, vs, w=16)
    y = f_above(doc, ctx, x + 32, y, ctx.lab("dob"), fmt_date(rec.birth, ctx.date_style, ctx.langs), ls, vs, w=24) + 0.5
    f_above(doc, ctx, x, y, ctx.lab("doi"), fmt_date(rec.issue, ctx.date_style, ctx.langs), ls, vs, w=26)
    f_above(doc, ctx, x + 28, y, ctx.lab("doe"), fmt_date(rec.expiry, ctx.date_style, ctx.langs), ls, vs, w=26)
    ctx.label_upper = old
    signature(doc, r, 59, 40, 24, 5, rec.first.split()[0][0] + ". " + rec.last, ctx.fonts["hand"])
    rows = [("pob", rec.pob), ("height", f"{rec.extra.get('height_cm', 170)} cm"), ("auth", rec.authority)]
    if rec.doc_type == "residence_permit":
        rows[1] = ("permit_type", rec.extra.get("permit", ""))
    back = _td1_back(rec, ctx, rows)
    ctx.printed |= {"gender", "nationality", "issue_date"}
    return doc, back


def td1_vertical_no(rec: Rec, ctx: Ctx):
    """HELD OUT. Front: photo left with ghost image right, document number printed vertically along the right
    edge, labels left of values; back: issue date, place of birth and MRZ."""
    r = ctx.r
    doc = _card(ctx, 85.6, 54)
    emblem(doc, r, 55, 28, 16, ctx.accent, 0.12)
    doc.text(42.8, 2.2, (_country(rec)[1] + " — " + _hdr_titles(ctx, _title_key(rec)))[:70], ctx.fonts["bold"], 2.1,
             fill=ctx.accent, anchor="ma", max_w=80, role="bold")
    px, py, pw, ph = 3, 7, 21, 27
    portrait(doc, ctx, rec, px, py, pw, ph, colour=r.random() < 0.5,
             with_ghost=(69, 33, 9.5, 12) if r.random() < 0.8 else None)
    doc.rotated_text(80.5, 8, rec.doc_no, ctx.fonts["value"], 2.6, angle=270 if r.random() < 0.5 else 90,
                     fill=shade(ctx.accent, 0.2), role="bold")
    ls, vs = r.uniform(1.3, 1.5), r.uniform(2.2, 2.5)
    x, lw, y = 26.5, r.uniform(14, 17), 9
    rows = [("sur", name_text(rec, rec.last)), ("given", name_text(rec, rec.first)),
            ("dob", fmt_date(rec.birth, ctx.date_style, ctx.langs)), ("sex", sex_text(ctx, rec.sex)),
            ("nat", _nat_text(rec, ctx)), ("doe", fmt_date(rec.expiry, ctx.date_style, ctx.langs))]
    if r.random() < 0.5:
        rows.insert(0, ("docno", rec.doc_no))
    step = min(4.6, 33 / len(rows))
    for key, val in rows:
        f_left(doc, ctx, x, y, ctx.lab(key, ctx.langs[:1]), val, lw, ls, vs, w=52)
        y += step
    signature(doc, r, 26, 43, 30, 5, rec.last, ctx.fonts["hand"])
    back_rows = [("doi", fmt_date(rec.issue, ctx.date_style, ctx.langs)), ("pob", rec.pob)]
    if rec.personal_no:
        back_rows.append(("pno", rec.personal_no))
        ctx.printed.add("identity_number")
    if rec.doc_type == "residence_permit":
        back_rows.append(("remarks", rec.extra.get("permit", "")))
    back = _td1_back(rec, ctx, back_rows[:4], with_barcode=False)
    ctx.printed |= {"gender", "nationality", "issue_date"}
    return doc, back


# ---------------------------------------------------------------------------------------------------------------
# Visas
# ---------------------------------------------------------------------------------------------------------------
def _visa_fields(rec: Rec, ctx: Ctx):
    d = lambda v: fmt_date(v, ctx.date_style, ctx.langs)  # noqa: E731
    return [[("valid", d(rec.expiry), 30), ("doi", d(rec.issue), 30), ("type", rec.extra.get("visa_type", "C"), 14)],
            [("entries", rec.extra.get("entries", "MULT"), 22), ("duration", rec.extra.get("days", "90"), 22),
             ("passno", rec.extra.get("passport_no", ""), 30)],
            [("sur", name_text(rec, rec.last), 74)], [("given", name_text(rec, rec.first), 74)],
            [("dob", d(rec.birth), 26), ("sex", rec.sex, 12), ("nat", rec.nationality, 20)],
            [("remarks", rec.extra.get("remarks", ""), 74)]]


def visa_mrva(rec: Rec, ctx: Ctx):
    """MRV-A visa sticker (120 x 80 mm), photo left, labelled grid, visa number top right, MRZ 2x44."""
    r = ctx.r
    doc = _card(ctx, 120, 80, ppm=12)
    doc.radius_mm = 2
    doc.text(4, 3, _hdr_titles(ctx, "visa") + "  " + _country(rec)[1], ctx.fonts["bold"], 3.0, fill=ctx.accent,
             max_w=80, role="bold")
    doc.text(116, 3, rec.doc_no, ctx.fonts["value"], 3.6, fill=(170, 20, 30), anchor="ra", role="bold")
    portrait(doc, ctx, rec, 4, 11, 27, 35, colour=r.random() < 0.6)
    ls, vs = r.uniform(1.4, 1.6), r.uniform(2.5, 2.9)
    y = 10
    for row in _visa_fields(rec, ctx):
        x = 34
        for key, val, w in row:
            f_above(doc, ctx, x, y, ctx.lab(key), val, ls, vs, w=w - 1.5, gap=0.3)
            x += w
        y += 7.3
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _card_mrz(doc, ctx, rec, 44, 66.5)
    return doc, None


def visa_mrvb(rec: Rec, ctx: Ctx):
    """HELD OUT. MRV-B visa (105 x 74 mm), photo right, label-left rows, 2x36 MRZ."""
    r = ctx.r
    doc = _card(ctx, 105, 74, ppm=13)
    doc.radius_mm = 2
    doc.rect(0, 0, 105, 6.5, fill=tint(ctx.accent, 0.2))
    doc.text(3, 3.2, _country(rec)[0] + " — " + _hdr_titles(ctx, "visa"), ctx.fonts["bold"], 2.6, fill=(255, 255, 255),
             anchor="lm", max_w=98, role="bold")
    portrait(doc, ctx, rec, 76, 9, 25, 32, colour=r.random() < 0.6)
    ls, vs = r.uniform(1.4, 1.6), r.uniform(2.3, 2.7)
    d = lambda v: fmt_date(v, ctx.date_style, ctx.langs)  # noqa: E731
    rows = [("visa", rec.doc_no), ("sur", name_text(rec, rec.last)), ("given", name_text(rec, rec.first)),
            ("dob", d(rec.birth)), ("nat", rec.nationality + "   " + ctx.lab("sex", ctx.langs[:1]) + ": " + rec.sex),
            ("doi", d(rec.issue)), ("valid", d(rec.expiry)), ("entries", rec.extra.get("entries", "1")),
            ("passno", rec.extra.get("passport_no", ""))]
    lw, y = r.uniform(24, 28), 10.5
    for key, val in rows:
        f_left(doc, ctx, 3, y, ctx.lab(key, ctx.langs[:2])[:36], val, lw, ls, vs, w=71)
        y += 5.3
    ctx.printed |= {"gender", "nationality", "issue_date"}
    _card_mrz(doc, ctx, rec, 36, 62.5)
    return doc, None
