"""Drawing primitives for documents: fonts with glyph fallback, text in millimetres, guilloche backgrounds,
face-like photo placeholders, ghost images, signatures, badges, MRZ lines."""

from __future__ import annotations

import functools
import glob
import math
import os
import random

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DEJAVU = "/usr/share/fonts/truetype/dejavu"
_SITE = None


def _site() -> str:
    global _SITE
    if _SITE is None:
        import fontpkg_roboto  # noqa: F401  (locates site-packages of the venv)

        _SITE = os.path.dirname(os.path.dirname(fontpkg_roboto.__file__))
    return _SITE


def _pkg(pkg: str, name: str) -> str:
    return os.path.join(_site(), pkg, "files", name)


def _dv(name: str) -> str:
    return os.path.join(DEJAVU, name)


# A font spec is (path, variation name or None). Pools by role.
def font_pools(ocrb: str | None = None) -> dict[str, list[tuple[str, str | None]]]:
    P = _pkg
    pools = {
        "sans": [(_dv("DejaVuSans.ttf"), None), (_dv("DejaVuSansCondensed.ttf"), None),
                 (P("fontpkg_roboto", "Roboto[wdth,wght].ttf"), None),
                 (P("fontpkg_roboto_condensed", "RobotoCondensed[wght].ttf"), None),
                 (P("fontpkg_ibm_plex_sans", "IBMPlexSans[wdth,wght].ttf"), None),
                 (P("fontpkg_ibm_plex_sans_condensed", "IBMPlexSansCondensed-Regular.ttf"), None),
                 (P("fontpkg_source_sans_3", "SourceSans3[wght].ttf"), None),
                 (P("fontpkg_open_sans", "OpenSans[wdth,wght].ttf"), None),
                 (P("fontpkg_arimo", "Arimo[wght].ttf"), None),
                 (P("fontpkg_barlow_condensed", "BarlowCondensed-Medium.ttf"), None),
                 (P("fontpkg_pt_sans_narrow", "PT_Sans-Narrow-Web-Regular.ttf"), None),
                 (P("fontpkg_lato", "Lato-Regular.ttf"), None),
                 (P("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"), None),
                 (P("fontpkg_archivo_narrow", "ArchivoNarrow[wght].ttf"), None)],
        "bold": [(_dv("DejaVuSans-Bold.ttf"), None), (_dv("DejaVuSansCondensed-Bold.ttf"), None),
                 (P("fontpkg_roboto", "Roboto[wdth,wght].ttf"), "Bold"),
                 (P("fontpkg_roboto_condensed", "RobotoCondensed[wght].ttf"), "Bold"),
                 (P("fontpkg_ibm_plex_sans", "IBMPlexSans[wdth,wght].ttf"), "SemiBold"),
                 (P("fontpkg_ibm_plex_sans_condensed", "IBMPlexSansCondensed-SemiBold.ttf"), None),
                 (P("fontpkg_source_sans_3", "SourceSans3[wght].ttf"), "Bold"),
                 (P("fontpkg_open_sans", "OpenSans[wdth,wght].ttf"), "Bold"),
                 (P("fontpkg_arimo", "Arimo[wght].ttf"), "Bold"),
                 (P("fontpkg_barlow_condensed", "BarlowCondensed-SemiBold.ttf"), None),
                 (P("fontpkg_pt_sans_narrow", "PT_Sans-Narrow-Web-Bold.ttf"), None),
                 (P("fontpkg_lato", "Lato-Bold.ttf"), None),
                 (P("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"), "Bold"),
                 (P("fontpkg_oswald", "Oswald[wght].ttf"), None)],
        "serif": [(_dv("DejaVuSerif.ttf"), None), (_dv("DejaVuSerifCondensed.ttf"), None),
                  (P("fontpkg_noto_serif", "NotoSerif[wdth,wght].ttf"), None),
                  (P("fontpkg_pt_serif", "PT_Serif-Web-Regular.ttf"), None),
                  (P("fontpkg_ibm_plex_serif", "IBMPlexSerif-Regular.ttf"), None)],
        "serif_bold": [(_dv("DejaVuSerif-Bold.ttf"), None), (_dv("DejaVuSerifCondensed-Bold.ttf"), None),
                       (P("fontpkg_noto_serif", "NotoSerif[wdth,wght].ttf"), "Bold"),
                       (P("fontpkg_pt_serif", "PT_Serif-Web-Bold.ttf"), None),
                       (P("fontpkg_ibm_plex_serif", "IBMPlexSerif-SemiBold.ttf"), None)],
        "mono": [(_dv("DejaVuSansMono.ttf"), None), (_dv("DejaVuSansMono.ttf"), None),
                 (P("fontpkg_ibm_plex_mono", "IBMPlexMono-Regular.ttf"), None),
                 (P("fontpkg_ibm_plex_mono", "IBMPlexMono-Medium.ttf"), None),
                 (P("fontpkg_roboto_mono", "RobotoMono[wght].ttf"), None),
                 (P("fontpkg_source_code_pro", "SourceCodePro[wght].ttf"), None),
                 (P("fontpkg_inconsolata", "Inconsolata[wdth,wght].ttf"), "Medium")],
        "hand": [(P("fontpkg_caveat", "Caveat[wght].ttf"), None),
                 (P("fontpkg_dancing_script", "DancingScript[wght].ttf"), None),
                 (P("fontpkg_great_vibes", "GreatVibes-Regular.ttf"), None),
                 (P("fontpkg_kalam", "Kalam-Regular.ttf"), None),
                 (P("fontpkg_yellowtail", "Yellowtail-Regular.ttf"), None),
                 (P("fontpkg_zeyada", "Zeyada.ttf"), None)],
    }
    if ocrb:
        pools["mono"] += [(ocrb, None)] * 3
    return pools


FALLBACK = {"sans": _dv("DejaVuSans.ttf"), "bold": _dv("DejaVuSans-Bold.ttf"), "serif": _dv("DejaVuSerif.ttf"),
            "serif_bold": _dv("DejaVuSerif-Bold.ttf"), "mono": _dv("DejaVuSansMono.ttf"), "hand": _dv("DejaVuSans-Oblique.ttf")}


@functools.lru_cache(maxsize=None)
def _cmap(path: str) -> frozenset[int]:
    f = TTFont(path, lazy=True, fontNumber=0)
    return frozenset(f.getBestCmap().keys())


def covers(path: str, text: str) -> bool:
    cm = _cmap(path)
    return all(ord(c) in cm or c.isspace() for c in text)


@functools.lru_cache(maxsize=4096)
def _font(path: str, px: int, var: str | None) -> ImageFont.FreeTypeFont:
    f = ImageFont.truetype(path, max(4, px))
    if var:
        try:
            f.set_variation_by_name(var)
        except Exception:  # noqa: BLE001 (static font or unknown instance: use the default)
            pass
    return f


class Doc:
    """A document surface measured in millimetres (ppm pixels per mm)."""

    def __init__(self, w_mm: float, h_mm: float, ppm: float, bg=(245, 245, 240), radius_mm: float = 3.0):
        self.w_mm, self.h_mm, self.ppm = w_mm, h_mm, ppm
        self.W, self.H = int(round(w_mm * ppm)), int(round(h_mm * ppm))
        self.img = Image.new("RGB", (self.W, self.H), bg)
        self.draw = ImageDraw.Draw(self.img)
        self.radius_mm = radius_mm

    def px(self, mm: float) -> int:
        return int(round(mm * self.ppm))

    def font(self, spec, size_mm: float, text: str = "", role: str = "sans") -> ImageFont.FreeTypeFont:
        path, var = spec
        if text and not covers(path, text):
            path, var = FALLBACK.get(role, FALLBACK["sans"]), None
        return _font(path, self.px(size_mm), var)

    def text(self, x, y, s, spec, size_mm, fill=(20, 20, 20), anchor="la", max_w=None, role="sans"):
        """Draw `s` at (x, y) mm; shrinks the size so it fits `max_w` mm. Returns the box in mm."""
        if not s:
            return (x, y, x, y)
        f = self.font(spec, size_mm, s, role)
        if max_w:
            w = self.draw.textlength(s, font=f)
            if w > self.px(max_w):
                f = self.font(spec, size_mm * self.px(max_w) / w * 0.98, s, role)
        self.draw.text((self.px(x), self.px(y)), s, font=f, fill=fill, anchor=anchor)
        b = self.draw.textbbox((self.px(x), self.px(y)), s, font=f, anchor=anchor)
        return tuple(v / self.ppm for v in b)

    def text_width(self, s, spec, size_mm, role="sans") -> float:
        return self.draw.textlength(s, font=self.font(spec, size_mm, s, role)) / self.ppm

    def rotated_text(self, x, y, s, spec, size_mm, angle=90, fill=(20, 20, 20), role="sans"):
        """Text rotated by `angle` degrees (90 = reads bottom-to-top) with its top-left box corner at (x, y) mm."""
        f = self.font(spec, size_mm, s, role)
        l, t, r, b = f.getbbox(s)
        tile = Image.new("L", (r - l + 4, b - t + 4), 0)
        ImageDraw.Draw(tile).text((2 - l, 2 - t), s, font=f, fill=255)
        tile = tile.rotate(angle, expand=True, resample=Image.BICUBIC)
        col = Image.new("RGB", tile.size, fill)
        self.img.paste(col, (self.px(x), self.px(y)), tile)
        return tile.size[0] / self.ppm, tile.size[1] / self.ppm

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width_mm=0.2, radius_mm=0.0):
        box = [self.px(x0), self.px(y0), self.px(x1), self.px(y1)]
        if radius_mm:
            self.draw.rounded_rectangle(box, radius=self.px(radius_mm), fill=fill, outline=outline,
                                        width=max(1, self.px(width_mm)))
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=max(1, self.px(width_mm)))

    def line(self, x0, y0, x1, y1, fill=(0, 0, 0), width_mm=0.2):
        self.draw.line([self.px(x0), self.px(y0), self.px(x1), self.px(y1)], fill=fill, width=max(1, self.px(width_mm)))

    def paste(self, im: Image.Image, x, y, mask=None):
        self.img.paste(im, (self.px(x), self.px(y)), mask)

    def alpha(self) -> Image.Image:
        m = Image.new("L", (self.W, self.H), 0)
        ImageDraw.Draw(m).rounded_rectangle([0, 0, self.W - 1, self.H - 1], radius=self.px(self.radius_mm), fill=255)
        return m


# ---- colours ------------------------------------------------------------------------------------------------------
def pastel(r: random.Random, lo=205, hi=250):
    base = [r.randint(lo, hi) for _ in range(3)]
    return tuple(base)


def tint(c, k):
    """Blend colour c towards white by k (0..1)."""
    return tuple(int(v + (255 - v) * k) for v in c)


def shade(c, k):
    return tuple(int(v * (1 - k)) for v in c)


ACCENTS = [(24, 52, 120), (120, 20, 40), (10, 90, 70), (90, 40, 110), (150, 70, 20), (30, 30, 30), (0, 85, 140),
           (140, 25, 90), (60, 80, 30), (160, 30, 30), (20, 100, 140), (100, 60, 20)]


# ---- background patterns ----------------------------------------------------------------------------------------
def guilloche(doc: Doc, r: random.Random, colour, box=None, density=1.0, strength=0.5):
    """Wavy security lines and a rosette drawn lightly over `box` (mm) of the document."""
    x0, y0, x1, y1 = box or (0, 0, doc.w_mm, doc.h_mm)
    W, H = doc.px(x1 - x0), doc.px(y1 - y0)
    ox, oy = doc.px(x0), doc.px(y0)
    layer = Image.new("L", (doc.W, doc.H), 0)
    d = ImageDraw.Draw(layer)
    n = int(r.randint(14, 30) * density)
    f1, f2 = r.uniform(1.5, 5), r.uniform(5, 14)
    a1, a2 = r.uniform(0.03, 0.09) * H, r.uniform(0.005, 0.03) * H
    ph = r.uniform(0, 6.28)
    xs = np.linspace(0, W, max(60, W // 6))
    for i in range(n):
        base = (i + 0.5) * H / n
        ys = base + a1 * np.sin(xs / W * f1 * 2 * math.pi + ph + i * 0.35) + a2 * np.sin(xs / W * f2 * 2 * math.pi + i)
        d.line(list(zip((xs + ox).tolist(), (ys + oy).tolist())), fill=255, width=max(1, doc.px(0.08)))
    if r.random() < 0.8:  # rosette
        cx, cy = ox + r.uniform(0.2, 0.8) * W, oy + r.uniform(0.2, 0.8) * H
        R = r.uniform(0.15, 0.35) * min(W, H) * 1.6
        k = r.choice([7, 9, 11, 13, 17])
        t = np.linspace(0, 2 * math.pi, 1400)
        for j in range(r.randint(5, 10)):
            rr = R * (0.55 + 0.45 * np.cos(k * t + j * 0.3)) * (1 - j * 0.04)
            pts = list(zip((cx + rr * np.cos(t + j * 0.07)).tolist(), (cy + rr * np.sin(t + j * 0.07)).tolist()))
            d.line(pts, fill=200, width=max(1, doc.px(0.06)))
    col = Image.new("RGB", (doc.W, doc.H), colour)
    doc.img.paste(col, (0, 0), layer.point(lambda v: int(v * strength)))


def gradient_bg(doc: Doc, c0, c1, vertical=False):
    a = np.linspace(0, 1, doc.H if vertical else doc.W, dtype=np.float32)
    c0, c1 = np.array(c0, np.float32), np.array(c1, np.float32)
    g = c0[None, :] * (1 - a[:, None]) + c1[None, :] * a[:, None]
    if vertical:
        arr = np.repeat(g[:, None, :], doc.W, axis=1)
    else:
        arr = np.repeat(g[None, :, :], doc.H, axis=0)
    doc.img.paste(Image.fromarray(arr.astype(np.uint8)))


def microtext_band(doc: Doc, r: random.Random, y, text, colour, size_mm=0.7, spec=None):
    spec = spec or (_dv("DejaVuSansCondensed.ttf"), None)
    s = (text + " ") * 40
    doc.text(0.5, y, s, spec, size_mm, fill=colour, anchor="lm")


def emblem(doc: Doc, r: random.Random, cx, cy, rad, colour, alpha=0.25):
    """A faint seal: concentric circles with a star/shield shape."""
    layer = Image.new("L", (doc.W, doc.H), 0)
    d = ImageDraw.Draw(layer)
    X, Y, R = doc.px(cx), doc.px(cy), doc.px(rad)
    d.ellipse([X - R, Y - R, X + R, Y + R], outline=255, width=max(1, R // 30))
    d.ellipse([X - R * .85, Y - R * .85, X + R * .85, Y + R * .85], outline=255, width=max(1, R // 60))
    k = r.choice([5, 6, 8, 12])
    pts = []
    for i in range(2 * k):
        a = math.pi * i / k - math.pi / 2
        rr = R * (0.7 if i % 2 == 0 else 0.3)
        pts.append((X + rr * math.cos(a), Y + rr * math.sin(a)))
    if r.random() < 0.5:
        d.polygon(pts, outline=255, width=max(1, R // 40))
    else:
        d.polygon([(X - R * .4, Y - R * .45), (X + R * .4, Y - R * .45), (X + R * .4, Y + R * .05), (X, Y + R * .55),
                   (X - R * .4, Y + R * .05)], outline=255, width=max(1, R // 30))
    col = Image.new("RGB", (doc.W, doc.H), colour)
    doc.img.paste(col, (0, 0), layer.point(lambda v: int(v * alpha)))


# ---- portrait ---------------------------------------------------------------------------------------------------
SKINS = [(241, 204, 178), (224, 172, 140), (198, 134, 96), (160, 102, 70), (118, 74, 50), (85, 55, 38), (233, 190, 160)]
HAIRS = [(30, 22, 18), (60, 40, 25), (110, 75, 40), (170, 130, 70), (200, 170, 110), (120, 120, 120), (15, 15, 15), (140, 50, 25)]


def face(w: int, h: int, r: random.Random, colour=True, female=False) -> Image.Image:
    """A face-like portrait placeholder (head, hair, shoulders, eyes, mouth) of w x h pixels."""
    bgc = r.choice([(225, 230, 235), (235, 235, 230), (210, 220, 235), (240, 240, 240), (200, 210, 200)])
    im = Image.new("RGB", (w, h), bgc)
    d = ImageDraw.Draw(im)
    skin, hair = r.choice(SKINS), r.choice(HAIRS)
    cloth = tuple(r.randint(20, 160) for _ in range(3))
    cx = w / 2 + r.uniform(-0.04, 0.04) * w
    hw, hh = w * r.uniform(0.26, 0.32), h * r.uniform(0.25, 0.3)
    cy = h * r.uniform(0.42, 0.48)
    d.ellipse([cx - w * .55, h * .8, cx + w * .55, h * 1.4], fill=cloth)  # shoulders
    d.rectangle([cx - hw * .35, cy + hh * .6, cx + hw * .35, h * .86], fill=shade(skin, .08))  # neck
    if female or r.random() < 0.3:  # long hair behind
        d.ellipse([cx - hw * 1.25, cy - hh * 1.2, cx + hw * 1.25, cy + hh * 1.5], fill=hair)
    d.ellipse([cx - hw, cy - hh, cx + hw, cy + hh], fill=skin)
    d.chord([cx - hw * 1.05, cy - hh * 1.15, cx + hw * 1.05, cy + hh * .4], 180, 360, fill=hair)
    ey = cy - hh * 0.05
    for sx in (-1, 1):
        ex = cx + sx * hw * 0.42
        d.ellipse([ex - hw * .14, ey - hh * .06, ex + hw * .14, ey + hh * .06], fill=(250, 250, 250))
        d.ellipse([ex - hw * .06, ey - hh * .06, ex + hw * .06, ey + hh * .06], fill=(50, 40, 30))
        d.line([ex - hw * .18, ey - hh * .17, ex + hw * .18, ey - hh * .2], fill=shade(hair, .2), width=max(1, w // 60))
    d.line([cx, ey + hh * .05, cx - hw * .08, cy + hh * .35, cx + hw * .05, cy + hh * .38], fill=shade(skin, .3),
           width=max(1, w // 90))
    d.arc([cx - hw * .35, cy + hh * .35, cx + hw * .35, cy + hh * .7], 20, 160, fill=(150, 60, 60), width=max(1, w // 70))
    im = im.filter(ImageFilter.GaussianBlur(w / 300))
    if not colour:
        im = im.convert("L").convert("RGB")
    return im


def ghost(img: Image.Image, w: int, h: int, tint_col=(120, 120, 120), strength=0.35) -> tuple[Image.Image, Image.Image]:
    """A faded monochrome copy of the portrait and its mask (for pasting as a ghost image)."""
    g = img.convert("L").resize((w, h), Image.BILINEAR)
    mask = g.point(lambda v: int((255 - v) * strength + 25))
    col = Image.new("RGB", (w, h), tint_col)
    return col, mask


def signature(doc: Doc, r: random.Random, x, y, w_mm, h_mm, text, hand_spec, colour=(20, 30, 90)):
    """The holder's name written in a handwriting font, slightly rotated, inside (x, y, w, h) mm."""
    size = h_mm * r.uniform(0.7, 1.0)
    f = doc.font(hand_spec, size, text, role="hand")
    tw = doc.draw.textlength(text, font=f)
    if tw > doc.px(w_mm):
        f = doc.font(hand_spec, size * doc.px(w_mm) / tw * 0.95, text, role="hand")
    l, t, rr, b = f.getbbox(text)
    tile = Image.new("L", (rr - l + 8, b - t + 8), 0)
    ImageDraw.Draw(tile).text((4 - l, 4 - t), text, font=f, fill=255)
    tile = tile.rotate(r.uniform(-6, 6), expand=True, resample=Image.BICUBIC)
    doc.img.paste(Image.new("RGB", tile.size, colour), (doc.px(x), doc.px(y)), tile)


def eu_flag(doc: Doc, x, y, w, h, code, spec):
    """EU flag badge (blue rectangle, ring of stars) with the distinguishing sign in white."""
    doc.rect(x, y, x + w, y + h, fill=(0, 51, 153))
    cx, cy, R = x + w / 2, y + h * 0.33, min(w, h) * 0.22
    for i in range(12):
        a = 2 * math.pi * i / 12
        star(doc, cx + R * math.cos(a), cy + R * math.sin(a), min(w, h) * 0.045, (255, 204, 0))
    doc.text(cx, y + h * 0.97, code, spec, h * (0.42 if len(code) < 3 else 0.34), fill=(255, 255, 255), anchor="ms",
             max_w=w * 0.9)


def star(doc: Doc, cx, cy, rad, colour, points=5, inner=0.45, outline=None):
    pts = []
    for i in range(2 * points):
        a = math.pi * i / points - math.pi / 2
        rr = rad * (1 if i % 2 == 0 else inner)
        pts.append((doc.px(cx + rr * math.cos(a)), doc.px(cy + rr * math.sin(a))))
    doc.draw.polygon(pts, fill=colour, outline=outline)


def mrz(doc: Doc, lines: list[str], x, y, pitch_mm, size_mm, line_gap_mm, spec, fill=(15, 15, 15)):
    """MRZ lines with a fixed character pitch (works for any font: each glyph centred in its cell)."""
    f = doc.font(spec, size_mm, "".join(lines), role="mono")
    for i, line in enumerate(lines):
        yy = doc.px(y + i * line_gap_mm)
        for j, c in enumerate(line):
            xx = doc.px(x + (j + 0.5) * pitch_mm)
            doc.draw.text((xx, yy), c, font=f, fill=fill, anchor="ms")


def barcode_1d(doc: Doc, r: random.Random, x, y, w, h, colour=(0, 0, 0)):
    """A decorative linear barcode (not decodable)."""
    xx = x
    while xx < x + w:
        bw = r.choice([0.15, 0.15, 0.3, 0.45])
        if r.random() < 0.55:
            doc.rect(xx, y, min(x + w, xx + bw), y + h, fill=colour)
        xx += bw


def hologram_patch(doc: Doc, r: random.Random, x, y, w, h, strength=0.18):
    """A faint iridescent patch (colour gradient blended over the surface)."""
    W, H = doc.px(w), doc.px(h)
    if W < 2 or H < 2:
        return
    t = np.linspace(0, 1, W, dtype=np.float32)[None, :] + np.linspace(0, 0.6, H, dtype=np.float32)[:, None]
    rgb = np.stack([np.sin(6 * t) * .5 + .5, np.sin(6 * t + 2) * .5 + .5, np.sin(6 * t + 4) * .5 + .5], -1) * 255
    patch = Image.fromarray(rgb.astype(np.uint8))
    region = doc.img.crop((doc.px(x), doc.px(y), doc.px(x) + W, doc.px(y) + H))
    doc.img.paste(Image.blend(region, patch, strength), (doc.px(x), doc.px(y)))


def list_fonts() -> list[str]:
    return sorted(glob.glob(os.path.join(_site(), "fontpkg_*", "files", "*.ttf")))
