# Two set-up commands (see README.md):
#   make run    install what is missing, build, index content/, serve on 127.0.0.1:8080
#   make test   install what is missing, build, run every test through ctest
# Both are idempotent and incremental.

BUILD ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test deps build index serve check clean

run: deps build index serve

test: deps build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

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
	rm -rf $(BUILD) var
