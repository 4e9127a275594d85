# Two set-up commands (see README.md):
#   make run    install what is missing, build, index content/, serve on 127.0.0.1:8080
#   make test   install what is missing, build, run every test through ctest
# Both are idempotent and incremental. In CI (CI=true), `make test` also runs test-sanitize:
#   make test-sanitize   the same suite built with AddressSanitizer and UBSan, in build-asan

BUILD ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8080

SANITIZE_BUILD ?= build-asan
SANITIZE_REPORTS = $(SANITIZE_BUILD)/sanitizer-reports
# -O1 and line tables only: half the compile time of -O2 -g, and reports still name every line.
SANITIZE_OPT = -O1 -g1 -DNDEBUG
# Reports are written to files (the process still fails): a server a test stops without looking at
# its exit status cannot hide one. Any report fails test-sanitize.
SANITIZE_ENV = ASAN_OPTIONS=detect_leaks=1:log_path=$(abspath $(SANITIZE_REPORTS))/asan \
               UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(abspath $(SANITIZE_REPORTS))/ubsan

.PHONY: run test test-sanitize deps build index serve check clean

run: deps build index serve

test: deps build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@if [ "$$CI" = true ]; then $(MAKE) --no-print-directory test-sanitize; fi

test-sanitize: deps
	@cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRAXIS_SANITIZE=ON \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(SANITIZE_OPT)" >/dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	@rm -rf $(SANITIZE_REPORTS) && mkdir -p $(SANITIZE_REPORTS)
	@status=0; $(SANITIZE_ENV) ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS) || status=$$?; \
	if [ -n "$$(ls -A $(SANITIZE_REPORTS))" ]; then \
	  echo "sanitizer reports:"; tail -n +1 $(SANITIZE_REPORTS)/*; status=1; \
	fi; exit $$status

deps:
	@bash .ci/install-deps

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

index: build
	$(BUILD)/indexer/praxis-index --content content --index var/index

check: build
	$(BUILD)/indexer/praxis-index --check --content content

serve: build
	$(BUILD)/server/praxis-server --index var/index --host $(HOST) --port $(PORT) --web web

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) var
