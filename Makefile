# SCIJ Network. `make run` and `make test` are the whole set-up (see README.md).
SHELL := /bin/bash
DATA_DIR ?= $(CURDIR)/var
PORT ?= 8080
# Public data imported into an empty database by `make run` when the folder exists.
PUBLIC_DATA ?= $(CURDIR)/../shared/data
FUZZ_SECONDS ?= 20

.PHONY: all deps web build release run test fuzz fuzz-long bench format clean

all: build

deps:
	@scripts/install-deps

web: deps
	@cd web && npm run --silent build

build: deps web
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug

release: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target scij

run: release
	@new_db=0; [ -f "$(DATA_DIR)/scij.db" ] || new_db=1; \
	if [ -d "$(PUBLIC_DATA)" ] && ./build/release/scij data list --data-dir "$(DATA_DIR)" | grep -q "no public data"; then \
	  echo "Importing the public data in $(PUBLIC_DATA) (once; see docs/SITE_SELECTION.md)"; \
	  ./build/release/scij data import "$(PUBLIC_DATA)" --data-dir "$(DATA_DIR)" | tail -n 1; \
	fi; \
	if [ $$new_db = 1 ]; then \
	  echo "New database: recording SCIJ's current partners (see docs/PARTNERSHIPS.md)"; \
	  ./build/release/scij seed current-partners --data-dir "$(DATA_DIR)"; \
	fi
	@./build/release/scij serve --data-dir "$(DATA_DIR)" --port $(PORT) \
	  --static-dir "$(CURDIR)/web/dist" --allow-insecure-loopback

# Every test: a short fuzz run of request parsing, then unit, integration, HTTP and end-to-end
# tests (all registered with CTest, whose summary is the last thing printed).
test: build
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)
	@ctest --preset debug

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@set -o pipefail; cmake --build --preset fuzz --target request_fuzz | { grep -v '^\[' || true; }
	@mkdir -p build/fuzz/corpus
	@set -o pipefail; ./build/fuzz/tests/fuzz/request_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  -print_final_stats=1 build/fuzz/corpus tests/fuzz/seeds 2>&1 | tail -n 6

fuzz-long:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=600

# Benchmarks on the real data in ../shared/data (release build); see docs/PERFORMANCE.md.
bench: release
	@cmake --build --preset release --target screen_bench
	@./build/release/bench/screen_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only
	@bench/http_health.sh

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build web/dist
