#!/usr/bin/env python3
"""Images made to cost the server memory, one per class `make bench-server` measures (each under the 2 MB upload
limit). Needs Pillow (the docgen venv has it). Usage: hostile_images.py OUT_DIR; prints the files it wrote.

Classes, and what the service does with them (src/imaging):
  cmyk_progressive_8000   8000x8000 CMYK progressive JPEG: over the 16 Mpx budget, refused from its header.
  cmyk_progressive_3100   3100x2300 CMYK progressive JPEG: about the largest CMYK progressive under the decode budget.
  ycc444_progressive_3300 3300x2500 progressive JPEG without chroma subsampling: the same, for colour photos.
  rgb_baseline_16mpx      4608x3456 baseline JPEG (a 16 Mpx phone photo): about the largest image accepted.
  rgba16_png_2300         2300x2300 16-bit RGBA PNG: about the largest 16-bit PNG under the decode budget.
  rgba16_png_3000         3000x3000 16-bit RGBA PNG: over the decode budget, refused from its header.
  iccp_bomb_png           640x480 PNG whose iCCP chunk inflates to 1 GiB: the chunk is never inflated.
"""
import io
import pathlib
import struct
import sys
import zlib

from PIL import Image


def gradient(mode, w, h):
    """A smooth image (it compresses to a few hundred KB, as a flat-lit document photo would)."""
    base = Image.linear_gradient("L").resize((w, h))
    if mode == "L":
        return base
    return Image.merge(mode, [base] * len(mode))


def jpeg(img, **kw):
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, **kw)
    return out.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def iccp_bomb():
    out = io.BytesIO()
    gradient("RGB", 640, 480).save(out, "PNG")
    png = out.getvalue()
    z = zlib.compressobj(9)
    block = bytes(16 << 20)
    profile = b"".join(z.compress(block) for _ in range(64)) + z.flush()  # 1 GiB of zeros, about 1 MB deflated
    chunk = png_chunk(b"iCCP", b"bomb\x00\x00" + profile)
    return png[:33] + chunk + png[33:]  # right after IHDR, where a profile belongs


def rgba16_png(w, h):
    # Pillow writes 16-bit PNGs only for single-channel modes, so the 16-bit RGBA one is written by hand: one flat
    # colour row, repeated (filter type 0), deflated in a stream.
    row = b"\x00" + b"\x12\x34\x56\x78\x9a\xbc\xff\xff" * w
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "cmyk_progressive_8000.jpg": lambda: jpeg(gradient("CMYK", 8000, 8000), progressive=True),
        "cmyk_progressive_3100.jpg": lambda: jpeg(gradient("CMYK", 3100, 2300), progressive=True),
        "ycc444_progressive_3300.jpg": lambda: jpeg(gradient("RGB", 3300, 2500), progressive=True, subsampling=0),
        "rgb_baseline_16mpx.jpg": lambda: jpeg(gradient("RGB", 4608, 3456)),
        "rgba16_png_2300.png": lambda: rgba16_png(2300, 2300),
        "rgba16_png_3000.png": lambda: rgba16_png(3000, 3000),
        "iccp_bomb_png.png": iccp_bomb,
    }
    for name, make in files.items():
        path = out / name
        if not path.exists():
            path.write_bytes(make())
        size = path.stat().st_size
        assert size <= 2 * 1024 * 1024, f"{name} is {size} bytes, over the upload limit"
        print(path)


if __name__ == "__main__":
    main()
