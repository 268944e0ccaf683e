"""Print `kyc bench` and RapidOCR figures side by side: per image ms, medians, ratios, load, first image, RSS,
and how many lines the two engines read identically."""
import json
import statistics
import sys

ours = json.load(open(sys.argv[1]))
theirs = json.load(open(sys.argv[2]))
by_file = {i["file"]: i for i in theirs["images"]}


def norm(lines):
    return {l.replace(" ", "").upper() for l in lines}


rows, ratios_small, ratios_all, same, total = [], [], [], 0, 0
print(f"{'image':44} {'size':>9} {'ours ms':>8} {'rapid ms':>8} {'ratio':>6} {'lines o/r/same':>15}")
for o in ours["images"]:
    r = by_file.get(o["file"])
    if r is None:
        continue
    ratio = o["total_ms"] / r["total_ms"]
    ratios_all.append(ratio)
    if max(o["width"], o["height"]) <= 700:
        ratios_small.append(ratio)
    a, b = norm(o["lines"]), norm(r["lines"])
    same += len(a & b)
    total += len(b)
    name = o["file"].split("/")[-2] + "/" + o["file"].split("/")[-1]
    print(f"{name[-44:]:44} {o['width']:>4}x{o['height']:<4} {o['total_ms']:8.0f} {r['total_ms']:8.0f} {ratio:6.2f} "
          f"{len(a):>4}/{len(b):>3}/{len(a & b):>3}")


def med(xs):
    return statistics.median(xs) if xs else float("nan")


print()
print(f"images compared:                 {len(ratios_all)}")
print(f"median total ms ours/RapidOCR:   {med([o['total_ms'] for o in ours['images']]):.0f} / "
      f"{med([r['total_ms'] for r in theirs['images']]):.0f}")
print(f"median ratio ours/RapidOCR:      {med(ratios_all):.2f} (all), {med(ratios_small):.2f} (640x480-class images)")
for stage in ["decode_ms", "detect_ms", "orient_ms", "recognise_ms"]:
    print(f"median {stage:13} ours/Rapid:  {med([o[stage] for o in ours['images']]):7.1f} / "
          f"{med([r[stage] for r in theirs['images']]):7.1f}")
print(f"model load ms ours/RapidOCR:     {ours['model_load_ms']:.0f} / {theirs['model_load_ms']:.0f}")
print(f"load + first image ms:           {ours['model_load_ms'] + ours['first_image_ms']:.0f} / "
      f"{theirs['model_load_ms'] + theirs['first_image_ms']:.0f}")
print(f"peak RSS MB ours/RapidOCR:       {ours['peak_rss_mb']:.0f} / {theirs['peak_rss_mb']:.0f}")
print(f"RapidOCR lines also read by us:  {same}/{total} ({100.0 * same / max(total, 1):.1f}%)")
