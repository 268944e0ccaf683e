#!/usr/bin/env python3
"""Fail if the logs the test suite wrote (target/test-logs/*.log) hold holder data.

Holder data: every email address, and the names, document/personal numbers and birth dates of every holder the
tests submit (the shared truth files, the scripted test holders of tests/common/fake.rs). Run by `make test`
after the cargo tests; the logs must also be non-empty, or the check proves nothing.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOGS = ROOT / "target" / "test-logs"
TESTDATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "testdata"

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def holder_values():
    values = set()
    for truth in TESTDATA.glob("*/truth.json"):
        for doc in json.loads(truth.read_text()):
            fields = doc.get("fields") or {}
            for key in ("last_name", "first_name", "document_number", "identity_number", "birth_date"):
                v = fields.get(key)
                if isinstance(v, str) and len(v) >= 4:
                    values.add(v.upper())
    fake = (ROOT / "tests" / "common" / "fake.rs").read_text()
    for m in re.finditer(r'(surname|given|number): "([^"]+)"', fake):
        if len(m.group(2)) >= 4:
            values.add(m.group(2).upper())
    # The name a test reader panics with.
    values.update({"SEBASTIÀ", "ROCAFORT"})
    return values


def main():
    files = sorted(LOGS.glob("*.log"))
    lines = [l for f in files for l in f.read_text(errors="replace").splitlines()]
    if len(lines) < 50:
        print(f"check_test_logs: only {len(lines)} log lines in {LOGS}: the tests did not log, nothing was checked")
        return 1
    values = holder_values()
    leaks = []
    for line in lines:
        upper = line.upper()
        if EMAIL.search(line):
            leaks.append(("email", line))
            continue
        for v in values:
            if v in upper:
                leaks.append((v, line))
                break
    if leaks:
        for what, line in leaks[:20]:
            print(f"check_test_logs: holder data ({what}) in: {line[:300]}")
        print(f"check_test_logs: {len(leaks)} log lines hold holder data")
        return 1
    print(f"check_test_logs: {len(lines)} log lines from {len(files)} test binaries, no holder data "
          f"(checked for emails and {len(values)} names, numbers and birth dates)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
