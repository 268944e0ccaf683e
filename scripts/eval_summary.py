#!/usr/bin/env python3
"""README's accuracy columns from `kyc eval` outputs: `make eval-gen OCR_CACHE=--ocr-cache=.cache/ocr | python3
scripts/eval_summary.py`. Sets whose name holds "heldout" are the held-out column, the rest the tuning one; per set,
per document type, and in all: documents with every key field exact, accepted values and false accepts."""
import re
import sys
from collections import defaultdict

sets = []
for line in sys.stdin:
    m = re.match(r"evaluation of (\S+) \(", line)
    if m:
        sets.append({"name": m.group(1).rstrip("/").split("/")[-1], "types": {}})
        continue
    if not sets:
        continue
    s = sets[-1]
    if m := re.match(r"all key fields exact:\s+\S+% \((\d+)/(\d+)\)", line):
        s["all"] = (int(m.group(1)), int(m.group(2)))
    elif (m := re.match(r"  (\w+)\s+\S+% \((\d+)/(\d+)\)", line)) and "family" not in s:
        s["types"][m.group(1)] = (int(m.group(2)), int(m.group(3)))
    elif line.startswith("by layout family"):
        s["family"] = True
    elif m := re.match(r"MRZ documents, all 7 MRZ fields exact:\s+\S+% \((\d+)/(\d+)\)", line):
        s["mrz"] = (int(m.group(1)), int(m.group(2)))
    elif m := re.match(r"false accepts:\s+\S+% of accepted fields \((\d+)/(\d+)\)", line):
        s["false"], s["accepted"] = int(m.group(1)), int(m.group(2))


def pct(a, b):
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "-"


for s in sets:
    mrz = pct(*s["mrz"]) if "mrz" in s and s["mrz"][1] else "-"
    print(f"| `{s['name']}` | {pct(*s['all'])} | {mrz} | {s['accepted']}, {s['false']} wrong |")
columns = {"tuning": defaultdict(lambda: [0, 0]), "held-out": defaultdict(lambda: [0, 0])}
accepted = {"tuning": [0, 0], "held-out": [0, 0]}
for s in sets:
    col = "held-out" if "heldout" in s["name"] else "tuning"
    for t, (a, b) in s["types"].items():
        columns[col][t][0] += a
        columns[col][t][1] += b
    columns[col]["all"][0] += s["all"][0]
    columns[col]["all"][1] += s["all"][1]
    accepted[col][0] += s["accepted"]
    accepted[col][1] += s["false"]
print()
for t in ["passport", "government_id", "residence_permit", "visa", "drivers_license", "all"]:
    print(f"| {t} | {pct(*columns['tuning'][t])} | {pct(*columns['held-out'][t])} |")
print(f"| accepted values, of which wrong | {accepted['tuning'][0]}, {accepted['tuning'][1]} | "
      f"{accepted['held-out'][0]}, {accepted['held-out'][1]} |")
