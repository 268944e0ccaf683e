"""RapidOCR 3.10.0 (onnxruntime) side of `make bench`: the same images, the same figures as `kyc bench`.

Prints one JSON object: model load, first inference, per-image ms (decode, det, cls, rec, total), lines, peak RSS.
"""
import json
import resource
import sys
import time

t0 = time.perf_counter()
import cv2  # noqa: E402
from rapidocr import RapidOCR  # noqa: E402

import os  # noqa: E402

params = {"Global.log_level": "error"}
threads = os.environ.get("BENCH_THREADS")
if threads:
    # One-vCPU comparison: onnxruntime on as many intra-op threads as ours (RTEN_NUM_THREADS), one inter-op.
    params["EngineConfig.onnxruntime.intra_op_num_threads"] = int(threads)
    params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
engine = RapidOCR(params=params)
load_ms = (time.perf_counter() - t0) * 1000

images = []
first_ms = None
for path in sys.argv[1:]:
    t = time.perf_counter()
    img = cv2.imread(path)
    decode_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    out = engine(img)
    total_ms = (time.perf_counter() - t) * 1000 + decode_ms
    if first_ms is None:
        first_ms = total_ms
    el = [e if isinstance(e, float) else 0.0 for e in (out.elapse_list or [0.0, 0.0, 0.0])]
    images.append({
        "file": path,
        "width": int(img.shape[1]),
        "height": int(img.shape[0]),
        "decode_ms": decode_ms,
        "detect_ms": el[0] * 1000,
        "orient_ms": el[1] * 1000,
        "recognise_ms": el[2] * 1000,
        "total_ms": total_ms,
        "lines": list(out.txts or []),
    })

print(json.dumps({
    "engine": "rapidocr-3.10.0/onnxruntime",
    "model_load_ms": load_ms,
    "first_image_ms": first_ms,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "images": images,
}))
