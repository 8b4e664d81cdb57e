# The two commands of the README. Everything they need is installed by scripts/setup.
.PHONY: run test build setup fmt lint nightly bench

export PATH := $(CURDIR)/end2end/node_modules/.bin:$(PATH)

## Build and serve the product at http://127.0.0.1:3000 on the embedded SQLite file.
run: setup build
	./target/release/server serve

## Every test: Rust (SQLite and PostgreSQL) and Playwright (Chromium).
test:
	scripts/test

build:
	scripts/build

## The long property runs: 200,000 random enterprises for the policy, 400 random delegation
## sequences per database (make test runs 10,000 and 24).
nightly: setup
	POLICY_CASES=200000 cargo test --release -p app --test policy_properties
	DELEGATION_CASES=400 cargo test --release -p app --features testing --test delegation_sequences

## At 100,000 users on SQLite and PostgreSQL, checked against the targets: the use cases of user
## management (latency p50/p99, requests per second), then every page and server-function call
## over HTTP with wrk against the release server (requests per second, p50/p99, bytes, memory).
bench:
	scripts/setup bench
	cargo bench -p server --bench users
	scripts/build
	scripts/bench-pages

setup:
	scripts/setup run

fmt:
	cargo fmt --all

lint:
	cargo clippy -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
