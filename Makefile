# The README's commands call these targets. Everything builds in the release profile so the dependency tree is
# compiled once for serving, testing and benchmarking.
SHELL := /bin/bash
CARGO ?= cargo
TESTDATA ?= ../shared/testdata
BENCH_VENV := .cache/bench-venv

LINT_VENV := .cache/lint-venv

.PHONY: models deps build ocr serve test bench bench-server bench-barcode zxing-venv gen eval eval-gen lint lambda watch deploy-check catalogue

models:
	bash scripts/fetch-models.sh

# Everything cargo needs that comes from a registry outside Cargo.lock: the models and the patched rten source.
deps: models
	bash scripts/patch-deps.sh

build: deps
	$(CARGO) build --release --locked

ocr: build
	./target/release/kyc ocr $(IMAGE)

# The API on local embedded storage (./kyc-data); KYC_* variables configure it (see README).
serve: build
	./target/release/kyc serve

eval: build
	./target/release/kyc eval $(TESTDATA)/synthetic-dev
	./target/release/kyc eval $(TESTDATA)/specimens

LAMBDA_VENV := .cache/lambda-venv

$(LAMBDA_VENV)/bin/cargo-lambda:
	python3 -m venv $(LAMBDA_VENV)
	$(LAMBDA_VENV)/bin/pip install --quiet cargo-lambda==1.9.2 ziglang==0.17.1 aws-sam-cli==1.170.0

# The Lambda binary under `cargo lambda watch` (the Lambda runtime emulator) on 127.0.0.1:9000, release build, local
# storage, the development key. Try it with the curl in README ("Run the Lambda locally").
WATCH_ENV := .cache/watch.env
watch: deps $(LAMBDA_VENV)/bin/cargo-lambda
	printf 'KYC_API_KEYS=local-dev-key\nKYC_STORAGE=local\nKYC_DATA_DIR=./kyc-data\nRUST_LOG=info\n' > $(WATCH_ENV)
	PATH="$(CURDIR)/$(LAMBDA_VENV)/bin:$$PATH" cargo lambda watch --release --bin bootstrap --invoke-address 127.0.0.1 --invoke-port 9000 --env-file $(WATCH_ENV)

# What a deployer runs before `sam deploy`: the template validated and linted by SAM itself, then `sam build`
# (cargo-lambda cross-compiles the arm64 bootstrap with zig), and the artifact's size. Not part of CI (minutes).
deploy-check: deps $(LAMBDA_VENV)/bin/cargo-lambda
	rustup target add aarch64-unknown-linux-gnu
	PATH="$(CURDIR)/$(LAMBDA_VENV)/bin:$$PATH" sam validate --lint --region us-east-1
	PATH="$(CURDIR)/$(LAMBDA_VENV)/bin:$$PATH" SAM_CLI_TELEMETRY=0 sam build --beta-features --region us-east-1
	@ls -l .aws-sam/build/Step1Function/bootstrap && file .aws-sam/build/Step1Function/bootstrap
	@cd .aws-sam/build/Step1Function && zip -q -9 /tmp/kyc-bootstrap.zip bootstrap && ls -l /tmp/kyc-bootstrap.zip

# The Lambda binary (target/lambda/bootstrap/bootstrap), cross-compiled for arm64 with cargo-lambda + zig from PyPI.
lambda: deps $(LAMBDA_VENV)/bin/cargo-lambda
	rustup target add aarch64-unknown-linux-gnu
	PATH="$(CURDIR)/$(LAMBDA_VENV)/bin:$$PATH" cargo lambda build --release --arm64 --bin bootstrap

$(LINT_VENV)/bin/cfn-lint:
	python3 -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/pip install --quiet cfn-lint==1.58.0

# The gates: the SAM template clean, the code formatted (rustfmt.toml), clippy without a warning on every target
# (release profile, so the dependency tree compiled for the tests is the one checked; lints in Cargo.toml), and the
# dependency audit where an advisory database is reachable (scripts/audit.sh says when it is not).
lint: deps $(LINT_VENV)/bin/cfn-lint
	$(LINT_VENV)/bin/cfn-lint template.yaml
	$(CARGO) fmt --check
	$(CARGO) clippy --release --locked --all-targets -- -D warnings
	bash scripts/audit.sh

# Everything: template lint, every cargo test with a real moto_server on a free loopback port, then the check that
# the logs the tests wrote hold no holder data.
test: deps lint
	rm -rf target/test-logs
	bash scripts/with-moto.sh $(CARGO) test --release --locked
	python3 scripts/check_test_logs.py $(TESTDATA)

$(BENCH_VENV)/bin/python:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet rapidocr==3.10.0 onnxruntime==1.32.0

# OCR speed/memory: this engine and RapidOCR 3.10.0 on the same images, one process each, figures side by side.
# `make bench THREADS=1` gives both engines one thread (a Lambda's one vCPU), ours with the Lambda's
# MALLOC_ARENA_MAX=1 (template.yaml).
THREADS ?=
bench: build $(BENCH_VENV)/bin/python
	@imgs="$$(ls $(TESTDATA)/synthetic-dev/*.jpg $(TESTDATA)/specimens/*.jpg $(TESTDATA)/specimens/*.png)"; \
	$(if $(THREADS),RTEN_NUM_THREADS=$(THREADS) OMP_NUM_THREADS=$(THREADS) MALLOC_ARENA_MAX=1,) ./target/release/kyc bench $$imgs > .cache/bench-ours.json && \
	$(if $(THREADS),BENCH_THREADS=$(THREADS) OMP_NUM_THREADS=$(THREADS),) $(BENCH_VENV)/bin/python scripts/bench_rapidocr.py $$imgs > .cache/bench-rapidocr.json && \
	python3 scripts/bench_compare.py .cache/bench-ours.json .cache/bench-rapidocr.json

# `kyc serve` under load and abuse on loopback (bounded: about two minutes): wrong keys with big bodies, 40
# concurrent uploads, slow and idle clients, descriptor exhaustion, ten hostile images at once per class
# (scripts/hostile_images.py: CMYK progressive, 24 Mpx, 16-bit PNG, iCCP bomb). Prints figures; fails if a bound is broken.
bench-server: build zxing-venv
	$(DOCGEN_VENV)/bin/python scripts/hostile_images.py .cache/hostile > /dev/null
	python3 scripts/bench_server.py --images $(TESTDATA)/synthetic-dev --hostile .cache/hostile

DOCGEN_VENV := .cache/docgen-venv
BACKS ?= .cache/gen/backs8 .cache/gen/backs10

# The docgen venv (tools/docgen/README.md, README-backs.md): the generators and zxing-cpp; created or completed
# only when an import fails.
zxing-venv:
	@$(DOCGEN_VENV)/bin/python -c "import zxingcpp, numpy, PIL, pdf417gen, fontTools" 2> /dev/null || { \
		python3 -m venv $(DOCGEN_VENV) && \
		$(DOCGEN_VENV)/bin/pip install --quiet -r tools/docgen/requirements.txt -r tools/docgen/requirements-backs.txt; }

# Our own evaluation sets, reproducible from their seeds (.cache/gen): fronts of the tuning layouts (two seeds),
# of the held-out layouts (never used for tuning), and photographed licence backs up to 8 and 10 degrees.
gen: zxing-venv
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --count 60 --seed 1 --out .cache/gen/tune > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --count 150 --seed 3 --out .cache/gen/tune2 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --count 60 --seed 2 --out .cache/gen/heldout > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --count 80 --seed 13 --out .cache/gen/heldout2 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --count 150 --seed 14 --out .cache/gen/tune7 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_colon --count 40 --seed 4 --out .cache/gen/tune3 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --count 200 --seed 5 --out .cache/gen/tune4 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_free,eu_dl_free --count 100 --seed 11 --out .cache/gen/tune5 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_free,eu_dl_free --count 60 --seed 12 --out .cache/gen/tune6 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_free,eu_dl_free --count 80 --seed 21 --out .cache/gen/tune8 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --count 150 --seed 22 --out .cache/gen/tune9 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --count 80 --seed 23 --out .cache/gen/heldout3 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --count 80 --seed 41 --out .cache/gen/heldout4 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_portrait --count 60 --seed 52 --out .cache/gen/tune12 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_portrait --count 60 --seed 53 --out .cache/gen/tune13 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --families aamva_topname --count 40 --seed 51 --out .cache/gen/heldout5 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_grid --count 60 --seed 31 --out .cache/gen/tune10 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_grid --count 60 --seed 32 --out .cache/gen/tune11 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --families aamva_reddob --count 40 --seed 61 --out .cache/gen/heldout6 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --families aamva_table --count 40 --seed 71 --out .cache/gen/heldout7 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_vertical,aamva_topname --count 80 --seed 81 --out .cache/gen/tune14 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families aamva_vertical,aamva_topname --count 60 --seed 82 --out .cache/gen/tune15 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --families eu_dl_twocol --count 40 --seed 91 --out .cache/gen/heldout8 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families eu_dl_alt --count 60 --seed 101 --out .cache/gen/tune16 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families eu_dl_alt --count 40 --seed 102 --out .cache/gen/tune17 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families eu_dl_alt --count 40 --seed 103 --out .cache/gen/tune18 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --stress --count 80 --seed 121 --out .cache/gen/stress > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --stress --count 60 --seed 122 --out .cache/gen/stress-heldout > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families au_dl,eu_dl_classic,eu_dl_free --valid-numbers --count 100 --seed 201 --out .cache/gen/world > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --families au_dl_card,eu_dl_twocol --valid-numbers --count 60 --seed 202 --out .cache/gen/world-heldout > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set tune --families pp_classic,td1_classic,eu_dl_classic,aamva_numbered --hard-photos 1 --count 60 --seed 203 --out .cache/gen/hard > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/docgen.py --set heldout --families pp_vertical,td1_vertical_no --hard-photos 1 --count 40 --seed 204 --out .cache/gen/hard-heldout > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/backs.py --count 60 --seed 7 --max-tilt 8 --out .cache/gen/backs8 > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/backs.py --count 40 --seed 8 --max-tilt 10 --out .cache/gen/backs10 > /dev/null

# `make eval-gen OCR_CACHE=--ocr-cache=.cache/ocr` remembers every OCR reading and reuses it (an extraction change
# measured in a minute; delete .cache/ocr when the OCR changes).
OCR_CACHE ?=

# Extraction on the generated sets: the tuning layouts, then the held-out ones (summary only: their failures are
# not for reading).
eval-gen: build
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune2
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune3
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune4
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune5
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune6
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune7
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune8
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune9
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune10
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune11
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune12
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune13
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune14
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune15
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune16
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune17
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/tune18
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout2 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout3 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout4 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout5 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout6 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout7 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/heldout8 | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/stress
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/stress-heldout | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/world
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/world-heldout | sed '/^failures:/,$$d'
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/hard
	./target/release/kyc eval $(OCR_CACHE) .cache/gen/hard-heldout | sed '/^failures:/,$$d'

# Licence-back barcodes (PDF417 + AAMVA): this reader and zxing-cpp 3.1.1 on the same photographed backs (made by
# tools/docgen/backs.py, see tools/docgen/README-backs.md), fastest of 3 runs each, figures side by side.
bench-barcode: build zxing-venv
	./target/release/kyc barcode-bench --repeat 3 --json .cache/bench-barcode-ours.json $(BACKS) 2> /dev/null > /dev/null
	$(DOCGEN_VENV)/bin/python tools/docgen/bench_zxing.py $(BACKS) --variants asis,deskew --repeat 3 \
		--json .cache/bench-barcode-zxing.json > /dev/null
	python3 scripts/bench_barcode_compare.py .cache/bench-barcode-ours.json .cache/bench-barcode-zxing.json

CATALOGUE_VENV := .cache/catalogue-venv

$(CATALOGUE_VENV)/bin/python:
	python3 -m venv $(CATALOGUE_VENV)
	$(CATALOGUE_VENV)/bin/pip install --quiet -r scripts/catalogue/requirements.txt

# The generated tables of the document catalogue (data/documents/regions.json, months.json,
# personal-number-vectors.json) from pycountry (ISO 3166), babel (CLDR) and python-stdnum, pinned in
# scripts/catalogue/requirements.txt. Deterministic: the same versions write the same bytes.
catalogue: $(CATALOGUE_VENV)/bin/python
	$(CATALOGUE_VENV)/bin/python scripts/catalogue/generate.py data/documents
