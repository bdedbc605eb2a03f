package perf

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rbaclint/rbaclint/internal/cli"
	"github.com/rbaclint/rbaclint/internal/corpus"
	"github.com/rbaclint/rbaclint/internal/schemacheck"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// scale is the corpus scale the benchmarks use: RBACLINT_BENCH_SCALE
// (small, medium, large, xl or lists200), medium by default.
func scale(b *testing.B) corpus.Scale {
	s := corpus.Scale(os.Getenv("RBACLINT_BENCH_SCALE"))
	if s == "" {
		return corpus.Medium
	}
	for _, known := range corpus.Scales {
		if s == known {
			return s
		}
	}
	b.Fatalf("RBACLINT_BENCH_SCALE=%q: want small, medium, large, xl or lists200", s)
	return ""
}

// generated caches each export, generated on first use by a benchmark.
var (
	mu        sync.Mutex
	generated = map[[2]string][]byte{}
)

func input(b *testing.B, s corpus.Scale, e corpus.Export) []byte {
	b.Helper()
	mu.Lock()
	defer mu.Unlock()
	key := [2]string{string(s), string(e)}
	if data, ok := generated[key]; ok {
		return data
	}
	data, err := corpus.Generate(s, e)
	if err != nil {
		b.Fatal(err)
	}
	generated[key] = data
	return data
}

// eachExport runs fn as one sub-benchmark per export of the scale, named
// after the export's file.
func eachExport(b *testing.B, fn func(b *testing.B, name string, data []byte)) {
	s := scale(b)
	for _, e := range corpus.Files(s) {
		b.Run(string(e), func(b *testing.B) {
			data := input(b, s, e)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			fn(b, string(e), data)
		})
	}
}

func load(b *testing.B, name string, data []byte) *rules.Document {
	b.Helper()
	doc, _ := source.Load(name, data, source.Options{})
	if doc == nil || doc.Kind == "" {
		b.Fatalf("%s: not loaded as a known kind", name)
	}
	return doc
}

// BenchmarkLoad parses an export into the data model and classifies it.
func BenchmarkLoad(b *testing.B) {
	eachExport(b, func(b *testing.B, name string, data []byte) {
		for b.Loop() {
			load(b, name, data)
		}
	})
}

// BenchmarkSchema validates a loaded export against its kind's schema.
func BenchmarkSchema(b *testing.B) {
	eachExport(b, func(b *testing.B, name string, data []byte) {
		doc := load(b, name, data)
		for b.Loop() {
			schemacheck.Validate(doc, &rules.Options{})
		}
	})
}

// BenchmarkRules runs the kind's per-document and set-level rules on a
// loaded export (findings by pointer: positions are BenchmarkResolve's).
func BenchmarkRules(b *testing.B) {
	eachExport(b, func(b *testing.B, name string, data []byte) {
		doc := load(b, name, data)
		opts := &rules.Options{}
		var found []rules.Finding
		report := func(f rules.Finding) { found = append(found, f) }
		for b.Loop() {
			found = found[:0]
			doc := unviewed(doc)
			for _, r := range registry.All() {
				if !r.AppliesTo(doc.Kind) {
					continue
				}
				if r.Check != nil {
					r.Check(rules.NewPass(r, doc, opts, report))
				}
				if r.CheckSet != nil {
					r.CheckSet(rules.NewSetPass(r, []*rules.Document{doc}, opts, report))
				}
			}
		}
	})
}

// unviewed returns a document with doc's content but none of the views
// (rules.View) an earlier iteration computed, so that each iteration pays
// for them as a run does. Documents must not be copied, hence field by
// field.
func unviewed(doc *rules.Document) *rules.Document {
	return &rules.Document{
		Path: doc.Path, Kind: doc.Kind, Shape: doc.Shape, Format: doc.Format,
		Data: doc.Data, Entities: doc.Entities, Source: doc.Source,
	}
}

// BenchmarkResolve resolves the pointers of an export's findings to
// positions (one batch, as the engine does).
func BenchmarkResolve(b *testing.B) {
	eachExport(b, func(b *testing.B, name string, data []byte) {
		doc := load(b, name, data)
		var ptrs []string
		for _, f := range schemacheck.Validate(doc, &rules.Options{}) {
			ptrs = append(ptrs, f.Pointer)
		}
		for i, e := range doc.Entities {
			if i%corpus.ViolationEvery == 0 {
				ptrs = append(ptrs, e.Pointer)
			}
		}
		for b.Loop() {
			doc.Source.Resolve(ptrs)
		}
	})
}

// BenchmarkRun is the whole command on one export written to disk:
// read, load, schema, rules, positions, processing and the text report.
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	eachExport(b, func(b *testing.B, name string, data []byte) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if code := cli.Main([]string{"--no-config", "--color", "never", path}, nil, io.Discard, io.Discard); code > 1 {
				b.Fatalf("exit code %d", code)
			}
		}
	})
}

// BenchmarkRunCorpus is the whole command over every export of the scale
// at once (one directory), as a CI run over a tenant's exports.
func BenchmarkRunCorpus(b *testing.B) {
	s := scale(b)
	dir := b.TempDir()
	total := 0
	for _, e := range corpus.Files(s) {
		data := input(b, s, e)
		total += len(data)
		if err := os.WriteFile(filepath.Join(dir, string(e)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		if code := cli.Main([]string{"--no-config", "--color", "never", dir}, nil, io.Discard, io.Discard); code > 1 {
			b.Fatalf("exit code %d", code)
		}
	}
}
