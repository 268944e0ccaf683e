"""Photo effects: the rendered document placed on a background and photographed (rotation, perspective, light,
glare, blur, noise, JPEG). Returns the photo and the `augment` record of the shared truth format."""

from __future__ import annotations

import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

BACKGROUNDS = ["desk", "wood", "fabric", "paper", "dark"]


def background(r: random.Random, kind: str, w: int, h: int) -> Image.Image:
    nr = np.random.default_rng(r.randrange(2**32))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array([r.randint(120, 170), r.randint(75, 110), r.randint(40, 70)], np.float32)
        f = r.uniform(0.03, 0.07)
        grain = np.sin(yy * f + 3 * np.sin(xx * 0.004 + r.uniform(0, 6)) + nr.normal(0, 0.3, (h, w)))
        v = 1 + 0.12 * grain[..., None]
        arr = base * v
    elif kind == "fabric":
        base = np.array([r.randint(40, 200) for _ in range(3)], np.float32)
        p = r.randint(3, 6)
        weave = ((xx.astype(int) // p + yy.astype(int) // p) % 2).astype(np.float32)
        arr = base * (0.9 + 0.1 * weave[..., None])
    elif kind == "paper":
        base = np.array([r.randint(225, 245)] * 3, np.float32) - np.array([0, r.randint(0, 8), r.randint(5, 20)])
        arr = np.broadcast_to(base, (h, w, 3)).astype(np.float32)
    elif kind == "dark":
        base = np.array([r.randint(15, 50)] * 3, np.float32) + np.array([0, r.randint(0, 6), r.randint(0, 10)])
        arr = np.broadcast_to(base, (h, w, 3)).astype(np.float32)
    else:  # desk: smooth coloured surface with a vignette
        base = np.array([r.randint(90, 200), r.randint(90, 200), r.randint(90, 200)], np.float32)
        arr = np.broadcast_to(base, (h, w, 3)).astype(np.float32)
    g = 1 - 0.25 * (((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2)
    arr = arr * g[..., None] + nr.normal(0, 4, (h, w, 1))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _coeffs(dst, src):
    """Perspective coefficients mapping output points (dst) to input points (src) for Image.transform."""
    a = []
    b = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    return np.linalg.solve(np.array(a, np.float64), np.array(b, np.float64)).tolist()


def choose_size(r: random.Random, portrait_doc: bool) -> tuple[int, int]:
    x = r.random()
    if x < 0.62:
        s = (640, 480)
    elif x < 0.88:
        s = (1280, 960)
    else:
        s = (1600, 1200)
    if portrait_doc or r.random() < 0.06:
        s = (s[1], s[0])
    return s


def photograph(r: random.Random, doc: Image.Image, alpha: Image.Image, unreadable: bool,
               size: tuple[int, int] | None = None) -> tuple[Image.Image, dict]:
    W, H = size or choose_size(r, doc.height > doc.width)
    kind = r.choice(BACKGROUNDS)
    aug: dict = {"size": [W, H], "background": kind}
    pad = round(r.uniform(0.02, 0.2), 3)
    rot = round(r.uniform(-8, 8) if r.random() < 0.85 else r.uniform(-2, 2), 2)
    persp = round(r.uniform(0, 0.03), 3)
    aug.update(padding=pad, rotation_deg=rot, perspective=persp)
    # fit the rotated document inside the frame minus padding
    dw, dh = doc.size
    th = math.radians(rot)
    bw = dw * abs(math.cos(th)) + dh * abs(math.sin(th))
    bh = dw * abs(math.sin(th)) + dh * abs(math.cos(th))
    scale = min(W * (1 - 2 * pad) / bw, H * (1 - 2 * pad) / bh)
    # pre-scale with a good filter (the perspective transform does not area-average)
    sw, sh = max(8, int(dw * scale)), max(8, int(dh * scale))
    small = doc.resize((sw, sh), Image.LANCZOS)
    small_a = alpha.resize((sw, sh), Image.LANCZOS)
    cx, cy = W / 2 + r.uniform(-1, 1) * W * pad * 0.5, H / 2 + r.uniform(-1, 1) * H * pad * 0.5
    corners = [(-sw / 2, -sh / 2), (sw / 2, -sh / 2), (sw / 2, sh / 2), (-sw / 2, sh / 2)]
    dst = []
    for x, y in corners:
        x += r.uniform(-1, 1) * persp * sw
        y += r.uniform(-1, 1) * persp * sh
        dst.append((cx + x * math.cos(th) - y * math.sin(th), cy + x * math.sin(th) + y * math.cos(th)))
    src = [(0, 0), (sw, 0), (sw, sh), (0, sh)]
    c = _coeffs(dst, src)
    warped = small.transform((W, H), Image.PERSPECTIVE, c, Image.BICUBIC)
    warped_a = small_a.transform((W, H), Image.PERSPECTIVE, c, Image.BILINEAR)
    bg = background(r, kind, W, H)
    # soft shadow
    sh_mask = warped_a.filter(ImageFilter.GaussianBlur(max(2, W // 150))).point(lambda v: int(v * 0.45))
    off = max(2, W // 200)
    shadow = Image.new("L", (W, H), 0)
    shadow.paste(sh_mask, (off, off))
    bg.paste(Image.new("RGB", (W, H), (0, 0, 0)), (0, 0), shadow)
    bg.paste(warped, (0, 0), warped_a)
    arr = np.asarray(bg).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if r.random() < 0.5:
        ang = r.uniform(0, 2 * math.pi)
        g = (xx / W - 0.5) * math.cos(ang) + (yy / H - 0.5) * math.sin(ang)
        arr *= (1 + g * r.uniform(0.3, 0.6))[..., None]
        aug["shading"] = True
    bright = round(r.uniform(0.75, 1.25), 2)
    contrast = round(r.uniform(0.8, 1.22), 2)
    arr = (arr - 128) * contrast + 128
    arr *= bright
    aug.update(brightness=bright, contrast=contrast)
    if r.random() < 0.35:
        gx, gy = int(r.uniform(0.15, 0.85) * W), int(r.uniform(0.15, 0.85) * H)
        gr = int(r.uniform(0.05, 0.16) * W)
        peak = round(r.uniform(0.3, 0.6), 2)
        arr += 255 * peak * np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * gr * gr)))[..., None]
        aug["glare"] = {"x": gx, "y": gy, "r": gr, "peak": peak}
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    k = W / 640 if W >= H else H / 640
    if unreadable:
        blur = round(r.uniform(3.2, 5.5) * k, 2)
    else:
        blur = 0.0 if r.random() < 0.55 else round(r.uniform(0.3, 1.1) * k, 2)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    aug["blur_radius"] = blur
    sigma = round(r.uniform(0.5, 8.0), 1)
    nr = np.random.default_rng(r.randrange(2**32))
    arr = np.asarray(img).astype(np.float32) + nr.normal(0, sigma, (H, W, 1)) + nr.normal(0, sigma * 0.3, (H, W, 3))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    aug["noise_sigma"] = sigma
    q = r.randint(50, 95)
    aug["jpeg_quality"] = q
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=q)
    return buf.getvalue(), aug


_ = ImageDraw


def harden(r: random.Random, jpg: bytes) -> tuple[bytes, dict]:
    """What real uploads do to a photo: the phone held upright for a landscape card (the whole photo turned 90 or
    270 degrees), a page sent at 400-520 pixels wide, or taken in low light (darker, lower contrast, more noise).
    One or more of the three; returns the new JPEG and what was done."""
    img = Image.open(io.BytesIO(jpg)).convert("RGB")
    done: dict = {}
    effects = [e for e in ("turned", "small", "dark") if r.random() < 0.5] or [r.choice(["turned", "small", "dark"])]
    if "turned" in effects:
        angle = r.choice([90, 270])
        img = img.rotate(angle, expand=True)
        done["turned_deg"] = angle
    if "small" in effects:
        w = r.randint(400, 520)
        h = round(img.height * w / img.width)
        img = img.resize((w, h), Image.Resampling.LANCZOS)
        done["width"] = w
    if "dark" in effects:
        k = r.uniform(0.3, 0.5)
        arr = np.asarray(img).astype(np.float32) * k + r.uniform(0, 12)
        nr = np.random.default_rng(r.randrange(2**32))
        arr += nr.normal(0, 6, arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        done["light"] = round(k, 2)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=r.randint(70, 88))
    return out.getvalue(), done
