// Package perf holds rbaclint's benchmarks over the generated corpus
// (internal/corpus): loading, schema validation, rules and the whole run,
// per document kind. It has no code outside its tests.
//
//	go test ./internal/perf -run '^$' -bench . -benchmem
//	RBACLINT_BENCH_SCALE=large go test ./internal/perf -run '^$' -bench Run -benchmem
//
// The corpus is generated inside the benchmark functions, so the normal
// go test ./... pays nothing for it. Numbers go in the README, never in
// assertions.
package perf
