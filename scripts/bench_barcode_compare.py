"""Print `kyc barcode-bench` and zxing-cpp (`tools/docgen/bench_zxing.py`) figures side by side, per set of
photographed backs and per subset (all, well-formed payloads, 1280 px and larger, 640x480).

    python3 scripts/bench_barcode_compare.py OURS.json ZXING.json

decoded  any PDF417 bytes came out (ours: accepted or refused by the AAMVA check)
exact    the bytes equal the truth payload (control characters included)
5 fields last name, first name, birth date, expiry date and licence/ID number all exact. Ours: the fields of the
         accepted record compared with truth.json. zxing-cpp: exact bytes of a well-formed payload (which parse to
         exactly those fields; zxing-cpp itself does not parse AAMVA)
false    ours: a record accepted that is not the truth (or accepted from a malformed payload). zxing-cpp: bytes
         returned that are not the payload, with no error (it has no AAMVA check to catch them)
ms       median and p90 per back of the decoding call alone (JPEG decoding excluded), fastest of the runs
"""
import json
import os
import sys


def pct(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


def key(d, f):
    return os.path.basename(os.path.normpath(d)), f


def ours_rows(report):
    rows = {}
    for i in report["images"]:
        rows[key(i["dir"], i["file"])] = {
            "malformed": i["malformed"], "small": max(i["width"], i["height"]) < 1000,
            "decoded": i["decoded"], "exact": i["exact"], "five": i["five_exact"], "false": i["false_decode"],
            "ms": i["ms"],
        }
    return rows


def zxing_rows(report, variant):
    rows = {}
    for i in report["images"]:
        v = i["variants"].get(variant)
        if v is None:
            continue
        rows[key(i["dir"], i["file"])] = {
            "malformed": i["malformed"], "small": max(i["size"]) < 1000, "decoded": v["found"],
            "exact": v["exact"], "five": v["exact"] and not i["malformed"], "false": v["found"] and not v["exact"],
            "ms": v["ms"],
        }
    return rows


def line(label, rows):
    n = len(rows)
    if n == 0:
        return f"    {label:<22} {0:>3}"

    def c(k):
        k_n = sum(1 for r in rows if r[k])
        return f"{k_n:>3} {100 * k_n / n:3.0f}%"

    ms = [r["ms"] for r in rows]
    false = sum(1 for r in rows if r["false"])
    return (f"    {label:<22} {n:>3}  {c('decoded')}  {c('exact')}  {c('five')}  {false:>5}  "
            f"{pct(ms, 0.5):9.1f} {pct(ms, 0.9):7.1f}")


def main():
    ours = ours_rows(json.load(open(sys.argv[1])))
    zx = json.load(open(sys.argv[2]))
    engines = [("kyc/rxing", ours), ("zxing-cpp as-is", zxing_rows(zx, "asis"))]
    deskew = zxing_rows(zx, "deskew")
    if deskew:
        engines.append(("zxing-cpp deskewed*", deskew))
    sets = sorted({k[0] for k in ours})
    subsets = [
        ("all", lambda r: True),
        ("well-formed payloads", lambda r: not r["malformed"]),
        ("1280 px+, well-formed", lambda r: not r["small"] and not r["malformed"]),
        ("640x480", lambda r: r["small"]),
    ]
    print(f"zxing-cpp {zx['meta'].get('zxing_cpp', '?')} vs kyc/rxing, PDF417 on photographed AAMVA backs")
    for s in sets + ["ALL"]:
        keys = [k for k in ours if s == "ALL" or k[0] == s]
        if s == "ALL" and len(sets) < 2:
            continue
        mal = sum(1 for k in keys if ours[k]["malformed"])
        small = sum(1 for k in keys if ours[k]["small"])
        print(f"\n{s}: {len(keys)} backs ({mal} with a malformed payload, {small} at 640x480)")
        print(f"    {'':<22} {'n':>3}  {'decoded':>8}  {'exact':>8}  {'5 fields':>8}  {'false':>5}  "
              f"{'median ms':>9} {'p90 ms':>7}")
        for sub, keep in subsets:
            print(f"  {sub}")
            for name, rows in engines:
                print(line(name, [rows[k] for k in keys if k in rows and keep(rows[k])]))
    if deskew:
        print("\n* zxing-cpp on the photo rotated by its true angle from truth.json (an oracle, not a reader;"
              " the rotation's time is not counted)")


if __name__ == "__main__":
    main()
