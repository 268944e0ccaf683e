#!/usr/bin/env python3
"""Photographed backs of US/Canadian driver's licences and ID cards carrying an AAMVA PDF417 bar code.

    python tools/docgen/backs.py --count 60 --seed 7 --out .cache/gen/backs8 [--max-tilt 8] [--flat]

Writes ``back_NNNN.jpg`` and ``truth.json`` (a list, one record per image): the AAMVA record of
``aamva.make_record`` (country, jurisdiction, iin, aamva_version, doc_kind, fields, payload, malformed, ...)
plus ``file``, ``size``, ``barcode`` (PDF417 parameters), ``card`` (design features), ``geometry``
(card and bar-code corners in image pixels) and ``augment`` (every photo effect applied).

Conventions:
* ``augment.rotation_deg`` is the in-plane rotation of the card, counter-clockwise positive as seen in the
  image (PIL's ``Image.rotate`` sense): ``img.rotate(-rotation_deg)`` straightens it (up to the small
  perspective tilt, ``augment.tilt_x_deg``/``tilt_y_deg``).
* ``geometry.barcode_quad`` is the PDF417 (without quiet zone) as 4 image points, clockwise from the
  top-left corner of the symbol; ``geometry.barcode_angle_deg`` the angle of its top edge (CCW positive).
* The card is rendered directly at the scale it has in the photo (``card.px_per_mm``); ``--flat`` also
  saves each card flat at 1000 px wide (``flat/back_NNNN.png``).

Dependencies: pdf417gen (encoder), Pillow, numpy (see requirements-backs.txt).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys

import numpy as np
import pdf417gen
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aamva  # noqa: E402

CARD_W_MM, CARD_H_MM = 85.6, 53.98
SIZES = [((1280, 960), 0.45), ((1600, 1200), 0.45), ((640, 480), 0.10)]
BACKGROUNDS = ["desk", "wood", "fabric", "paper", "dark"]
EFFECTS = ["shadow", "shading", "glare", "color", "blur", "noise", "jpeg"]

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"]
_font_cache: dict = {}


def font(size_px: float, bold: bool = False, cond: bool = False):
    size = max(6, int(round(size_px)))
    key = (size, bold, cond)
    if key not in _font_cache:
        name = "DejaVuSans" + ("Condensed" if cond else "") + ("-Bold" if bold else "") + ".ttf"
        f = None
        for d in FONT_DIRS:
            p = os.path.join(d, name)
            if os.path.exists(p):
                f = ImageFont.truetype(p, size)
                break
        _font_cache[key] = f or ImageFont.load_default(size=size)
    return _font_cache[key]


# ---------------------------------------------------------------------------------------------------------
# PDF417 and Code 39, drawn with exact box-filter coverage (no resampling of a bitmap)
# ---------------------------------------------------------------------------------------------------------
def pdf417_matrix(payload: str, columns: int, security_level: int) -> np.ndarray:
    codes = pdf417gen.encode(payload.encode("latin-1"), columns=columns, security_level=security_level)
    rows = []
    for row in codes:
        bits = "".join(format(v, "b") for v in row)
        rows.append([c == "1" for c in bits])
    m = np.array(rows, dtype=np.float32)
    assert m.shape[1] == 17 * len(codes[0]) + 1, m.shape
    return m


def coverage(n_units: int, unit_px: float, offset_px: float, n_pixels: int) -> np.ndarray:
    """A[p, u]: length of pixel p's interval [p, p+1) covered by unit u's [off + u*X, off + (u+1)*X)."""
    edges = offset_px + np.arange(n_units + 1, dtype=np.float64) * unit_px
    p = np.arange(n_pixels, dtype=np.float64)[:, None]
    lo = np.maximum(p, edges[None, :-1])
    hi = np.minimum(p + 1.0, edges[None, 1:])
    return np.clip(hi - lo, 0.0, None).astype(np.float32)


def paint_matrix(canvas: np.ndarray, m: np.ndarray, x0: float, y0: float, mod_w: float, mod_h: float,
                 ink=(22, 22, 28)) -> None:
    """Paint a module matrix (1 = dark) onto an HxWx3 float canvas at (x0, y0), modules mod_w x mod_h px."""
    H, W = canvas.shape[:2]
    ah = coverage(m.shape[1], mod_w, x0, W)
    av = coverage(m.shape[0], mod_h, y0, H)
    cols = np.nonzero(ah.sum(1))[0]
    rows = np.nonzero(av.sum(1))[0]
    if len(cols) == 0 or len(rows) == 0:
        return
    r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    cov = av[r0:r1] @ m @ ah[c0:c1].T  # fraction of each pixel that is dark
    cov = np.clip(cov, 0, 1)[..., None]
    region = canvas[r0:r1, c0:c1]
    canvas[r0:r1, c0:c1] = region * (1 - cov) + np.array(ink, np.float32) * cov


CODE39 = {
    "0": "nnnwwnwnn", "1": "wnnwnnnnw", "2": "nnwwnnnnw", "3": "wnwwnnnnn", "4": "nnnwwnnnw",
    "5": "wnnwwnnnn", "6": "nnwwwnnnn", "7": "nnnwnnwnw", "8": "wnnwnnwnn", "9": "nnwwnnwnn",
    "A": "wnnnnwnnw", "B": "nnwnnwnnw", "C": "wnwnnwnnn", "D": "nnnnwwnnw", "E": "wnnnwwnnn",
    "F": "nnwnwwnnn", "G": "nnnnnwwnw", "H": "wnnnnwwnn", "I": "nnwnnwwnn", "J": "nnnnwwwnn",
    "K": "wnnnnnnww", "L": "nnwnnnnww", "M": "wnwnnnnwn", "N": "nnnnwnnww", "O": "wnnnwnnwn",
    "P": "nnwnwnnwn", "Q": "nnnnnnwww", "R": "wnnnnnwwn", "S": "nnwnnnwwn", "T": "nnnnwnwwn",
    "U": "wwnnnnnnw", "V": "nwwnnnnnw", "W": "wwwnnnnnn", "X": "nwnnwnnnw", "Y": "wwnnwnnnn",
    "Z": "nwwnwnnnn", "-": "nwnnnnwnw", "*": "nwnnwnwnn",
}


def code39_row(text: str, wide: int = 3) -> np.ndarray:
    """One row of Code 39 modules (narrow = 1 unit, wide = `wide` units), start/stop '*'."""
    out: list[float] = []
    for ch in "*" + text + "*":
        for i, e in enumerate(CODE39[ch]):
            out += [1.0 if i % 2 == 0 else 0.0] * (wide if e == "w" else 1)
        out.append(0.0)  # inter-character gap
    return np.array([out[:-1]], dtype=np.float32)


# ---------------------------------------------------------------------------------------------------------
# Card design (drawn once per record from the rng; rendering is then deterministic at any scale)
# ---------------------------------------------------------------------------------------------------------
REST_TEXT = {"NONE": "NONE", "B": "B - CORRECTIVE LENSES", "A": "A - CORRECTIVE LENSES", "E": "E - AUTOMATIC TRANS",
             "BC": "B - LENSES  C - MECH AID", "X": "X - CORRECTIVE LENSES", "L": "L - NO AIR BRAKES"}
END_TEXT = {"NONE": "NONE", "M": "M - MOTORCYCLE", "P": "P - PASSENGER", "H": "H - HAZARDOUS MAT",
            "N": "N - TANK VEHICLE"}
AGENCY = ["DEPARTMENT OF MOTOR VEHICLES", "MOTOR VEHICLE DIVISION", "DRIVER SERVICES",
          "DEPT. OF PUBLIC SAFETY", "BUREAU OF MOTOR VEHICLES", "REGISTRY OF MOTOR VEHICLES"]


def random_design(rng: random.Random, rec: dict) -> dict:
    base = rng.choice([(238, 241, 234), (244, 240, 228), (232, 238, 244), (240, 236, 242), (236, 243, 238),
                       (246, 244, 238)])
    base = tuple(int(c + rng.randint(-6, 6)) for c in base)
    tint = tuple(int(c * rng.uniform(0.86, 0.93)) for c in base)
    return {
        "base_rgb": base, "pattern_rgb": tint, "pattern_seed": rng.randrange(1 << 30),
        "pattern_lines": rng.randint(10, 26), "mag_stripe": rng.random() < 0.25,
        "code39": rng.random() < 0.35, "columns": rng.randint(10, 20), "security_level": rng.randint(3, 5),
        "width_frac": rng.uniform(0.70, 0.90), "row_ratio": rng.uniform(2.6, 4.0),
        "x_shift_mm": rng.uniform(-2.0, 2.0), "barcode_valign": rng.choice(["bottom", "bottom", "middle"]),
        "agency": rng.choice(AGENCY), "fine_print": rng.random() < 0.7, "show_dates": rng.random() < 0.5,
        "watermark": rng.random() < 0.6, "ink_rgb": rng.choice([(20, 20, 24), (28, 26, 30), (12, 14, 22)]),
        "corner_radius_mm": 3.18,
    }


def render_card(rec: dict, design: dict, px_per_mm: float) -> tuple[Image.Image, dict]:
    """The flat card back as RGBA (rounded corners in alpha) and its layout in card pixels."""
    s = px_per_mm
    W, H = int(round(CARD_W_MM * s)), int(round(CARD_H_MM * s))
    img = Image.new("RGB", (W, H), design["base_rgb"])
    d = ImageDraw.Draw(img)
    prng = random.Random(design["pattern_seed"])
    # faint guilloche pattern
    for i in range(design["pattern_lines"]):
        y0 = prng.uniform(-0.1, 1.1) * H
        amp = prng.uniform(0.03, 0.12) * H
        lam = prng.uniform(0.25, 0.9) * W
        ph = prng.uniform(0, 2 * math.pi)
        pts = [(x, y0 + amp * math.sin(2 * math.pi * x / lam + ph)) for x in range(0, W + 8, 4)]
        d.line(pts, fill=design["pattern_rgb"], width=max(1, int(0.12 * s)))
    if design["watermark"]:
        wf = font(16 * s, bold=True)
        wcol = tuple(int(c * 0.965) for c in design["base_rgb"])
        d.text((W * 0.58, H * 0.36), rec["jurisdiction"], font=wf, fill=wcol)
    layout: dict = {"card_px": [W, H]}
    f = rec["fields"]
    y = 2.6 * s
    if design["mag_stripe"]:
        top, bot = 5.54 * s, 15.82 * s
        d.rectangle([0, top, W, bot], fill=(34, 30, 28))
        d.rectangle([0, top + 0.15 * (bot - top), W, top + 0.22 * (bot - top)], fill=(52, 47, 44))
        layout["mag_stripe_px"] = [0, top, W, bot]
        y = bot + 1.4 * s
    # printed text lines
    can = rec["country"] == "CAN"
    fs = 1.9 * s
    fb, fr = font(fs, bold=True, cond=True), font(fs, cond=True)
    lines = []
    if rec["doc_kind"] == "DL":
        lines.append(("CLASS / CLASSE " if can else "CLASS ", f["vehicle_class"] or ""))
        lines.append(("CONDITIONS: " if can else "RESTRICTIONS: ", REST_TEXT.get(f["restrictions"] or "NONE", f["restrictions"])))
        lines.append(("ENDORSEMENTS: ", END_TEXT.get(f["endorsements"] or "NONE", f["endorsements"])))
    else:
        lines.append(("IDENTIFICATION CARD", ""))
        lines.append(("NOT VALID FOR DRIVING" if not can else "NOT A DRIVER'S LICENCE / PAS UN PERMIS", ""))
    if design["show_dates"]:
        lines.append(("ISS ", rec["fields"]["issue_date"]))
    text_right_limit = W * (0.58 if design["code39"] else 0.95)
    line_h = fs * 1.32
    text_top = y
    for label, value in lines:
        d.text((3.2 * s, y), label, font=fb, fill=(40, 40, 48))
        lw = d.textlength(label, font=fb)
        d.text((3.2 * s + lw, y), value[: 40], font=fr, fill=(40, 40, 48))
        y += line_h
    marks_x = text_right_limit
    if f.get("organ_donor"):
        hx, hy, r = 3.2 * s + 40 * s * 0.0, y + 0.2 * s, 0.9 * s
        d.ellipse([hx, hy, hx + r * 1.1, hy + r], fill=(200, 30, 40))
        d.ellipse([hx + r * 0.9, hy, hx + r * 2.0, hy + r], fill=(200, 30, 40))
        d.polygon([(hx + 0.05 * r, hy + 0.65 * r), (hx + 1.95 * r, hy + 0.65 * r), (hx + r, hy + 1.8 * r)],
                  fill=(200, 30, 40))
        d.text((hx + 2.6 * r, y), "DONOR", font=fb, fill=(180, 20, 30))
        y += line_h
    if f.get("veteran"):
        d.text((3.2 * s + (14 * s if f.get("organ_donor") else 0), y - (line_h if f.get("organ_donor") else 0)),
               "VETERAN", font=fb, fill=(30, 40, 110))
        if not f.get("organ_donor"):
            y += line_h
    text_bottom = y
    canvas = np.asarray(img, dtype=np.float32).copy()
    # optional Code 39 (inventory / discriminator digits) at the top right of the text block
    if design["code39"]:
        txt = "".join(ch for ch in f["document_discriminator"] if ch in CODE39)[:8] or "0000"
        row = code39_row(txt)
        narrow = 0.25 * s
        bw = row.shape[1] * narrow
        bx = min(W - 3.0 * s - bw, marks_x + 1.0 * s)
        bx = max(bx, W * 0.5)
        narrow = min(narrow, (W - 3.0 * s - bx) / row.shape[1])
        bh = 5.5 * s
        paint_matrix(canvas, row, bx, text_top, narrow, bh, ink=design["ink_rgb"])
        layout["code39"] = {"text": txt, "box_px": [bx, text_top, bx + row.shape[1] * narrow, text_top + bh]}
        text_bottom = max(text_bottom, text_top + bh + 1.5 * s)
    # PDF417: choose a geometry that fits the space left
    fine_h = 2.6 * s if design["fine_print"] else 0.0
    avail_top = text_bottom + 1.2 * s
    avail_bot = H - 2.2 * s - fine_h
    width_px = design["width_frac"] * W
    cols, sec, ratio = design["columns"], design["security_level"], design["row_ratio"]
    m = None
    for _ in range(40):
        try:
            m = pdf417_matrix(rec["payload"], cols, sec)
        except ValueError:  # too many rows (or too few): widen / narrow
            cols = cols + 1 if cols < 30 else cols
            continue
        mod_w = width_px / m.shape[1]
        height = m.shape[0] * ratio * mod_w
        if height <= (avail_bot - avail_top) - 4 * mod_w:
            break
        if ratio > 2.4:
            ratio = max(2.4, ratio - 0.3)
        elif cols < 30:
            cols += 1
        else:
            break
    assert m is not None
    mod_w = width_px / m.shape[1]
    mod_h = ratio * mod_w
    bh = m.shape[0] * mod_h
    bx = (W - width_px) / 2 + design["x_shift_mm"] * s
    bx = min(max(bx, 2.0 * s), W - 2.0 * s - width_px)
    if design["barcode_valign"] == "middle":
        by = avail_top + max(0.0, (avail_bot - avail_top - bh) / 2)
    else:
        by = max(avail_top + 2 * mod_w, avail_bot - bh - 2 * mod_w)
    # quiet zone: lighter card ground around the symbol
    q = 3 * mod_w
    y0q, y1q = int(max(0, by - q)), int(min(H, by + bh + q))
    x0q, x1q = int(max(0, bx - q)), int(min(W, bx + width_px + q))
    canvas[y0q:y1q, x0q:x1q] = canvas[y0q:y1q, x0q:x1q] * 0.25 + np.array([250, 250, 248], np.float32) * 0.75
    paint_matrix(canvas, m, bx, by, mod_w, mod_h, ink=design["ink_rgb"])
    img = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    if design["fine_print"]:
        ff = font(1.35 * s, cond=True)
        txt = f"{design['agency']}   DD {f['document_discriminator']}"
        d.text((3.2 * s, H - 2.0 * s - fine_h * 0.8), txt[:70], font=ff, fill=(70, 70, 80))
    codes_rows, codes_cols = m.shape[0], (m.shape[1] - 1) // 17 - 4
    layout["barcode_box_px"] = [bx, by, bx + width_px, by + bh]
    layout["barcode"] = {
        "columns": codes_cols, "rows": codes_rows, "security_level": sec,
        "ec_codewords": 2 ** (sec + 1), "modules_wide": int(m.shape[1]), "row_height_ratio": round(ratio, 3),
        "width_frac_of_card": round(width_px / W, 4), "module_mm": round(mod_w / s, 4),
        "columns_requested": design["columns"],
    }
    # rounded corners
    alpha = Image.new("L", (W, H), 0)
    ImageDraw.Draw(alpha).rounded_rectangle([0, 0, W - 1, H - 1], radius=design["corner_radius_mm"] * s, fill=255)
    img = img.convert("RGBA")
    img.putalpha(alpha)
    return img, layout


# ---------------------------------------------------------------------------------------------------------
# Photo
# ---------------------------------------------------------------------------------------------------------
def background(rng: np.random.Generator, kind: str, w: int, h: int) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)

    def lowfreq(scale):
        small = rng.normal(0, 1, (max(2, h // scale), max(2, w // scale))).astype(np.float32)
        return np.asarray(Image.fromarray(small).resize((w, h), Image.BICUBIC))

    if kind == "desk":
        base = np.array(rng.choice([[200, 195, 185], [120, 124, 130], [228, 226, 222], [150, 140, 125]]), np.float32)
        img = base + lowfreq(128)[..., None] * 3 + rng.normal(0, 2, (h, w, 1))
    elif kind == "wood":
        base = np.array(rng.choice([[150, 100, 60], [120, 80, 50], [180, 135, 90]]), np.float32)
        vertical = rng.random() < 0.5
        hh, ww = (h, w) if vertical else (w, h)  # build vertical grain, transpose for horizontal

        def aniso(sy, sx):
            small = rng.normal(0, 1, (max(2, hh // sy), max(2, ww // sx))).astype(np.float32)
            return np.asarray(Image.fromarray(small).resize((ww, hh), Image.BICUBIC))

        gx = np.mgrid[0:hh, 0:ww][1].astype(np.float32)
        period = rng.uniform(14, 30) * w / 1280
        phase = gx / period + 1.2 * aniso(160, 40) + 0.3 * aniso(30, 12)
        rings = np.abs(np.sin(math.pi * phase)) ** 3
        fibres = aniso(24, 1) * 0.5
        grain = -0.5 * rings + 0.25 * fibres + 0.15 * aniso(200, 120)
        if not vertical:
            grain = grain.T
        img = base * (1 + 0.18 * grain[..., None]) + rng.normal(0, 2.5, (h, w, 1))
    elif kind == "fabric":
        base = np.array(rng.choice([[70, 90, 130], [130, 60, 60], [90, 110, 80], [160, 160, 165]]), np.float32)
        p = rng.uniform(3, 6)
        weave = np.sin(xx * 2 * math.pi / p) * np.sin(yy * 2 * math.pi / p)
        img = base * (1 + 0.10 * weave[..., None] + 0.025 * lowfreq(48)[..., None]) + rng.normal(0, 4, (h, w, 1))
    elif kind == "paper":
        base = np.array(rng.choice([[240, 238, 232], [232, 232, 228], [245, 242, 230]]), np.float32)
        img = base + lowfreq(8)[..., None] * 3 + rng.normal(0, 2.5, (h, w, 1))
        if rng.random() < 0.5:  # ruled lines
            gap = rng.uniform(28, 40) * w / 1280
            img[(yy % gap) < 1.2] -= np.array([40, 25, 0], np.float32)
    else:  # dark
        base = np.array(rng.choice([[28, 28, 32], [40, 36, 34], [18, 22, 30]]), np.float32)
        img = base + lowfreq(96)[..., None] * 3 + rng.normal(0, 3, (h, w, 1))
    return np.clip(img, 0, 255).astype(np.float32)


def homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """3x3 H with dst ~ H @ src for 4 point pairs."""
    A, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); b.append(v)
    h = np.linalg.solve(np.array(A, np.float64), np.array(b, np.float64))
    return np.append(h, 1.0).reshape(3, 3)


def apply_h(H: np.ndarray, pts) -> np.ndarray:
    p = np.c_[np.asarray(pts, np.float64), np.ones(len(pts))] @ H.T
    return p[:, :2] / p[:, 2:3]


def card_corners(w_card: float, h_card: float, theta_deg: float, tilt_x: float, tilt_y: float, f: float,
                 cx: float, cy: float) -> np.ndarray:
    """Project the card's corners: in-plane rotation (CCW as seen), then 3D tilt, pinhole camera."""
    t = math.radians(theta_deg)
    pts = np.array([[-w_card / 2, -h_card / 2], [w_card / 2, -h_card / 2], [w_card / 2, h_card / 2],
                    [-w_card / 2, h_card / 2]])
    # image coordinates (y down): CCW on screen
    rx = pts[:, 0] * math.cos(t) + pts[:, 1] * math.sin(t)
    ry = -pts[:, 0] * math.sin(t) + pts[:, 1] * math.cos(t)
    P = np.c_[rx, ry, np.zeros(4)]
    ax, ay = math.radians(tilt_x), math.radians(tilt_y)
    Rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    Ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    P = P @ (Ry @ Rx).T
    Z = f + P[:, 2]
    return np.c_[cx + f * P[:, 0] / Z, cy + f * P[:, 1] / Z]


def photograph(card: Image.Image, layout: dict, rng: random.Random, out_size: tuple[int, int],
               card_w_px: float, max_tilt: float, max_persp: float = 5.0,
               disable: frozenset = frozenset()) -> tuple[Image.Image, dict, dict]:
    """Place the card in a photo. Effects named in `disable` are drawn (same random stream) but not applied."""
    W, H = out_size
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    aug: dict = {"size": [W, H]}
    bg_kind = rng.choice(BACKGROUNDS)
    aug["background"] = bg_kind
    bg = background(nrng, bg_kind, W, H)
    cw, ch = card.size
    theta = rng.uniform(-max_tilt, max_tilt)
    tilt_x, tilt_y = rng.uniform(-max_persp, max_persp), rng.uniform(-max_persp, max_persp)
    f = rng.uniform(0.9, 1.5) * W  # phone main cameras: about 0.8-1.0 x image width
    # place the card centre so that all corners are inside the frame with a margin
    for _ in range(200):
        cx = W / 2 + rng.uniform(-0.12, 0.12) * W
        cy = H / 2 + rng.uniform(-0.12, 0.12) * H
        corners = card_corners(cw, ch, theta, tilt_x, tilt_y, f, cx, cy)
        if corners[:, 0].min() > 0.02 * W and corners[:, 0].max() < 0.98 * W and \
                corners[:, 1].min() > 0.02 * H and corners[:, 1].max() < 0.98 * H:
            break
    else:
        cx, cy = W / 2, H / 2
        corners = card_corners(cw, ch, theta, tilt_x, tilt_y, f, cx, cy)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float64)
    Hf = homography(src, corners)  # card -> image
    Hi = np.linalg.inv(Hf)
    Hi /= Hi[2, 2]
    warped = card.transform((W, H), Image.PERSPECTIVE, tuple(Hi.flatten()[:8]), Image.BICUBIC)
    wa = np.asarray(warped, dtype=np.float32)
    alpha = wa[..., 3:4] / 255.0
    # soft drop shadow
    sh_off = (rng.uniform(-0.012, 0.012) * W, rng.uniform(0.0, 0.015) * W)
    sh_blur = rng.uniform(0.006, 0.02) * W
    sh_strength = rng.uniform(0.15, 0.45) if bg_kind != "dark" else 0.1
    sh = Image.fromarray((alpha[..., 0] * 255).astype(np.uint8)).transform(
        (W, H), Image.AFFINE, (1, 0, -sh_off[0], 0, 1, -sh_off[1])).filter(ImageFilter.GaussianBlur(sh_blur))
    sh = np.asarray(sh, np.float32)[..., None] / 255.0
    img = bg * (1 - sh_strength * sh) if "shadow" not in disable else bg
    img = img * (1 - alpha) + wa[..., :3] * alpha
    aug.update({"rotation_deg": round(theta, 3), "tilt_x_deg": round(tilt_x, 2), "tilt_y_deg": round(tilt_y, 2),
                "focal_px": round(f, 1), "card_width_frac": round(card_w_px / W, 4),
                "padding": round(1 - card_w_px / W, 4),
                "shadow": {"offset": [round(sh_off[0], 1), round(sh_off[1], 1)], "blur": round(sh_blur, 1),
                           "strength": round(sh_strength, 3)}})
    # geometry of the bar code in the photo
    x0, y0, x1, y1 = layout["barcode_box_px"]
    bq = apply_h(Hf, [[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    top = bq[1] - bq[0]
    geom = {"card_quad": np.round(corners, 1).tolist(), "barcode_quad": np.round(bq, 1).tolist(),
            "barcode_angle_deg": round(math.degrees(math.atan2(-top[1], top[0])), 3),
            "barcode_width_px": round(float(np.linalg.norm(top)), 1)}
    geom["module_px"] = round(geom["barcode_width_px"] / layout["barcode"]["modules_wide"], 3)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    # shading gradient
    s = rng.uniform(0.0, 0.35)
    phi = rng.uniform(0, 2 * math.pi)
    t = (xx * math.cos(phi) + yy * math.sin(phi))
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    if "shading" not in disable:
        img *= (1 - s * t)[..., None]
    aug["shading"] = {"strength": round(s, 3), "direction_deg": round(math.degrees(phi), 1)}
    # glare spot
    if rng.random() < 0.6:
        if rng.random() < 0.4:  # on the bar code
            c = bq.mean(0) + np.array([rng.uniform(-0.35, 0.35) * geom["barcode_width_px"], rng.uniform(-20, 20)])
        else:
            c = np.array([rng.uniform(0.1, 0.9) * W, rng.uniform(0.1, 0.9) * H])
        r = rng.uniform(0.03, 0.12) * W
        k = rng.uniform(0.15, 0.65)
        ecc = rng.uniform(0.5, 1.0)
        g = np.exp(-(((xx - c[0]) / r) ** 2 + ((yy - c[1]) / (r * ecc)) ** 2))
        if "glare" not in disable:
            img = img + (255 - img) * (k * g)[..., None]
        inside = bool(_point_in_quad(c, bq))
        aug["glare"] = {"center": [round(float(c[0]), 1), round(float(c[1]), 1)], "radius": round(r, 1),
                        "strength": round(k, 3), "aspect": round(ecc, 3), "center_on_barcode": inside}
    else:
        aug["glare"] = None
    # white balance, brightness, contrast
    wb = [rng.uniform(0.94, 1.06), 1.0, rng.uniform(0.92, 1.06)]
    bright = rng.uniform(0.8, 1.2)
    contrast = rng.uniform(0.8, 1.15)
    if "color" not in disable:
        img *= np.array(wb, np.float32)
        img = (img - 128) * contrast + 128
        img *= bright
    aug.update({"white_balance": [round(v, 3) for v in wb], "brightness": round(bright, 3),
                "contrast": round(contrast, 3)})
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    blur = rng.uniform(0.0, 1.2)
    if blur > 0.05 and "blur" not in disable:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    aug["blur_radius"] = round(blur, 3)
    # sensor noise as left by a phone's ISP: low amplitude, slightly blotchy (spatially correlated)
    sigma = rng.uniform(1.0, 4.0)
    corr = rng.uniform(0.4, 1.0)
    noise = nrng.normal(0, 1, (H, W, 3)).astype(np.float32)
    if "noise" not in disable:
        noise = _gauss_blur(noise, corr)
        noise *= sigma / max(1e-6, float(noise.std()))
        out = Image.fromarray(np.clip(np.asarray(out, np.float32) + noise, 0, 255).astype(np.uint8))
    aug["noise_sigma"] = round(sigma, 3)
    aug["noise_corr_radius"] = round(corr, 3)
    aug["jpeg_quality"] = rng.randint(60, 95)
    if "jpeg" in disable:
        aug["jpeg_quality"] = 100
    if disable:
        aug["disabled"] = sorted(disable)
    return out, aug, geom


def _gauss_blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur of an HxWxC float array over H and W (edges clamped)."""
    r = max(1, int(math.ceil(3 * sigma)))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    for axis in (0, 1):
        pad = [(0, 0)] * a.ndim
        pad[axis] = (r, r)
        p = np.pad(a, pad, mode="edge")
        n = a.shape[axis]
        a = sum(w * np.take(p, range(i, i + n), axis=axis) for i, w in enumerate(k))
    return a.astype(np.float32)


def _point_in_quad(p, q) -> bool:
    sgn = []
    for i in range(4):
        a, b = q[i], q[(i + 1) % 4]
        sgn.append((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]))
    return all(v >= 0 for v in sgn) or all(v <= 0 for v in sgn)


# ---------------------------------------------------------------------------------------------------------
def generate(count: int, seed: int, out: str, max_tilt: float = 8.0, malformed_every: int = 12,
             flat: bool = False, sizes=None, max_persp: float = 5.0, disable=frozenset()) -> list[dict]:
    os.makedirs(out, exist_ok=True)
    rng = random.Random(seed)
    forb = aamva.forbidden_tokens()
    clash = aamva.holder_tokens() & forb
    if clash:
        raise SystemExit(f"holder pools use words of shared/testdata truth: {sorted(clash)}")
    versions = list(range(1, 11)) + [aamva.pick_version(rng) for _ in range(max(0, count - 10))]
    versions = versions[:count]
    rng.shuffle(versions)
    sizes = sizes or SIZES
    records = []
    mal_i = seed * 5  # vary which malformed kinds a set gets (seeds 7 and 8 cover all 7 kinds)
    for i in range(count):
        bad = None
        if malformed_every and i % malformed_every == malformed_every - 1:
            bad = aamva.MALFORMED_KINDS[mal_i % len(aamva.MALFORMED_KINDS)]
            mal_i += 1
        country = "CAN" if rng.random() < 0.25 else "USA"
        code = rng.choice([c for c in aamva.SAMPLED_JURISDICTIONS if aamva.country_of(c) == country])
        rec = aamva.make_record(rng, version=versions[i], code=code, malformed_kind=bad)
        design = random_design(rng, rec)
        size = rng.choices([s for s, _ in sizes], weights=[w for _, w in sizes])[0]
        card_frac = rng.uniform(0.55, 0.85)
        card_w_px = card_frac * size[0]
        card, layout = render_card(rec, design, card_w_px / CARD_W_MM)
        photo, aug, geom = photograph(card, layout, rng, size, card_w_px, max_tilt, max_persp, frozenset(disable))
        name = f"back_{i:04d}.jpg"
        photo.save(os.path.join(out, name), quality=aug["jpeg_quality"])
        if flat:
            os.makedirs(os.path.join(out, "flat"), exist_ok=True)
            fc, _ = render_card(rec, design, 1000 / CARD_W_MM)
            bgc = Image.new("RGB", fc.size, (255, 255, 255))
            bgc.paste(fc, mask=fc.split()[3])
            bgc.save(os.path.join(out, "flat", name.replace(".jpg", ".png")))
        card_meta = {k: design[k] for k in ("mag_stripe", "code39", "fine_print", "show_dates", "watermark")}
        card_meta.update({"px_per_mm": round(card_w_px / CARD_W_MM, 3), "base_rgb": list(design["base_rgb"]),
                          "donor_printed": bool(rec["fields"]["organ_donor"]),
                          "code39_text": layout.get("code39", {}).get("text")})
        rec = {"file": name, **rec, "barcode": layout["barcode"], "card": card_meta, "geometry": geom,
               "augment": aug}
        records.append(rec)
        print(f"{name}  {rec['jurisdiction']} v{rec['aamva_version']:02d} {rec['doc_kind']} "
              f"{'MALFORMED:' + rec['malformed_kind'] if rec['malformed'] else ''} "
              f"{size[0]}x{size[1]} rot {aug['rotation_deg']:+.2f} module {geom['module_px']:.2f}px "
              f"cols {layout['barcode']['columns']} rows {layout['barcode']['rows']} ec{layout['barcode']['security_level']}",
              flush=True)
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(records, fh, indent=1, ensure_ascii=True)
    return records


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="photographed AAMVA PDF417 licence/ID backs + truth.json")
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-tilt", type=float, default=8.0, help="in-plane rotation uniform in +-this (degrees)")
    ap.add_argument("--max-persp", type=float, default=5.0,
                    help="out-of-plane tilt of the card about each axis, uniform in +-this (degrees)")
    ap.add_argument("--malformed-every", type=int, default=12,
                    help="every Nth record carries a deliberately malformed payload (0: none)")
    ap.add_argument("--flat", action="store_true", help="also save each card flat, 1000 px wide, in OUT/flat/")
    ap.add_argument("--size", help="force one output size WxH (e.g. 640x480)")
    ap.add_argument("--disable", default="", help=f"comma list of effects to skip (same random stream, for "
                    f"ablations): {','.join(EFFECTS)}")
    a = ap.parse_args(argv)
    sizes = None
    if a.size:
        w, h = (int(v) for v in a.size.lower().split("x"))
        sizes = [((w, h), 1.0)]
    disable = frozenset(x for x in a.disable.split(",") if x)
    if disable - set(EFFECTS):
        raise SystemExit(f"unknown effects {sorted(disable - set(EFFECTS))}; known: {EFFECTS}")
    recs = generate(a.count, a.seed, a.out, a.max_tilt, a.malformed_every, a.flat, sizes, a.max_persp, disable)
    print(f"wrote {len(recs)} images + truth.json to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
