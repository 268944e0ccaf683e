# The README's commands call these targets. Everything builds in the release profile so the dependency tree is
# compiled once for serving, testing and benchmarking.
SHELL := /bin/bash
CARGO ?= cargo
TESTDATA ?= ../shared/testdata
BENCH_VENV := .cache/bench-venv

.PHONY: models build ocr scan serve test bench eval lint

models:
	bash scripts/fetch-models.sh

build: models
	$(CARGO) build --release --locked

ocr: build
	./target/release/kyc ocr $(IMAGE)

test: models
	bash scripts/with-moto.sh $(CARGO) test --release --locked

$(BENCH_VENV)/bin/python:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet rapidocr==3.10.0 onnxruntime==1.32.0

# OCR speed/memory: this engine and RapidOCR 3.10.0 on the same images, one process each, figures side by side.
bench: build $(BENCH_VENV)/bin/python
	@imgs="$$(ls $(TESTDATA)/synthetic-dev/*.jpg $(TESTDATA)/specimens/*.jpg $(TESTDATA)/specimens/*.png)"; \
	./target/release/kyc bench $$imgs > .cache/bench-ours.json && \
	$(BENCH_VENV)/bin/python scripts/bench_rapidocr.py $$imgs > .cache/bench-rapidocr.json && \
	python3 scripts/bench_compare.py .cache/bench-ours.json .cache/bench-rapidocr.json
