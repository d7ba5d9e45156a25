# ranoviced - see README.md. `make test` is exactly what CI runs.

GO        ?= go
FUZZTIME  ?= 30s
CI_FUZZTIME ?= 2s
BIN       := bin/ranoviced

.PHONY: all setup build run demo test ci fmt-check vet unit interop fuzz fuzz-ci bench bench-smoke cross clean

all: build

setup:
	scripts/setup.sh

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/ranoviced

# Set everything up and run the daemon on the built-in defaults (on a
# headless machine, on a virtual X display).
run: setup build
	scripts/run.sh

# Like run, but on a virtual display showing a test pattern, with
# --unsafe-no-auth so a plain RDP client sees pixels. Never on a real desktop.
demo: setup build
	RANOVICED_DEMO=1 scripts/run.sh --unsafe-no-auth --listen 127.0.0.1:3389

# Set everything up and run every test: formatting, vet, unit tests with the
# race detector, a short run of every fuzz target, the interop suite against
# xfreerdp under Xvfb, and one iteration of every benchmark.
test: setup fmt-check vet unit fuzz-ci interop bench-smoke cross
ci: test

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	$(GO) vet -tags interop ./e2e/...

unit:
	RANOVICED_REQUIRE_X=1 $(GO) test -race -shuffle=on -count=1 ./...

interop:
	RANOVICED_REQUIRE_X=1 $(GO) test -tags interop -race -count=1 -timeout 10m ./e2e/...

fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

fuzz-ci:
	FUZZTIME=$(CI_FUZZTIME) scripts/fuzz.sh

# Benchmarks: codec cost and size per 1280x800 frame, capture cost, and the
# time from TCP accept to the first frame on loopback; then the side-by-side
# comparison with FreeRDP's shadow server (scripts/benchcompare: ico,
# scrolling text, full-screen images and idle on a 1280x800 Xvfb, 20 s each
# per server, plus ranoviced with four xfreerdp clients on ico; about 6
# minutes). It prints a table and fails only when it cannot measure.
bench: setup build
	RANOVICED_REQUIRE_X=1 $(GO) test -run '^$$' -bench . -benchmem -count 1 ./...
	$(GO) run ./scripts/benchcompare -ranoviced $(BIN)

# One iteration of every benchmark and a 2 s per scenario comparison (about
# a minute), so CI notices when the harness or a server breaks.
bench-smoke: build
	RANOVICED_REQUIRE_X=1 $(GO) test -run '^$$' -bench . -benchtime 1x -count 1 ./...
	$(GO) run ./scripts/benchcompare -smoke -ranoviced $(BIN)

# The Windows build must keep compiling (the service itself comes later).
cross:
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null ./cmd/ranoviced

clean:
	rm -rf bin
