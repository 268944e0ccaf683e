#!/usr/bin/env bash
# Build-time patches of dependencies, reproducibly: the pinned crate, fetched by cargo from the registry it is
# configured with (its SHA-256 is the checksum Cargo.lock had for it), unpacked into .cache/patched/ and patched
# with our own diff from patches/. Cargo.toml's [patch.crates-io] points there, so run this (or any make target) before a bare `cargo build`.
#
# rten 0.27.0: its depthwise convolution reads every input row through a runtime stride (`src[i * stride]`), which
# the compiler cannot vectorise; a stride-1 path (most of PP-OCR's depthwise layers) as a plain zip vectorises
# (SSE/AVX on x86, NEON on arm64) and gives bit-identical results. Measured on one core: detection 122 -> 85 ms,
# a 640x480 photo 348 -> 270 ms (see README, "Fast on one core"). A candidate for upstream.
set -euo pipefail
cd "$(dirname "$0")/.."

CRATES=(
  # name | version | sha256 of the .crate | patch
  "rten|0.27.0|639c5d2ce961f3e154878d1d48c2ac3451e5a6ea5d9c0b0d5f0da362f4c57dab|patches/rten-0.27.0-contiguous-depthwise.patch"
)

sha() { sha256sum "$1" | cut -d' ' -f1; }

from_cargo_cache() { # name version sha out: the .crate from cargo's download cache, whatever registry it came from
  local name="$1" version="$2" want="$3" out="$4" f
  for f in "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate"; do
    if [ -f "$f" ] && [ "$(sha "$f")" = "$want" ]; then cp "$f" "$out"; return 0; fi
  done
  return 1
}

fetch_crate() { # name version sha out
  local name="$1" version="$2" want="$3" out="$4" scratch
  from_cargo_cache "$@" && return 0
  # Not cached yet: `cargo fetch` on a scratch manifest that depends on exactly this version fills cargo's cache
  # through the registry cargo is configured with (a mirror included); the SHA-256 is checked all the same.
  scratch="$(mktemp -d)"
  mkdir -p "$scratch/src" && : > "$scratch/src/lib.rs"
  printf '[package]\nname = "patch-deps-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s = "=%s"\n' \
    "$name" "$version" > "$scratch/Cargo.toml"
  cargo fetch --quiet --manifest-path "$scratch/Cargo.toml" || true
  rm -rf "$scratch"
  from_cargo_cache "$@" && return 0
  echo "patch-deps: could not fetch $name $version with sha256 $want through cargo" >&2
  return 1
}

mkdir -p .cache/patched
for entry in "${CRATES[@]}"; do
  IFS='|' read -r name version want patch <<< "$entry"
  dest=".cache/patched/$name-$version"
  stamp="$want $(sha "$patch")"
  if [ -f "$dest/.patched" ] && [ "$(cat "$dest/.patched")" = "$stamp" ]; then
    echo "patch-deps: $name $version present and patched"
    continue
  fi
  crate=".cache/$name-$version.crate"
  if [ ! -f "$crate" ] || [ "$(sha "$crate")" != "$want" ]; then
    fetch_crate "$name" "$version" "$want" "$crate"
  fi
  rm -rf "$dest" "$dest.tmp"
  mkdir -p "$dest.tmp"
  tar -xzf "$crate" -C "$dest.tmp" --strip-components=1
  patch --quiet -p1 -d "$dest.tmp" < "$patch"
  echo "$stamp" > "$dest.tmp/.patched"
  mv "$dest.tmp" "$dest"
  echo "patch-deps: $name $version fetched, verified and patched ($patch)"
done
