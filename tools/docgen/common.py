"""Shared pieces of the layouts: the per-document style context, labels, dates and field writers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from data import L, MONTHS, SEX_WORD
from render import ACCENTS, Doc, face, ghost, tint


@dataclasses.dataclass
class Rec:
    """Everything about one document's holder and numbers (what a layout may print)."""

    family: str
    doc_type: str
    issuer: str
    last: str
    first: str
    sex: str
    nationality: str
    birth: dt.date
    issue: dt.date
    expiry: dt.date
    doc_no: str
    personal_no: str | None = None
    license_no: str | None = None
    pob: str = ""
    authority: str = ""
    address: list[str] = dataclasses.field(default_factory=list)
    state: str = ""  # US state / CA province / EU distinguishing sign
    extra: dict = dataclasses.field(default_factory=dict)
    mrz: list[str] | None = None
    mrz_truncated: bool = False
    upper_names: bool = True


@dataclasses.dataclass
class Ctx:
    r: random.Random
    fonts: dict  # role -> spec
    accent: tuple
    langs: list[str]
    date_style: str
    label_upper: bool = False
    sep: str = " / "
    printed: set = dataclasses.field(default_factory=set)

    def lab(self, key: str, langs: list[str] | None = None) -> str:
        out = []
        for lang in langs or self.langs:
            v = L.get(lang, L["en"]).get(key, L["en"][key])
            if v not in out:
                out.append(v)
        s = self.sep.join(out)
        return s.upper() if self.label_upper else s


def pick_font(r: random.Random, pools: dict, role: str):
    return r.choice(pools[role])


def make_ctx(r: random.Random, pools: dict, langs: list[str], date_style: str, **kw) -> Ctx:
    fonts = {k: pick_font(r, pools, k) for k in pools}
    # value font: either the label font family in bold, or a different family (serif / condensed)
    fonts["value"] = r.choice([fonts["bold"], fonts["sans"], fonts["bold"], fonts["serif_bold"], fonts["serif"]])
    fonts["label"] = r.choice([fonts["sans"], fonts["sans"], fonts["serif"]])
    return Ctx(r=r, fonts=fonts, accent=r.choice(ACCENTS), langs=langs, date_style=date_style, **kw)


def fmt_date(d: dt.date | None, style: str, langs: list[str]) -> str:
    if d is None:
        return ""
    m = d.month - 1

    def mon(lang):
        return MONTHS.get(lang, MONTHS["en"])[m]

    l1 = langs[0] if langs else "en"
    l2 = langs[1] if len(langs) > 1 else "en"
    if style == "dmy.":
        return d.strftime("%d.%m.%Y")
    if style == "dmy/":
        return d.strftime("%d/%m/%Y")
    if style == "dmy-":
        return d.strftime("%d-%m-%Y")
    if style == "dmy ":
        return d.strftime("%d %m %Y")
    if style == "dMy":
        return f"{d.day:02d} {mon(l1)} {d.year}"
    if style == "dMMy":
        a, b = mon(l1), mon(l2)
        return f"{d.day:02d} {a}/{b} {d.year}" if a != b else f"{d.day:02d} {a} {d.year}"
    if style == "dMMyy":
        a, b = mon(l1), mon(l2)
        return f"{d.day:02d} {a} /{b} {d.year % 100:02d}" if a != b else f"{d.day:02d} {a} {d.year % 100:02d}"
    if style == "ymd-":
        return d.isoformat()
    if style == "ymd/":
        return d.strftime("%Y/%m/%d")
    if style == "ymd.":
        return d.strftime("%Y.%m.%d")
    if style == "mdy/":
        return d.strftime("%m/%d/%Y")
    if style == "mdy-":
        return d.strftime("%m-%d-%Y")
    raise ValueError(style)


EU_DATE_STYLES = ["dmy.", "dmy/", "dmy.", "dmy-", "dmy ", "dMy", "dMMy"]


def sex_text(ctx: Ctx, sex: str) -> str:
    parts = []
    for lang in ctx.langs:
        w = SEX_WORD.get(lang, SEX_WORD["en"])[sex]
        if w not in parts:
            parts.append(w)
    return "/".join(parts)


def name_text(rec: Rec, s: str) -> str:
    return s.upper() if rec.upper_names else s


# ---- field writers -------------------------------------------------------------------------------------------
def f_above(doc: Doc, ctx: Ctx, x, y, label, value, lsize=1.7, vsize=3.0, w=None, lcol=None, vcol=(15, 15, 15),
            gap=0.5):
    """Label (small) above value. Returns the y below the value (mm)."""
    lb = doc.text(x, y, label, ctx.fonts["label"], lsize, fill=lcol or ctx.accent, max_w=w)
    vy = lb[3] + gap if label else y
    vb = doc.text(x, vy, value, ctx.fonts["value"], vsize, fill=vcol, max_w=w, role="bold")
    return vb[3]


def f_left(doc: Doc, ctx: Ctx, x, y, label, value, label_w, lsize=1.7, vsize=2.8, w=None, lcol=None,
           vcol=(15, 15, 15), colon=False):
    """Label left of the value on the same baseline."""
    doc.text(x, y, label + (":" if colon else ""), ctx.fonts["label"], lsize, fill=lcol or ctx.accent, anchor="ls",
             max_w=label_w - 1)
    vb = doc.text(x + label_w, y, value, ctx.fonts["value"], vsize, fill=vcol, anchor="ls",
                  max_w=(w - label_w) if w else None, role="bold")
    return vb[3]


def f_num(doc: Doc, ctx: Ctx, x, y, num, value, vsize=2.6, ncol=None, vcol=(15, 15, 15), w=None, nsize=None,
          label="", lsize=None):
    """Field number (e.g. '4d') in accent colour, optional short label, then the value."""
    nb = doc.text(x, y, num, ctx.fonts["bold"], nsize or vsize * 0.72, fill=ncol or ctx.accent, anchor="ls", role="bold")
    xx = nb[2] + 0.8
    if label:
        lb = doc.text(xx, y, label, ctx.fonts["label"], lsize or vsize * 0.72, fill=ncol or ctx.accent, anchor="ls")
        xx = lb[2] + 0.8
    vb = doc.text(xx, y, value, ctx.fonts["value"], vsize, fill=vcol, anchor="ls", max_w=(w - (xx - x)) if w else None,
                  role="bold")
    return vb


def portrait(doc: Doc, ctx: Ctx, rec: Rec, x, y, w, h, colour=True, border=None, with_ghost=None):
    """Paste a face placeholder; optionally a ghost copy at with_ghost=(x, y, w, h)."""
    img = face(doc.px(w), doc.px(h), ctx.r, colour=colour, female=rec.sex == "F")
    doc.paste(img, x, y)
    if border:
        doc.rect(x, y, x + w, y + h, outline=border, width_mm=0.25)
    if with_ghost:
        gx, gy, gw, gh = with_ghost
        col, mask = ghost(img, doc.px(gw), doc.px(gh), tint_col=tint(ctx.accent, 0.2), strength=ctx.r.uniform(0.25, 0.45))
        doc.paste(col, gx, gy, mask)
    return img
