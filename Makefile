# Convenience targets; the scripts are the source of truth (see README).
.PHONY: run test bench build
run:
	scripts/run
test:
	scripts/test
build:
	swift build
bench:
	scripts/bench
