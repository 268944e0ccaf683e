#!/usr/bin/env bash
# Dependency audit of Cargo.lock against the RustSec advisory database, when it can be done here.
# cargo-audit fetches that database (a git repository, not a package registry) at run time. On a machine that
# reaches only package registries neither is available, and the audit is skipped with a message saying so; it
# never fails the build for a reason other than an advisory.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-audit > /dev/null 2>&1; then
  echo "dependency audit skipped: cargo-audit is not installed (cargo install cargo-audit --locked, then make lint)"
  exit 0
fi
out=$(timeout 120 cargo audit --deny warnings 2>&1); rc=$?
if [ $rc -eq 0 ]; then
  echo "dependency audit: no advisory against Cargo.lock"
  exit 0
fi
if grep -qiE "error: (couldn't|failed to) (fetch|open|clone)|advisory database|network|timed out" <<< "$out" \
    && ! grep -qE "^(Crate|ID):" <<< "$out"; then
  echo "dependency audit skipped: the advisory database could not be fetched from this machine"
  exit 0
fi
echo "$out"
exit $rc
