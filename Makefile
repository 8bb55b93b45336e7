# tongban — the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= 2
DB ?= sqlite:var/tongban.db
PORT ?= 8080

.PHONY: run test build web deps web-deps lint format bench bench-pg fuzz clean

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTONGBAN_BENCH=ON

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) -j$(JOBS) tongban

web-deps: deps
	@scripts/web-deps.sh

web: web-deps
	cd web && npm run build

run: build web
	./$(BUILD)/tongban serve --db $(DB) --port $(PORT) --static-dir web/dist --demo

test: deps
	scripts/test.sh

lint: deps $(BUILD)/build.ninja
	scripts/lint.sh $(BUILD)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# Every libFuzzer target (with the ones that link the whole API) for 120 s each; see scripts/fuzz.sh.
fuzz: deps
	SECONDS=120 FUZZ_FULL=ON scripts/fuzz.sh

bench: build
	ninja -C $(BUILD) -j$(JOBS) bench
	scripts/bench.sh $(BUILD) sqlite

bench-pg: build
	ninja -C $(BUILD) -j$(JOBS) bench
	scripts/bench.sh $(BUILD) postgres

clean:
	rm -rf $(BUILD) build-asan build-fuzz web/dist
